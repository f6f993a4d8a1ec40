/**
 * HTTP throughput and latency under 50 concurrent clients on loopback, measured with wrk (a
 * separate process, so the client does not measure itself), beside a bare Fastify route that
 * serves the same number of bytes from memory: the ceiling on this machine.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Fastify from 'fastify';
import { buildServer } from '../src/server/app.js';

const run = promisify(execFile);

interface WrkResult { requestsPerSec: number; p50: string; p99: string; non2xx: number }

/**
 * Rounds of every cached route in turn: this virtual machine's speed drifts within minutes, so each
 * route is measured in every phase of the drift. The uncached route runs once, at the end: a second
 * round would find the first round's tiles cached.
 */
const ROUNDS = 3;
const SECONDS = 5;

async function wrk(url: string, script?: string, seconds = SECONDS): Promise<WrkResult> {
  const args = ['-t2', '-c50', `-d${seconds}s`, '--latency', ...(script ? ['-s', script] : []), url];
  const { stdout } = await run('wrk', args, { maxBuffer: 1 << 20 });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1] ?? NaN);
  const p50 = /\s50%\s+(\S+)/.exec(stdout)?.[1] ?? '?';
  const p99 = /\s99%\s+(\S+)/.exec(stdout)?.[1] ?? '?';
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(stdout)?.[1] ?? 0);
  return { requestsPerSec: rps, p50, p99, non2xx };
}

/** wrk's latency ("2.08ms", "1.2s", "850us") in ms. */
const ms = (latency: string): number => {
  const m = /^([\d.]+)(us|ms|s)$/.exec(latency);
  return m ? Number(m[1]) * { us: 1e-3, ms: 1, s: 1e3 }[m[2] as 'us' | 'ms' | 's'] : NaN;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** The median round of a route (by req/s), with the range of req/s and the median p50 and p99. */
const line = (name: string, rounds: WrkResult[]) => {
  const rps = rounds.map((r) => r.requestsPerSec);
  const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
  const non2xx = rounds.reduce((s, r) => s + r.non2xx, 0);
  const range = rounds.length > 1 ? ` (${fmt(Math.min(...rps))}–${fmt(Math.max(...rps))})` : '';
  return `  ${name.padEnd(36)} ${fmt(median(rps)).padStart(8)} req/s${range}  p50 ${median(rounds.map((r) => ms(r.p50))).toFixed(2).padStart(6)} ms  p99 ${median(rounds.map((r) => ms(r.p99))).toFixed(2).padStart(7)} ms${non2xx ? `  (${non2xx} non-2xx)` : ''}`;
};

export async function benchHttp(dbPath: string): Promise<void> {
  try {
    await run('wrk', ['--version']).catch((e) => { if (!String(e.stdout ?? '').includes('wrk')) throw e; });
  } catch {
    console.log('\nHTTP: wrk is not installed (apt-get install wrk): skipped');
    return;
  }
  const app = await buildServer({ dbPath, webRoot: '/nonexistent' });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const statsUrl = `${base}/api/v1/stats?date=2022-05-25&region=UA-09`;
  const statsBody = await (await fetch(statsUrl)).text();
  const tileUrl = `${base}/tiles/control/2022-05-25/6/38/22.mvt`;
  const tileBody = new Uint8Array(await (await fetch(tileUrl)).arrayBuffer());
  // Start-up work (the basemap's indexes, in the tile worker) would compete with the first runs.
  await fetch(`${base}/tiles/reference/6/38/22.mvt`);

  const bare = Fastify();
  const blob = Buffer.alloc(tileBody.length, 7);
  bare.get('/blob', async (_req, reply) => reply.type('application/octet-stream').send(blob));
  const bareBase = await bare.listen({ port: 0, host: '127.0.0.1' });

  // Uncached: every request a tile of another date and place, so the tile cache rarely hits.
  const dates = ((await (await fetch(`${base}/api/v1/dates`)).json()) as { dates: string[] }).dates;
  const dir = mkdtempSync(join(tmpdir(), 'frontline-wrk-'));
  const script = join(dir, 'uncached.lua');
  writeFileSync(script, `
local dates = {${dates.map((d) => `"${d}"`).join(',')}}
local n = 0
request = function()
  n = n + 1
  local d = dates[(n * 7919) % #dates + 1]
  local x = 600 + (n * 31) % 40
  local y = 340 + (n * 17) % 30
  return wrk.format("GET", "/tiles/control/" .. d .. "/10/" .. x .. "/" .. y .. ".mvt")
end`);

  const routes: [string, () => Promise<WrkResult>][] = [
    ['bare Fastify route, same bytes', () => wrk(`${bareBase}/blob`)],
    ['GET /api/v1/stats (cached answer)', () => wrk(statsUrl)],
    ['control tile (cached)', () => wrk(tileUrl)],
  ];
  const results = routes.map((): WrkResult[] => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, [, measure]] of routes.entries()) results[i].push(await measure());
  }
  const uncached = await wrk(base, script, 8);
  console.log(`\nHTTP under 50 concurrent clients (wrk -t2 -c50, loopback; ${ROUNDS} rounds of ${SECONDS} s of every cached route in turn: median round and range of req/s); ${tileBody.length} B tile, ${statsBody.length} B stats`);
  for (const [i, [name]] of routes.entries()) console.log(line(name, results[i]));
  console.log(line('control tiles, ~uncached (8 s, once)', [uncached]));
  console.log('  targets: cached tiles and stats ≥ 20,000 req/s with p99 < 10 ms; uncached tile p99 < 200 ms');
  await bare.close();
  await app.close();
}
