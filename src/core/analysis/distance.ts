/**
 * Shortest distance from a place to enemy-held ground (occupied or contested). The nearest
 * point is found in a local equirectangular projection around the place, then measured as a
 * geodesic; over the few hundred km that matter the projection cannot pick a wrong edge by
 * more than metres.
 */
import type { FlatPolygon } from '../geometry/wkb.js';
import { distanceKm } from './geodesic.js';

export interface Nearest { lon: number; lat: number; km: number }

/** The nearest point of the polygons' boundaries to (lon, lat), or null when there are none. */
export function nearestBoundaryPoint(polygons: FlatPolygon[], lon: number, lat: number): Nearest | null {
  const k = Math.cos((lat * Math.PI) / 180);
  let best = Infinity;
  let bx = 0;
  let by = 0;
  for (const rings of polygons) {
    for (const ring of rings) {
      for (let i = 2; i < ring.length; i += 2) {
        const ax = (ring[i - 2] - lon) * k, ay = ring[i - 1] - lat;
        const cx = (ring[i] - lon) * k, cy = ring[i + 1] - lat;
        const dx = cx - ax, dy = cy - ay;
        const len2 = dx * dx + dy * dy;
        const t = len2 > 0 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2)) : 0;
        const px = ax + t * dx, py = ay + t * dy;
        const d = px * px + py * py;
        if (d < best) { best = d; bx = px; by = py; }
      }
    }
  }
  if (best === Infinity) return null;
  const nLon = lon + bx / k;
  const nLat = lat + by;
  return { lon: nLon, lat: nLat, km: distanceKm(lon, lat, nLon, nLat) };
}
