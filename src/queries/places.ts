/** Place search (settlements and regions, any spelling) and a settlement's status history. */
import { foldName, stripRegionWords } from '../core/reference/names.js';
import { buildSettlementIndex, searchSettlements, type SettlementIndex } from '../core/reference/settlement-search.js';
import { STATUS_CODES } from '../core/timeline/settlement-status.js';
import { polygonCoversPoint, type AreaChange } from '../core/workspace/items.js';
import { FrontlineError } from '../errors.js';
import type { SettlementRecord, Store } from '../store/store.js';
import { requireReference } from './context.js';
import { settlementEvents } from './published-items.js';

export interface Place {
  kind: 'settlement' | 'region';
  code: string;
  name: string;
  nameUk: string | null;
  lon: number;
  lat: number;
  population: number | null;
  oblast: string | null;
  /** Regions only: [west, south, east, north], to fit the map to. */
  bbox?: [number, number, number, number];
}

const indexes = new WeakMap<Store, SettlementIndex & { byCode: Map<string, SettlementRecord> }>();

/** The spelling-tolerant index of a store's settlements, built once per store (~0.7 s). */
export function settlementIndex(store: Store) {
  let index = indexes.get(store);
  if (!index) {
    const records = store.settlements();
    index = Object.assign(buildSettlementIndex(records.map((s) => ({ ...s, sources: [] }))), { byCode: new Map(records.map((r) => [r.code, r])) });
    indexes.set(store, index);
  }
  return index;
}

/** Regions whose name or code matches exactly first, then settlements ranked by match and population. */
export function searchPlaces(store: Store, q: string, limit = 10, regionBoxes: Map<string, [number, number, number, number]> = new Map()): Place[] {
  requireReference(store);
  const key = stripRegionWords(foldName(q));
  const regions: Place[] = store.regions()
    .filter((r) => r.code.toLowerCase() === q.trim().toLowerCase() || [r.name, ...r.aliases].some((a) => stripRegionWords(foldName(a)) === key))
    .map((r) => {
      const bbox = regionBoxes.get(r.code);
      const [lon, lat] = bbox ? [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2] : [31.2, 48.4];
      return { kind: 'region' as const, code: r.code, name: r.name, nameUk: r.nameUk, lon, lat, population: null, oblast: r.level === 'oblast' ? r.code : r.parent, ...(bbox ? { bbox } : {}) };
    });
  const index = settlementIndex(store);
  const settlements: Place[] = searchSettlements(index, q, limit).map(({ settlement }) => {
    const s = index.byCode.get(settlement.code)!;
    return { kind: 'settlement' as const, code: s.code, name: s.name, nameUk: s.nameUk, lon: s.lon, lat: s.lat, population: s.population, oblast: s.oblast };
  });
  return [...regions, ...settlements].slice(0, limit);
}

/**
 * The versions at which a settlement's status changed ("occupied since …"), and the events the team
 * published there, each with its sources. `now` (ISO): embargoes and delays are read against it.
 */
export function statusHistory(store: Store, code: string, now = new Date().toISOString()) {
  requireReference(store);
  const s = settlementIndex(store).byCode.get(code);
  if (!s) throw new FrontlineError('UNKNOWN_PLACE', `unknown settlement '${code}'`);
  const history: { date: string; validAt: string; status: string; source: string; sources?: { url: string; publisher: string; publishedAt: string | null; archiveUrl: string | null }[] }[] = [];
  let last = -1;
  for (const v of store.versions()) {
    const statuses = store.settlementStatuses(v.id);
    if (!statuses || statuses[s.id] === last) continue;
    last = statuses[s.id];
    const draft = v.source === 'frontline' && typeof v.summary.draft === 'number' ? v.summary.draft : null;
    history.push({ date: v.validAt.slice(0, 10), validAt: v.validAt, status: STATUS_CODES[last], source: v.source, ...(draft ? { sources: publishedSources(store, draft, s) } : {}) });
  }
  return { code: s.code, name: s.name, lon: s.lon, lat: s.lat, oblast: s.oblast, population: s.population, history, events: settlementEvents(store, s.code, now) };
}

/**
 * The sources of a team version's published changes that cover a settlement: "occupied from …
 * (sources …)". Claims and changes held back by an embargo were not published, so they are skipped.
 */
function publishedSources(store: Store, draftId: number, s: { lon: number; lat: number }) {
  const ws = store.workspace();
  const embargoed = new Set(((ws.draft(draftId)?.review.embargoed as { item: number }[] | undefined) ?? []).map((e) => e.item));
  const out = new Map<string, { url: string; publisher: string; publishedAt: string | null; archiveUrl: string | null }>();
  for (const item of ws.items(draftId)) {
    const c = item.body as unknown as AreaChange;
    if (item.kind !== 'change' || item.state !== 'active' || embargoed.has(item.id) || c.claim || !polygonCoversPoint(c.geometry, s.lon, s.lat)) continue;
    for (const src of c.sources) out.set(src.url, { url: src.url, publisher: src.publisher, publishedAt: src.publishedAt ?? null, archiveUrl: src.archiveUrl ?? null });
  }
  return [...out.values()];
}
