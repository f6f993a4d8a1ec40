/**
 * A local equirectangular projection in km, scaled with the WGS84 radii of curvature at a
 * reference latitude. Within ±1° of latitude of the reference its east–west scale is off by at
 * most ~2.2 % (at 48°N); callers that need exact distances re-measure the chosen points as
 * geodesics (core/analysis/geodesic.ts).
 */
import type { Geometry, Position } from 'geojson';

const A = 6378.137; // WGS84 semi-major axis, km
const E2 = 0.00669437999014; // first eccentricity squared

export interface LocalProjection {
  forward(lon: number, lat: number): [number, number];
  inverse(x: number, y: number): [number, number];
  project(g: Geometry): Geometry;
  unproject(g: Geometry): Geometry;
}

export function localProjection(lon0: number, lat0: number): LocalProjection {
  const phi = (lat0 * Math.PI) / 180;
  const w = 1 - E2 * Math.sin(phi) ** 2;
  const ky = ((A * (1 - E2)) / w ** 1.5) * (Math.PI / 180); // km per degree of latitude
  const kx = (A / Math.sqrt(w)) * Math.cos(phi) * (Math.PI / 180); // km per degree of longitude
  const forward = (lon: number, lat: number): [number, number] => [(lon - lon0) * kx, (lat - lat0) * ky];
  const inverse = (x: number, y: number): [number, number] => [lon0 + x / kx, lat0 + y / ky];
  return {
    forward, inverse,
    project: (g) => mapPositions(g, (p) => forward(p[0], p[1])),
    unproject: (g) => mapPositions(g, (p) => inverse(p[0], p[1])),
  };
}

function mapPositions(g: Geometry, f: (p: Position) => Position): Geometry {
  switch (g.type) {
    case 'Point': return { type: 'Point', coordinates: f(g.coordinates) };
    case 'MultiPoint': case 'LineString': return { type: g.type, coordinates: g.coordinates.map(f) } as Geometry;
    case 'MultiLineString': case 'Polygon': return { type: g.type, coordinates: g.coordinates.map((r) => r.map(f)) } as Geometry;
    case 'MultiPolygon': return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => r.map(f))) };
    case 'GeometryCollection': return { type: 'GeometryCollection', geometries: g.geometries.map((x) => mapPositions(x, f)) };
  }
}
