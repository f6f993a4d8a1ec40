/**
 * Where tiles are cut: in this thread, or in a worker thread with its own connection to the store
 * file. Cutting a cold tile (cells converted at full resolution, geojson-vt, encoding) and building
 * the basemap's indexes (~2.6 s at start-up) are CPU work that used to stall every other request on
 * the event loop; in a worker, hot tiles and API answers keep flowing while it runs.
 */
import type { Store } from '../../store/store.js';
import { ControlTiles } from './control-tiles.js';
import { ReferenceTiles } from './reference-tiles.js';

export interface ControlTileRequest { kind: 'control'; versionId: number; z: number; x: number; y: number }
export interface ReferenceTileRequest { kind: 'reference'; z: number; x: number; y: number }
export type AnyTileRequest = ControlTileRequest | ReferenceTileRequest;

export interface TileSource {
  /** The encoded tile, or null when it has no features. */
  tile(request: AnyTileRequest): Promise<Uint8Array | null>;
  /** Builds what the first requests would otherwise wait for (the basemap's indexes). */
  warm(): void;
  close(): Promise<void>;
}

/** Tiles cut in this thread: for a store that is not a file (tests), or with FRONTLINE_TILE_WORKERS=0. */
export function inProcessTiles(store: Store): TileSource {
  const control = new ControlTiles(store);
  const reference = new ReferenceTiles(store);
  return {
    tile: async (r) => (r.kind === 'control' ? control.tile(r.versionId, r.z, r.x, r.y) : reference.tile(r.z, r.x, r.y)),
    warm: () => { if (store.hasReference()) reference.build(); },
    close: async () => undefined,
  };
}

/** Rows a tile worker derived (`Store.saveDerived`), for the main thread to keep. */
export interface DerivedRows { kind: string; rows: [string, Uint8Array][] }

/** One answer of a tile worker; `id` pairs it with its request. */
export type TileAnswer = { id: number; ok: true; bytes: Uint8Array | null } | { id: number; ok: false; error: string };
