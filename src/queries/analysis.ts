/** `frontline frontline` and `frontline distance`: the front line of a date, and how far it is from a place. */
import { createHash } from 'node:crypto';
import type { FeatureCollection } from 'geojson';
import * as geos from '../core/geometry/geos.js';
import { wkbPolygons, type FlatPolygon } from '../core/geometry/wkb.js';
import { assembleFront, borderZone, russianHeld, type FrontLine, cellFront, lengthByRegion, thinGaps, BORDER_TOLERANCE_DEG, GAP_HALF_WIDTH_DEG, MIN_PIECE_KM } from '../core/analysis/front-line.js';
import { nearestBoundaryPoint } from '../core/analysis/distance.js';
import { cellRect, cellsIn, type CellId } from '../core/timeline/grid.js';
import { formatDate } from '../core/stats/dates.js';
import { searchSettlements } from '../core/reference/settlement-search.js';
import { settlementIndex } from './places.js';
import { FrontlineError } from '../errors.js';
import type { SettlementRecord, Store } from '../store/store.js';
import { countryLandIn, countryOutline, landKm2 } from './country.js';
import { regionRef, requireDate, requireRegion, requireVersionOn } from './context.js';

/** Per store: each cell's border zone once it is needed. */
const borderZones = new WeakMap<Store, Map<CellId, geos.Geom>>();

/** Cell front pieces (WKB; empty = none) by cell and the layer keys of its neighbourhood, most recent last. */
const frontPieces = new WeakMap<Store, Map<string, Uint8Array>>();
const FRONT_CACHE_ENTRIES = 20_000;
/** Forgets the cached cell pieces (benchmarks measure the uncached path with it). */
export function clearFrontCache(store: Store): void {
  frontPieces.delete(store);
  store.clearDerived('front-piece');
  store.clearDerived('front-version');
}

/**
 * Computes and keeps the front-line pieces of every version not prepared yet, so that front line,
 * salients and what-if on any date read stored pieces (`frontline start` runs it after an import;
 * ~30 s for the 340-version archive, then only new versions).
 */
export async function prepareFrontLines(store: Store, onProgress?: (done: number, total: number) => void): Promise<number> {
  await geos.initGeometry();
  const todo = store.versions().filter((v) => store.derived('front-version', v.contentHash) === null);
  todo.forEach((v, i) => {
    frontLineInCells(store, v.id, null);
    store.saveDerived('front-version', [[v.contentHash, new Uint8Array(0)]]);
    onProgress?.(i + 1, todo.length);
  });
  return todo.length;
}

function frontPieceCache(store: Store): Map<string, Uint8Array> {
  let c = frontPieces.get(store);
  if (!c) { c = new Map(); frontPieces.set(store, c); }
  return c;
}

/** The zone along the border and coast in a cell where edges are not front (see borderZone); kept in the store. */
function borderZoneOf(store: Store, cell: CellId, toSave: [string, Uint8Array][]): geos.Geom | null {
  let zones = borderZones.get(store);
  if (!zones) { zones = new Map(); borderZones.set(store, zones); }
  let zone = zones.get(cell);
  if (!zone) {
    const stored = store.derived('border-zone', String(cell));
    if (stored) zone = geos.fromWkb(stored);
    else {
      const piece = countryLandIn(store, cell);
      if (!piece) return null;
      zone = borderZone(cell, piece);
      toSave.push([String(cell), geos.toWkb(zone)]);
    }
    zones.set(cell, zone);
  }
  return zone;
}

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/**
 * The front line of a version in the given cells (all when null): per cell, the edges of
 * Russian-held ground minus the border zone and thin gaps, merged across cells.
 */
