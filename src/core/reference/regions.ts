/**
 * Region lookup that forgives spelling: `UA-09`, `Luhansk`, `Luhanska oblast`, `Lugansk` and
 * `Луганська область` all name the same oblast; `Ukraine` or `UA` is the country.
 */
import { closestNames, foldName, nameDistance, stripRegionWords } from './names.js';

export interface NamedRegion { code: string; level: 'country' | 'oblast' | 'raion'; name: string; aliases: string[] }

export type RegionLookup<R extends NamedRegion> =
  | { ok: true; region: R }
  | { ok: false; reason: 'unknown' | 'ambiguous'; message: string; suggestions: string[] };

const LEVEL_RANK = { country: 0, oblast: 1, raion: 2 } as const;

const label = (r: NamedRegion) => `${r.name} (${r.code})`;

/**
 * Resolves a user's region name or code. Exact codes win; then folded names (generic words such
 * as "oblast" removed); then a single close match (edit distance ≤ 2, oblasts before raions).
 */
export function resolveRegion<R extends NamedRegion>(query: string, regions: readonly R[]): RegionLookup<R> {
  const q = query.trim();
  const byCode = regions.find((r) => r.code.toUpperCase() === q.toUpperCase());
  if (byCode) return { ok: true, region: byCode };
  const key = stripRegionWords(foldName(q));
  if (!key) return { ok: false, reason: 'unknown', message: 'empty region name', suggestions: [] };
  const keyed = regions.map((r) => ({ r, keys: [...new Set(r.aliases.concat(r.name).map((a) => stripRegionWords(foldName(a))))] }));
  const exact = keyed.filter(({ keys }) => keys.includes(key)).map(({ r }) => r);
  const pick = (list: R[]) => [...list].sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level]);
  if (exact.length) {
    // An oblast and a raion can share a name (Luhansk, Luhanskyi): the larger unit wins.
    return { ok: true, region: pick(exact)[0] };
  }
  const scored = keyed
    .map(({ r, keys }) => ({ r, d: Math.min(...keys.map((k) => nameDistance(key, k))) }))
    .filter(({ d }) => d <= Math.min(2, Math.floor(key.length / 4)))
    .sort((a, b) => a.d - b.d || LEVEL_RANK[a.r.level] - LEVEL_RANK[b.r.level]);
  if (scored.length && (scored.length === 1 || scored[0].d < scored[1].d || scored[0].r.level !== scored[1].r.level)) {
    return { ok: true, region: scored[0].r };
  }
  const suggestions = closestNames(q, keyed.flatMap(({ r, keys }) => keys.map((k) => ({ key: k, label: label(r) }))), 5);
  return { ok: false, reason: scored.length ? 'ambiguous' : 'unknown', message: `unknown region '${query}' (did you mean ${suggestions.join(', ')}?)`, suggestions };
}
