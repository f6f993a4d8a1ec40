/** `stats` latency, warm, against recomputing the same figure from the stored geometry. */
import * as geos from '../src/core/geometry/geos.js';
import { stats } from '../src/queries/stats.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { summarize } from './summarize.js';

export async function benchStats(dbPath: string): Promise<void> {
  const store = openSqliteStore(dbPath);
  await geos.initGeometry();
  const params = { date: '2022-05-25', region: 'Luhansk' };
  for (let i = 0; i < 50; i++) stats(store, params); // warm-up: caches settlements and regions
  const times: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const t = performance.now();
    stats(store, params);
    times.push(performance.now() - t);
  }
  // Baseline: the same occupied area from the version's stored cell layers ∩ the oblast.
  const v = store.versionAt('2022-05-25T23:59:59.999Z')!;
  const oblast = geos.fromWkb(store.regionWkb('UA-09')!);
  const country = geos.fromWkb(store.regionWkb('UA')!);
  const region = geos.intersection(oblast, country);
  const baseline: number[] = [];
  let area = 0;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const layers = [...new Set(store.versionCells(v.id).values())].map((k) => geos.fromWkb(store.cellLayers(k)!.occupied)).filter((g) => !geos.isEmpty(g));
    const occupied = geos.unionAll(layers);
    const part = geos.intersection(occupied, region);
    area = geos.areaKm2(part);
    [...layers, occupied, part].forEach(geos.free);
    baseline.push(performance.now() - t);
  }
  const ours = stats(store, params).byStatus.occupied.areaKm2;
  console.log('\nstats --date 2022-05-25 --region Luhansk (warm, in process)');
  console.log(`  stored figures      ${summarize(times)}`);
  console.log(`  baseline: recompute ${summarize(baseline)}   (occupied ${area.toFixed(2)} km² vs stored ${ours.toFixed(2)} km²)`);
  store.close();
}
