/**
 * The status of every settlement in a version, stored as one byte per settlement ordinal.
 * Only settlements in cells that changed since the previous version are tested again.
 */
import * as geos from '../geometry/geos.js';
import { cellOf, type CellId } from './grid.js';
import type { VersionControl } from './control-builder.js';
import type { SettlementStatus } from './status.js';

export const STATUS_CODES: readonly SettlementStatus[] = ['ukraine', 'occupied', 'occupiedBefore2022', 'contested', 'liberated'];
export const statusCode = (s: SettlementStatus): number => STATUS_CODES.indexOf(s);

export interface PointSet { lon: Float64Array; lat: Float64Array; byCell: Map<CellId, number[]> }

export function indexPoints(points: { lon: number; lat: number }[]): PointSet {
  const lon = Float64Array.from(points, (p) => p.lon);
  const lat = Float64Array.from(points, (p) => p.lat);
  const byCell = new Map<CellId, number[]>();
  points.forEach((p, i) => {
    const c = cellOf(p.lon, p.lat);
    const list = byCell.get(c);
    if (list) list.push(i); else byCell.set(c, [i]);
  });
  return { lon, lat, byCell };
}

/**
 * Statuses for a version. `previous` must be the statuses of the version the builder built just
 * before (or null, to test every point). A point on a boundary counts as inside.
 */
export function settlementStatuses(points: PointSet, control: VersionControl, previous: Uint8Array | null): Uint8Array {
  const out = previous ? previous.slice() : new Uint8Array(points.lon.length);
  const cells: CellId[] = previous ? control.changedCells : [...control.cells.keys()];
  for (const cellId of cells) {
    const ids = points.byCell.get(cellId);
    const cell = control.cells.get(cellId);
    if (!ids || !cell) continue;
    const order: [number, geos.Geom][] = [
      [3, cell.layers.contested], [2, cell.layers.occupiedBefore2022], [1, cell.layers.occupied], [4, cell.layers.liberated],
    ];
    const prepared = order.filter(([, g]) => !geos.isEmpty(g)).map(([code, g]) => [code, geos.prepare(g)] as const);
    try {
      for (const i of ids) {
        let code = 0;
        for (const [c, p] of prepared) {
          if (geos.preparedCoversXY(p, points.lon[i], points.lat[i])) { code = c; break; }
        }
        out[i] = code;
      }
    } finally {
      for (const [, p] of prepared) geos.freePrepared(p);
    }
  }
  return out;
}
