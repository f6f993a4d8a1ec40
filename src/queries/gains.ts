/**
 * Ground each side gained between consecutive versions, per region: the series behind `tempo`.
 * Computed once per pair of versions and cached in the store (pair_gains). Per changed cell,
 * one GEOS difference gives Russia's gain (after − before); Ukraine's gain follows from the
 * stored figures: gained by Ukraine = gained by Russia − net change of Russian-held ground.
 */
import * as geos from '../core/geometry/geos.js';
import { cutIntoCells } from '../core/timeline/cut-into-cells.js';
import type { CellId } from '../core/timeline/grid.js';
import type { Layer } from '../core/timeline/status.js';
import type { StepGain } from '../core/analysis/tempo.js';
import type { PairGain, Store, VersionRecord } from '../store/store.js';

/** A region's share of one cell: `null` geometry when the region covers the cell's land entirely. */
type CellShare = geos.Geom | null;

const countryCells = new WeakMap<Store, Map<CellId, { land: geos.Geom; km2: number }>>();
const regionCells = new WeakMap<Store, Map<string, Map<CellId, CellShare>>>();

/** The country's land in each cell, and its area in km². */
function countryCellAreas(store: Store): Map<CellId, { land: geos.Geom; km2: number }> {
  let areas = countryCells.get(store);
  if (!areas) {
    areas = new Map();
    const country = geos.fromWkb(store.regionWkb('UA')!);
    for (const [cell, piece] of cutIntoCells(country)) areas.set(cell, { land: piece, km2: geos.areaKm2(piece) });
    geos.free(country);
    countryCells.set(store, areas);
  }
  return areas;
}

/** The country's land in a cell, km². */
export const landKm2 = (store: Store, cell: CellId): number => countryCellAreas(store).get(cell)?.km2 ?? 0;

/** The region cut into cells; a cell the region covers (to 0.1 % of its land) needs no clipping. */
export function regionShares(store: Store, code: string): Map<CellId, CellShare> {
  let perStore = regionCells.get(store);
  if (!perStore) { perStore = new Map(); regionCells.set(store, perStore); }
  let shares = perStore.get(code);
  if (!shares) {
    const land = countryCellAreas(store);
    if (code === 'UA') {
      shares = new Map();
      for (const cell of land.keys()) shares.set(cell, null);
    } else {
      const region = geos.fromWkb(store.regionWkb(code)!);
      shares = sharesOf(store, region);
      geos.free(region);
    }
    perStore.set(code, shares);
  }
  return shares;
}

/** Any area (lon/lat polygons) cut into cells on the country's land; `null` where it covers a cell's land. */
export function sharesOf(store: Store, area: geos.Geom): Map<CellId, CellShare> {
  const land = countryCellAreas(store);
  const shares = new Map<CellId, CellShare>();
  for (const [cell, piece] of cutIntoCells(area)) {
    const cellLand = land.get(cell);
    if (!cellLand) { geos.free(piece); continue; }
    const onLand = geos.intersection(piece, cellLand.land);
    geos.free(piece);
    const km2 = geos.areaKm2(onLand);
    if (km2 <= 0) { geos.free(onLand); continue; }
    const whole = km2 >= 0.999 * cellLand.km2;
    if (whole) geos.free(onLand);
    shares.set(cell, whole ? null : onLand);
  }
  return shares;
}

/**
 * Gains per consecutive pair of versions inside an arbitrary area (a drawn sector): both
 * directions by GEOS (no stored figures to lean on), not cached.
 */
export function areaStepGains(store: Store, shares: Map<CellId, CellShare>): StepGain[] {
  const vs = store.versions();
  const out: StepGain[] = [];
  const heldOf = new Map<string, geos.Geom | null>();
  const heldByKey = (key: string) => {
    if (!heldOf.has(key)) heldOf.set(key, heldGround(store.cellLayers(key)!));
    return heldOf.get(key)!;
  };
  const km2In = (g: geos.Geom, share: CellShare) => {
    if (share === null) return geos.areaKm2(g);
    const part = geos.intersection(g, share);
    const km2 = geos.areaKm2(part);
    geos.free(part);
    return km2;
  };
  let cellsA = vs.length ? store.versionCells(vs[0].id) : new Map<CellId, string>();
  for (let i = 1; i < vs.length; i++) {
    const cellsB = store.versionCells(vs[i].id);
    let russia = 0, ukraine = 0;
    for (const [cell, share] of shares) {
      const keyA = cellsA.get(cell), keyB = cellsB.get(cell);
      if (keyA === keyB || keyA === undefined || keyB === undefined) continue;
      const a = heldByKey(keyA), b = heldByKey(keyB);
      if (b) { const g = a ? geos.difference(b, a) : geos.clone(b); russia += km2In(g, share); geos.free(g); }
      if (a) { const g = b ? geos.difference(a, b) : geos.clone(a); ukraine += km2In(g, share); geos.free(g); }
    }
    out.push({ validAt: vs[i].validAt, russiaKm2: russia, ukraineKm2: ukraine });
    const keep = new Set(cellsB.values());
    for (const [key, g] of heldOf) if (!keep.has(key)) { if (g) geos.free(g); heldOf.delete(key); }
    cellsA = cellsB;
  }
  for (const g of heldOf.values()) if (g) geos.free(g);
  return out;
}

