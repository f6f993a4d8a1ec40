/**
 * A figure that only changes when the database is written (by this connection or another) or when
 * the clock passes a known instant (a held version becomes public, an embargo ends), kept between
 * those moments. The public caches ask for such stamps on every request; recomputing them meant a
 * table scan per tile.
 */
import type Database from 'better-sqlite3';

/**
 * How long a write by another connection (a CLI import into the file the server reads) may go
 * unseen. Asking SQLite for `data_version` takes a shared lock (~5 µs), which was a fifth of a
 * core at 14k cached tiles a second; this connection's own writes are seen at once.
 */
export const OTHER_WRITERS_CHECK_MS = 50;

export interface UntilChangeOptions {
  /** A monotonic clock in ms, for tests. */
  monotonicMs?: () => number;
  otherWritersCheckMs?: number;
}

export function untilChange<T>(
  db: Database.Database,
  compute: (now: string) => { value: T; until: string | null },
  options: UntilChangeOptions = {},
): (now?: string) => T {
  const clock = options.monotonicMs ?? (() => performance.now());
  const interval = options.otherWritersCheckMs ?? OTHER_WRITERS_CHECK_MS;
  // total_changes() moves when this connection writes (cheap, no lock); data_version when another commits.
  const ownWrites = db.prepare('SELECT total_changes()').pluck();
  const otherWrites = db.prepare('SELECT data_version FROM pragma_data_version').pluck();
  let dataVersion = -1;
  let dataVersionAt = -Infinity;
  let kept: { own: number; other: number; until: string | null; value: T; askedAt: string } | null = null;
  return (now = new Date().toISOString()) => {
    const own = ownWrites.get() as number;
    const t = clock();
    if (t - dataVersionAt >= interval) { dataVersion = otherWrites.get() as number; dataVersionAt = t; }
    // An instant before the one kept was asked for (tests with a fixed clock) is computed afresh.
    if (kept && kept.own === own && kept.other === dataVersion && now >= kept.askedAt && (kept.until === null || now < kept.until)) return kept.value;
    const { value, until } = compute(now);
    kept = { own, other: dataVersion, until, value, askedAt: now };
    return value;
  };
}
