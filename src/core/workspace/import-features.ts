/**
 * Polygons from the files analysts already use (Google My Maps, QGIS): GeoJSON and KML, turned into
 * draft changes. Parsing is defensive: a size limit, KML without DOCTYPE or entities (no XML
 * entity expansion at all: the text is scanned, not handed to an XML engine), coordinates checked
 * by checkChangeGeometry (lon/lat in a plausible extent, repaired or refused with the feature named).
 */
import { inflateRawSync } from 'node:zlib';
import type { MultiPolygon, Polygon } from 'geojson';
import { CHANGE_STATUSES, checkChangeGeometry, type ChangeStatus } from './items.js';

export const MAX_IMPORT_BYTES = 8 * 1024 * 1024;
export const MAX_IMPORT_FEATURES = 2_000;

export interface ImportedFeature { name: string; status: ChangeStatus; geometry: Polygon | MultiPolygon; areaKm2: number }
export interface ImportResult { features: ImportedFeature[]; errors: string[] }

const isStatus = (s: unknown): s is ChangeStatus => typeof s === 'string' && (CHANGE_STATUSES as readonly string[]).includes(s);

/**
 * A GeoJSON FeatureCollection (or one Feature) of polygons. Each feature's status is its
 * `properties.status` or the default; points and lines are refused by name.
 */
export function featuresFromGeoJSON(text: string, defaultStatus: ChangeStatus | null): ImportResult {
  if (text.length > MAX_IMPORT_BYTES) return { features: [], errors: [`the file is larger than ${MAX_IMPORT_BYTES} bytes`] };
  let doc: unknown;
  try { doc = JSON.parse(text); } catch (e) { return { features: [], errors: [`invalid JSON: ${(e as Error).message}`] }; }
  const d = doc as { type?: string; features?: unknown[] };
  const list = d?.type === 'FeatureCollection' && Array.isArray(d.features) ? d.features : d?.type === 'Feature' ? [d] : null;
  if (!list) return { features: [], errors: ['expected a GeoJSON FeatureCollection or Feature'] };
  return collect(list.map((f, i) => {
    const feat = f as { properties?: Record<string, unknown> | null; geometry?: { type?: string } | null };
    const name = typeof feat?.properties?.name === 'string' ? `feature ${i} '${feat.properties.name}'` : `feature ${i}`;
    const status = feat?.properties?.status ?? defaultStatus;
    return { name, status, geometry: feat?.geometry ?? null };
  }));
}

/** Placemarks of a KML document with Polygon / MultiGeometry geometry. DOCTYPE and entities are refused. */
export function featuresFromKml(text: string, defaultStatus: ChangeStatus | null): ImportResult {
  if (text.length > MAX_IMPORT_BYTES) return { features: [], errors: [`the file is larger than ${MAX_IMPORT_BYTES} bytes`] };
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return { features: [], errors: ['KML with a DOCTYPE or entity declarations is refused'] };
  const placemarks = [...text.matchAll(/<Placemark\b[^>]*>([\s\S]*?)<\/Placemark>/g)].map((m) => m[1]);
  return collect(placemarks.map((body, i) => {
    const rawName = /<name>([\s\S]*?)<\/name>/.exec(body)?.[1]?.trim() ?? '';
    const name = rawName ? `placemark ${i} '${unescapeXml(stripCdata(rawName))}'` : `placemark ${i}`;
    const status = /<Data name="status">\s*<value>([^<]*)<\/value>/.exec(body)?.[1]?.trim() ?? defaultStatus;
    const polygons = [...body.matchAll(/<Polygon\b[^>]*>([\s\S]*?)<\/Polygon>/g)].map((p) => {
      const outer = /<outerBoundaryIs>[\s\S]*?<coordinates>([\s\S]*?)<\/coordinates>/.exec(p[1])?.[1];
      const inner = [...p[1].matchAll(/<innerBoundaryIs>[\s\S]*?<coordinates>([\s\S]*?)<\/coordinates>/g)].map((m) => m[1]);
      return outer ? [ring(outer), ...inner.map(ring)] : null;
    });
    const geometry = polygons.length === 0 || polygons.some((p) => !p) ? { type: /<(Point|LineString)\b/.exec(body)?.[1] ?? 'none' }
      : polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons };
    return { name, status, geometry };
  }));
}