export function frontLineInCells(store: Store, versionId: number, wanted: Set<CellId> | null): FrontLine {
  const country = countryOutline(store);
  const cells = store.versionCells(versionId);
  const heldOf = new Map<CellId, geos.Geom | null>();
  const held = (cell: CellId): geos.Geom | null => {
    if (heldOf.has(cell)) return heldOf.get(cell)!;
    const key = cells.get(cell);
    const layers = key ? store.cellLayers(key) : null;
    const g = layers ? russianHeld(layers) : null;
    heldOf.set(cell, g);
    return g;
  };
  const cache = frontPieceCache(store);
  const pieces: geos.Geom[] = [];
  // Computed pieces and zones are kept in the store too, so the next process starts warm.
  const newPieces: [string, Uint8Array][] = [];
  const newZones: [string, Uint8Array][] = [];
  for (const cell of cells.keys()) {
    if (wanted && !wanted.has(cell)) continue;
    const r = cellRect(cell);
    const margin = 3 * GAP_HALF_WIDTH_DEG;
    const box = { minX: r.minX - margin, minY: r.minY - margin, maxX: r.maxX + margin, maxY: r.maxY + margin };
    const neighbours = cellsIn(box.minX, box.minY, box.maxX, box.maxY);
    // A cell's front depends only on its own and its neighbours' layers: reuse it across versions.
    const cacheKey = `${cell}:${neighbours.map((c) => cells.get(c) ?? '').join(',')}`;
    const storeKey = createHash('sha1').update(cacheKey).digest('base64url');
    const known = cache.get(cacheKey) ?? store.derived('front-piece', storeKey) ?? undefined;
    if (known) {
      cache.delete(cacheKey); cache.set(cacheKey, known);
      if (known.length) pieces.push(geos.fromWkb(known));
      continue;
    }
    const piece = cellFrontFresh(cell, neighbours, box);
    const wkb = piece ? geos.toWkb(piece) : new Uint8Array(0);
    cache.set(cacheKey, wkb);
    newPieces.push([storeKey, wkb]);
    if (cache.size > FRONT_CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
    if (piece) pieces.push(piece);
  }
  store.saveDerived('border-zone', newZones);
  store.saveDerived('front-piece', newPieces);

  function cellFrontFresh(cell: CellId, neighbours: CellId[], box: geos.Envelope): geos.Geom | null {
    const own = held(cell);
    if (!own) return null;
    // Held ground filling the cell's land (to 0.01 %: slivers) has no front in it.
    if (geos.areaKm2(own) >= 0.9999 * landKm2(store, cell)) return null;
    const border = borderZoneOf(store, cell, newZones);
    if (!border) return null;
    const around = neighbours.map(held).filter((g): g is geos.Geom => g !== null).map((g) => geos.clipToRect(g, box));
    const heldAround = geos.unionAll(around);
    const countryAround = geos.clipToRect(country, box);
    const gaps = thinGaps(heldAround, countryAround);
    const zone = geos.unionAll([border, gaps]);
    const piece = cellFront(cell, own, zone);
    [...around, heldAround, countryAround, gaps, zone].forEach(geos.free);
    return piece;
  }
  for (const g of heldOf.values()) if (g) geos.free(g);
  const front = assembleFront(pieces);
  pieces.forEach(geos.free);
  return front;
}

export async function frontline(store: Store, params: { date?: string; region?: string }) {
  const date = requireDate(params.date, 'date');
  const region = requireRegion(store, params.region);
  const version = requireVersionOn(store, date);
  await geos.initGeometry();
  // For one region only its cells matter.
  let wanted: Set<CellId> | null = null;
  if (region.level !== 'country') {
    const g = geos.fromWkb(store.regionWkb(region.code)!);
    const e = geos.envelope(g)!;
    geos.free(g);
    wanted = new Set(cellsIn(e.minX, e.minY, e.maxX, e.maxY));
  }
  const front = frontLineInCells(store, version.id, wanted);
  const oblasts = store.regions().filter((r) => (region.level === 'country' ? r.level === 'oblast' : r.code === region.code));
  const shapes = oblasts.map((r) => ({ code: r.code, geom: geos.fromWkb(store.regionWkb(r.code)!) }));
  const byRegion = lengthByRegion(front, shapes).map((x) => ({ code: x.code, name: oblasts.find((o) => o.code === x.code)!.name, lengthKm: round(x.lengthKm) }));
  shapes.forEach((s) => geos.free(s.geom));
  const lengthKm = region.level === 'country' ? front.lengthKm : byRegion.reduce((s, x) => s + x.lengthKm, 0);
  return {
    date: formatDate(date),
    version: { id: version.id, validAt: version.validAt },
    region: regionRef(region),
    lengthKm: round(lengthKm),
    byRegion,
    tolerance: { minPieceKm: MIN_PIECE_KM, borderDeg: BORDER_TOLERANCE_DEG, gapHalfWidthDeg: GAP_HALF_WIDTH_DEG, droppedPieces: front.dropped.pieces, droppedKm: round(front.dropped.lengthKm, 2) },
    lines: front.lines,
  };
}

export function frontlineGeoJSON(result: Awaited<ReturnType<typeof frontline>>): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: result.lines.map((l) => ({
      type: 'Feature', properties: { date: result.date },
      geometry: { type: 'LineString', coordinates: Array.from({ length: l.length / 2 }, (_, i) => [l[2 * i], l[2 * i + 1]]) },
    })),
  };
}

