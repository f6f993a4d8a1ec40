/**
 * `npm run bench`: measures the archive import, the per-oblast daily series and `stats`, each beside
 * a baseline run in the same process. Figures are printed, never asserted.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataDir } from '../src/config.js';
import { benchImport } from './import.bench.js';
import { benchStats } from './stats.bench.js';
import { benchHttp } from './http.bench.js';
import { benchAnalysis } from './analysis.bench.js';
import { benchBrowser } from './browser.bench.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { prepareLowZoomTiles } from '../src/server/tiles/control-tiles.js';
import { prepareFrontLines } from '../src/queries/analysis.js';

/** What `frontline start` does after an import, so the server is measured as a user runs it. */
async function prepareLikeStart(dbPath: string): Promise<void> {
  const store = openSqliteStore(dbPath);
  let t = performance.now();
  const fronts = await prepareFrontLines(store);
  console.log(`\nfront-line preparation (as frontline start does): ${fronts} versions in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  t = performance.now();
  const n = await prepareLowZoomTiles(store);
  console.log(`low-zoom tile preparation (as frontline start does): ${n} cells in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  store.close();
}

const data = dataDir();
if (!existsSync(join(data, 'deepstate'))) {
  console.log(`no data at ${data} (set FRONTLINE_DATA): nothing to measure`);
  process.exit(0);
}
const dir = mkdtempSync(join(tmpdir(), 'frontline-bench-'));
try {
  const files = readdirSync(join(data, 'deepstate')).filter((f) => /^\d+\.geojson(\.gz)?$/.test(f)).sort().map((f) => join(data, 'deepstate', f));
  const dbPath = join(dir, 'bench.db');
  await benchImport(data, files, dbPath);
  await benchStats(dbPath);
  await prepareLikeStart(dbPath);
  await benchHttp(dbPath);
  await benchAnalysis(dbPath);
  await benchBrowser(dbPath);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
