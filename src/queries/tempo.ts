/**
 * `frontline tempo`: ground gained per side per day with 7- and 30-day figures and the
 * comparisons they support, and how deep and wide the advance between two dates went
 * (static / local gains / breakthrough). Definitions: docs/analysis.md.
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import * as geos from '../core/geometry/geos.js';
import { russianHeld } from '../core/analysis/front-line.js';
import { classify, measurePatches, BREAKTHROUGH, MIN_PATCH_KM2, STATIC_MAX_DEPTH_KM, type Classification, type Patch } from '../core/analysis/advance.js';
import { dailyGains, statements, windowFigure, SIDES, TREND_RATIO, type Side, type StepGain, type WindowFigure } from '../core/analysis/tempo.js';
import type { CellId } from '../core/timeline/grid.js';
import { distanceKm } from '../core/analysis/geodesic.js';
import { formatDate } from '../core/stats/dates.js';
import { FrontlineError } from '../errors.js';
import type { RegionRecord, Store, VersionRecord } from '../store/store.js';
import { regionRef, requireDate, requireRegion, requireVersionOn } from './context.js';
import { areaStepGains, heldInBox, regionShares, sharesOf, stepGains } from './gains.js';
import { countryOutline, landKm2 } from './country.js';
import { parseBbox } from './control.js';

/** Half-width below which a strip of Ukrainian-held ground does not count as a source of advance: 0.03° ≈ 2–3 km. */
export const WATER_STRIP_DEG = 0.03;

/** km per degree of longitude at Ukraine's northern edge (52.4°N): the least a degree of margin reaches. */
const KM_PER_DEG_LON_MIN = 68;

const r1 = (x: number) => Math.round(x * 10) / 10;
const r2 = (x: number) => Math.round(x * 100) / 100;
const r5 = (x: number) => Math.round(x * 1e5) / 1e5;

export interface PatchSummary {
  areaKm2: number; depthKm: number; widthKm: number; speedKmPerDay: number;
  farthest: { lon: number; lat: number }; from: { lon: number; lat: number };
  settlementCount: number; settlements: { name: string; code: string; population: number | null }[];
}
export interface SideAdvance extends Classification { gainedKm2: number; patches: number; top: PatchSummary[] }

/** Which codes to compute together: an oblast or the country brings all oblasts along (same cost). */
function codesFor(store: Store, region: RegionRecord): string[] {
  return region.level === 'raion' ? [region.code] : ['UA', ...store.regions().filter((r) => r.level === 'oblast').map((r) => r.code)];
}

/** A drawn sector: "west,south,east,north" or a GeoJSON Polygon / MultiPolygon / Feature, in lon/lat. */
function parseSector(text: string): geos.Geom {
  let geometry: Geometry;
  if (text.trim().startsWith('{')) {
    let doc: { type?: string; geometry?: Geometry };
    try { doc = JSON.parse(text); } catch (e) { throw new FrontlineError('BAD_ARGUMENT', `sector is not valid JSON: ${(e as Error).message}`); }
    const g = (doc.type === 'Feature' ? doc.geometry : doc) as Geometry | undefined;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) throw new FrontlineError('BAD_ARGUMENT', 'sector must be a GeoJSON Polygon or MultiPolygon (or a Feature holding one), or west,south,east,north');
    geometry = g;
  } else {
    const [w, s, e, n] = parseBbox(text)!;
    geometry = { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
  }
  let raw: geos.Geom;
  try { raw = geos.fromGeoJSON(geometry); } catch (e) { throw new FrontlineError('BAD_ARGUMENT', `sector: ${(e as Error).message}`); }
  const valid = geos.makeValidPolygonal(raw);
  geos.free(raw);
  const env = geos.envelope(valid);
  if (!env || env.minX < 20 || env.maxX > 42 || env.minY < 43 || env.maxY > 53) { geos.free(valid); throw new FrontlineError('BAD_ARGUMENT', 'sector must lie in Ukraine, in lon/lat degrees'); }
  return valid;
}

