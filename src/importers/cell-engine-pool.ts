/**
 * Splits each version's cells between engines — worker threads when `workers > 1` — and merges
 * their answers. With one engine everything runs in process (what the tests mostly use).
 */
import { Worker } from 'node:worker_threads';
import { LocalCellEngine, type EngineFeature, type EngineInit, type EngineOutput } from './cell-engine.js';
import { LAYERS, type Layer } from '../core/timeline/status.js';
import type { LayerAreas } from '../store/store.js';

export interface MergedOutput {
  cells: Map<number, string>;
  newLayers: Map<string, Record<Layer, Uint8Array>>;
  changedCells: number;
  figures: Map<string, LayerAreas>;
  statuses: Uint8Array;
}

interface Engine { build(features: EngineFeature[]): Promise<EngineOutput>; close(): Promise<void>; terminate(): Promise<void> }

function local(init: EngineInit): Engine {
  const engine = new LocalCellEngine(init);
  return { build: async (f) => engine.build(f), close: async () => engine.close(), terminate: async () => engine.close() };
}

function threaded(init: EngineInit): Promise<Engine> {
  // Under the test runner this module is TypeScript: the worker registers tsx, then loads it.
  const ts = import.meta.url.endsWith('.ts');
  const entry = new URL(ts ? './cell-worker.ts' : './cell-worker.js', import.meta.url);
  const worker = ts
    ? new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`, { eval: true, workerData: init })
    : new Worker(entry, { workerData: init });
  // A worker answers in the order it was asked: several builds may be in flight.
  const pending: { resolve: (o: EngineOutput) => void; reject: (e: Error) => void }[] = [];
  return new Promise((resolveReady, rejectReady) => {
    let ready = false;
    const fail = (e: Error) => { pending.splice(0).forEach((p) => p.reject(e)); if (!ready) rejectReady(e); };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`cell worker exited (code ${code})`)));
    worker.on('message', (msg: { ready?: true; ok?: boolean; out?: EngineOutput; error?: string }) => {
      if (msg.ready) {
        ready = true;
        resolveReady({
          build: (features) => new Promise((resolve, reject) => { pending.push({ resolve, reject }); worker.postMessage({ type: 'build', features }); }),
          close: () => new Promise((resolve) => { worker.once('exit', () => resolve()); worker.postMessage({ type: 'close' }); }),
          terminate: () => worker.terminate().then(() => undefined),
        });
        return;
      }
      const p = pending.shift();
      if (msg.ok) p?.resolve(msg.out!); else p?.reject(new Error(msg.error));
    });
  });
}

export class CellEnginePool {
  private statuses: Uint8Array;
  private constructor(private engines: Engine[], pointCount: number) {
    this.statuses = new Uint8Array(pointCount);
  }

  static async open(init: Omit<EngineInit, 'share' | 'of'>, workers: number): Promise<CellEnginePool> {
    const n = Math.max(1, workers);
    if (n === 1) return new CellEnginePool([local({ ...init, share: 0, of: 1 })], init.points.length);
    const started = await Promise.allSettled(Array.from({ length: n }, (_, share) => threaded({ ...init, share, of: n })));
    const engines = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) {
      // One engine could not start: stop the others, or their threads keep the process alive.
      await Promise.all(engines.map((e) => e.terminate()));
      throw failed.reason;
    }
    return new CellEnginePool(engines, init.points.length);
  }

  async build(features: EngineFeature[]): Promise<MergedOutput> {
    const outputs = await Promise.all(this.engines.map((e) => e.build(features)));
    if (this.closed) throw new Error('the import session is closed');
    const cells = new Map<number, string>();
    const newLayers = new Map<string, Record<Layer, Uint8Array>>();
    const totals = new Map<string, Float64Array>();
    let changedCells = 0;
    for (const out of outputs) {
      for (const [cell, key, wkb] of out.cells) {
        cells.set(cell, key);
        if (wkb) newLayers.set(key, wkb);
      }
      changedCells += out.changedCells.length;
      out.codes.forEach((code, r) => {
        const t = totals.get(code) ?? new Float64Array(LAYERS.length);
        for (let l = 0; l < LAYERS.length; l++) t[l] += out.figures[r * LAYERS.length + l];
        totals.set(code, t);
      });
      for (let i = 0; i < out.statusUpdates.length; i += 2) this.statuses[out.statusUpdates[i]] = out.statusUpdates[i + 1];
    }
    const figures = new Map([...totals].map(([code, t]) => [code, Object.fromEntries(LAYERS.map((l, i) => [l, t[i]])) as LayerAreas]));
    return { cells, newLayers, changedCells, figures, statuses: this.statuses.slice() };
  }

  private closed = false;

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.engines.map((e) => e.close()));
  }
}
