/** Which version is in force on a map date, and the team's changelog entry for it. */
import type { Changelog, Version } from '../api';

/**
 * The version in force on `date` (YYYY-MM-DD, UTC): the last one valid by the end of that day, as
 * the map shows it. Null before the first version. `versions` in any order.
 *
 * Example: versions valid 2022-06-01T20:00Z (id 20) and 2022-06-03T12:00Z (id 21) → 2022-06-02
 * gives 20, 2022-06-03 and later give 21.
 */
export function versionInForce(versions: readonly Version[], date: string): Version | null {
  let best: Version | null = null;
  for (const v of versions) {
    if (v.validAt.slice(0, 10) > date) continue;
    if (!best || v.validAt > best.validAt || (v.validAt === best.validAt && v.id > best.id)) best = v;
  }
  return best;
}

/** The changelog of a team version (`source: 'frontline'`), or null for an imported one or a summary without it. */
export function teamChangelog(version: Version | null): Changelog | null {
  if (!version || version.source !== 'frontline') return null;
  const c = (version.summary as { changelog?: Partial<Changelog> } | null)?.changelog;
  if (!c || typeof c.what !== 'string') return null;
  return { what: c.what, why: typeof c.why === 'string' ? c.why : '', sources: Array.isArray(c.sources) ? c.sources.filter((s): s is string => typeof s === 'string') : [] };
}

/**
 * The team's versions as timeline marks, oldest first: date (YYYY-MM-DD, UTC) and the changelog's
 * `what`. Versions without a changelog are left out.
 */
export function teamUpdates(versions: readonly Version[]): { date: string; title: string }[] {
  return [...versions].sort((a, b) => (a.validAt < b.validAt ? -1 : a.validAt > b.validAt ? 1 : a.id - b.id))
    .flatMap((v) => {
      const changelog = teamChangelog(v);
      return changelog ? [{ date: v.validAt.slice(0, 10), title: changelog.what }] : [];
    });
}
