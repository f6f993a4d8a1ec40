/**
 * Analysis timings; targets from issue 4: one date < 1 s for Ukraine, < 200 ms for an oblast; the
 * tempo series < 10 s. The store is as `frontline start` leaves it (front-line pieces prepared).
 */
import { clearFrontCache, distance, frontline } from '../src/queries/analysis.js';
import { tempo } from '../src/queries/tempo.js';
import { whatif } from '../src/queries/whatif.js';
import { salients } from '../src/queries/salients.js';
import { roadNetwork, roads } from '../src/queries/roads.js';
import { heldGround } from '../src/core/analysis/held-ground.js';
import { classifyRoads, CUT, DEFAULT_RANGES_KM } from '../src/core/analysis/roads.js';
import type { RoadGraph } from '../src/core/analysis/road-graph.js';
import { wkbPolygons, type FlatPolygon } from '../src/core/geometry/wkb.js';
import type { Store } from '../src/store/store.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { summarize } from './summarize.js';

export async function benchAnalysis(dbPath: string): Promise<void> {
  const store = openSqliteStore(dbPath);
  const time = async (f: () => unknown, n: number) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) { const t = performance.now(); await f(); out.push(performance.now() - t); }
    return out;
  };
  /** One call per date: each date is new to the process's caches. */
  const perDate = async (dates: string[], f: (date: string) => unknown) => {
    const out: number[] = [];
    for (const d of dates) { const t = performance.now(); await f(d); out.push(performance.now() - t); }
    return out;
  };
  let t = performance.now();
  await frontline(store, { date: '2022-05-24' });
  console.log(`\nanalysis (targets: one date < 1 s for Ukraine, < 200 ms for an oblast; tempo series < 10 s)`);
  console.log(`  first call of a process (outline cut into cells, border zones)  ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const dates = ['2022-06-25', '2022-09-25', '2023-01-25', '2023-06-25', '2024-02-25', '2024-09-25'];
  console.log(`  front line, Ukraine, a new date          ${summarize(await perDate(dates, (d) => frontline(store, { date: d })))}`);
  const next = dates.map((d) => d.replace(/25$/, '27'));
  console.log(`  front line, Ukraine, two days later      ${summarize(await perDate(next, (d) => frontline(store, { date: d })))}`);
  console.log(`  front line, Luhansk, a new date          ${summarize(await perDate(dates.map((d) => d.replace(/25$/, '20')), (d) => frontline(store, { date: d, region: 'UA-09' })))}`);
  console.log(`  distance to Kramatorsk                   ${summarize(await time(() => distance(store, { date: '2022-05-25', to: 'Kramatorsk' }), 5))}`);
  t = performance.now();
  await tempo(store, { from: '2022-05-18', to: '2022-05-25' });
  console.log(`  tempo series, whole timeline, first call (gains of every version pair, then cached)  ${((performance.now() - t) / 1000).toFixed(1)} s`);
  console.log(`  tempo, a week, Ukraine                   ${summarize(await perDate(['2022-05-25', '2022-09-12', '2023-06-20', '2024-10-01'], (d) => tempo(store, { from: new Date(Date.parse(d) - 7 * 86_400_000).toISOString().slice(0, 10), to: d })))}`);
  console.log(`  tempo, a week, Luhansk                   ${summarize(await perDate(['2022-05-25', '2022-07-01', '2023-06-20', '2024-10-01'], (d) => tempo(store, { from: new Date(Date.parse(d) - 7 * 86_400_000).toISOString().slice(0, 10), to: d, region: 'UA-09' })))}`);
  console.log(`  what-if Bakhmut–Siversk–Sloviansk        ${summarize(await perDate(['2022-05-25', '2022-06-01', '2022-06-08'], (d) => whatif(store, { date: d, line: 'Bakhmut, Siversk, Sloviansk' })))}`);
  console.log(`  salients, Luhansk (3 dates: D, D−7, D−30) ${summarize(await perDate(['2022-05-25', '2022-06-15'], (d) => salients(store, { date: d, region: 'UA-09' })))}`);
  console.log(`  salients, Ukraine (3 dates)              ${summarize(await perDate(['2022-05-25'], (d) => salients(store, { date: d })))}`);
  // Last, as it empties the caches the lines above read.
  console.log(`  baseline: front line, Ukraine, no cell cache, no stored pieces  ${summarize(await perDate(next, (d) => { clearFrontCache(store); return frontline(store, { date: d }); }))}`);
  await benchRoads(store);
  store.close();
}

/**
 * `frontline roads` for one date. Each run takes a date not seen before, so the held ground of
 * the version is read and indexed every time (only the road graph and names are cached per store).
 * Baseline, same run: every road sample measured (the same R-tree, but no skipping along roads
 * and no far-cell restriction).
 */
export async function benchRoads(store: Store): Promise<void> {
  let t = performance.now();
  const net = await roadNetwork(store);
  console.log(`  roads: graph + names + oblast per sample, once per store   ${(performance.now() - t).toFixed(0)} ms`);
  const dates = (from: number, n: number) => Array.from({ length: n }, (_, i) => new Date(Date.UTC(2022, 5, from + i)).toISOString().slice(0, 10));
  const runs = async (list: string[], f: (d: string) => Promise<unknown>) => {
    const out: number[] = [];
    for (const d of list) { const s = performance.now(); await f(d); out.push(performance.now() - s); }
    return out;
  };
  console.log(`  roads, Ukraine, 7 dates in June 2022       ${summarize(await runs(dates(1, 7), (date) => roads(store, { date })))}`);
  console.log(`  roads, Donetsk, 7 other dates              ${summarize(await runs(dates(10, 7), (date) => roads(store, { date, region: 'UA-14' })))}`);
  console.log(`  roads, Ukraine, into Bakhmut (15 km)       ${summarize(await runs(dates(20, 5), (date) => roads(store, { date, into: 'place:Bakhmut' })))}`);
  const classify = (date: string, naive: boolean) => {
    const v = store.versionAt(`${date}T23:59:59.999Z`)!;
    const cells = new Map<number, FlatPolygon[]>();
    for (const [cell, key] of store.versionCells(v.id)) {
      const l = store.cellLayers(key)!;
      const p = [...wkbPolygons(l.occupied), ...wkbPolygons(l.contested)];
      if (p.length) cells.set(cell, p);
    }
    const held = heldGround(cells);
    return naive ? classifyNaive(net.graph, held, DEFAULT_RANGES_KM) : classifyRoads(net.graph, held, DEFAULT_RANGES_KM).band;
  };
  console.log(`  roads core, Ukraine: skip along roads + far cells   ${summarize(await runs(dates(1, 3), async (d) => classify(d, false)))}`);
  // One baseline run only: it takes over a minute (far points search wide boxes of the R-tree).
  let naive: Int8Array = new Int8Array(0);
  console.log(`  roads core, Ukraine: baseline, every sample         ${summarize(await runs(['2022-06-01'], async (d) => { naive = classify(d, true); }))}`);
  const fast = classify('2022-06-01', false);
  let differ = 0, differKm = 0;
  for (let i = 0; i < fast.length; i++) if (fast[i] !== naive[i]) { differ++; differKm += net.graph.sampleKm[i]; }
  console.log(`  roads core: samples whose band differs from the baseline: ${differ} of ${fast.length} (${differKm.toFixed(2)} km)`);
}

/** Every sample measured: the answer the skipping must reproduce, at full cost. */
function classifyNaive(g: RoadGraph, held: ReturnType<typeof heldGround>, ranges: number[]): Int8Array {
  const band = new Int8Array(g.sampleKm.length);
  for (let i = 0; i < band.length; i++) {
    if (held.inside(g.sampleLon[i], g.sampleLat[i])) { band[i] = CUT; continue; }
    const d = held.nearestEdgeKm(g.sampleLon[i], g.sampleLat[i]);
    let b = 0;
    while (b < ranges.length && d > ranges[b]) b++;
    band[i] = b;
  }
  return band;
}