/** Russian-held ground (occupied ∪ contested) of a cell's layers, or null when there is none. */
export function heldGround(layers: Record<Layer, Uint8Array>): geos.Geom | null {
  const o = geos.fromWkb(layers.occupied);
  const c = geos.fromWkb(layers.contested);
  if (geos.isEmpty(o) && geos.isEmpty(c)) { geos.free(o); geos.free(c); return null; }
  const u = geos.union(o, c);
  geos.free(o); geos.free(c);
  return u;
}

const held = (a: { occupied: number; contested: number } | null) => (a ? a.occupied + a.contested : 0);

/** Versions in valid-time order, each with its predecessor. */
function consecutivePairs(store: Store): [VersionRecord, VersionRecord][] {
  const vs = store.versions();
  return vs.slice(1).map((v, i) => [vs[i], v]);
}

/**
 * Gains per consecutive pair of versions for the regions, computing (and caching) the pairs the
 * store lacks. Regions are computed together because the costly difference per cell is shared.
 */
export function stepGains(store: Store, codes: string[], onProgress?: (done: number, total: number) => void): Map<string, StepGain[]> {
  const pairs = consecutivePairs(store);
  const cached = new Map(codes.map((c) => [c, store.pairGains(c)]));
  const missing = pairs.filter(([a, b]) => codes.some((c) => !cached.get(c)!.has(`${a.id}>${b.id}`)));
  if (missing.length) {
    const rows = computePairGains(store, missing, codes, onProgress);
    store.savePairGains(rows);
    for (const r of rows) cached.get(r.code)!.set(`${r.fromVersion}>${r.toVersion}`, r);
  }
  return new Map(codes.map((c) => [c, pairs.map(([a, b]) => {
    const g = cached.get(c)!.get(`${a.id}>${b.id}`)!;
    return { validAt: b.validAt, russiaKm2: g.russiaKm2, ukraineKm2: g.ukraineKm2 };
  })]));
}

function computePairGains(store: Store, pairs: [VersionRecord, VersionRecord][], codes: string[], onProgress?: (done: number, total: number) => void): PairGain[] {
  const shares = codes.map((c) => ({ code: c, cells: regionShares(store, c) }));
  const heldOf = new Map<string, geos.Geom | null>();
  const heldByKey = (key: string) => {
    if (!heldOf.has(key)) {
      const layers = store.cellLayers(key);
      if (!layers) throw new Error(`cell layers ${key} are missing from the store: re-import the versions`);
      heldOf.set(key, heldGround(layers));
    }
    return heldOf.get(key)!;
  };
  const rows: PairGain[] = [];
  let cellsA = store.versionCells(pairs[0][0].id);
  let lastB = pairs[0][0].id;
  pairs.forEach(([a, b], n) => {
    if (a.id !== lastB) cellsA = store.versionCells(a.id);
    const cellsB = store.versionCells(b.id);
    const russia = new Map(codes.map((c) => [c, 0]));
    for (const [cell, keyB] of cellsB) {
      const keyA = cellsA.get(cell);
      if (keyA === keyB) continue;
      const after = heldByKey(keyB);
      if (!after) continue;
      const before = keyA === undefined ? null : heldByKey(keyA);
      const gained = before ? geos.difference(after, before) : geos.clone(after);
      if (!geos.isEmpty(gained)) {
        let whole: number | null = null;
        for (const { code, cells } of shares) {
          if (!cells.has(cell)) continue;
          const share = cells.get(cell)!;
          let km2: number;
          if (share === null) km2 = whole ??= geos.areaKm2(gained);
          else { const part = geos.intersection(gained, share); km2 = geos.areaKm2(part); geos.free(part); }
          russia.set(code, russia.get(code)! + km2);
        }
      }
      geos.free(gained);
    }
    for (const code of codes) {
      const net = held(store.regionFigures(b.id, code)) - held(store.regionFigures(a.id, code));
      const r = russia.get(code)!;
      rows.push({ fromVersion: a.id, toVersion: b.id, code, russiaKm2: r, ukraineKm2: Math.max(0, r - net) });
    }
    // Keep only the held ground of cells the next pair can reuse.
    const keep = new Set(cellsB.values());
    for (const [key, g] of heldOf) if (!keep.has(key)) { if (g) geos.free(g); heldOf.delete(key); }
    cellsA = cellsB;
    lastB = b.id;
    onProgress?.(n + 1, pairs.length);
  });
  for (const g of heldOf.values()) if (g) geos.free(g);
  return rows;
}
