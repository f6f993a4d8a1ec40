/** Small GeoJSON helpers for the viewer: bounding boxes and picking features out of an analysis. */
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';

export type BBox = [number, number, number, number];

function eachPosition(g: Geometry, f: (p: Position) => void): void {
  switch (g.type) {
    case 'Point': f(g.coordinates); break;
    case 'MultiPoint': case 'LineString': g.coordinates.forEach(f); break;
    case 'MultiLineString': case 'Polygon': g.coordinates.forEach((r) => r.forEach(f)); break;
    case 'MultiPolygon': g.coordinates.forEach((p) => p.forEach((r) => r.forEach(f))); break;
    case 'GeometryCollection': g.geometries.forEach((x) => eachPosition(x, f)); break;
  }
}

/** West, south, east, north of the features; null when there are none. */
export function bboxOf(features: readonly Feature[]): BBox | null {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const feature of features) {
    if (!feature.geometry) continue;
    eachPosition(feature.geometry, ([x, y]) => {
      w = Math.min(w, x); s = Math.min(s, y); e = Math.max(e, x); n = Math.max(n, y);
    });
  }
  return Number.isFinite(w) ? [w, s, e, n] : null;
}

const num = (v: unknown) => (typeof v === 'number' ? v : -Infinity);

/**
 * The gained patches of /tempo/geojson with only the depth line of the largest movement (the
 * deepest advance of either side), and the box of that patch and its depth line to fit the map to.
 */
export function largestMovement(fc: FeatureCollection): { data: FeatureCollection; focus: BBox | null; depthKm: number | null } {
  const depths = fc.features.filter((f) => f.properties?.kind === 'depth');
  const deepest = depths.reduce<Feature | null>((best, f) => (!best || num(f.properties?.depthKm) > num(best.properties?.depthKm) ? f : best), null);
  const patches = fc.features.filter((f) => f.properties?.kind !== 'depth');
  if (!deepest) return { data: { type: 'FeatureCollection', features: patches }, focus: bboxOf(patches), depthKm: null };
  const same = (f: Feature) => f.properties?.side === deepest.properties?.side && f.properties?.rank === deepest.properties?.rank;
  return {
    data: { type: 'FeatureCollection', features: [...patches, deepest] },
    focus: bboxOf([deepest, ...patches.filter(same)]),
    depthKm: num(deepest.properties?.depthKm),
  };
}
