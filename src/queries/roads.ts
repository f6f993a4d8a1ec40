/** `frontline roads`: roads cut or within artillery range on a date, and the roads into an area. */
import type { FeatureCollection, Geometry } from 'geojson';
import * as geos from '../core/geometry/geos.js';
import { wkbLines, wkbPolygons, type FlatPolygon } from '../core/geometry/wkb.js';
import { foldName } from '../core/reference/names.js';
import { buildRoadGraph, SAMPLE_KM, SNAP_KM, type RoadGraph } from '../core/analysis/road-graph.js';
import { nameStretches, PARALLEL_KM, TOWN_MAX_OFF_ROAD_KM, TOWN_MIN_POPULATION, townRadiusKm, type StretchNaming } from '../core/analysis/road-names.js';
import { heldGround, type HeldGround } from '../core/analysis/held-ground.js';
import {
  bandRuns, checkRanges, classifyRoads, CUT, DEFAULT_RANGES_KM, groupSamples, IN_RANGE_MAX_SKIP_KM, routesInto, samplesIn, summarizeRoads,
  type Area, type Lengths, type RoadStatus, type StretchSummary,
} from '../core/analysis/roads.js';
import { distanceKm } from '../core/analysis/geodesic.js';
import { CELL_DEG, cellsIn, type CellId } from '../core/timeline/grid.js';
import { formatDate } from '../core/stats/dates.js';
import { salients } from './salients.js';
import { FrontlineError } from '../errors.js';
import type { RegionRecord, Store } from '../store/store.js';
import { regionRef, requireDate, requireReference, requireRegion, requireVersionOn } from './context.js';
import { resolvePlace } from './analysis.js';

export const DEFAULT_RADIUS_KM = 15;

/** Everything about the roads that does not change with the date, built once per store (~2–3 s). */
export interface RoadNetwork {
  graph: RoadGraph;
  naming: StretchNaming;
  oblasts: RegionRecord[];
  /** Oblast (index into `oblasts`) of each sample, -1 outside every oblast. */
  sampleOblast: Int16Array;
  stretchInfo: { category: string; ref: string | null; roadName: string | null; oblasts: string[] }[];
  regionMasks: Map<string, Uint8Array>;
}

const networks = new WeakMap<Store, RoadNetwork>();

/** A polygon as a point test; `dispose` frees it and the geometry (GEOS memory is not collected). */
function polygonArea(geom: geos.Geom): Area & { dispose(): void } {
  const prepared = geos.prepare(geom);
  const e = geos.envelope(geom)!;
  return {
    bbox: [e.minX, e.minY, e.maxX, e.maxY],
    inside: (x, y) => geos.preparedCoversXY(prepared, x, y),
    dispose: () => { geos.freePrepared(prepared); geos.free(geom); },
  };
}

