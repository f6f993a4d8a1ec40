/**
 * Plain GeoJSON with a `status` property per feature — the exchange format other tools hand us.
 * Statuses: occupied, occupiedBefore2022, contested, liberated; `ukraine` features are accepted
 * and need no geometry of their own (Ukrainian-held is what no other status covers).
 */
import type { Feature, Geometry } from 'geojson';
import type { SourceStatus } from '../timeline/status.js';

const ACCEPTED = ['occupied', 'occupiedBefore2022', 'contested', 'liberated', 'ukraine'] as const;

export interface StatusGeoJSON {
  polygons: { status: SourceStatus; geometry: Geometry }[];
  ukraineFeatures: number;
}

/** Returns the polygons, or every problem found, each prefixed by the path of the offending feature. */
export function parseStatusGeoJSON(doc: unknown): { ok: true; value: StatusGeoJSON } | { ok: false; errors: string[] } {
  if (!doc || typeof doc !== 'object' || (doc as { type?: unknown }).type !== 'FeatureCollection' || !Array.isArray((doc as { features?: unknown }).features)) {
    return { ok: false, errors: ['not a GeoJSON FeatureCollection'] };
  }
  const errors: string[] = [];
  const polygons: StatusGeoJSON['polygons'] = [];
  let ukraineFeatures = 0;
  (doc as { features: Feature[] }).features.forEach((f, i) => {
    const path = `features[${i}]`;
    const status = f?.properties?.status;
    if (typeof status !== 'string' || !(ACCEPTED as readonly string[]).includes(status)) {
      errors.push(`${path}.properties.status: ${JSON.stringify(status)} is not one of ${ACCEPTED.join(', ')}`);
      return;
    }
    const type = f.geometry?.type;
    if (type !== 'Polygon' && type !== 'MultiPolygon' && type !== 'GeometryCollection') {
      errors.push(`${path}.geometry: ${type ?? 'missing'}; expected Polygon or MultiPolygon`);
      return;
    }
    if (status === 'ukraine') { ukraineFeatures++; return; }
    polygons.push({ status: status as SourceStatus, geometry: f.geometry });
  });
  return errors.length ? { ok: false, errors } : { ok: true, value: { polygons, ukraineFeatures } };
}
