/**
 * A draft applied to the control surface of its base version, cell by cell (the 0.25° grid of
 * core/timeline/grid.ts): each change polygon is clipped to the cell and the country outline,
 * subtracted from the other statuses and added to its own, in the order the changes were made.
 * Layers stay disjoint and inside the country, so nothing overlaps and nothing is left uncovered
 * (`ukraine` is whatever is neither occupied nor contested).
 *
 * - `occupied`: added to occupied; removed from contested and liberated; occupiedBefore2022 kept
 *   (it stays ⊆ occupied).
 * - `contested`: added to contested; removed from occupied, occupiedBefore2022, liberated.
 * - `ukraine`: removed from occupied, occupiedBefore2022, contested; liberated is left as it was
 *   (a change does not decide whether ground counts as liberated).
 */
import * as geos from '../geometry/geos.js';
import { geometryToWkb, wkbPolygons, wkbToGeometry } from '../geometry/wkb.js';
import { cellOf, cellRect, cellsIn, type CellId } from '../timeline/grid.js';
import { LAYERS, type Layer, type SettlementStatus, type SourceStatus } from '../timeline/status.js';
import type { ChangeStatus } from './items.js';
import type { Geometry } from 'geojson';

export type CellLayers = Record<Layer, Uint8Array>;

export interface ChangeInput { status: ChangeStatus; geometry: Geometry }

export interface AppliedCell { cell: CellId; before: CellLayers; after: CellLayers }

/**
 * The cells a list of changes touches, with their layers before and after. `baseLayers` gives a
 * cell's layers in the base version (null for cells outside the country: nothing to change there).
 * Needs `geos.initGeometry()` first.
 */
export function applyChanges(changes: ChangeInput[], baseLayers: (cell: CellId) => CellLayers | null, countryWkb: Uint8Array): AppliedCell[] {
  if (changes.length === 0) return [];
  const country = geos.fromWkb(countryWkb);
  const shapes = changes.map((c) => {
    const raw = geos.fromWkb(geometryToWkb(c.geometry));
    const geom = geos.makeValidPolygonal(raw);
    geos.free(raw);
    return { status: c.status, geom, env: geos.envelope(geom) };
  });
  const cells = new Set<CellId>();
  for (const s of shapes) if (s.env) for (const c of cellsIn(s.env.minX, s.env.minY, s.env.maxX, s.env.maxY)) cells.add(c);
  const out: AppliedCell[] = [];
  try {
    for (const cell of [...cells].sort((a, b) => a - b)) {
      const before = baseLayers(cell);
      if (!before) continue;
      const rect = cellRect(cell);
      const countryCell = geos.clipToRect(country, rect);
      const layers = Object.fromEntries(LAYERS.map((l) => [l, geos.fromWkb(before[l])])) as Record<Layer, geos.Geom>;
      const replace = (l: Layer, next: geos.Geom) => { geos.free(layers[l]); layers[l] = next; };
      let touched = false;
      for (const s of shapes) {
        const e = s.env;
        if (!e || e.minX > rect.maxX || e.maxX < rect.minX || e.minY > rect.maxY || e.maxY < rect.minY) continue;
        const clipped = geos.clipToRect(s.geom, rect);
        const piece = geos.intersection(clipped, countryCell);
        geos.free(clipped);
        if (geos.isEmpty(piece)) { geos.free(piece); continue; }
        touched = true;
        const remove: Layer[] = s.status === 'occupied' ? ['contested', 'liberated']
          : s.status === 'contested' ? ['occupied', 'occupiedBefore2022', 'liberated'] : ['occupied', 'occupiedBefore2022', 'contested'];
        for (const l of remove) if (!geos.isEmpty(layers[l])) replace(l, geos.difference(layers[l], piece));
        if (s.status !== 'ukraine') replace(s.status, geos.union(layers[s.status], piece));
        geos.free(piece);
      }
      geos.free(countryCell);
      const after = Object.fromEntries(LAYERS.map((l) => [l, geos.toWkb(layers[l])])) as CellLayers;
      for (const l of LAYERS) geos.free(layers[l]);
      if (touched) out.push({ cell, before, after });
    }
  } finally {
    geos.free(country);
    for (const s of shapes) geos.free(s.geom);
  }
  return out;
}