/** The road graph, stretch names and each sample's oblast for a store (cached). */
export async function roadNetwork(store: Store): Promise<RoadNetwork> {
  const cached = networks.get(store);
  if (cached) return cached;
  requireReference(store);
  await geos.initGeometry();
  const records = store.roads();
  const settlements = store.settlements();
  const towns = settlements.filter((s) => (s.population ?? 0) >= TOWN_MIN_POPULATION)
    .map((s) => ({ code: s.code, name: s.name, lon: s.lon, lat: s.lat, population: s.population! }));
  const graph = buildRoadGraph(
    records.flatMap((r) => wkbLines(r.wkb).map((line) => ({ category: r.category, ref: r.ref, name: r.name, line }))),
    towns.map((t) => ({ lon: t.lon, lat: t.lat, radiusKm: townRadiusKm(t.population) })),
  );
  const naming = nameStretches(graph, towns, settlements);
  const oblasts = store.regions().filter((r) => r.level === 'oblast');
  const shapes = oblasts.map((o) => geos.fromWkb(store.regionWkb(o.code)!));
  const areas = shapes.map(polygonArea);
  const sampleOblast = groupSamples(graph, areas);
  areas.forEach((a) => a.dispose());

  // Per stretch: its commonest category, road number and name by length, and its oblasts.
  const votes = naming.stretches.map(() => ({ category: new Map<string, number>(), ref: new Map<string, number>(), name: new Map<string, number>(), oblasts: new Set<number>() }));
  for (let e = 0; e < graph.edgeKm.length; e++) {
    const v = votes[naming.edgeStretch[e]];
    const road = graph.roads[graph.edgeRoad[e]];
    const add = (m: Map<string, number>, k: string | null) => { if (k) m.set(k, (m.get(k) ?? 0) + graph.edgeKm[e]); };
    add(v.category, road.category); add(v.ref, road.ref); add(v.name, road.name);
  }
  for (let i = 0; i < graph.sampleKm.length; i++) if (sampleOblast[i] >= 0) votes[naming.edgeStretch[graph.sampleEdge[i]]].oblasts.add(sampleOblast[i]);
  const top = (m: Map<string, number>) => ([...m].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null);
  const stretchInfo = votes.map((v) => ({ category: top(v.category) ?? 'national', ref: top(v.ref), roadName: top(v.name), oblasts: [...v.oblasts].map((i) => oblasts[i].code).sort() }));
  const network: RoadNetwork = { graph, naming, oblasts, sampleOblast, stretchInfo, regionMasks: new Map() };
  networks.set(store, network);
  return network;
}

/**
 * Russian-held ground of a version as a distance field (the last few are kept). With `near`, only
 * the cells near a region's roads: held ground farther than the largest range from every road of
 * the region changes no answer about them.
 */
const heldCache = new WeakMap<Store, Map<string, HeldGround>>();
function heldOf(store: Store, versionId: number, near: { key: string; cells: Set<CellId> } | null): HeldGround {
  let perStore = heldCache.get(store);
  if (!perStore) { perStore = new Map(); heldCache.set(store, perStore); }
  const cacheKey = `${versionId}:${near?.key ?? '*'}`;
  let held = perStore.get(cacheKey);
  if (!held) {
    const cellPolygons = new Map<CellId, FlatPolygon[]>();
    for (const [cell, key] of store.versionCells(versionId)) {
      if (near && !near.cells.has(cell)) continue;
      const layers = store.cellLayers(key);
      if (!layers) continue;
      const polygons = [...wkbPolygons(layers.occupied), ...wkbPolygons(layers.contested)];
      if (polygons.length) cellPolygons.set(cell, polygons);
    }
    held = heldGround(cellPolygons);
    perStore.set(cacheKey, held);
    if (perStore.size > 6) perStore.delete(perStore.keys().next().value!);
  }
  return held;
}

export function parseRanges(text: string | number[] | undefined): number[] {
  if (text === undefined || text === '') return DEFAULT_RANGES_KM;
  const ranges = Array.isArray(text) ? text : text.split(',').map((x) => (x.trim() === '' ? NaN : Number(x)));
  const problem = checkRanges(ranges);
  if (problem) throw new FrontlineError('BAD_ARGUMENT', `range '${String(text)}': ${problem} (e.g. 10,20,30)`);
  return ranges;
}

/** Cells within `km` of the bounding box of the masked samples (a margin of one cell on top). */
function cellsAround(g: RoadGraph, mask: Uint8Array, km: number): Set<CellId> {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    const x = g.sampleLon[i], y = g.sampleLat[i];
    if (x < w) w = x; if (x > e) e = x; if (y < s) s = y; if (y > n) n = y;
  }
  if (w > e) return new Set();
  const dLat = km / 110 + CELL_DEG, dLon = km / (111 * Math.cos((Math.min(89, Math.abs(n) + 1) * Math.PI) / 180)) + CELL_DEG;
  return new Set(cellsIn(w - dLon, s - dLat, e + dLon, n + dLat));
}

