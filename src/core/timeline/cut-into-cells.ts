/**
 * Cuts a geometry into grid cells by recursive halving: each clip works on the part of the
 * geometry already inside a block of cells, so cutting the country outline (110k vertices) into
 * ~1,400 cells costs a few passes over its vertices instead of one pass per cell.
 */
import * as geos from '../geometry/geos.js';
import { ALL_CELLS, CELL_DEG, COLS, ORIGIN_LAT, ORIGIN_LON, ROWS, cellOf, cellRect, type CellId, type CellPartition } from './grid.js';

/** Pieces of `geom` per cell of the partition (non-empty only). `geom` is not freed; the pieces are new. */
export function cutIntoCells(geom: geos.Geom, keep: CellPartition = ALL_CELLS): Map<CellId, geos.Geom> {
  const out = new Map<CellId, geos.Geom>();
  const env = geos.envelope(geom);
  if (!env) return out;
  // Absolute column/row indices (the grid origin is a multiple of CELL_DEG), clamped to the grid.
  const col = (x: number) => Math.min(Math.max(Math.floor(x / CELL_DEG), ORIGIN_LON / CELL_DEG), ORIGIN_LON / CELL_DEG + COLS - 1);
  const row = (y: number) => Math.min(Math.max(Math.floor(y / CELL_DEG), ORIGIN_LAT / CELL_DEG), ORIGIN_LAT / CELL_DEG + ROWS - 1);
  split(geom, col(env.minX), row(env.minY), col(env.maxX), row(env.maxY), false, keep, out);
  return out;
}

/** Cells are addressed by integer column/row of their lower-left corner in CELL_DEG units. */
function split(geom: geos.Geom, c0: number, r0: number, c1: number, r1: number, owned: boolean, keep: CellPartition, out: Map<CellId, geos.Geom>): void {
  if (c0 === c1 && r0 === r1) {
    const id = cellOf((c0 + 0.5) * CELL_DEG, (r0 + 0.5) * CELL_DEG);
    if (!keep.cell(id)) { if (owned) geos.free(geom); return; }
    let piece = geos.clipToRect(geom, cellRect(id));
    if (owned) geos.free(geom);
    if (geos.isEmpty(piece)) { geos.free(piece); return; }
    // A rectangle clip can leave an invalid ring where an edge runs along the cell border.
    if (!geos.isValid(piece)) {
      const fixed = geos.makeValidPolygonal(piece);
      geos.free(piece);
      piece = fixed;
    }
    out.set(id, piece);
    return;
  }
  const halves: [number, number, number, number][] = c1 - c0 >= r1 - r0
    ? [[c0, r0, (c0 + c1) >> 1, r1], [((c0 + c1) >> 1) + 1, r0, c1, r1]]
    : [[c0, r0, c1, (r0 + r1) >> 1], [c0, ((r0 + r1) >> 1) + 1, c1, r1]];
  const firstCol = ORIGIN_LON / CELL_DEG;
  for (const [a0, b0, a1, b1] of halves) {
    if (!keep.columns(a0 - firstCol, a1 - firstCol)) continue;
    const part = geos.clipToRect(geom, { minX: a0 * CELL_DEG, minY: b0 * CELL_DEG, maxX: (a1 + 1) * CELL_DEG, maxY: (b1 + 1) * CELL_DEG });
    if (geos.isEmpty(part)) { geos.free(part); continue; }
    split(part, a0, b0, a1, b1, true, keep, out);
  }
  if (owned) geos.free(geom);
}
