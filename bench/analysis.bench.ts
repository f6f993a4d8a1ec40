/** Analysis timings for one date (whole country and one oblast); targets from issue 4. */
import { distance, frontline } from '../src/queries/analysis.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { summarize } from './summarize.js';

export async function benchAnalysis(dbPath: string): Promise<void> {
  const store = openSqliteStore(dbPath);
  const time = async (f: () => unknown, n: number) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) { const t = performance.now(); await f(); out.push(performance.now() - t); }
    return out;
  };
  await frontline(store, { date: '2022-05-24' }); // warm-up: border zones are built once per process
  console.log('\nanalysis, one date (targets: whole country < 1 s, one oblast < 200 ms)');
  console.log(`  front line, Ukraine, 2022-05-25   ${summarize(await time(() => frontline(store, { date: '2022-05-25' }), 3))}`);
  console.log(`  front line, Luhansk, 2022-05-25   ${summarize(await time(() => frontline(store, { date: '2022-05-25', region: 'UA-09' }), 3))}`);
  console.log(`  distance to Kramatorsk            ${summarize(await time(() => distance(store, { date: '2022-05-25', to: 'Kramatorsk' }), 5))}`);
  store.close();
}