function regionMask(store: Store, net: RoadNetwork, region: RegionRecord): Uint8Array | null {
  if (region.level === 'country') return null;
  let mask = net.regionMasks.get(region.code);
  if (!mask) {
    const k = net.oblasts.findIndex((o) => o.code === region.code);
    if (k >= 0) {
      mask = Uint8Array.from(net.sampleOblast, (o) => (o === k ? 1 : 0));
    } else {
      const area = polygonArea(geos.fromWkb(store.regionWkb(region.code)!));
      mask = samplesIn(net.graph, area);
      area.dispose();
    }
    net.regionMasks.set(region.code, mask);
  }
  return mask;
}

type IntoArea =
  | { kind: 'region'; region: RegionRecord }
  | { kind: 'salient'; rank: number; name: string; geometry: Geometry }
  | { kind: 'place'; name: string; code: string; lon: number; lat: number; radiusKm: number };

/** `--into`: `region:X` or `place:X` force the kind; otherwise an exact region code or name, else a place. */
function resolveInto(store: Store, query: string, radius: number | undefined): IntoArea {
  const m = /^(region|place):(.*)$/i.exec(query.trim());
  const kind = m?.[1].toLowerCase();
  const text = (m?.[2] ?? query).trim();
  if (!text) throw new FrontlineError('BAD_ARGUMENT', `into '${query}' names nothing`);
  if (kind !== 'place') {
    // Exact only: a fuzzy match would turn the town Sievierodonetsk into Sievierodonetskyi raion.
    const key = foldName(text);
    const exact = store.regions().find((r) => r.code.toUpperCase() === text.toUpperCase() || [r.name, ...r.aliases].some((a) => foldName(a) === key));
    if (exact || kind === 'region') {
      if (radius !== undefined) throw new FrontlineError('BAD_ARGUMENT', `radius applies to a place, and '${text}' is a region (use place:${text} for the settlement)`);
      return { kind: 'region', region: exact ?? requireRegion(store, text) };
    }
  }
  const place = resolvePlace(store, text);
  const radiusKm = radius ?? DEFAULT_RADIUS_KM;
  return { kind: 'place', name: place.name, code: place.code, lon: place.lon, lat: place.lat, radiusKm };
}

/** `--into salient:N`: the N-th ranked salient of the date in the region (frontline salients). */
async function salientArea(store: Store, date: string, region: string | undefined, query: string): Promise<IntoArea | null> {
  const m = /^salient:(\d+)$/i.exec(query.trim());
  if (!m) return null;
  const rank = Number(m[1]);
  const found = await salients(store, { date, region });
  const s = found.salients.find((x) => x.rank === rank);
  if (!s) throw new FrontlineError('BAD_ARGUMENT', `there is no salient ${rank} on ${found.date} in ${found.region.name} (${found.salients.length} found: see frontline salients --date ${found.date}${region ? ` --region ${region}` : ''})`);
  const feature = found.geojson().features.find((f) => f.properties?.kind === 'salient' && f.properties?.rank === rank)!;
  const places = s.settlements.slice(0, 3).map((x) => x.name).join(', ');
  return { kind: 'salient', rank, name: `salient ${rank} (${s.side}${places ? `: ${places}` : ''})`, geometry: feature.geometry };
}

function areaOf(store: Store, into: IntoArea): Area & { dispose?(): void } {
  if (into.kind === 'region') return polygonArea(geos.fromWkb(store.regionWkb(into.region.code)!));
  if (into.kind === 'salient') return polygonArea(geos.fromGeoJSON(into.geometry));
  // A geodesic disc: exact, no polygon needed.
  const { lon, lat, radiusKm } = into;
  const dLat = radiusKm / 110 + 0.01, dLon = radiusKm / (111 * Math.cos((lat * Math.PI) / 180)) + 0.01;
  return { bbox: [lon - dLon, lat - dLat, lon + dLon, lat + dLat], inside: (x, y) => distanceKm(lon, lat, x, y) <= radiusKm };
}

