import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main.js';
import { ERRORS } from '../src/errors.js';
import { stats } from '../src/queries/stats.js';
import { copyOfTemplate, hasData, SKIP_REASON } from './helpers.js';

async function run(args: string[], db?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => { stdout += String(chunk); return true; });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => { stderr += String(chunk); return true; });
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => { stdout += a.join(' ') + '\n'; });
  const previous = process.env.FRONTLINE_DB;
  if (db) process.env.FRONTLINE_DB = db;
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore(); err.mockRestore(); log.mockRestore();
    if (db) process.env.FRONTLINE_DB = previous;
  }
}

afterEach(() => vi.restoreAllMocks());

describe('CLI', () => {
  it('prints help and exits 0; an unknown command exits 2', async () => {
    expect((await run(['--help'])).stdout).toMatch(/frontline stats --date/);
    const bad = await run(['frobnicate']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown command 'frobnicate'/);
  });

  it('documents exactly the error codes src/errors.ts defines', () => {
    const doc = readFileSync(new URL('../docs/cli.md', import.meta.url), 'utf8');
    const documented = [...doc.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(Object.keys(ERRORS).sort());
  });
});

describe.skipIf(!hasData())('CLI on real data', () => {
  if (!hasData()) console.warn(`skipped: ${SKIP_REASON}`);

  it('stats --json prints exactly one JSON document, the same as the query', async () => {
    const { store, path } = copyOfTemplate();
    const expected = stats(store, { date: '2022-05-25', region: 'UA-09' });
    store.close();
    const r = await run(['stats', '--date', '2022-05-25', '--region', 'Luhansk', '--json'], path);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(expected);
  });

  it('bad input gets exit code 2 and a message naming the bad value', async () => {
    const { store, path } = copyOfTemplate();
    store.close();
    const badDate = await run(['stats', '--date', '2022-13-45', '--region', 'UA-09'], path);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toMatch(/date '2022-13-45' is not a date/);
    const region = await run(['stats', '--date', '2022-05-25', '--region', 'Atlantis', '--json'], path);
    expect(region.code).toBe(2);
    expect(region.stdout).toBe('');
    expect(region.stderr).toMatch(/unknown region 'Atlantis' \(did you mean/);
    const early = await run(['stats', '--date', '2021-01-01'], path);
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/no map version on or before 2021-01-01: versions run from 2022-05-10 to 2022-06-01/);
    const flag = await run(['stats', '--dat', '2022-05-25'], path);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/--dat/);
  });

  it('import exits 1 and names the file when a snapshot is corrupt, with one JSON summary on stdout', async () => {
    const { store, path } = copyOfTemplate();
    store.close();
    const dir = mkdtempSync(join(tmpdir(), 'frontline-cli-bad-'));
    writeFileSync(join(dir, '1999999999.geojson.gz'), Buffer.from([0x1f, 0x8b, 0x08, 0x00]));
    const r = await run(['import', 'deepstate', dir, '--json'], path);
    expect(r.code).toBe(1);
    const summary = JSON.parse(r.stdout);
    expect(summary.failed).toHaveLength(1);
    expect(summary.failed[0].error).toMatch(/1999999999\.geojson\.gz: unexpected end of file/);
  });

  it('versions --json is an array with one element per version; series --csv has a row per day', async () => {
    const { store, path } = copyOfTemplate();
    const n = store.versions().length;
    store.close();
    const v = await run(['versions', '--json'], path);
    expect(JSON.parse(v.stdout)).toHaveLength(n);
    const csv = await run(['series', '--region', 'UA-09', '--from', '2022-05-20', '--to', '2022-05-26', '--csv'], path);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^date,validAt,occupiedKm2,occupiedShare/);
    expect(lines).toHaveLength(8);
  });

  it('start --no-serve on a prepared store summarises it, computes the tempo gains once, and suggests the analyses', async () => {
    const { store, path } = copyOfTemplate();
    const versions = store.versions();
    store.close();
    const r = await run(['start', '--no-serve'], path);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`${versions.length} map versions from ${versions[0].validAt.slice(0, 10)}`));
    expect(r.stdout).toMatch(/frontline salients --date 2022-05-25 --region Luhansk/);
    const { openSqliteStore } = await import('../src/store/sqlite/sqlite-store.js');
    const after = openSqliteStore(path);
    // One cached row per consecutive pair of versions for the country.
    expect(after.pairGains('UA').size).toBe(versions.length - 1);
    // Every version's front line is traced once and marked as such.
    expect(versions.every((v) => after.derived('front-version', v.contentHash) !== null)).toBe(true);
    after.close();
  });

  it('tempo, whatif and salients print one JSON document each', async () => {
    const { path } = copyOfTemplate();
    for (const args of [
      ['tempo', '--from', '2022-05-18', '--to', '2022-05-25', '--region', 'Luhansk', '--json'],
      ['whatif', '--date', '2022-05-25', '--line', 'Bakhmut, Siversk', '--json'],
      ['salients', '--date', '2022-05-25', '--region', 'Luhansk', '--json'],
    ]) {
      const r = await run(args, path);
      expect(r.code).toBe(0);
      expect(() => JSON.parse(r.stdout)).not.toThrow();
    }
    const bad = await run(['whatif', '--date', '2022-05-25', '--line', 'Lviv, Ternopil'], path);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Lviv is more than 40 km from the front/);
  });
});
