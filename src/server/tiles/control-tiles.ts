/**
 * Vector tiles of the control layer of a version: one `control` layer whose polygons carry a
 * `status` — occupied (taken since 2022), occupiedBefore2022, contested, liberated — that do not
 * overlap. Built with geojson-vt from the version's cells; cells shared between versions are
 * converted once.
 */
import { createHash } from 'node:crypto';
import GeoJSONVT from 'geojson-vt';
import { fromGeojsonVt } from 'vt-pbf';
import type { Feature } from 'geojson';
import * as geos from '../../core/geometry/geos.js';
import { displayFeatures } from '../../core/timeline/display-features.js';
import type { Store } from '../../store/store.js';
import { Lru } from './lru.js';
import { cellsIn } from '../../core/timeline/grid.js';

export const TILE_MAX_ZOOM = 12;
const LOCAL_ZOOM = 8;

/** [west, south, east, north] of a web-mercator tile, degrees. */
export function tileBounds(z: number, x: number, y: number): [number, number, number, number] {
  const n = 2 ** z;
  const lon = (i: number) => (i / n) * 360 - 180;
  const lat = (j: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * j) / n))) * 180) / Math.PI;
  return [lon(x), lat(y + 1), lon(x + 1), lat(y)];
}

/** Half a pixel of a 512-px tile at the zoom, in degrees: simplification nobody can see. */
const toleranceAt = (z: number) => 360 / (512 * 2 ** z) / 2;

export class ControlTiles {
  /** A cell's features by content key, full resolution and simplified for the zooms below 8. */
  private cellFeatures = new Lru<string, Feature[]>(40_000);
  private cellsOf = new Lru<number, Map<number, string>>(400);
  /** Per version, one index of its simplified features for the zooms below 8. */
  private lowIndexes = new Lru<number, GeoJSONVT>(16);
  /**
   * Encoded tiles by position and the content keys of the cells under them: a tile whose cells
   * did not change between two dates is made once (most of the map, most days).
   */
  private byContent = new Lru<string, Uint8Array | null>(50_000);

  constructor(private store: Store) {}

  /**
   * The encoded tile, or null when the tile has no features. A tile is cut from the grid cells
   * under it alone, so a tile of a date nobody asked for yet costs only its own cells; below zoom
   * 8 (where a tile spans dozens to hundreds of cells) the cells' features are simplified to half
   * a pixel at zoom 7 first and kept per cell, and cells are shared between versions.
   */
  async tile(versionId: number, z: number, x: number, y: number): Promise<Uint8Array | null> {
    const keys = this.cellKeysUnder(versionId, z, x, y);
    // A tile holds only features of the cells under it and its buffer (features are per cell).
    const contentKey = `${z}/${x}/${y}:${createHash('sha1').update(keys.join(',')).digest('base64url')}`;
    const known = this.byContent.get(contentKey);
    if (known !== undefined) return known;
    await geos.initGeometry();
    const index = z < LOCAL_ZOOM ? this.lowIndex(versionId) : this.localIndex(keys, z);
    const t = index.getTile(z, x, y);
    const bytes = !t || t.features.length === 0 ? null : fromGeojsonVt({ control: t }, { version: 2 });
    this.byContent.set(contentKey, bytes);
    return bytes;
  }

  /** The content keys of the version's cells under the tile and its buffer (empty cells left out). */
  private cellKeysUnder(versionId: number, z: number, x: number, y: number): string[] {
    const [west, south, east, north] = tileBounds(z, x, y);
    const pad = (east - west) * 0.1; // the tile buffer
    let cells = this.cellsOf.get(versionId);
    if (!cells) { cells = this.store.versionCells(versionId); this.cellsOf.set(versionId, cells); }
    const keys: string[] = [];
    for (const cell of cellsIn(west - pad, south - pad, east + pad, north + pad)) {
      const key = cells.get(cell);
      if (key) keys.push(key);
    }
    return keys;
  }

  private localIndex(keys: string[], z: number): GeoJSONVT {
    // One simplified copy serves every zoom below 8 (geojson-vt simplifies further per zoom).
    const band = z < LOCAL_ZOOM ? LOCAL_ZOOM - 1 : LOCAL_ZOOM;
    const features = keys.flatMap((key) => this.featuresOf(key, band));
    return new GeoJSONVT({ type: 'FeatureCollection', features }, { maxZoom: z, indexMaxZoom: 0, tolerance: 3, buffer: 64 });
  }

  private lowIndex(versionId: number): GeoJSONVT {
    let index = this.lowIndexes.get(versionId);
    if (!index) {
      const features: Feature[] = [];
      const computed: [string, Uint8Array][] = [];
      for (const key of new Set(this.store.versionCells(versionId).values())) features.push(...this.featuresOf(key, LOCAL_ZOOM - 1, computed));
      // A cache for the next start: when the store is busy (a publication writing) the tile is served without it.
      try { this.store.saveDerived(LOW_ZOOM_KIND, computed); } catch { /* kept in memory only */ }
      index = new GeoJSONVT({ type: 'FeatureCollection', features }, { maxZoom: LOCAL_ZOOM - 1, indexMaxZoom: 4, tolerance: 3, buffer: 64 });
      this.lowIndexes.set(versionId, index);
    }
    return index;
  }

  /** Full-resolution features are cheap to make and kept in memory; the simplified ones are kept in the store too. */
  private featuresOf(key: string, band: number, computed: [string, Uint8Array][] = []): Feature[] {
    const id = `${key}@${band}`;
    const cached = this.cellFeatures.get(id);
    if (cached) return cached;
    let out: Feature[];
    const stored = band < LOCAL_ZOOM ? this.store.derived(LOW_ZOOM_KIND, key) : null;
    if (stored) out = JSON.parse(Buffer.from(stored).toString('utf8')) as Feature[];
    else {
      const layers = this.store.cellLayers(key);
      out = layers ? displayFeatures(layers, band < LOCAL_ZOOM ? toleranceAt(band) : 0) : [];
      if (band < LOCAL_ZOOM) computed.push([key, Buffer.from(JSON.stringify(out))]);
    }
    this.cellFeatures.set(id, out);
    return out;
  }
}

const LOW_ZOOM_KIND = 'display-low-zoom';

/**
 * Simplifies, once, every cell the store's versions use for the low zooms and keeps the result
 * in the store, so that the first low-zoom tile of any date costs an index over ready features
 * (~20 ms) instead of simplifying hundreds of cells. Run after an import (`frontline start` does).
 */
export async function prepareLowZoomTiles(store: Store, onProgress?: (done: number, total: number) => void): Promise<number> {
  await geos.initGeometry();
  const keys = new Set<string>();
  for (const v of store.versions()) for (const k of store.versionCells(v.id).values()) keys.add(k);
  const missing = [...keys].filter((k) => store.derived(LOW_ZOOM_KIND, k) === null);
  let batch: [string, Uint8Array][] = [];
  missing.forEach((key, i) => {
    const layers = store.cellLayers(key);
    batch.push([key, Buffer.from(JSON.stringify(layers ? displayFeatures(layers, toleranceAt(LOCAL_ZOOM - 1)) : []))]);
    if (batch.length === 500 || i === missing.length - 1) { store.saveDerived(LOW_ZOOM_KIND, batch); batch = []; onProgress?.(i + 1, missing.length); }
  });
  return missing.length;
}
