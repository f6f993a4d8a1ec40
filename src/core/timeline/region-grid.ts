/**
 * Regions (country, oblasts, raions) cut into grid cells and clipped to the country outline,
 * so that every region figure is a sum of per-cell figures and every region tiles with the
 * country exactly (the oblast and raion layers come from other sources than the outline).
 */
import * as geos from '../geometry/geos.js';
import { ALL_CELLS, cellRect, type CellId, type CellPartition, type CellRect } from './grid.js';
import { cutIntoCells } from './cut-into-cells.js';
import { polygonsAreaKm2 } from '../geometry/area.js';

export interface RegionShape { code: string; geom: geos.Geom }

export interface RegionPiece { code: string; geom: geos.Geom; areaKm2: number }

export interface GridCell {
  id: CellId;
  country: geos.Geom;
  countryPrepared: geos.Prepared;
  /** The cell lies wholly inside the country: clipping to the outline can be skipped. */
  interior: boolean;
  pieces: RegionPiece[];
}

export interface RegionGrid {
  countryCode: string;
  cells: Map<CellId, GridCell>;
  /** Region codes in a fixed order; index i is used in per-cell figure arrays. */
  codes: string[];
  /** The share of the grid these cells are. */
  partition: CellPartition;
  /** Area of each region inside the country outline, km². */
  areaKm2: Map<string, number>;
}

/**
 * Builds the grid once per run, for the cells of a partition (all by default). Regions are not freed (callers keep them); pieces are owned by
 * the grid and released with freeRegionGrid.
 */
export function buildRegionGrid(countryCode: string, country: geos.Geom, regions: RegionShape[], keep: CellPartition = ALL_CELLS): RegionGrid {
  const cells = new Map<CellId, GridCell>();
  const env = geos.envelope(country);
  if (!env) throw new Error('the country outline is empty');
  for (const [id, piece] of cutIntoCells(country, keep)) {
    const rect = cellRect(id);
    const areaKm2 = geos.areaKm2(piece);
    const interior = geos.numPoints(piece) === 5 && geos.isValid(piece) && Math.abs(areaKm2 - rectAreaKm2(rect)) < 1e-6 * areaKm2;
    cells.set(id, { id, country: piece, countryPrepared: geos.prepare(piece), interior, pieces: [{ code: countryCode, geom: piece, areaKm2 }] });
  }
  for (const region of regions) {
    for (const [id, rect] of cutIntoCells(region.geom, keep)) {
      if (!cells.has(id)) { geos.free(rect); continue; }
      const cell = cells.get(id)!;
      let inside = rect;
      if (!cell.interior && !geos.preparedCovers(cell.countryPrepared, rect)) {
        inside = geos.intersection(rect, cell.country);
        geos.free(rect);
      }
      const areaKm2 = geos.areaKm2(inside);
      if (areaKm2 <= 0) { geos.free(inside); continue; }
      cell.pieces.push({ code: region.code, geom: inside, areaKm2 });
    }
  }
  const codes = [countryCode, ...regions.map((r) => r.code)];
  const areaKm2 = new Map<string, number>(codes.map((c) => [c, 0]));
  for (const cell of cells.values()) for (const p of cell.pieces) areaKm2.set(p.code, (areaKm2.get(p.code) ?? 0) + p.areaKm2);
  return { countryCode, cells, codes, areaKm2, partition: keep };
}

export function freeRegionGrid(grid: RegionGrid): void {
  for (const cell of grid.cells.values()) {
    geos.freePrepared(cell.countryPrepared);
    for (const p of cell.pieces) geos.free(p.geom);
  }
  grid.cells.clear();
}

function rectAreaKm2(r: CellRect): number {
  const ring = Float64Array.from([r.minX, r.minY, r.maxX, r.minY, r.maxX, r.maxY, r.minX, r.maxY, r.minX, r.minY]);
  return polygonsAreaKm2([[ring]]);
}