/**
 * The polygons of a whole new version: every cell's layers, the changed cells' new ones instead of
 * the base's. Each non-empty layer of each cell is one polygon with that layer as its status, which
 * the control builder (core/timeline/control-builder.ts) turns back into the same layers.
 */
export function versionPolygons(baseCells: Iterable<[CellId, CellLayers]>, changed: AppliedCell[]): { status: SourceStatus; geometry: Geometry }[] {
  const replaced = new Map(changed.map((c) => [c.cell, c.after]));
  const out: { status: SourceStatus; geometry: Geometry }[] = [];
  for (const [cell, layers] of baseCells) {
    const l = replaced.get(cell) ?? layers;
    for (const layer of LAYERS) {
      if (wkbPolygons(l[layer]).length > 0) out.push({ status: layer, geometry: wkbToGeometry(l[layer]) });
    }
  }
  return out;
}

/** A point's status in a cell's layers (a boundary counts as inside), as the import computes it. */
export function statusInLayers(layers: CellLayers, lon: number, lat: number): SettlementStatus {
  const order: [SettlementStatus, Layer][] = [['contested', 'contested'], ['occupiedBefore2022', 'occupiedBefore2022'], ['occupied', 'occupied'], ['liberated', 'liberated']];
  for (const [status, layer] of order) {
    const g = geos.fromWkb(layers[layer]);
    try {
      if (geos.isEmpty(g)) continue;
      const p = geos.prepare(g);
      try {
        if (geos.preparedCoversXY(p, lon, lat)) return status;
      } finally {
        geos.freePrepared(p);
      }
    } finally {
      geos.free(g);
    }
  }
  return 'ukraine';
}

/**
 * The ground of one status around a point, in a window of the base version: the status at the
 * point (occupied with the ground occupied before 2022, contested, or Ukrainian-held = the country
 * less both), and that status's layer in every cell of the window, unioned and clipped to it. Null
 * when the point is outside the country. The caller frees `geom`.
 */
export function controlArea(window: { minX: number; minY: number; maxX: number; maxY: number }, baseLayers: (cell: CellId) => CellLayers | null, countryWkb: Uint8Array, lon: number, lat: number): { status: ChangeStatus; geom: geos.Geom } | null {
  const at = baseLayers(cellOf(lon, lat));
  if (!at) return null;
  const s = statusInLayers(at, lon, lat);
  const status: ChangeStatus = s === 'contested' ? 'contested' : s === 'occupied' || s === 'occupiedBefore2022' ? 'occupied' : 'ukraine';
  const country = geos.fromWkb(countryWkb);
  const pieces: geos.Geom[] = [];
  try {
    for (const cell of cellsIn(window.minX, window.minY, window.maxX, window.maxY)) {
      const layers = baseLayers(cell);
      if (!layers) continue;
      const r = cellRect(cell);
      const rect = { minX: Math.max(r.minX, window.minX), minY: Math.max(r.minY, window.minY), maxX: Math.min(r.maxX, window.maxX), maxY: Math.min(r.maxY, window.maxY) };
      if (rect.minX >= rect.maxX || rect.minY >= rect.maxY) continue;
      let piece: geos.Geom;
      if (status === 'ukraine') {
        piece = geos.clipToRect(country, rect);
        for (const l of ['occupied', 'contested'] as const) {
          const g = geos.fromWkb(layers[l]);
          if (!geos.isEmpty(g)) { const next = geos.difference(piece, g); geos.free(piece); piece = next; }
          geos.free(g);
        }
      } else {
        const g = geos.fromWkb(layers[status]);
        piece = geos.clipToRect(g, rect);
        geos.free(g);
      }
      if (geos.isEmpty(piece)) geos.free(piece);
      else pieces.push(piece);
    }
    return { status, geom: geos.unionAll(pieces) };
  } finally {
    pieces.forEach(geos.free);
    geos.free(country);
  }
}