export function resolvePlace(store: Store, query: string | undefined): SettlementRecord {
  if (!query) throw new FrontlineError('BAD_ARGUMENT', 'to is required: a settlement name in any spelling, or its code');
  const index = settlementIndex(store);
  const byCode = index.byCode.get(query);
  if (byCode) return byCode;
  const hits = searchSettlements(index, query, 5);
  if (hits.length === 0 || hits[0].score < 0.6) {
    throw new FrontlineError('UNKNOWN_PLACE', `unknown place '${query}'${hits.length ? ` (did you mean ${hits.map((h) => h.settlement.name).join(', ')}?)` : ''}`);
  }
  return index.byCode.get(hits[0].settlement.code)!;
}

/** Distance from a place to the nearest enemy-held ground (occupied or contested) on a date, km. */
function distanceOn(store: Store, versionId: number, place: SettlementRecord): { km: number; inside: boolean; lon: number; lat: number } | null {
  const statuses = store.settlementStatuses(versionId);
  const cells = store.versionCells(versionId);
  for (const radius of [1, 3, 20]) {
    const polygons: FlatPolygon[] = [];
    for (const cell of cellsIn(place.lon - radius * 1.5, place.lat - radius, place.lon + radius * 1.5, place.lat + radius)) {
      const key = cells.get(cell);
      const layers = key ? store.cellLayers(key) : null;
      if (!layers) continue;
      polygons.push(...wkbPolygons(layers.occupied), ...wkbPolygons(layers.contested));
    }
    const nearest = nearestBoundaryPoint(polygons, place.lon, place.lat);
    // A hit farther than the searched radius may hide a nearer one just outside it: widen.
    if (nearest && (nearest.km < radius * 111 * 0.66 || radius === 20)) {
      const code = statuses?.[place.id] ?? 0;
      const inside = code === 1 || code === 2 || code === 3;
      return { km: inside ? 0 : nearest.km, inside, lon: nearest.lon, lat: nearest.lat };
    }
  }
  return null;
}

export function distance(store: Store, params: { date?: string; to?: string }) {
  const date = requireDate(params.date, 'date');
  const place = resolvePlace(store, params.to);
  const version = requireVersionOn(store, date);
  const now = distanceOn(store, version.id, place);
  if (!now) throw new FrontlineError('NO_VERSION', `version ${version.id} has no enemy-held ground`);
  const ago = (days: number) => {
    const v = store.versionAt(new Date(date.getTime() - days * 86_400_000 + 86_400_000 - 1).toISOString());
    const d = v ? distanceOn(store, v.id, place) : null;
    return d ? { km: round(d.km), date: v!.validAt.slice(0, 10) } : null;
  };
  const week = ago(7);
  const month = ago(30);
  return {
    date: formatDate(date),
    version: { id: version.id, validAt: version.validAt },
    place: { name: place.name, code: place.code, lon: place.lon, lat: place.lat, oblast: place.oblast, population: place.population },
    distanceKm: round(now.km),
    insideEnemyHeldGround: now.inside,
    nearest: { lon: round(now.lon, 5), lat: round(now.lat, 5) },
    change7dKm: week ? round(now.km - week.km) : null,
    change30dKm: month ? round(now.km - month.km) : null,
    then: { days7: week, days30: month },
  };
}