const r1 = (x: number) => Math.round(x * 10) / 10;
const byRange = (ranges: number[], values: number[]) => Object.fromEntries(ranges.map((r, i) => [String(r), r1(values[i])]));
const lengths = (ranges: number[], l: Lengths) => ({ lengthKm: r1(l.lengthKm), cutKm: r1(l.cutKm), withinKm: byRange(ranges, l.withinKm) });

/** 'cut' | 'in-range' | 'open', and the smallest range the worst point lies in. */
function statusOf(ranges: number[], worst: number): { status: 'cut' | 'in-range' | 'open'; rangeKm: number | null } {
  if (worst === CUT) return { status: 'cut', rangeKm: 0 };
  if (worst < ranges.length) return { status: 'in-range', rangeKm: ranges[worst] };
  return { status: 'open', rangeKm: null };
}

export interface RoadsParams { date?: string; range?: string | number[]; region?: string; into?: string; radius?: number | string }

export async function roads(store: Store, params: RoadsParams) {
  const date = requireDate(params.date, 'date');
  const ranges = parseRanges(params.range);
  const region = requireRegion(store, params.region);
  let radius: number | undefined;
  if (params.radius !== undefined && params.radius !== '') {
    radius = Number(params.radius);
    if (!Number.isFinite(radius) || radius <= 0 || radius > 200) throw new FrontlineError('BAD_ARGUMENT', `radius '${params.radius}' must be km between 0 and 200`);
    if (!params.into) throw new FrontlineError('BAD_ARGUMENT', 'radius needs into (a place to draw the circle around)');
  }
  const into = params.into === undefined ? null
    : (await salientArea(store, params.date!, params.region, params.into)) ?? resolveInto(store, params.into, radius);
  const version = requireVersionOn(store, date);
  const net = await roadNetwork(store);
  const mask = regionMask(store, net, region);
  const held = heldOf(store, version.id, mask && !into ? { key: `${region.code}:${ranges[ranges.length - 1]}`, cells: cellsAround(net.graph, mask, ranges[ranges.length - 1]) } : null);
  // Routes into an area may run anywhere: then every sample is classified, else only the region's.
  const status = classifyRoads(net.graph, held, ranges, into ? null : mask);
  const summary = summarizeRoads(net.graph, net.naming, status, mask, net.sampleOblast);

  const stretchOut = (s: StretchSummary) => {
    const st = net.naming.stretches[s.stretch];
    const info = net.stretchInfo[s.stretch];
    return {
      name: st.name, kind: st.kind, towns: st.towns, ref: info.ref, roadName: info.roadName, category: info.category,
      ...statusOf(ranges, s.worst), nearestKm: s.nearestKm === null ? null : r1(s.nearestKm), ...lengths(ranges, s), oblasts: info.oblasts,
    };
  };
  const affected = summary.stretches.filter((s) => s.worst < ranges.length)
    .sort((a, b) => a.worst - b.worst || b.cutKm - a.cutKm || (a.nearestKm ?? 0) - (b.nearestKm ?? 0));

  let intoOut = null;
  if (into) {
    const area = areaOf(store, into);
    const areaMask = samplesIn(net.graph, area);
    area.dispose?.();
    const r = routesInto(net.graph, net.naming, status, areaMask);
    const names = (via: number[]) => via.map((s) => net.naming.stretches[s].name);
    const entering = r.roads.map((x) => ({ ...stretchOut(x.outside), crossings: x.crossings }));
    intoOut = {
      area: into.kind === 'region'
        ? { kind: 'region' as const, code: into.region.code, name: into.region.name, radiusKm: null, lon: null, lat: null }
        : into.kind === 'salient'
          ? { kind: 'salient' as const, code: `salient:${into.rank}`, name: into.name, radiusKm: null, lon: null, lat: null }
          : { kind: 'place' as const, code: into.code, name: into.name, radiusKm: into.radiusKm, lon: into.lon, lat: into.lat },
      roadKmInside: r1(areaMask.reduce((s, m, i) => s + (m ? net.graph.sampleKm[i] : 0), 0)),
      roads: entering,
      /** Per range: every road in is cut or within it (null when no road enters). */
      allWithinKm: Object.fromEntries(ranges.map((R, i) => [String(R), r.roads.length ? r.roads.every((x) => x.outside.worst <= i) : null])),
      anyCut: r.roads.length ? r.roads.some((x) => x.outside.worst === CUT) : null,
      supply: r.supply.map((s) => ({ rangeKm: s.rangeKm, exists: s.exists, via: names(s.via), lengthKm: s.lengthKm === null ? null : r1(s.lengthKm) })),
    };
  }

  return {
    date: formatDate(date),
    version: { id: version.id, validAt: version.validAt },
    region: regionRef(region),
    rangesKm: ranges,
    ...lengths(ranges, summary.total),
    byOblast: [...summary.byGroup].map(([k, l]) => ({ code: net.oblasts[k].code, name: net.oblasts[k].name, ...lengths(ranges, l) }))
      .filter((o) => o.cutKm > 0 || Object.values(o.withinKm).some((x) => x > 0))
      .sort((a, b) => b.cutKm - a.cutKm || b.withinKm[String(ranges[ranges.length - 1])] - a.withinKm[String(ranges[ranges.length - 1])]),
    stretches: affected.map(stretchOut),
    openStretches: summary.stretches.length - affected.length,
    into: intoOut,
    method: {
      source: 'occupied ∪ contested inside Ukraine (Russian territory is not in the data)',
      sampleKm: SAMPLE_KM, inRangeMaxSkipKm: IN_RANGE_MAX_SKIP_KM, snapKm: SNAP_KM,
      townMinPopulation: TOWN_MIN_POPULATION, townMaxOffRoadKm: TOWN_MAX_OFF_ROAD_KM, parallelKm: PARALLEL_KM,
      measuredSamples: status.measured, samples: net.graph.sampleKm.length,
    },
  };
}

