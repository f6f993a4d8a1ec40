/**
 * `frontline whatif`: what falling back (or advancing) to a proposed line means — ground ceded and
 * gained, the settlements and people on the far side, and the front's length before and after.
 */
import type { FeatureCollection, Geometry } from 'geojson';
import * as geos from '../core/geometry/geos.js';
import { frontPath, joinToFront, pathLengthKm, pocketRing, MAX_GAP_KM, type Join } from '../core/analysis/whatif.js';
import { cellsIn } from '../core/timeline/grid.js';
import { formatDate } from '../core/stats/dates.js';
import { STATUS_CODES } from '../core/timeline/settlement-status.js';
import { FrontlineError } from '../errors.js';
import type { Store } from '../store/store.js';
import { frontLineInCells, resolvePlace } from './analysis.js';
import { requireDate, requireVersionOn } from './context.js';
import { heldInBox } from './gains.js';

/** An end of the proposed line farther than this from the front cannot be joined to it. */
export const MAX_JOIN_KM = 40;
/** The front is assembled this far (degrees) around the proposed line: a bulge reaches beyond it. */
const FRONT_MARGIN_DEG = 1;

const r1 = (x: number) => Math.round(x * 10) / 10;
const r2 = (x: number) => Math.round(x * 100) / 100;
const r5 = (x: number) => Math.round(x * 1e5) / 1e5;

interface ProposedPoint { lon: number; lat: number; name: string | null }

/** A GeoJSON LineString (or a Feature holding one) of lon/lat positions in Ukraine. */
function lineFromGeoJSON(doc: unknown): ProposedPoint[] {
  const g = (doc as { type?: string }).type === 'Feature' ? (doc as { geometry: unknown }).geometry : doc;
  const coords = (g as { type?: string; coordinates?: unknown } | null)?.type === 'LineString' ? (g as { coordinates: unknown }).coordinates : null;
  if (!Array.isArray(coords) || coords.length < 2 || !coords.every((c) => Array.isArray(c) && c.length >= 2 && c.slice(0, 2).every((x) => typeof x === 'number' && Number.isFinite(x)))) {
    throw new FrontlineError('BAD_ARGUMENT', 'line must be a GeoJSON LineString with at least two [lon, lat] positions');
  }
  const pts = (coords as number[][]).map(([lon, lat]) => ({ lon, lat, name: null }));
  const bad = pts.find((p) => p.lon < 20 || p.lon > 42 || p.lat < 43 || p.lat > 53);
  if (bad) throw new FrontlineError('BAD_ARGUMENT', `line position [${bad.lon}, ${bad.lat}] is not in Ukraine (expected [lon, lat] in degrees)`);
  return pts;
}

/** "Bakhmut, Siversk, Sloviansk" or a GeoJSON LineString (object or text). */
function proposedLine(store: Store, line: string | Geometry | undefined): ProposedPoint[] {
  if (!line) throw new FrontlineError('BAD_ARGUMENT', 'line is required: places joined by commas ("Bakhmut, Siversk, Sloviansk") or a GeoJSON LineString');
  if (typeof line !== 'string') return lineFromGeoJSON(line);
  if (line.trim().startsWith('{')) {
    let doc: unknown;
    try { doc = JSON.parse(line); } catch (e) { throw new FrontlineError('BAD_ARGUMENT', `line is not valid JSON: ${(e as Error).message}`); }
    return lineFromGeoJSON(doc);
  }
  const names = line.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length < 2) throw new FrontlineError('BAD_ARGUMENT', `line needs at least two places, got '${line}'`);
  return names.map((n) => { const s = resolvePlace(store, n); return { lon: s.lon, lat: s.lat, name: s.name }; });
}

