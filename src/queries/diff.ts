/** `frontline diff`: ground and settlements that changed status between two dates. */
import * as geos from '../core/geometry/geos.js';
import { formatDate } from '../core/stats/dates.js';
import { forEachTransition, gainingSide, transitions, type CellPair, type Transition } from '../core/stats/transitions.js';
import type { Feature, FeatureCollection } from 'geojson';
import { STATUS_CODES } from '../core/timeline/settlement-status.js';
import type { SettlementStatus } from '../core/timeline/status.js';
import { FrontlineError } from '../errors.js';
import type { Store } from '../store/store.js';
import { inRegion, regionRef, requireDate, requireReference, requireRegion, requireVersionOn } from './context.js';

export interface DiffResult {
  from: { date: string; versionId: number; validAt: string };
  to: { date: string; versionId: number; validAt: string };
  region: ReturnType<typeof regionRef>;
  transitions: Transition[];
  settlements: { name: string; code: string; from: SettlementStatus; to: SettlementStatus; population: number | null; oblast: string | null; raion: string | null; lon: number; lat: number }[];
}

const base = (s: SettlementStatus) => (s === 'occupiedBefore2022' ? 'occupied' : s === 'liberated' ? 'ukraine' : s);

/** The cells whose content differs between two versions, with both versions' layers. */
function changedCells(store: Store, a: number, b: number): CellPair[] {
  const cellsA = store.versionCells(a);
  const pairs: CellPair[] = [];
  for (const [cell, keyB] of store.versionCells(b)) {
    const keyA = cellsA.get(cell);
    if (keyA === keyB || keyA === undefined) continue;
    const before = store.cellLayers(keyA);
    const after = store.cellLayers(keyB);
    if (!before || !after) throw new FrontlineError('NO_VERSION', `cell ${cell} is missing from the store: re-import the versions`);
    pairs.push({ cell, before, after });
  }
  return pairs;
}

/** The ground that changed hands between two dates as GeoJSON, one feature per transition and cell. */
export async function diffGeoJSON(store: Store, params: { from?: string; to?: string }): Promise<FeatureCollection> {
  const fromDate = requireDate(params.from, 'from');
  const toDate = requireDate(params.to, 'to');
  requireReference(store);
  const a = requireVersionOn(store, fromDate);
  const b = requireVersionOn(store, toDate);
  await geos.initGeometry();
  const features: Feature[] = [];
  forEachTransition(changedCells(store, a.id, b.id), store.regionWkb('UA')!, (from, to, changed) => {
    features.push({ type: 'Feature', properties: { from, to, side: gainingSide(from, to), areaKm2: Math.round(geos.areaKm2(changed) * 100) / 100 }, geometry: geos.toGeoJSON(changed) });
  });
  return { type: 'FeatureCollection', features };
}

export async function diff(store: Store, params: { from?: string; to?: string; region?: string }): Promise<DiffResult> {
  const fromDate = requireDate(params.from, 'from');
  const toDate = requireDate(params.to, 'to');
  const region = requireRegion(store, params.region);
  const a = requireVersionOn(store, fromDate);
  const b = requireVersionOn(store, toDate);
  await geos.initGeometry();
  const pairs = changedCells(store, a.id, b.id);
  const regions = store.regions().filter((r) => (region.level === 'country' ? r.level === 'oblast' : r.code === region.code));
  const countryWkb = store.regionWkb('UA')!;
  let result = transitions(pairs, countryWkb, regions.map((r) => ({ code: r.code, wkb: store.regionWkb(r.code)! })));
  if (region.level !== 'country') {
    result = result.map((t) => {
      const own = t.byRegion.find((x) => x.code === region.code);
      return { ...t, areaKm2: own?.areaKm2 ?? 0, byRegion: own ? [own] : [] };
    });
  }
  const sa = store.settlementStatuses(a.id)!;
  const sb = store.settlementStatuses(b.id)!;
  const settlements: DiffResult['settlements'] = [];
  for (const s of store.settlements()) {
    const from = STATUS_CODES[sa[s.id]];
    const to = STATUS_CODES[sb[s.id]];
    if (base(from) === base(to) || !inRegion(region, s)) continue;
    settlements.push({ name: s.name, code: s.code, from, to, population: s.population, oblast: s.oblast, raion: s.raion, lon: s.lon, lat: s.lat });
  }
  settlements.sort((x, y) => (y.population ?? 0) - (x.population ?? 0) || x.name.localeCompare(y.name));
  return {
    from: { date: formatDate(fromDate), versionId: a.id, validAt: a.validAt },
    to: { date: formatDate(toDate), versionId: b.id, validAt: b.validAt },
    region: regionRef(region),
    transitions: result,
    settlements,
  };
}
