/**
 * Ground each side gained between consecutive versions, per region: the series behind `tempo`.
 * Computed once per pair of versions and cached in the store (pair_gains). Per changed cell,
 * one GEOS difference gives Russia's gain (after − before); Ukraine's gain follows from the
 * stored figures: gained by Ukraine = gained by Russia − net change of Russian-held ground.
 */
import * as geos from '../core/geometry/geos.js';
import { russianHeld } from '../core/analysis/front-line.js';
import { cutIntoCells } from '../core/timeline/cut-into-cells.js';
import { cellsIn, type CellId } from '../core/timeline/grid.js';
import { countryCellIds, countryLandIn, landKm2 } from './country.js';
import type { StepGain } from '../core/analysis/tempo.js';
import type { PairGain, Store, VersionRecord } from '../store/store.js';

/** A region's share of one cell: `null` geometry when the region covers the cell's land entirely. */
type CellShare = geos.Geom | null;

const regionCells = new WeakMap<Store, Map<string, Map<CellId, CellShare>>>();

/** The region cut into cells; a cell the region covers (to 0.1 % of its land) needs no clipping. */
export function regionShares(store: Store, code: string): Map<CellId, CellShare> {
  let perStore = regionCells.get(store);
  if (!perStore) { perStore = new Map(); regionCells.set(store, perStore); }
  let shares = perStore.get(code);
  if (!shares) {
    if (code === 'UA') {
      shares = new Map();
      for (const cell of countryCellIds(store)) shares.set(cell, null);
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
  const shares = new Map<CellId, CellShare>();
  for (const [cell, piece] of cutIntoCells(area)) {
    const cellLand = countryLandIn(store, cell);
    if (!cellLand) { geos.free(piece); continue; }
    const onLand = geos.intersection(piece, cellLand);
    geos.free(piece);
    const km2 = geos.areaKm2(onLand);
    if (km2 <= 0) { geos.free(onLand); continue; }
    const whole = km2 >= 0.999 * landKm2(store, cell);
    if (whole) geos.free(onLand);
    shares.set(cell, whole ? null : onLand);
  }
  return shares;
}

/** km² of `g` inside a cell's share (the whole of it when the share is the cell's land). */
function km2In(g: geos.Geom, share: CellShare): number {
  if (share === null) return geos.areaKm2(g);
  const part = geos.intersection(g, share);
  const km2 = geos.areaKm2(part);
  geos.free(part);
  return km2;
}

/**
 * Walks pairs of versions (in order; consecutive pairs share their middle version) and visits every
 * cell whose layers differ, with its Russian-held ground before and after. Held ground is computed
 * once per layer key and kept only while the next pair can reuse it.
 */
function forEachChangedCell(
  store: Store,
  pairs: [VersionRecord, VersionRecord][],
  visit: (cell: CellId, before: geos.Geom | null, after: geos.Geom | null) => void,
  endPair: (pair: [VersionRecord, VersionRecord], index: number) => void,
): void {
  const heldOf = new Map<string, geos.Geom | null>();
  const heldByKey = (key: string) => {
    if (!heldOf.has(key)) {
      const layers = store.cellLayers(key);
      if (!layers) throw new Error(`cell layers ${key} are missing from the store: re-import the versions`);
      heldOf.set(key, russianHeld(layers));
    }
    return heldOf.get(key)!;
  };
  let cellsA = new Map<CellId, string>();
  let lastB = -1;
  try {
    pairs.forEach(([a, b], n) => {
      if (a.id !== lastB) cellsA = store.versionCells(a.id);
      const cellsB = store.versionCells(b.id);
      for (const [cell, keyB] of cellsB) {
        const keyA = cellsA.get(cell);
        if (keyA === keyB) continue;
        // A cell the earlier version lacks held nothing then.
        visit(cell, keyA === undefined ? null : heldByKey(keyA), heldByKey(keyB));
      }
      endPair([a, b], n);
      const keep = new Set(cellsB.values());
      for (const [key, g] of heldOf) if (!keep.has(key)) { if (g) geos.free(g); heldOf.delete(key); }
      cellsA = cellsB;
      lastB = b.id;
    });
  } finally {
    for (const g of heldOf.values()) if (g) geos.free(g);
  }
}

/**
 * Gains per consecutive pair of versions inside an arbitrary area (a drawn sector): both
 * directions by GEOS (no stored figures to lean on), not cached.
 */
export function areaStepGains(store: Store, shares: Map<CellId, CellShare>): StepGain[] {
  const out: StepGain[] = [];
  let russia = 0, ukraine = 0;
  forEachChangedCell(store, consecutivePairs(store), (cell, a, b) => {
    if (!shares.has(cell)) return;
    const share = shares.get(cell)!;
    if (b) { const g = a ? geos.difference(b, a) : geos.clone(b); russia += km2In(g, share); geos.free(g); }
    if (a) { const g = b ? geos.difference(a, b) : geos.clone(a); ukraine += km2In(g, share); geos.free(g); }
  }, ([, b]) => {
    out.push({ validAt: b.validAt, russiaKm2: russia, ukraineKm2: ukraine });
    russia = 0; ukraine = 0;
  });
  return out;
}

/** Russian-held ground of a version's cells under a box, merged; clipped to the box when `clip`. */
export function heldInBox(store: Store, cells: Map<CellId, string>, box: geos.Envelope, clip = false): geos.Geom {
  const pieces: geos.Geom[] = [];
  for (const cell of cellsIn(box.minX, box.minY, box.maxX, box.maxY)) {
    const key = cells.get(cell);
    const g = key ? russianHeld(store.cellLayers(key)!) : null;
    if (!g) continue;
    if (clip) { pieces.push(geos.clipToRect(g, box)); geos.free(g); } else pieces.push(g);
  }
  const merged = geos.unionAll(pieces);
  pieces.forEach(geos.free);
  return merged;
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
  const rows: PairGain[] = [];
  let russia = new Map(codes.map((c) => [c, 0]));
  forEachChangedCell(store, pairs, (cell, before, after) => {
    if (!after) return;
    const gained = before ? geos.difference(after, before) : geos.clone(after);
    if (!geos.isEmpty(gained)) {
      let whole: number | null = null;
      for (const { code, cells } of shares) {
        if (!cells.has(cell)) continue;
        const share = cells.get(cell)!;
        const km2 = share === null ? (whole ??= geos.areaKm2(gained)) : km2In(gained, share);
        russia.set(code, russia.get(code)! + km2);
      }
    }
    geos.free(gained);
  }, ([a, b], n) => {
    for (const code of codes) {
      const net = held(store.regionFigures(b.id, code)) - held(store.regionFigures(a.id, code));
      const r = russia.get(code)!;
      rows.push({ fromVersion: a.id, toVersion: b.id, code, russiaKm2: r, ukraineKm2: Math.max(0, r - net) });
    }
    russia = new Map(codes.map((c) => [c, 0]));
    onProgress?.(n + 1, pairs.length);
  });
  return rows;
}
