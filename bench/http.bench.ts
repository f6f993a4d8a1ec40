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

async function wrk(url: string, script?: string): Promise<WrkResult> {
  const args = ['-t2', '-c50', '-d8s', '--latency', ...(script ? ['-s', script] : []), url];
  const { stdout } = await run('wrk', args, { maxBuffer: 1 << 20 });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1] ?? NaN);
  const p50 = /\s50%\s+(\S+)/.exec(stdout)?.[1] ?? '?';
  const p99 = /\s99%\s+(\S+)/.exec(stdout)?.[1] ?? '?';
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(stdout)?.[1] ?? 0);
  return { requestsPerSec: rps, p50, p99, non2xx };
}

const line = (name: string, r: WrkResult) =>
  `  ${name.padEnd(34)} ${Math.round(r.requestsPerSec).toLocaleString('en-US').padStart(8)} req/s  p50 ${r.p50.padStart(8)}  p99 ${r.p99.padStart(8)}${r.non2xx ? `  (${r.non2xx} non-2xx)` : ''}`;

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

  console.log(`\nHTTP under 50 concurrent clients (wrk -t2 -c50 -d8s, loopback); ${tileBody.length} B tile, ${statsBody.length} B stats`);
  console.log(line('bare Fastify route, same bytes', await wrk(`${bareBase}/blob`)));
  console.log(line('GET /api/v1/stats (cached answer)', await wrk(statsUrl)));
  console.log(line('control tile (cached)', await wrk(tileUrl)));
  console.log(line('control tiles, ~uncached', await wrk(base, script)));
  console.log('  targets: cached tiles and stats ≥ 20,000 req/s with p99 < 10 ms; uncached tile p99 < 200 ms');
  await bare.close();
  await app.close();
}
