/** Worker-thread entry: one LocalCellEngine answering build requests from cell-engine-pool.ts. */
import { parentPort, workerData } from 'node:worker_threads';
import * as geos from '../core/geometry/geos.js';
import { LocalCellEngine, type EngineFeature, type EngineInit } from './cell-engine.js';

await geos.initGeometry();
const engine = new LocalCellEngine(workerData as EngineInit);
parentPort!.on('message', (msg: { type: 'build'; features: EngineFeature[] } | { type: 'close' }) => {
  if (msg.type === 'close') {
    engine.close();
    parentPort!.close();
    return;
  }
  try {
    const out = engine.build(msg.features);
    parentPort!.postMessage({ ok: true, out }, [out.figures.buffer as ArrayBuffer]);
  } catch (e) {
    parentPort!.postMessage({ ok: false, error: (e as Error).message });
  }
});
parentPort!.postMessage({ ready: true });
