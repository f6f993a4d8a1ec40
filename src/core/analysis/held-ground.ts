/**
 * Russian-held ground of one version (occupied ∪ contested, as stored per 0.25° cell) as a
 * distance field: for any point, is it inside held ground, and how far is the nearest edge of it.
 *
 * Method (docs/analysis.md, "Roads and supply"): the edges of held ground go into a packed R-tree
 * (flatbush). The nearest edge is found in a local equirectangular projection around the query
 * point (x scaled by cos φ), then measured as a geodesic with geographiclib. Within the 30-odd km
 * that matter here the projection picks the right edge; the geodesic makes the figure exact to
 * metres (a brute-force check in the tests agrees within 50 m).
 */
import Flatbush from 'flatbush';
import type { FlatPolygon } from '../geometry/wkb.js';
import { CELL_DEG, cellOf, cellRect, ORIGIN_LAT, ORIGIN_LON, type CellId } from '../timeline/grid.js';
import { distanceKm } from './geodesic.js';

/** x of the index = lon · this (cos 48.5°, the middle of Ukraine), so boxes are roughly square in km. */
const INDEX_X_SCALE = Math.cos((48.5 * Math.PI) / 180);

export interface HeldGround {
  /** Whether the point lies in held ground (boundary counts as inside). */
  inside(lon: number, lat: number): boolean;
  /** Geodesic km to the nearest edge of held ground, or Infinity when there is none. */
  nearestEdgeKm(lon: number, lat: number): number;
  /** Cells that have held ground. */
  cells: Set<CellId>;
  /** Number of indexed edges (cell seams excluded). */
  edgeCount: number;
}

/** A coordinate lying exactly on a grid line (cells are clipped at multiples of 0.25°, exact in binary). */
function onGridLine(v: number, origin: number): boolean {
  const k = (v - origin) / CELL_DEG;
  return Math.abs(k - Math.round(k)) < 1e-9;
}

/**
 * An edge along a cell's own side is a seam of the grid: held ground continues in the next cell
 * (a piece reaches the side only because a polygon was clipped there), so it is not an edge of
 * held ground. Leaving seams out keeps "distance to the nearest edge" meaningful inside held
 * ground too (used to skip ahead along roads) and makes the index smaller.
 */
function isSeam(x0: number, y0: number, x1: number, y1: number): boolean {
  return (x0 === x1 && onGridLine(x0, ORIGIN_LON)) || (y0 === y1 && onGridLine(y0, ORIGIN_LAT));
}

/** Builds the field from each cell's held polygons (occupied and contested layers of the cell). */
export function heldGround(cellPolygons: Map<CellId, FlatPolygon[]>): HeldGround {
  const segs: number[] = [];
  for (const polygons of cellPolygons.values()) {
    for (const rings of polygons) for (const ring of rings) {
      for (let i = 2; i < ring.length; i += 2) {
        const x0 = ring[i - 2], y0 = ring[i - 1], x1 = ring[i], y1 = ring[i + 1];
        if (x0 === x1 && y0 === y1) continue;
        if (isSeam(x0, y0, x1, y1)) continue;
        segs.push(x0, y0, x1, y1);
      }
    }
  }
  const n = segs.length / 4;
  const index = n > 0 ? new Flatbush(n) : null;
  if (index) {
    for (let i = 0; i < n; i++) {
      const x0 = segs[4 * i] * INDEX_X_SCALE, y0 = segs[4 * i + 1], x1 = segs[4 * i + 2] * INDEX_X_SCALE, y1 = segs[4 * i + 3];
      index.add(Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1));
    }
    index.finish();
  }
  const coords = Float64Array.from(segs);
  const cells = new Set([...cellPolygons].filter(([, p]) => p.length > 0).map(([c]) => c));

  /** Squared distance (local equirectangular, degrees of latitude) from the point to segment i; writes the nearest point. */
  const out = { x: 0, y: 0 };
  const segDist2 = (i: number, lon: number, lat: number, k: number): number => {
    const ax = (coords[4 * i] - lon) * k, ay = coords[4 * i + 1] - lat;
    const bx = (coords[4 * i + 2] - lon) * k, by = coords[4 * i + 3] - lat;
    const dx = bx - ax, dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const t = len2 > 0 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2)) : 0;
    const px = ax + t * dx, py = ay + t * dy;
    out.x = px; out.y = py;
    return px * px + py * py;
  };

  function nearestEdgeKm(lon: number, lat: number): number {
    if (!index) return Infinity;
    const k = Math.cos((lat * Math.PI) / 180);
    // The nearest box gives an upper bound; every edge nearer than it lies in a box around the point.
    const [first] = index.neighbors(lon * INDEX_X_SCALE, lat, 1);
    let best = segDist2(first, lon, lat, k);
    let bx = out.x, by = out.y;
    const r = Math.sqrt(best);
    const rx = (r / k) * INDEX_X_SCALE;
    for (const i of index.search(lon * INDEX_X_SCALE - rx, lat - r, lon * INDEX_X_SCALE + rx, lat + r)) {
      const d = segDist2(i, lon, lat, k);
      if (d < best) { best = d; bx = out.x; by = out.y; }
    }
    return distanceKm(lon, lat, lon + bx / k, lat + by);
  }

  function inside(lon: number, lat: number): boolean {
    const polygons = cellPolygons.get(cellOf(lon, lat));
    if (!polygons) return false;
    for (const rings of polygons) {
      if (!inRing(rings[0], lon, lat)) continue;
      let inHole = false;
      for (let h = 1; h < rings.length && !inHole; h++) inHole = inRing(rings[h], lon, lat);
      if (!inHole) return true;
    }
    return false;
  }

  return { inside, nearestEdgeKm, cells, edgeCount: n };
}

/** Even-odd ray casting. */
function inRing(ring: Float64Array, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 2; i < ring.length; j = i, i += 2) {
    const xi = ring[i], yi = ring[i + 1], xj = ring[j], yj = ring[j + 1];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * A lower bound of the geodesic km between two cells (0 for the same or touching cells): the
 * latitude gap at 110.5 km/° and the longitude gap at the km/° of the cells' higher latitude.
 */
export function cellGapKm(a: CellId, b: CellId): number {
  const ra = cellRect(a), rb = cellRect(b);
  const dx = Math.max(0, ra.minX - rb.maxX, rb.minX - ra.maxX);
  const dy = Math.max(0, ra.minY - rb.maxY, rb.minY - ra.maxY);
  const lat = Math.max(Math.abs(ra.maxY), Math.abs(rb.maxY));
  const kx = 111.2 * Math.cos((lat * Math.PI) / 180);
  return Math.hypot(dx * kx, dy * 110.5);
}
