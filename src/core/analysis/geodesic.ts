/**
 * Geodesic lengths and distances on the WGS84 ellipsoid with geographiclib (Karney's algorithms,
 * the field's reference implementation).
 */
import geodesic from 'geographiclib-geodesic';
import type { FlatRing } from '../geometry/wkb.js';

const WGS84 = geodesic.Geodesic.WGS84;

/** Geodesic distance between two lon/lat points, km. */
export function distanceKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  return (WGS84.Inverse(lat1, lon1, lat2, lon2, geodesic.Geodesic.DISTANCE).s12 ?? 0) / 1000;
}

/** Length of a line given as flat lon/lat pairs, km (each segment a geodesic). */
export function lineLengthKm(line: FlatRing): number {
  let km = 0;
  for (let i = 2; i < line.length; i += 2) km += distanceKm(line[i - 2], line[i - 1], line[i], line[i + 1]);
  return km;
}
