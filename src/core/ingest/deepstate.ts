/**
 * Reads one DeepState snapshot (a GeoJSON FeatureCollection converted from the map's KML) into
 * classified polygons and annotations. Pure: the caller reads and decompresses the file.
 */
import type { Feature, Geometry, Position } from 'geojson';
import { classifyPoint, classifyPolygon, type AnnotationKind, type FeatureClass } from './deepstate-rules.js';

export interface ClassifiedPolygon {
  status: Exclude<FeatureClass, 'outside'>;
  geometry: Geometry;
  name: string;
  decidedBy: 'name' | 'colour';
  rule: string;
}

export interface Annotation { kind: AnnotationKind; name: string; lon: number; lat: number; style: string | null }

export interface UnmatchedName { name: string; styleUrl: string | null; count: number; decidedBy: 'colour' | 'none'; status: FeatureClass | null }

export interface ParsedSnapshot {
  polygons: ClassifiedPolygon[];
  annotations: Annotation[];
  /** Features whose name matched no rule: decided by colour, or skipped when the colour says nothing either. */
  unmatched: UnmatchedName[];
  /** Polygons outside Ukraine by rule (Transnistria, …), not used. */
  outside: number;
  /** Features without usable geometry (empty, or lines). */
  skippedGeometry: number;
}

function cleanName(name: unknown): string {
  return typeof name === 'string' ? name.replace(/\s+/g, ' ').trim() : '';
}

/** Validates the document shape and classifies its features. */
export function parseDeepStateSnapshot(doc: unknown): ParsedSnapshot {
  if (!doc || typeof doc !== 'object' || (doc as { type?: unknown }).type !== 'FeatureCollection' || !Array.isArray((doc as { features?: unknown }).features)) {
    throw new Error('not a GeoJSON FeatureCollection');
  }
  const features = (doc as { features: Feature[] }).features;
  const polygons: ClassifiedPolygon[] = [];
  const annotations: Annotation[] = [];
  const unmatched = new Map<string, UnmatchedName>();
  let outside = 0;
  let skippedGeometry = 0;
  for (const f of features) {
    const g = f?.geometry;
    const props = (f?.properties ?? {}) as Record<string, unknown>;
    const name = cleanName(props.name);
    if (!g) { skippedGeometry++; continue; }
    if (g.type === 'Point') {
      const [lon, lat] = g.coordinates as Position;
      if (Number.isFinite(lon) && Number.isFinite(lat)) {
        annotations.push({ kind: classifyPoint(name), name, lon, lat, style: typeof props.styleUrl === 'string' ? props.styleUrl : null });
      } else skippedGeometry++;
      continue;
    }
    if (!hasPolygon(g)) { skippedGeometry++; continue; }
    const styleUrl = typeof props.styleUrl === 'string' ? props.styleUrl : null;
    const c = classifyPolygon(name, styleUrl);
    if (c.rule === 'no-rule' || c.rule.startsWith('colour:')) {
      const key = `${name}\u0000${styleUrl}`;
      const u = unmatched.get(key) ?? { name, styleUrl, count: 0, decidedBy: c.by === 'colour' ? 'colour' : 'none', status: c.status };
      u.count++;
      unmatched.set(key, u);
    }
    if (c.status === null) continue;
    if (c.status === 'outside') { outside++; continue; }
    polygons.push({ status: c.status, geometry: g, name, decidedBy: c.by === 'name' ? 'name' : 'colour', rule: c.rule });
  }
  return { polygons, annotations, unmatched: [...unmatched.values()], outside, skippedGeometry };
}

function hasPolygon(g: Geometry): boolean {
  if (g.type === 'Polygon' || g.type === 'MultiPolygon') return true;
  if (g.type === 'GeometryCollection') return g.geometries.some(hasPolygon);
  return false;
}

/** Publication instant from a snapshot file name `<unix-seconds>.geojson[.gz]`, or null. */
export function validAtFromFileName(fileName: string): Date | null {
  const m = /(?:^|[\\/])(\d{9,11})\.geojson(?:\.gz)?$/.exec(fileName);
  return m ? new Date(Number(m[1]) * 1000) : null;
}