export async function tempo(store: Store, params: { from?: string; to?: string; region?: string; sector?: string }, onProgress?: (done: number, total: number) => void) {
  const fromDate = requireDate(params.from, 'from');
  const toDate = requireDate(params.to, 'to');
  if (toDate <= fromDate) throw new FrontlineError('BAD_ARGUMENT', `to ${formatDate(toDate)} must be after from ${formatDate(fromDate)}`);
  if (params.sector !== undefined && params.region !== undefined) throw new FrontlineError('BAD_ARGUMENT', 'give a region or a sector, not both');
  const region = requireRegion(store, params.region);
  const a = requireVersionOn(store, fromDate);
  const b = requireVersionOn(store, toDate);
  await geos.initGeometry();
  let shares = regionShares(store, region.code);
  let steps: StepGain[];
  let regionOut = regionRef(region);
  let where = region.level === 'country' ? 'Ukraine' : region.level === 'oblast' ? `${region.name} oblast` : `${region.name} raion`;
  if (params.sector !== undefined) {
    const sector = parseSector(params.sector);
    shares = sharesOf(store, sector);
    geos.free(sector);
    const km2 = [...shares].reduce((sum, [cell, share]) => sum + (share ? geos.areaKm2(share) : landKm2(store, cell)), 0);
    if (km2 === 0) throw new FrontlineError('BAD_ARGUMENT', 'the sector does not cover any of Ukraine');
    steps = areaStepGains(store, shares);
    regionOut = { code: 'sector', name: 'sector', level: 'sector' as RegionRecord['level'], areaKm2: Math.round(km2 * 100) / 100 };
    where = 'the sector';
  } else {
    steps = stepGains(store, codesFor(store, region), onProgress).get(region.code)!;
  }
  const first = store.versions()[0].validAt.slice(0, 10);
  const days = dailyGains(steps, first, formatDate(toDate));
  const at = days.length - 1;
  const figures = [7, 30].flatMap((w) => SIDES.map((side) => windowFigure(days, at, w, side))).filter((f): f is WindowFigure => f !== null);
  const inWindow = days.filter((d) => d.date > formatDate(fromDate));
  const span = inWindow.length;
  const sum = (side: Side) => inWindow.reduce((s, d) => s + d[`${side}Km2`], 0);
  const advance = await advanceBetween(store, a, b, shares, span);
  const strongest = (['breakthrough', 'local gains'] as const).flatMap((c) => SIDES.filter((s) => advance[s].class === c).map((s) => ({ class: c, side: s })))[0];
  return {
    from: { date: formatDate(fromDate), versionId: a.id, validAt: a.validAt },
    to: { date: formatDate(toDate), versionId: b.id, validAt: b.validAt },
    days: span,
    region: regionOut,
    gains: {
      russiaKm2: r2(sum('russia')), ukraineKm2: r2(sum('ukraine')), netRussiaKm2: r2(sum('russia') - sum('ukraine')),
      russiaKm2PerDay: r2(sum('russia') / span), ukraineKm2PerDay: r2(sum('ukraine') / span),
    },
    daily: inWindow.map((d) => ({ date: d.date, russiaKm2: r2(d.russiaKm2), ukraineKm2: r2(d.ukraineKm2) })),
    windows: figures.map((f) => ({ ...f, km2: r2(f.km2), km2PerDay: r2(f.km2PerDay), previousKm2: f.previousKm2 === null ? null : r2(f.previousKm2) })),
    statements: statements(figures, where, first),
    advance,
    classification: strongest ?? { class: 'static' as const, side: null },
    thresholds: { minPatchKm2: MIN_PATCH_KM2, waterStripDeg: WATER_STRIP_DEG, staticMaxDepthKm: STATIC_MAX_DEPTH_KM, breakthrough: BREAKTHROUGH, trendRatio: TREND_RATIO },
  };
}

export type TempoResult = Awaited<ReturnType<typeof tempo>>;

