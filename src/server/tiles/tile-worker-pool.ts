/**
 * Tiles cut in worker threads (tile-worker.ts), each with its own connection to the store file. A
 * tile position always goes to the same worker, so its caches (cells, tiles by content) stay warm.
 * A worker that dies fails its pending tiles with a message and is started again on the next one.
 */
import { Worker } from 'node:worker_threads';
import type { AnyTileRequest, DerivedRows, TileAnswer, TileSource } from './tile-source.js';

interface Pending { resolve: (b: Uint8Array | null) => void; reject: (e: Error) => void }

function startWorker(dbPath: string, pending: Map<number, Pending>, onExit: () => void, onDerived: (d: DerivedRows) => void): Worker {
  // Under the test runner this module is TypeScript: the worker registers tsx, then loads it.
  const ts = import.meta.url.endsWith('.ts');
  const entry = new URL(ts ? './tile-worker.ts' : './tile-worker.js', import.meta.url);
  const worker = ts
    ? new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`, { eval: true, workerData: { dbPath } })
    : new Worker(entry, { workerData: { dbPath } });
  const fail = (e: Error) => { for (const p of pending.values()) p.reject(e); pending.clear(); };
  worker.on('error', (e) => fail(new Error(`tile worker failed: ${e.message}`)));
  worker.on('exit', (code) => { fail(new Error(`tile worker exited (code ${code})`)); onExit(); });
  worker.on('message', (msg: TileAnswer | { ready: true } | { derived: DerivedRows }) => {
    if ('ready' in msg) return;
    if ('derived' in msg) { onDerived(msg.derived); return; }
    const p = pending.get(msg.id);
    pending.delete(msg.id);
    if (!p) return;
    if (msg.ok) p.resolve(msg.bytes); else p.reject(new Error(msg.error));
  });
  worker.unref(); // a server that is closed without close() must not be kept alive by its tile workers
  return worker;
}

/**
 * `saveDerived` keeps what the workers derived (they read the store only): the store's writer,
 * normally the server's own connection. A failure there costs the next start time, nothing else.
 */
export function threadedTiles(dbPath: string, count: number, saveDerived: (d: DerivedRows) => void = () => undefined): TileSource {
  const slots: { worker: Worker | null; pending: Map<number, Pending> }[] = Array.from({ length: Math.max(1, count) }, () => ({ worker: null, pending: new Map() }));
  let nextId = 1;
  let closed = false;
  const workerFor = (slot: (typeof slots)[number]) => {
    slot.worker ??= startWorker(dbPath, slot.pending, () => { slot.worker = null; }, (d) => { try { saveDerived(d); } catch { /* a cache */ } });
    return slot.worker;
  };
  return {
    tile(request: AnyTileRequest) {
      if (closed) return Promise.reject(new Error('the tile workers are closed'));
      const slot = slots[(request.x * 31 + request.y * 17 + request.z) % slots.length];
      const worker = workerFor(slot);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        worker.postMessage({ id, ...request });
      });
    },
    warm() {
      // The basemap's indexes are wanted by every worker; build them in each.
      for (const slot of slots) workerFor(slot).postMessage({ type: 'warm' });
    },
    async close() {
      closed = true;
      await Promise.all(slots.map(async (slot) => {
        const w = slot.worker;
        slot.worker = null;
        if (w) await w.terminate();
      }));
    },
  };
}
