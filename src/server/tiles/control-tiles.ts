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
import { wkbToGeometry } from '../../core/geometry/wkb.js';
import type { Store } from '../../store/store.js';
import { Lru } from './lru.js';

export const TILE_MAX_ZOOM = 12;

export class ControlTiles {
  private cellFeatures = new Lru<string, Feature[]>(20_000);
  private indexes = new Lru<number, GeoJSONVT>(8);
  private building = new Map<number, Promise<GeoJSONVT>>();

  constructor(private store: Store) {}

  /** The encoded tile, or null when the tile has no features. */
  async tile(versionId: number, z: number, x: number, y: number): Promise<Uint8Array | null> {
    const index = await this.index(versionId);
    const t = index.getTile(z, x, y);
    if (!t || t.features.length === 0) return null;
    return fromGeojsonVt({ control: t }, { version: 2 });
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
    const out: Feature[] = [];
    if (layers) {
      const add = (status: string, wkb: Uint8Array) => {
        const geometry = wkbToGeometry(wkb);
        if ((geometry.type === 'MultiPolygon' || geometry.type === 'Polygon') && geometry.coordinates.length) out.push({ type: 'Feature', properties: { status }, geometry });
      };
      add('contested', layers.contested);
      add('liberated', layers.liberated);
      add('occupiedBefore2022', layers.occupiedBefore2022);
      // occupied ⊇ occupiedBefore2022: draw only what was taken since 2022 as `occupied`.
      const occupied = geos.fromWkb(layers.occupied);
      const before = geos.fromWkb(layers.occupiedBefore2022);
      const since2022 = geos.isEmpty(before) ? geos.clone(occupied) : geos.difference(occupied, before);
      add('occupied', geos.toWkb(since2022));
      [occupied, before, since2022].forEach(geos.free);
    }
    this.cellFeatures.set(key, out);
    return out;
  }
}
