/**
 * `npm run bench`: measures the archive import, the per-oblast daily series and `stats`, each beside
 * a baseline run in the same process. Figures are printed, never asserted.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
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
// `npm run bench -- [--db store.db] [import|stats|http|analysis|browser …]`: all parts by default;
// with --db, a copy of an archive store is measured instead of a fresh import.
const args = process.argv.slice(2);
const dbAt = args.indexOf('--db');
const existing = dbAt >= 0 ? args[dbAt + 1] : null;
const parts = new Set(args.filter((a, i) => i !== dbAt && i !== dbAt + 1));
const wanted = (part: string) => parts.size === 0 || parts.has(part);
const dir = mkdtempSync(join(tmpdir(), 'frontline-bench-'));
try {
  const dbPath = join(dir, 'bench.db');
  if (existing) copyFileSync(existing, dbPath);
  else {
    const files = readdirSync(join(data, 'deepstate')).filter((f) => /^\d+\.geojson(\.gz)?$/.test(f)).sort().map((f) => join(data, 'deepstate', f));
    await benchImport(data, files, dbPath);
  }
  if (wanted('stats')) await benchStats(dbPath);
  await prepareLikeStart(dbPath);
  if (wanted('http')) await benchHttp(dbPath);
  if (wanted('analysis')) await benchAnalysis(dbPath);
  if (wanted('browser')) await benchBrowser(dbPath);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
