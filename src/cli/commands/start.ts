import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir, dbPath, referenceDir } from '../../config.js';
import { parse } from '../args.js';
import { openStore } from '../store.js';
import { info } from '../output.js';
import { loadReference } from './reference.js';
import { importWithProgress, printSummary } from './import.js';
import { HELP } from '../help.js';
import { serve } from './serve.js';
import { stepGains } from '../../queries/gains.js';
import { prepareFrontLines } from '../../queries/analysis.js';
import { prepareLowZoomTiles } from '../../server/tiles/control-tiles.js';
import { initGeometry } from '../../core/geometry/geos.js';

export const usage = 'frontline start [--port 8080] [--no-serve]   prepare the store on first run (reference + DeepState archive), show what it holds, then serve the map';

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, { port: { type: 'string', default: process.env.PORT ?? '8080' }, host: { type: 'string', default: '127.0.0.1' }, 'no-serve': { type: 'boolean', default: false } });
  const store = openStore();
  try {
    info(`store: ${dbPath()}   data: ${dataDir()}`);
    if (!store.hasReference()) {
      if (!existsSync(referenceDir())) {
        info(`no reference data at ${referenceDir()}: set FRONTLINE_DATA to the data directory, then run \`frontline reference load\``);
        return 2;
      }
      info('first run: loading reference geography…');
      const r = await loadReference(store, referenceDir());
      info(`loaded ${r.regions} regions, ${r.settlements} settlements, ${r.roads} road segments in ${r.seconds.toFixed(1)} s`);
    }
    const archive = join(dataDir(), 'deepstate');
    if (store.versions().length === 0 && existsSync(archive)) {
      info(`first run: importing the DeepState archive from ${archive}…`);
      printSummary(await importWithProgress(store, [archive]));
    }
    const versions = store.versions();
    const regions = store.regions();
    if (versions.length > 1) {
      await initGeometry();
      // The tempo series needs the gains between every pair of versions: compute the missing ones now, once.
      const codes = ['UA', ...regions.filter((r) => r.level === 'oblast').map((r) => r.code)];
      let announced = false;
      stepGains(store, codes, (done, total) => {
        if (!announced) { info(`computing the gains between ${total} pairs of versions (once)…`); announced = true; }
        if (process.stderr.isTTY) process.stderr.write(`\r  ${done}/${total}${done === total ? '\n' : ''}`);
      });
      // The front line (and salients, what-if) of any date then reads stored pieces.
      let warned = false;
      await prepareFrontLines(store, (done, total) => {
        if (!warned) { info(`tracing the front line of ${total} versions (once)…`); warned = true; }
        if (process.stderr.isTTY) process.stderr.write(`\r  ${done}/${total}${done === total ? '\n' : ''}`);
      });
      // Low-zoom tiles of any date then cost an index over ready features, not hundreds of GEOS calls.
      let told = false;
      await prepareLowZoomTiles(store, (done, total) => {
        if (!told) { info(`simplifying ${total} map cells for the small-scale tiles (once)…`); told = true; }
        if (process.stderr.isTTY) process.stderr.write(`\r  ${done}/${total}${done === total ? '\n' : ''}`);
      });
    }
    console.log(`Frontline store ${dbPath()}`);
    console.log(`  ${regions.filter((r) => r.level === 'oblast').length} oblasts, ${regions.filter((r) => r.level === 'raion').length} raions, ${store.settlements().length} settlements`);
    console.log(versions.length
      ? `  ${versions.length} map versions from ${versions[0].validAt.slice(0, 10)} to ${versions[versions.length - 1].validAt.slice(0, 10)}`
      : '  no map versions yet: frontline import deepstate <dir>');
    console.log([
      '\nTry:',
      '  npx frontline stats --date 2022-05-25 --region Luhansk',
      '  npx frontline diff --from 2022-05-18 --to 2022-05-25 --region Luhansk',
      '  npx frontline tempo --from 2022-05-18 --to 2022-05-25 --region Luhansk',
      '  npx frontline salients --date 2022-05-25 --region Luhansk',
      '  npx frontline whatif --date 2022-05-25 --line "Bakhmut, Siversk, Sloviansk"',
      '  npx frontline distance --date 2022-05-25 --to Kramatorsk\n',
    ].join('\n'));
    console.log(HELP);
  } finally {
    store.close();
  }
  if (values['no-serve']) return 0;
  await serve(Number(values.port), values.host as string);
  return new Promise<number>(() => {});
}