/** Ground each side gained from version a to b inside the area (cells and their shares), merged across cells. */
function gainedBetween(store: Store, a: VersionRecord, b: VersionRecord, shares: Map<CellId, geos.Geom | null>): Record<Side, geos.Geom> {
  const cellsA = store.versionCells(a.id);
  const pieces: Record<Side, geos.Geom[]> = { russia: [], ukraine: [] };
  for (const [cell, keyB] of store.versionCells(b.id)) {
    const keyA = cellsA.get(cell);
    if (keyA === keyB || !shares.has(cell)) continue;
    const before = keyA ? russianHeld(store.cellLayers(keyA)!) : null;
    const after = russianHeld(store.cellLayers(keyB)!);
    const share = shares.get(cell)!;
    const add = (side: Side, g: geos.Geom) => {
      const inside = share ? geos.intersection(g, share) : g;
      if (share) geos.free(g);
      if (geos.isEmpty(inside)) geos.free(inside); else pieces[side].push(inside);
    };
    if (after) add('russia', before ? geos.difference(after, before) : geos.clone(after));
    if (before) add('ukraine', after ? geos.difference(before, after) : geos.clone(before));
    if (before) geos.free(before);
    if (after) geos.free(after);
  }
  const merge = (gs: geos.Geom[]) => { const u = geos.unionAll(gs); gs.forEach(geos.free); return u; };
  return { russia: merge(pieces.russia), ukraine: merge(pieces.ukraine) };
}

/** How far the Ukrainian source ground may move when simplified before its opening (deg, ~200 m). */
const SOURCE_SIMPLIFY_DEG = 0.002;

/**
 * The ground a side advanced from, around the gained ground: for Russia its held ground plus
 * everything beyond the country (attacks cross the border); for Ukraine the rest of the country.
 */
function sourceGround(store: Store, version: VersionRecord, side: Side, around: geos.Envelope, marginDeg: number): geos.Geom {
  const box = { minX: around.minX - marginDeg * 1.5, minY: around.minY - marginDeg, maxX: around.maxX + marginDeg * 1.5, maxY: around.maxY + marginDeg };
  const cells = store.versionCells(version.id);
  const heldBox = heldInBox(store, cells, box, true);
  const countryBox = geos.clipToRect(countryOutline(store), box);
  let source: geos.Geom;
  if (side === 'russia') {
    const frame = geos.fromGeoJSON({ type: 'Polygon', coordinates: [[[box.minX, box.minY], [box.maxX, box.minY], [box.maxX, box.maxY], [box.minX, box.maxY], [box.minX, box.minY]]] });
    const abroad = geos.difference(frame, countryBox);
    source = geos.union(heldBox, abroad);
    [frame, abroad].forEach(geos.free);
  } else {
    // DeepState leaves rivers inside occupied ground unpainted, so a river reads as Ukrainian-held
    // ground next to everything it liberates (Kherson's right bank, November 2022). Strips of
    // Ukrainian-held ground narrower than twice WATER_STRIP_KM are not where an advance starts.
    const ukrainian = geos.difference(countryBox, heldBox);
    // Simplified to ~200 m first: the opening works at 3 km and costs a quarter of the time on the
    // detailed outline (a week of the Kharkiv counteroffensive measured 1.5 s before).
    const simple = geos.simplifyPreservingTopology(ukrainian, SOURCE_SIMPLIFY_DEG);
    const shrunk = geos.buffer(simple, -WATER_STRIP_DEG);
    source = geos.buffer(shrunk, WATER_STRIP_DEG);
    [ukrainian, simple, shrunk].forEach(geos.free);
  }
  [heldBox, countryBox].forEach(geos.free);
  return source;
}

/**
 * Measures a side's patches, each against the source ground around it alone (a box around the
 * whole front would cost seconds). A patch touches the ground it grew from, so its depth is at
 * most its diagonal: patches whose diagonal is under both the fifth-deepest depth so far and a
 * breakthrough's depth cannot change the answer and are counted, not measured.
 */
