/**
 * Vector tiles of the control layer of a version: one `control` layer whose polygons carry a
 * `status` — occupied (taken since 2022), occupiedBefore2022, contested, liberated — that do not
 * overlap. Built with geojson-vt from the version's cells; cells shared between versions are
 * converted once.
 */
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

export class ControlTiles {
  private cellFeatures = new Lru<string, Feature[]>(20_000);
  private indexes = new Lru<number, GeoJSONVT>(8);
  private building = new Map<number, Promise<GeoJSONVT>>();
  private cellsOf = new Lru<number, Map<number, string>>(400);

  constructor(private store: Store) {}

  /**
   * The encoded tile, or null when the tile has no features. From zoom 8 a tile spans a few grid
   * cells: it is cut from those cells alone, so a tile of a date nobody asked for yet costs
   * milliseconds; smaller zooms use an index of the whole version, kept for the last 8 versions.
   */
  async tile(versionId: number, z: number, x: number, y: number): Promise<Uint8Array | null> {
    const index = z >= LOCAL_ZOOM ? this.localIndex(versionId, z, x, y) : await this.index(versionId);
    const t = index.getTile(z, x, y);
    if (!t || t.features.length === 0) return null;
    return fromGeojsonVt({ control: t }, { version: 2 });
  }

  private localIndex(versionId: number, z: number, x: number, y: number): GeoJSONVT {
    const [west, south, east, north] = tileBounds(z, x, y);
    const pad = (east - west) * 0.1; // the tile buffer
    let cells = this.cellsOf.get(versionId);
    if (!cells) { cells = this.store.versionCells(versionId); this.cellsOf.set(versionId, cells); }
    const features: Feature[] = [];
    for (const cell of cellsIn(west - pad, south - pad, east + pad, north + pad)) {
      const key = cells.get(cell);
      if (key) features.push(...this.featuresOf(key));
    }
    return new GeoJSONVT({ type: 'FeatureCollection', features }, { maxZoom: z, indexMaxZoom: 0, tolerance: 3, buffer: 64 });
  }

  private async index(versionId: number): Promise<GeoJSONVT> {
    const cached = this.indexes.get(versionId);
    if (cached) return cached;
    let pending = this.building.get(versionId);
    if (!pending) {
      pending = (async () => {
        await geos.initGeometry();
        const features: Feature[] = [];
        for (const key of new Set(this.store.versionCells(versionId).values())) features.push(...this.featuresOf(key));
        const index = new GeoJSONVT({ type: 'FeatureCollection', features }, { maxZoom: TILE_MAX_ZOOM, indexMaxZoom: 5, tolerance: 3, buffer: 64 });
        this.indexes.set(versionId, index);
        return index;
      })().finally(() => this.building.delete(versionId));
      this.building.set(versionId, pending);
    }
    return pending;
  }

  private featuresOf(key: string): Feature[] {
    const cached = this.cellFeatures.get(key);
    if (cached) return cached;
    const layers = this.store.cellLayers(key);
    const out = layers ? displayFeatures(layers) : [];
    this.cellFeatures.set(key, out);
    return out;
  }

}