export type RoadsResult = Awaited<ReturnType<typeof roads>>;

/** Road stretches as GeoJSON: one feature per stretch and status, for the same parameters. */
export async function roadsGeoJSON(store: Store, params: RoadsParams): Promise<FeatureCollection> {
  const date = requireDate(params.date, 'date');
  const ranges = parseRanges(params.range);
  const region = requireRegion(store, params.region);
  const version = requireVersionOn(store, date);
  const net = await roadNetwork(store);
  const mask = regionMask(store, net, region);
  const held = heldOf(store, version.id, mask ? { key: `${region.code}:${ranges[ranges.length - 1]}`, cells: cellsAround(net.graph, mask, ranges[ranges.length - 1]) } : null);
  const status: RoadStatus = classifyRoads(net.graph, held, ranges, mask);
  const groups = new Map<string, { stretch: number; band: number; lines: number[][][]; km: number }>();
  for (const run of bandRuns(net.graph, status, mask)) {
    const stretch = net.naming.edgeStretch[run.edge];
    const k = `${stretch}:${run.band}`;
    let grp = groups.get(k);
    if (!grp) { grp = { stretch, band: run.band, lines: [], km: 0 }; groups.set(k, grp); }
    grp.lines.push(run.coords.map(([x, y]) => [Math.round(x * 1e5) / 1e5, Math.round(y * 1e5) / 1e5])); // 1e-5° ≈ 1 m
    grp.km += run.km;
  }
  return {
    type: 'FeatureCollection',
    features: [...groups.values()].map((grp) => ({
      type: 'Feature',
      properties: {
        date: formatDate(date), name: net.naming.stretches[grp.stretch].name, kind: net.naming.stretches[grp.stretch].kind,
        ref: net.stretchInfo[grp.stretch].ref, category: net.stretchInfo[grp.stretch].category, ...statusOf(ranges, grp.band), lengthKm: r1(grp.km),
      },
      geometry: { type: 'MultiLineString', coordinates: grp.lines },
    })),
  };
}
