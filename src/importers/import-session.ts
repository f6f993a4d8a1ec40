/**
 * Imports map versions into a store, one transaction per version. A session keeps the cell
 * engines (and their caches) between versions so consecutive snapshots only recompute what changed.
 */
import { availableParallelism } from 'node:os';
import { createHash } from 'node:crypto';
import * as geos from '../core/geometry/geos.js';
import type { SourceStatus } from '../core/timeline/status.js';
import type { Annotation } from '../core/ingest/deepstate.js';
import type { Store, VersionRecord } from '../store/store.js';
import type { Geometry } from 'geojson';
import { CellEnginePool } from './cell-engine-pool.js';
import type { EngineFeature } from './cell-engine.js';

export interface VersionInput {
  validAt: Date;
  source: string;
  file: string;
  contentHash: string;
  polygons: { status: SourceStatus; geometry: Geometry }[];
  annotations: Annotation[];
  summary: Record<string, unknown>;
}

export interface ImportSession {
  /**
   * Imports one version unless one with the same content hash exists; resolves once it is stored
   * (or found). Calls may overlap: the next version is computed while the previous one is written,
   * and versions are stored in call order, each in its own transaction.
   */
  importVersion(input: VersionInput): Promise<{ version: VersionRecord; created: boolean }>;
  close(): Promise<void>;
}

export interface SessionOptions {
  /** Worker threads that split the grid cells; 1 computes in process. Default: FRONTLINE_WORKERS, else min(2, cores). */
  workers?: number;
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export function defaultWorkers(): number {
  const env = Number(process.env.FRONTLINE_WORKERS);
  return Number.isInteger(env) && env > 0 ? env : Math.min(2, availableParallelism());
}

export async function openImportSession(store: Store, options: SessionOptions = {}): Promise<ImportSession> {
  await geos.initGeometry();
  if (!store.hasReference()) throw new Error('no reference geography in the store: run `frontline reference load` first');
  const countryWkb = store.regionWkb('UA');
  if (!countryWkb) throw new Error('the store has no country outline (UA): run `frontline reference load`');
  const pool = await CellEnginePool.open({
    countryWkb,
    regions: store.regions().filter((r) => r.level !== 'country').map((r) => ({ code: r.code, wkb: store.regionWkb(r.code)! })),
    points: store.settlements().map((s) => ({ lon: s.lon, lat: s.lat })),
  }, options.workers ?? defaultWorkers());
  let previousHashes = new Set<string>();
  const storedKeys = new Set<string>();
  const inFlight = new Map<string, Promise<{ version: VersionRecord; created: boolean }>>();
  let lastCommit: Promise<unknown> = Promise.resolve();

  const importVersion = async (input: VersionInput): Promise<{ version: VersionRecord; created: boolean }> => {
      const existing = store.versionByHash(input.contentHash);
      if (existing) return { version: existing, created: false };
      const features: EngineFeature[] = [];
      const hashes = new Set<string>();
      for (const p of input.polygons) {
        const wkb = geos.toWkbFromGeoJSON(p.geometry);
        const hash = createHash('sha1').update(wkb).digest('base64url');
        hashes.add(hash);
        // Engines keep the previous version's features: send only the bytes of new ones.
        features.push({ status: p.status, hash, wkb: previousHashes.has(hash) ? null : wkb });
      }
      const building = pool.build(features);
      previousHashes = hashes;
      // After a failed build an engine may lack some features: send every feature's bytes next time.
      building.catch(() => { previousHashes = new Set(); });
      // Store in call order: wait for the versions before this one.
      const before = lastCommit;
      let done!: () => void;
      lastCommit = new Promise<void>((r) => { done = r; });
      try {
        const out = await building;
        await before;
        return commit(input, out);
      } finally {
        done();
      }
  };

  const commit = (input: VersionInput, out: Awaited<ReturnType<CellEnginePool['build']>>) => {
      const cellLayers = new Map([...out.newLayers].filter(([key]) => !storedKeys.has(key) && !store.hasCellLayers(key)));
      for (const key of out.newLayers.keys()) storedKeys.add(key);
      const version = store.addVersion({
        validAt: input.validAt.toISOString(), source: input.source, file: input.file, contentHash: input.contentHash,
        summary: { ...input.summary, changedCells: out.changedCells },
        cells: out.cells, cellLayers, figures: out.figures, settlementStatuses: out.statuses,
        annotations: input.annotations,
      });
      return { version, created: true };
  };

  return {
    importVersion(input) {
      const running = inFlight.get(input.contentHash);
      if (running) return running.then(({ version }) => ({ version, created: false }));
      const p = importVersion(input);
      inFlight.set(input.contentHash, p);
      return p;
    },
    close: async () => {
      await lastCommit;
      await pool.close();
    },
  };
}
