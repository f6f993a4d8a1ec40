/**
 * A fixed lon/lat grid that cuts every geometry into cells. Consecutive map versions differ in a
 * few cells along the front; working per cell lets an import recompute only those cells, with
 * results identical to a full recomputation (a cell's figures depend only on its own pieces).
 */

/** Cell size in degrees: small enough that a day's changes touch few cells, large enough that
 * the per-cell overhead stays low (~350 cells cover Ukraine). */
export const CELL_DEG = 0.25;
export const ORIGIN_LON = 22;
export const ORIGIN_LAT = 44;
export const COLS = 80;
export const ROWS = 40;

export type CellId = number;

export interface CellRect { minX: number; minY: number; maxX: number; maxY: number }

export function cellRect(id: CellId): CellRect {
  const col = id % COLS;
  const row = Math.floor(id / COLS);
  const minX = ORIGIN_LON + col * CELL_DEG;
  const minY = ORIGIN_LAT + row * CELL_DEG;
  return { minX, minY, maxX: minX + CELL_DEG, maxY: minY + CELL_DEG };
}

export function cellOf(lon: number, lat: number): CellId {
  const col = Math.floor((lon - ORIGIN_LON) / CELL_DEG);
  const row = Math.floor((lat - ORIGIN_LAT) / CELL_DEG);
  return row * COLS + col;
}

/** Cells meeting a lon/lat box, clamped to the grid. */
export function cellsIn(west: number, south: number, east: number, north: number): CellId[] {
  const c0 = Math.max(0, Math.floor((west - ORIGIN_LON) / CELL_DEG));
  const c1 = Math.min(COLS - 1, Math.floor((east - ORIGIN_LON) / CELL_DEG));
  const r0 = Math.max(0, Math.floor((south - ORIGIN_LAT) / CELL_DEG));
  const r1 = Math.min(ROWS - 1, Math.floor((north - ORIGIN_LAT) / CELL_DEG));
  const out: CellId[] = [];
  for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) out.push(r * COLS + c);
  return out;
}

/**
 * A share of the grid for one of `of` engines: stripes of STRIPE_COLS columns, dealt round-robin,
 * so each engine gets cells all along the front, and cutting can skip whole blocks of columns.
 */
export const STRIPE_COLS = 4;

export interface CellPartition {
  cell(id: CellId): boolean;
  /** Whether any column in [col0, col1] (grid columns, 0-based) belongs to the share. */
  columns(col0: number, col1: number): boolean;
}

export function stripePartition(share: number, of: number): CellPartition {
  const owns = (col: number) => Math.floor(col / STRIPE_COLS) % of === share;
  return {
    cell: (id) => owns(id % COLS),
    columns: (col0, col1) => {
      if (of === 1 || col1 - col0 + 1 >= STRIPE_COLS * of) return true;
      for (let c = col0; c <= col1; c++) if (owns(c)) return true;
      return false;
    },
  };
}

export const ALL_CELLS: CellPartition = { cell: () => true, columns: () => true };
