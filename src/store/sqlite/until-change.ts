/**
 * A figure that only changes when the database is written (by this connection or another) or when
 * the clock passes a known instant (a held version becomes public, an embargo ends), kept between
 * those moments. The public caches ask for such stamps on every request; recomputing them meant a
 * table scan per tile.
 */
import type Database from 'better-sqlite3';

export function untilChange<T>(db: Database.Database, compute: (now: string) => { value: T; until: string | null }): (now?: string) => T {
  // data_version moves when another connection commits; total_changes() when this one writes.
  const mark = db.prepare('SELECT (SELECT data_version FROM pragma_data_version) || \':\' || total_changes()').pluck();
  let kept: { mark: string; until: string | null; value: T; askedAt: string } | null = null;
  return (now = new Date().toISOString()) => {
    const m = mark.get() as string;
    // An instant before the one kept was asked for (tests with a fixed clock) is computed afresh.
    if (kept && kept.mark === m && now >= kept.askedAt && (kept.until === null || now < kept.until)) return kept.value;
    const { value, until } = compute(now);
    kept = { mark: m, until, value, askedAt: now };
    return value;
  };
}
