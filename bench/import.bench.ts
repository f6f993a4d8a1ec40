/**
 * The archive import (340 snapshots) plus the per-oblast daily series for all its dates, beside
 * the straightforward pipeline (union per status, clip to the outline, intersect each oblast, area)
 * re-run from scratch per snapshot on every 10th snapshot.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as geos from '../src/core/geometry/geos.js';
import { parseDeepStateSnapshot } from '../src/core/ingest/deepstate.js';
import { importDeepStateFiles } from '../src/importers/deepstate-files.js';
import { readReference } from '../src/importers/reference.js';
import { series } from '../src/queries/series.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { summarize } from './summarize.js';

export async function benchImport(data: string, files: string[], dbPath: string): Promise<void> {
  const store = openSqliteStore(dbPath);
  let t = performance.now();
  store.saveReference(await readReference(join(data, 'reference')));
  console.log(`reference load: ${((performance.now() - t) / 1000).toFixed(1)} s (not part of the import figure)`);

  const rssAt: string[] = [];
  let peak = 0;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
  t = performance.now();
  const summary = await importDeepStateFiles(store, files, {
    onProgress: ({ done }) => { if (done % 85 === 0 && done > 0) rssAt.push(`${done}: ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`); },
  });
  const importSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  const oblasts = store.regions().filter((r) => r.level === 'oblast');
  let rows = 0;
  for (const o of oblasts) rows += series(store, { region: o.code }).rows.length;
  const seriesSeconds = (performance.now() - t) / 1000;
  clearInterval(sampler);

  console.log(`\nimport of ${files.length} snapshots: ${summary.imported} imported, ${summary.unchanged} duplicates, ${summary.failed.length} failed`);
  console.log(`  import                          ${importSeconds.toFixed(1)} s  (${(importSeconds * 1000 / files.length).toFixed(0)} ms per snapshot)`);
  console.log(`  per-oblast daily series         ${seriesSeconds.toFixed(2)} s  (${oblasts.length} oblasts × ${rows / oblasts.length} days)`);
  console.log(`  total                           ${(importSeconds + seriesSeconds).toFixed(1)} s   target < 15 s`);
  console.log(`  peak RSS ${(peak / 1e6).toFixed(0)} MB; RSS after n snapshots: ${rssAt.join(', ')}`);

  // Baseline: every 10th snapshot from scratch.
  const sample = files.filter((_, i) => i % 10 === 0);
  const countryGeom = geos.fromWkb(store.regionWkb('UA')!);
  const oblastGeoms = oblasts.map((o) => ({ code: o.code, geom: geos.fromWkb(store.regionWkb(o.code)!) }));
  const times: number[] = [];
  let worst = 0;
  for (const file of sample) {
    const start = performance.now();
    const parsed = parseDeepStateSnapshot(JSON.parse(gunzipSync(readFileSync(file)).toString()));
    const unionOf = (statuses: string[]) => {
      const gs = parsed.polygons.filter((p) => statuses.includes(p.status)).map((p) => geos.makeValidPolygonal(geos.fromGeoJSON(p.geometry)));
      const u = geos.unionAll(gs);
      gs.forEach(geos.free);
      const c = geos.intersection(u, countryGeom);
      geos.free(u);
      return c;
    };
    const contested = unionOf(['contested']);
    const occAll = unionOf(['occupied', 'occupiedBefore2022']);
    const occupied = geos.difference(occAll, contested);
    const figures = oblastGeoms.map((o) => { const p = geos.intersection(occupied, o.geom); const a = geos.areaKm2(p); geos.free(p); return [o.code, a] as const; });
    times.push(performance.now() - start);
    [contested, occAll, occupied].forEach(geos.free);
    const v = store.versionAt(new Date(Number(file.split('/').pop()!.split('.')[0]) * 1000).toISOString())!;
    for (const [code, a] of figures) {
      const stored = store.regionFigures(v.id, code)!.occupied;
      if (a > 1) worst = Math.max(worst, Math.abs(stored - a) / a);
    }
  }
  const median = [...times].sort((a, b) => a - b)[times.length >> 1];
  console.log(`\nbaseline: each snapshot from scratch (union, clip, 25 oblast intersections; no raions, no settlements), ${sample.length} snapshots`);
  console.log(`  per snapshot ${summarize(times)}`);
  console.log(`  ≈ ${(median * files.length / 1000).toFixed(1)} s for the ${files.length} snapshots (median × count) vs ${importSeconds.toFixed(1)} s incremental with raions and settlements`);
  console.log(`  largest relative difference of occupied km² per oblast, baseline vs stored: ${worst.toExponential(2)}`);
  console.log('  PostGIS baseline: not run (no PostgreSQL in this process); the issue quotes ~56 s for PostGIS on this machine');
  geos.free(countryGeom);
  oblastGeoms.forEach((o) => geos.free(o.geom));
  store.close();
}