/**
 * The KML inside a KMZ (a zip): `doc.kml` or the first `.kml` entry. Zip bombs are stopped by the
 * entry count, the declared size and inflate's own output limit (it stops at MAX_IMPORT_BYTES
 * whatever the header claims); encrypted or exotic entries are refused.
 */
export function kmlFromKmz(zip: Buffer): { kml: string } | { error: string } {
  if (zip.length > MAX_IMPORT_BYTES) return { error: `the file is larger than ${MAX_IMPORT_BYTES} bytes` };
  // End of central directory: signature 0x06054b50 within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) if (zip.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  if (eocd < 0) return { error: 'not a KMZ (zip) file' };
  const count = zip.readUInt16LE(eocd + 10);
  if (count > 1000) return { error: `the KMZ holds ${count} files (at most 1000)` };
  let p = zip.readUInt32LE(eocd + 16);
  const entries: { name: string; method: number; flags: number; compressed: number; size: number; offset: number }[] = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > zip.length || zip.readUInt32LE(p) !== 0x02014b50) return { error: 'the KMZ central directory is damaged' };
    const nameLength = zip.readUInt16LE(p + 28);
    const extra = zip.readUInt16LE(p + 30);
    const comment = zip.readUInt16LE(p + 32);
    entries.push({
      flags: zip.readUInt16LE(p + 8), method: zip.readUInt16LE(p + 10), compressed: zip.readUInt32LE(p + 20), size: zip.readUInt32LE(p + 24),
      offset: zip.readUInt32LE(p + 42), name: zip.toString('utf8', p + 46, p + 46 + nameLength),
    });
    p += 46 + nameLength + extra + comment;
  }
  const kmls = entries.filter((e) => e.name.toLowerCase().endsWith('.kml'));
  const entry = kmls.find((e) => e.name.toLowerCase() === 'doc.kml') ?? kmls[0];
  if (!entry) return { error: 'the KMZ holds no .kml file' };
  if (entry.flags & 1) return { error: `${entry.name} is encrypted` };
  if (entry.size > MAX_IMPORT_BYTES) return { error: `${entry.name} unpacks to ${entry.size} bytes (at most ${MAX_IMPORT_BYTES})` };
  const o = entry.offset;
  if (o + 30 > zip.length || zip.readUInt32LE(o) !== 0x04034b50) return { error: 'the KMZ entry is damaged' };
  const start = o + 30 + zip.readUInt16LE(o + 26) + zip.readUInt16LE(o + 28);
  const data = zip.subarray(start, start + entry.compressed);
  try {
    if (entry.method === 0) return { kml: data.toString('utf8') };
    if (entry.method !== 8) return { error: `${entry.name}: compression method ${entry.method} is not supported` };
    return { kml: inflateRawSync(data, { maxOutputLength: MAX_IMPORT_BYTES }).toString('utf8') };
  } catch (e) {
    return { error: `${entry.name} cannot be unpacked within ${MAX_IMPORT_BYTES} bytes: ${(e as Error).message}` };
  }
}

const stripCdata = (s: string) => s.replace(/^<!\[CDATA\[([\s\S]*)\]\]>$/, '$1');
const unescapeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const ring = (text: string): number[][] => text.trim().split(/\s+/).filter(Boolean).map((t) => t.split(',').slice(0, 2).map(Number));

function collect(items: { name: string; status: unknown; geometry: unknown }[]): ImportResult {
  const features: ImportedFeature[] = [];
  const errors: string[] = [];
  if (items.length > MAX_IMPORT_FEATURES) return { features, errors: [`${items.length} features: at most ${MAX_IMPORT_FEATURES} per import`] };
  if (items.length === 0) return { features, errors: ['no features'] };
  for (const it of items) {
    if (!isStatus(it.status)) { errors.push(`${it.name}: status '${String(it.status)}' is not one of ${CHANGE_STATUSES.join(', ')} (set properties.status or a default)`); continue; }
    const g = it.geometry as { type?: string } | null;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) { errors.push(`${it.name}: a ${g?.type ?? 'missing'} geometry, not a polygon`); continue; }
    let checked: ReturnType<typeof checkChangeGeometry>;
    try { checked = checkChangeGeometry(g as Polygon); } catch (e) { checked = { ok: false, error: (e as Error).message }; }
    if (!checked.ok) { errors.push(`${it.name}: ${checked.error}`); continue; }
    features.push({ name: it.name, status: it.status, geometry: checked.geometry, areaKm2: checked.areaKm2 });
  }
  return { features, errors };
}
