/**
 * `frontline salients`: bulges of either side's ground with narrow necks, ranked, with the
 * settlements inside and how their necks changed over 7 and 30 days. Definitions: docs/analysis.md.
 */
import type { Feature, FeatureCollection } from 'geojson';
import * as geos from '../core/geometry/geos.js';
import { localProjection } from '../core/geometry/local-projection.js';
import { chainPieces, findLoops, resample, MAX_NECK_KM, MIN_ALONG_KM, MIN_ALONG_TO_NECK } from '../core/analysis/salients.js';
import { MAX_GAP_KM } from '../core/analysis/whatif.js';
import { distanceKm } from '../core/analysis/geodesic.js';
import { frontLineInCells } from './analysis.js';
import { cellsIn } from '../core/timeline/grid.js';
import { formatDate } from '../core/stats/dates.js';
import type { RegionRecord, Store, VersionRecord } from '../store/store.js';
import { regionRef, requireDate, requireRegion, requireVersionOn } from './context.js';
import { heldInBox } from './gains.js';
import { onLand } from './country.js';

type Side = 'russia' | 'ukraine';
/** Loops enclosing less of one side's ground than this (km²) are not worth a name. */
export const MIN_SALIENT_KM2 = 5;

const r1 = (x: number) => Math.round(x * 10) / 10;
const r5 = (x: number) => Math.round(x * 1e5) / 1e5;

export interface Salient {
  side: Side;
  areaKm2: number;
  /** The neck: the chord across the salient's base, between two points of the front. */
  neckWidthKm: number;
  neck: { from: { lon: number; lat: number }; to: { lon: number; lat: number } };
  /** Length of front around the salient, km. */
  frontKm: number;
  /** Front ÷ (front + neck): the share of the salient's outline that faces the other side. */
  enemyFacingShare: number;
  /** km² per km of neck: how much ground hangs on each km of the neck (the ranking). */
  kmSquaredPerNeckKm: number;
  settlementCount: number;
  population: number;
  settlements: { name: string; code: string; population: number | null }[];
  geometry: Feature['geometry'];
}

/** The box to search: around the front's pieces in the cells of the region's bounding box. */
function searchBox(store: Store, version: VersionRecord, region: RegionRecord): geos.Envelope | null {
  const regionGeom = geos.fromWkb(store.regionWkb(region.code)!);
  const re = geos.envelope(regionGeom)!;
  geos.free(regionGeom);
  const front = frontLineInCells(store, version.id, new Set(cellsIn(re.minX, re.minY, re.maxX, re.maxY)));
  let box: geos.Envelope | null = null;
  for (const line of front.lines) {
    for (let i = 0; i < line.length; i += 2) {
      const [x, y] = [line[i], line[i + 1]];
      if (!box) box = { minX: x, minY: y, maxX: x, maxY: y };
      else { box.minX = Math.min(box.minX, x); box.minY = Math.min(box.minY, y); box.maxX = Math.max(box.maxX, x); box.maxY = Math.max(box.maxY, y); }
    }
  }
  if (!box) return null;
  // A region's salient may hang on a neck outside it: look well beyond the region's front.
  const m = region.level === 'country' ? 0.5 : 1.2;
  return { minX: box.minX - m * 1.5, minY: box.minY - m, maxX: box.maxX + m * 1.5, maxY: box.maxY + m };
}

