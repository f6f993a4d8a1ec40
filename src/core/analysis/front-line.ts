/**
 * The front line of a version: where Russian-held ground (occupied or contested) meets
 * Ukrainian-held ground inside Ukraine — not the international border, the coast, or the
 * seams of the processing grid. Definitions and tolerances: docs/analysis.md.
 */
import * as geos from '../geometry/geos.js';
import { wkbLines, type FlatRing } from '../geometry/wkb.js';
import { cellRect, type CellId } from '../timeline/grid.js';
import type { Layer } from '../timeline/status.js';
import { lineLengthKm } from './geodesic.js';

/** Pieces of line shorter than this after merging are digitising noise (a sliver's edge, a
 * vertex off the border), not front: 1 km is well below the smallest front DeepState draws. */
export const MIN_PIECE_KM = 1;

/** Edges of held ground this close to the international border or the coast are the border,
 * not front: DeepState's polygons and the OCHA outline disagree by up to a few hundred metres,
 * leaving slivers of "Ukrainian-held" land along coasts and borders. 0.015° ≈ 1.1–1.7 km. */
export const BORDER_TOLERANCE_DEG = 0.015;

export interface FrontLine {
  /** The kept pieces, as lon/lat lines. */
  lines: FlatRing[];
  lengthKm: number;
  /** Pieces dropped as shorter than MIN_PIECE_KM, and their total length. */
  dropped: { pieces: number; lengthKm: number };
}

/** The zone around the international border and coast inside a cell (cache it per cell). */
export function borderZone(cell: CellId, countryCell: geos.Geom): geos.Geom {
  const r = cellRect(cell);
  const frame = geos.fromGeoJSON({ type: 'LineString', coordinates: [[r.minX, r.minY], [r.maxX, r.minY], [r.maxX, r.maxY], [r.minX, r.maxY], [r.minX, r.minY]] });
  const outline = geos.boundary(countryCell);
  // The cell's own edges are seams of the grid, not border.
  const border = geos.differenceAnyDimension(outline, frame);
  const zone = geos.buffer(border, BORDER_TOLERANCE_DEG);
  [frame, outline, border].forEach(geos.free);
  return zone;
}

/** Ukrainian-held gaps narrower than twice this are not Ukrainian ground for the front: a river
 * between two occupied banks, a seam between two DeepState polygons. 0.008° ≈ 0.6–0.9 km. */
export const GAP_HALF_WIDTH_DEG = 0.008;

/**
 * The thin gaps of Ukrainian-held ground near a cell (morphological opening of the held-by-
 * Ukraine remainder), computed on a box around a cell larger than the cell, so that a cell
 * edge does not make a wide area look thin. `heldAround` is Russian-held ground in the box,
 * `countryAround` the country in the same box. Caller frees the result.
 */
export function thinGaps(heldAround: geos.Geom, countryAround: geos.Geom): geos.Geom {
  const ukrainian = geos.difference(countryAround, heldAround);
  const shrunk = geos.buffer(ukrainian, -GAP_HALF_WIDTH_DEG);
  const opened = geos.buffer(shrunk, GAP_HALF_WIDTH_DEG * 1.05);
  const thin = geos.difference(ukrainian, opened);
  // Grown a hair so that edges lying exactly on a gap's outline fall inside it.
  const zone = geos.buffer(thin, 1e-5);
  [ukrainian, shrunk, opened, thin].forEach(geos.free);
  return zone;
}

/** Russian-held ground (occupied ∪ contested) of a cell's layers, or null when there is none (caller frees). */
export function russianHeld(layers: Record<Layer, Uint8Array>): geos.Geom | null {
  const o = geos.fromWkb(layers.occupied);
  const c = geos.fromWkb(layers.contested);
  const held = geos.isEmpty(o) && geos.isEmpty(c) ? null : geos.union(o, c);
  geos.free(o); geos.free(c);
  return held;
}

/** The front within one cell, as GEOS lines (caller frees). `held` is the cell's Russian-held
 * ground (russianHeld); `zone` (from borderZone, plus thinGaps) is where its edges are not front. */
export function cellFront(cell: CellId, held: geos.Geom, zone: geos.Geom): geos.Geom {
  const edge = geos.boundary(held);
  const r = cellRect(cell);
  const frame = geos.fromGeoJSON({ type: 'LineString', coordinates: [[r.minX, r.minY], [r.maxX, r.minY], [r.maxX, r.maxY], [r.minX, r.maxY], [r.minX, r.minY]] });
  const noFrame = geos.differenceAnyDimension(edge, frame);
  const front = geos.isEmpty(zone) ? geos.clone(noFrame) : geos.differenceAnyDimension(noFrame, zone);
  [edge, frame, noFrame].forEach(geos.free);
  return front;
}

/** Joins the cells' pieces, drops noise, measures. `pieces` are not freed. */
export function assembleFront(pieces: geos.Geom[]): FrontLine {
  const nonEmpty = pieces.filter((p) => !geos.isEmpty(p));
  if (nonEmpty.length === 0) return { lines: [], lengthKm: 0, dropped: { pieces: 0, lengthKm: 0 } };
  const merged = geos.mergeLines(nonEmpty);
  const lines = wkbLines(geos.toWkb(merged));
  geos.free(merged);
  const kept: FlatRing[] = [];
  let lengthKm = 0;
  const dropped = { pieces: 0, lengthKm: 0 };
  for (const line of lines) {
    const km = lineLengthKm(line);
    if (km < MIN_PIECE_KM) { dropped.pieces++; dropped.lengthKm += km; continue; }
    kept.push(line);
    lengthKm += km;
  }
  return { lines: kept, lengthKm, dropped };
}

/** Length of the front inside each region polygon, km. */
export function lengthByRegion(front: FrontLine, regions: { code: string; geom: geos.Geom }[]): { code: string; lengthKm: number }[] {
  if (front.lines.length === 0) return [];
  const lines = geos.fromGeoJSON({ type: 'MultiLineString', coordinates: front.lines.map((l) => Array.from({ length: l.length / 2 }, (_, i) => [l[2 * i], l[2 * i + 1]])) });
  const out: { code: string; lengthKm: number }[] = [];
  for (const r of regions) {
    const part = geos.intersectionAnyDimension(lines, r.geom);
    const km = wkbLines(geos.toWkb(part)).reduce((s, l) => s + lineLengthKm(l), 0);
    geos.free(part);
    if (km > 0) out.push({ code: r.code, lengthKm: km });
  }
  geos.free(lines);
  return out.sort((a, b) => b.lengthKm - a.lengthKm);
}
