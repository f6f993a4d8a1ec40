/**
 * Settlement search by any spelling: exact folded-name matches first, then near ones (edit
 * distance or prefix), ranked by match quality and population. "Bahmut", "Artemivsk" and
 * "Бахмут" all find Bakhmut.
 */
import { distance } from 'fastest-levenshtein';
import { foldName } from './names.js';
import { cmpStr, type Settlement } from './gazetteer.js';

export interface SettlementIndex {
  settlements: Settlement[];
  /** Folded name key → settlement indices. */
  byKey: Map<string, number[]>;
  /** All keys, sorted, for prefix search. */
  sortedKeys: string[];
  /** Keys grouped by length, for bounded fuzzy search. */
  keysByLength: Map<number, string[]>;
}

export function buildSettlementIndex(settlements: Settlement[]): SettlementIndex {
  const fold = foldName;
  const byKey = new Map<string, number[]>();
  settlements.forEach((s, i) => {
    for (const n of [s.name, ...s.names]) {
      const k = fold(n);
      if (!k) continue;
      const list = byKey.get(k);
      if (!list) byKey.set(k, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    }
  });
  const sortedKeys = [...byKey.keys()].sort(cmpStr);
  const keysByLength = new Map<number, string[]>();
  for (const k of sortedKeys) {
    const list = keysByLength.get(k.length);
    if (list) list.push(k);
    else keysByLength.set(k.length, [k]);
  }
  return { settlements, byKey, sortedKeys, keysByLength };
}

/** Match quality scores: exact key, one edit, prefix, two edits. */
const SCORE = { exact: 1, edit1: 0.8, prefix: 0.7, edit2: 0.6 } as const;
const MAX_PREFIX_KEYS = 5000;

/**
 * Settlements matching `query` in any spelling: exact folded-key matches first, then fuzzy ones
 * (edit distance ≤ 2 on folded keys — ≤ 1 for keys of 4–5 characters, none below — or key prefix
 * for queries of ≥ 3 characters), ranked by match quality, then population, then name.
 */
export function searchSettlements(
  index: SettlementIndex,
  query: string,
  limit = 10,
): { settlement: Settlement; score: number }[] {
  const q = foldName(query);
  if (!q || limit <= 0) return [];
  const best = new Map<number, number>();
  const hit = (key: string, score: number) => {
    for (const i of index.byKey.get(key) ?? []) {
      const prev = best.get(i);
      if (prev === undefined || score > prev) best.set(i, score);
    }
  };
  hit(q, SCORE.exact);

  const maxEdits = q.length <= 3 ? 0 : q.length <= 5 ? 1 : 2;
  for (let len = q.length - maxEdits; len <= q.length + maxEdits; len++) {
    for (const k of index.keysByLength.get(len) ?? []) {
      if (k === q) continue;
      const d = distance(q, k);
      if (d <= maxEdits) hit(k, d === 1 ? SCORE.edit1 : SCORE.edit2);
    }
  }

  if (q.length >= 3) {
    const keys = index.sortedKeys;
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keys[mid] < q) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo, n = 0; i < keys.length && n < MAX_PREFIX_KEYS && keys[i].startsWith(q); i++, n++) {
      if (keys[i] !== q) hit(keys[i], SCORE.prefix);
    }
  }

  return [...best]
    .map(([i, score]) => ({ settlement: index.settlements[i], score }))
    .sort(
      (a, b) =>
        b.score - a.score ||
        (b.settlement.population ?? -1) - (a.settlement.population ?? -1) ||
        cmpStr(a.settlement.name, b.settlement.name) ||
        cmpStr(a.settlement.code, b.settlement.code),
    )
    .slice(0, limit);
}
