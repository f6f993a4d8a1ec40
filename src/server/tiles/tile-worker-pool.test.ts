import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyOfTemplate, hasData, SKIP_REASON } from '../../../test/helpers.js';
import * as geos from '../../core/geometry/geos.js';
import { inProcessTiles, type AnyTileRequest } from './tile-source.js';
import { threadedTiles } from './tile-worker-pool.js';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.js';

describe.skipIf(!hasData())('tiles cut in worker threads (real data)', () => {
  if (!hasData()) console.warn(`skipped: ${SKIP_REASON}`);
  const { store, path } = copyOfTemplate();
  const threaded = threadedTiles(path, 2);
  afterAll(async () => { await threaded.close(); store.close(); });

  it('gives the same bytes as tiles cut in this thread, for control and basemap tiles', async () => {
    await geos.initGeometry();
    const local = inProcessTiles(store);
    const version = store.versions().at(-1)!;
    const requests: AnyTileRequest[] = [
      { kind: 'control', versionId: version.id, z: 5, x: 19, y: 11 }, // below zoom 8: the version's simplified index
      { kind: 'control', versionId: version.id, z: 9, x: 309, y: 173 }, // Sievierodonetsk: cells at full resolution
      { kind: 'control', versionId: version.id, z: 10, x: 615, y: 350 }, // Kharkiv on that date: nothing occupied
      { kind: 'reference', z: 6, x: 38, y: 22 },
      { kind: 'reference', z: 10, x: 618, y: 347 },
    ];
    let nonEmpty = 0;
    for (const r of requests) {
      const [a, b] = await Promise.all([local.tile(r), threaded.tile(r)]);
      expect(b === null ? null : Buffer.from(b)).toEqual(a === null ? null : Buffer.from(a));
      if (a && a.length > 0) nonEmpty++;
    }
    expect(nonEmpty).toBe(4);
  });

  it('serves an empty basemap from a store without the reference geography', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'frontline-empty-'));
    openSqliteStore(join(dir, 'empty.db')).close(); // the server's own connection creates the store
    const empty = threadedTiles(join(dir, 'empty.db'), 1);
    expect(await empty.tile({ kind: 'reference', z: 6, x: 38, y: 22 })).toBeNull();
    await empty.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the store only: what a worker derives is handed to the writer', async () => {
    const readOnly = openSqliteStore(path, { readonly: true });
    expect(() => readOnly.saveDerived('test', [['k', new Uint8Array([1])]])).toThrow(/readonly/);
    readOnly.close();
    // A store whose basemap roads are not joined yet: the worker joins them and hands them over.
    const copy = copyOfTemplate();
    copy.store.clearDerived('basemap-roads');
    copy.store.close();
    const kinds: string[] = [];
    const pool = threadedTiles(copy.path, 1, (d) => kinds.push(d.kind));
    expect((await pool.tile({ kind: 'reference', z: 6, x: 38, y: 22 }))?.length).toBeGreaterThan(1000);
    await pool.close();
    expect(kinds).toContain('basemap-roads');
    // Handed over, not written: the store still has none.
    const after = openSqliteStore(copy.path);
    expect(after.derived('basemap-roads', 'international')).toBeNull();
    after.close();
  });

  it('fails the tiles of a worker that dies, with a message, and again for the next tile (no hang)', async () => {
    const broken = threadedTiles(dirname(path), 1); // a directory: the worker cannot open it and exits
    await expect(broken.tile({ kind: 'reference', z: 6, x: 38, y: 22 })).rejects.toThrow(/tile worker (failed|exited)/);
    await expect(broken.tile({ kind: 'control', versionId: 1, z: 6, x: 38, y: 22 })).rejects.toThrow(/tile worker (failed|exited)/);
    await broken.close();
  });
});