export async function whatif(store: Store, params: { date?: string; line?: string | Geometry }) {
  const date = requireDate(params.date, 'date');
  const version = requireVersionOn(store, date);
  const points = proposedLine(store, params.line);
  await geos.initGeometry();
  const lons = points.map((p) => p.lon);
  const lats = points.map((p) => p.lat);
  const m = FRONT_MARGIN_DEG;
  const front = frontLineInCells(store, version.id, new Set(cellsIn(Math.min(...lons) - m * 1.5, Math.min(...lats) - m, Math.max(...lons) + m * 1.5, Math.max(...lats) + m)));
  const label = (p: ProposedPoint) => p.name ?? `[${p.lon}, ${p.lat}]`;
  const join = (p: ProposedPoint): Join => {
    const j = joinToFront(front.lines, p.lon, p.lat);
    if (!j || j.km > MAX_JOIN_KM) {
      throw new FrontlineError('BAD_ARGUMENT', `${label(p)} is ${j ? `${r1(j.km)} km` : `more than ${MAX_JOIN_KM} km`} from the front on ${formatDate(date)}: an end of the line must lie within ${MAX_JOIN_KM} km of the front to be joined to it; start or end the line nearer the front`);
    }
    return j;
  };
  const first = points[0];
  const last = points[points.length - 1];
  const a = join(first);
  const b = join(last);
  const stretch = frontPath(front.lines, a, b);
  if (!stretch) {
    throw new FrontlineError('BAD_ARGUMENT', `${label(first)} and ${label(last)} join stretches of the front on ${formatDate(date)} that are not connected (broken by more than ${MAX_GAP_KM} km, e.g. at the border or a wide river): choose ends on one continuous stretch`);
  }
  const proposed: [number, number][] = [[a.lon, a.lat], ...points.map((p): [number, number] => [p.lon, p.lat]), [b.lon, b.lat]];
  const ring = pocketRing(proposed, stretch);
  const raw = geos.fromGeoJSON({ type: 'Polygon', coordinates: [[...ring, ring[0]]] });
  const pocket = geos.makeValidPolygonal(raw);
  geos.free(raw);
  const e = geos.envelope(pocket);
  if (!e) throw new FrontlineError('BAD_ARGUMENT', 'the proposed line and the front enclose no ground: the line runs along the front');
  // Russian-held ground and the country around the pocket.
  const cells = store.versionCells(version.id);
  const held = heldInBox(store, cells, e);
  const country = geos.fromWkb(store.regionWkb('UA')!);
  const countryBox = geos.clipToRect(country, e);
  geos.free(country);
  const land = geos.intersection(pocket, countryBox);
  const ceded = geos.difference(land, held);
  const gained = geos.intersection(land, held);
  const statuses = store.settlementStatuses(version.id)!;
  const inside = (g: geos.Geom, wanted: (status: string) => boolean) => {
    const p = geos.prepare(g);
    const out = store.settlements()
      .filter((s) => s.lon >= e.minX && s.lon <= e.maxX && s.lat >= e.minY && s.lat <= e.maxY && wanted(STATUS_CODES[statuses[s.id]]) && geos.preparedCoversXY(p, s.lon, s.lat))
      .sort((x, y) => (y.population ?? 0) - (x.population ?? 0))
      .map((s) => ({ name: s.name, code: s.code, population: s.population, status: STATUS_CODES[statuses[s.id]], lon: s.lon, lat: s.lat }));
    geos.freePrepared(p);
    return out;
  };
  // The places the line runs through stay on this side: they are the new line.
  const onLine = new Set(points.map((p) => `${p.lon},${p.lat}`));
  const off = (s: { lon: number; lat: number }) => !onLine.has(`${s.lon},${s.lat}`);
  const cededSettlements = inside(ceded, (s) => s === 'ukraine' || s === 'liberated').filter(off);
  const gainedSettlements = inside(gained, (s) => s !== 'ukraine' && s !== 'liberated').filter(off);
  const result = {
    date: formatDate(date),
    version: { id: version.id, validAt: version.validAt },
    line: points.map((p) => ({ name: p.name, lon: p.lon, lat: p.lat })),
    joins: [a, b].map((j, i) => ({ to: label(i === 0 ? first : last), lon: r5(j.lon), lat: r5(j.lat), km: r1(j.km) })),
    cededKm2: r2(geos.areaKm2(ceded)),
    gainedKm2: r2(geos.areaKm2(gained)),
    frontLengthBeforeKm: r1(pathLengthKm(stretch)),
    frontLengthAfterKm: r1(pathLengthKm(proposed)),
    settlements: [...cededSettlements.map((s) => ({ ...s, side: 'ceded' as const })), ...gainedSettlements.map((s) => ({ ...s, side: 'gained' as const }))],
    cededPopulation: cededSettlements.reduce((sum, s) => sum + (s.population ?? 0), 0),
    maxJoinKm: MAX_JOIN_KM,
  };
  const geojson: FeatureCollection = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { kind: 'proposed', lengthKm: result.frontLengthAfterKm }, geometry: { type: 'LineString', coordinates: proposed } },
      { type: 'Feature', properties: { kind: 'replaced front', lengthKm: result.frontLengthBeforeKm }, geometry: { type: 'LineString', coordinates: stretch } },
      { type: 'Feature', properties: { kind: 'ceded', areaKm2: result.cededKm2 }, geometry: geos.toGeoJSON(ceded) },
      { type: 'Feature', properties: { kind: 'gained', areaKm2: result.gainedKm2 }, geometry: geos.toGeoJSON(gained) },
    ],
  };
  [pocket, held, countryBox, land, ceded, gained].forEach(geos.free);
  return { ...result, geojson };
}
