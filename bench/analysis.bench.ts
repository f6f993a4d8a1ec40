/** Analysis timings; targets from issue 4: one date < 1 s for Ukraine, < 200 ms for an oblast; the tempo series < 10 s. */
import { clearFrontCache, distance, frontline } from '../src/queries/analysis.js';
import { tempo } from '../src/queries/tempo.js';
import { whatif } from '../src/queries/whatif.js';
import { salients } from '../src/queries/salients.js';
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
  clearFrontCache(store);
  console.log(`  baseline: the same, no cell cache         ${summarize(await perDate(next, (d) => { clearFrontCache(store); return frontline(store, { date: d }); }))}`);
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
  store.close();
}
