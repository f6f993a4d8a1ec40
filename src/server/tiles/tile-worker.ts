/** Worker-thread entry: cuts tiles from its own connection to the store file (tile-source.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import * as geos from '../../core/geometry/geos.js';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.js';
import { inProcessTiles, type AnyTileRequest, type TileAnswer } from './tile-source.js';

await geos.initGeometry();
const store = openSqliteStore((workerData as { dbPath: string }).dbPath);
const tiles = inProcessTiles(store);
parentPort!.on('message', (msg: ({ id: number } & AnyTileRequest) | { type: 'warm' } | { type: 'close' }) => {
  if ('type' in msg) {
    if (msg.type === 'warm') tiles.warm();
    else { store.close(); parentPort!.close(); }
    return;
  }
  tiles.tile(msg).then(
    (bytes) => parentPort!.postMessage({ id: msg.id, ok: true, bytes } satisfies TileAnswer),
    (e: Error) => parentPort!.postMessage({ id: msg.id, ok: false, error: e.message } satisfies TileAnswer),
  );
});
parentPort!.postMessage({ ready: true });