/** Salients of both sides on a version inside the box (lon/lat). */
function salientsOn(store: Store, version: VersionRecord, box: geos.Envelope): Salient[] {
  const front = frontLineInCells(store, version.id, new Set(cellsIn(box.minX, box.minY, box.maxX, box.maxY)));
  const proj = localProjection((box.minX + box.maxX) / 2, (box.minY + box.maxY) / 2);
  const pieces = front.lines.map((l) => Array.from({ length: l.length / 2 }, (_, i) => proj.forward(l[2 * i], l[2 * i + 1])));
  const chains = chainPieces(pieces, MAX_GAP_KM);
  const cells = store.versionCells(version.id);
  const statuses = store.settlementStatuses(version.id)!;
  const settlements = store.settlements();
  const out: Salient[] = [];
  chains.forEach((chain, c) => {
    const { pts, along } = resample(chain);
    for (const loop of findLoops(pts, along, c)) {
      const ring = pts.slice(loop.from, loop.to + 1).map(([x, y]) => proj.inverse(x, y));
      const raw = geos.fromGeoJSON({ type: 'Polygon', coordinates: [[...ring, ring[0]]] });
      const region = geos.makeValidPolygonal(raw);
      geos.free(raw);
      const e = geos.envelope(region);
      if (!e) { geos.free(region); continue; }
      const held = heldInBox(store, cells, e);
      const land = onLand(store, region);
      const russian = geos.intersection(land, held);
      const landKm2 = geos.areaKm2(land);
      const russianKm2 = geos.areaKm2(russian);
      // The loop encloses mostly one side's ground: the salient is that ground.
      const side: Side = russianKm2 > 0.5 * landKm2 ? 'russia' : 'ukraine';
      const ground = side === 'russia' ? russian : geos.difference(land, held);
      const areaKm2 = geos.areaKm2(ground);
      const prepared = geos.prepare(ground);
      const ours = (code: number) => (side === 'ukraine' ? code === 0 || code === 4 : code >= 1 && code <= 3);
      const inside = settlements.filter((x) => x.lon >= e.minX && x.lon <= e.maxX && x.lat >= e.minY && x.lat <= e.maxY && ours(statuses[x.id]) && geos.preparedCoversXY(prepared, x.lon, x.lat))
        .sort((a, b) => (b.population ?? 0) - (a.population ?? 0));
      geos.freePrepared(prepared);
      const [a, b] = [ring[0], ring[ring.length - 1]];
      const neckKm = distanceKm(a[0], a[1], b[0], b[1]);
      if (areaKm2 >= MIN_SALIENT_KM2) {
        out.push({
          side, areaKm2: r1(areaKm2), neckWidthKm: r1(neckKm),
          neck: { from: { lon: r5(a[0]), lat: r5(a[1]) }, to: { lon: r5(b[0]), lat: r5(b[1]) } },
          frontKm: r1(loop.alongKm),
          enemyFacingShare: Math.round((loop.alongKm / (loop.alongKm + loop.neckKm)) * 1000) / 1000,
          kmSquaredPerNeckKm: r1(areaKm2 / Math.max(neckKm, 0.1)),
          settlementCount: inside.length,
          population: inside.reduce((sum, x) => sum + (x.population ?? 0), 0),
          settlements: inside.slice(0, 15).map((x) => ({ name: x.name, code: x.code, population: x.population })),
          geometry: geos.toGeoJSON(ground),
        });
      }
      if (ground !== russian) geos.free(ground);
      [region, held, land, russian].forEach(geos.free);
    }
  });
  return out.sort((x, y) => y.kmSquaredPerNeckKm - x.kmSquaredPerNeckKm);
}

/** The same salient earlier: the one of the same side whose outline holds this one's neck or most of its settlements. */
function match(s: Salient, earlier: Salient[]): Salient | null {
  const codes = new Set(s.settlements.map((x) => x.code));
  let best: Salient | null = null;
  let bestScore = 0;
  for (const e of earlier) {
    if (e.side !== s.side) continue;
    const shared = e.settlements.filter((x) => codes.has(x.code)).length;
    const score = shared / Math.max(1, Math.min(codes.size, e.settlements.length));
    if (score > bestScore) { bestScore = score; best = e; }
  }
  return bestScore >= 0.5 ? best : null;
}

export async function salients(store: Store, params: { date?: string; region?: string }) {
  const date = requireDate(params.date, 'date');
  const region = requireRegion(store, params.region);
  const version = requireVersionOn(store, date);
  await geos.initGeometry();
  const box = searchBox(store, version, region);
  const now = box ? salientsOn(store, version, box) : [];
  const then = (days: number) => {
    const v = store.versionAt(new Date(date.getTime() + 86_400_000 - 1 - days * 86_400_000).toISOString());
    return v && box && now.length ? { version: v, salients: salientsOn(store, v, box) } : null;
  };
  const week = then(7);
  const month = then(30);
  const list = now.map((s, i) => {
    const w = week ? match(s, week.salients) : null;
    const m = month ? match(s, month.salients) : null;
    const { geometry: _g, ...rest } = s;
    return {
      rank: i + 1, ...rest,
      neckChange7dKm: w ? r1(s.neckWidthKm - w.neckWidthKm) : null,
      neckChange30dKm: m ? r1(s.neckWidthKm - m.neckWidthKm) : null,
      areaChange30dKm2: m ? r1(s.areaKm2 - m.areaKm2) : null,
    };
  });
  return {
    date: formatDate(date),
    version: { id: version.id, validAt: version.validAt },
    region: regionRef(region),
    salients: list,
    thresholds: { maxNeckKm: MAX_NECK_KM, minAlongToNeck: MIN_ALONG_TO_NECK, minAlongKm: MIN_ALONG_KM, minSalientKm2: MIN_SALIENT_KM2, maxGapKm: MAX_GAP_KM },
    geojson: (): FeatureCollection => ({
      type: 'FeatureCollection',
      features: now.flatMap((s, i): Feature[] => [
        { type: 'Feature', properties: { kind: 'salient', rank: i + 1, side: s.side, areaKm2: s.areaKm2, neckWidthKm: s.neckWidthKm }, geometry: s.geometry },
        { type: 'Feature', properties: { kind: 'neck', rank: i + 1, side: s.side, neckWidthKm: s.neckWidthKm }, geometry: { type: 'LineString', coordinates: [[s.neck.from.lon, s.neck.from.lat], [s.neck.to.lon, s.neck.to.lat]] } },
      ]),
    }),
  };
}

export type SalientsResult = Awaited<ReturnType<typeof salients>>;
export const salientsJson = ({ geojson: _g, ...r }: SalientsResult) => r;