function measureSide(store: Store, a: VersionRecord, side: Side, gained: geos.Geom): { patches: Patch[]; count: number } {
  const candidates = geos.parts(gained)
    .map((g) => ({ g, e: geos.envelope(g)!, km2: geos.areaKm2(g) }))
    .filter((p) => { const keep = p.km2 >= MIN_PATCH_KM2; if (!keep) geos.free(p.g); return keep; })
    .map((p) => ({ ...p, diagKm: distanceKm(p.e.minX, p.e.minY, p.e.maxX, p.e.maxY) }))
    .sort((x, y) => y.diagKm - x.diagKm);
  const measured: Patch[] = [];
  for (const c of candidates) {
    const fifth = measured.length >= 5 ? measured.map((p) => p.depthKm).sort((x, y) => y - x)[4] : 0;
    if (measured.length >= 5 && c.diagKm < Math.min(fifth, BREAKTHROUGH.minDepthKm)) { geos.free(c.g); continue; }
    // Depth is only right if the source ground reaches farther than it: widen until it does.
    let marginDeg = Math.max(0.05, (1.2 * c.diagKm) / KM_PER_DEG_LON_MIN);
    for (;;) {
      const source = sourceGround(store, a, side, c.e, marginDeg);
      const [patch] = measurePatches(c.g, source);
      geos.free(source);
      const deep = patch ? patch.depthKm : 0;
      if (!patch || deep < 0.8 * marginDeg * KM_PER_DEG_LON_MIN || marginDeg >= 3) {
        if (patch) measured.push(patch);
        break;
      }
      geos.free(patch.geom);
      marginDeg = Math.min(3, (1.5 * deep) / KM_PER_DEG_LON_MIN);
    }
    geos.free(c.g);
  }
  return { patches: measured.sort((x, y) => y.depthKm - x.depthKm), count: candidates.length };
}

async function advanceBetween(store: Store, a: VersionRecord, b: VersionRecord, shares: Map<CellId, geos.Geom | null>, days: number): Promise<Record<Side, SideAdvance> & { geojson: () => FeatureCollection }> {
  const gained = gainedBetween(store, a, b, shares);
  const settlements = store.settlements();
  const result = {} as Record<Side, SideAdvance>;
  const features: Feature[] = [];
  for (const side of SIDES) {
    const { patches, count } = measureSide(store, a, side, gained[side]);
    const top = patches.slice(0, 5).map((p): PatchSummary => {
      const prepared = geos.prepare(p.geom);
      const e = geos.envelope(p.geom)!;
      const inside = settlements.filter((s) => s.lon >= e.minX && s.lon <= e.maxX && s.lat >= e.minY && s.lat <= e.maxY && geos.preparedCoversXY(prepared, s.lon, s.lat))
        .sort((x, y) => (y.population ?? 0) - (x.population ?? 0));
      geos.freePrepared(prepared);
      return {
        areaKm2: r2(p.areaKm2), depthKm: r1(p.depthKm), widthKm: r1(p.widthKm), speedKmPerDay: r2(p.depthKm / Math.max(days, 1)),
        farthest: { lon: r5(p.farthest.lon), lat: r5(p.farthest.lat) }, from: { lon: r5(p.from.lon), lat: r5(p.from.lat) },
        settlementCount: inside.length, settlements: inside.slice(0, 10).map((s) => ({ name: s.name, code: s.code, population: s.population })),
      };
    });
    for (const [i, p] of patches.entries()) {
      features.push({ type: 'Feature', properties: { side, rank: i + 1, areaKm2: r2(p.areaKm2), depthKm: r1(p.depthKm), widthKm: r1(p.widthKm) }, geometry: geos.toGeoJSON(p.geom) });
      if (i < 5) features.push({ type: 'Feature', properties: { side, rank: i + 1, depthKm: r1(p.depthKm), kind: 'depth' }, geometry: { type: 'LineString', coordinates: [[p.from.lon, p.from.lat], [p.farthest.lon, p.farthest.lat]] } });
    }
    result[side] = { ...classify(patches, days), gainedKm2: r2(geos.areaKm2(gained[side])), patches: count, top };
    patches.forEach((p) => geos.free(p.geom));
    geos.free(gained[side]);
  }
  return Object.assign(result, { geojson: (): FeatureCollection => ({ type: 'FeatureCollection', features }) });
}

/** The result without its GeoJSON builder: what `--json` and the API print. */
export function tempoJson(r: TempoResult) {
  const { geojson: _g, ...advance } = r.advance;
  return { ...r, advance };
}
