/**
 * Worker-thread entry: cuts tiles from its own read-only connection to the store file
 * (tile-source.ts). What it derives for later starts (basemap roads, simplified cells) goes to the
 * main thread, the store's only writer.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as geos from '../../core/geometry/geos.js';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.js';
import type { Store } from '../../store/store.js';
import { inProcessTiles, type AnyTileRequest, type DerivedRows, type TileAnswer } from './tile-source.js';

await geos.initGeometry();
const readOnly = openSqliteStore((workerData as { dbPath: string }).dbPath, { readonly: true });
const store: Store = Object.assign(Object.create(readOnly) as Store, {
  saveDerived: (kind: string, rows: [string, Uint8Array][]) => parentPort!.postMessage({ derived: { kind, rows } satisfies DerivedRows }),
});
const tiles = inProcessTiles(store);
parentPort!.on('message', (msg: ({ id: number } & AnyTileRequest) | { type: 'warm' }) => {
  if ('type' in msg) { tiles.warm(); return; }
  tiles.tile(msg).then(
    (bytes) => parentPort!.postMessage({ id: msg.id, ok: true, bytes } satisfies TileAnswer),
    (e: Error) => parentPort!.postMessage({ id: msg.id, ok: false, error: e.message } satisfies TileAnswer),
  );
});
parentPort!.postMessage({ ready: true });
