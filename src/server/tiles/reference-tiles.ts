/**
 * Vector tiles of the basemap from the reference geography: `country`, `oblasts`, `raions`
 * (polygons with code and name), `settlements` (towns ≥ 5,000 people, with a rank for label
 * priority), `villages` (the rest, from zoom 10) and `roads`. Indexes are built once per server.
 */
import GeoJSONVT from 'geojson-vt';
import { fromGeojsonVt } from 'vt-pbf';
import type { Feature } from 'geojson';
import * as geos from '../../core/geometry/geos.js';
import { wkbToGeometry } from '../../core/geometry/wkb.js';
import { ROAD_CATEGORIES } from '../../core/analysis/road-graph.js';
import type { RoadRecord, Store } from '../../store/store.js';
import { TILE_MAX_ZOOM } from './control-tiles.js';

const VILLAGES_MIN_ZOOM = 10;
/**
 * Douglas-Peucker tolerance of the basemap, in tile units (4,096 across the 512 px MapLibre draws
 * a tile at): 6 is 0.75 px, at most 1.5 px just before the next zoom's tiles take over; geojson-vt's
 * default of 3 kept twice the detail for borders 0.6–1.6 px wide. The browser's worker lays out
 * fewer vertices: first render 2,073 vs 2,250 ms (8 loads each, alternating; docs/performance.md).
 */
const REFERENCE_TOLERANCE = 6;

/** 1 = city of 100,000+, 2 = 20,000+, 3 = 5,000+, 4 = smaller with a known population, 5 = unknown. */
export function settlementRank(population: number | null): number {
  if (population === null) return 5;
  if (population >= 100_000) return 1;
  if (population >= 20_000) return 2;
  if (population >= 5_000) return 3;
  return 4;
}

export class ReferenceTiles {
  private layers: Map<string, GeoJSONVT> | null = null;

  constructor(private store: Store) {}

  tile(z: number, x: number, y: number): Uint8Array | null {
    if (!this.layers && !this.store.hasReference()) return null; // no basemap before `frontline reference load`
    const layers = this.build();
    const tiles: Record<string, unknown> = {};
    for (const [name, index] of layers) {
      if (name === 'villages' && z < VILLAGES_MIN_ZOOM) continue;
      const t = index.getTile(z, x, y);
      if (t && t.features.length) tiles[name] = t;
    }
    return Object.keys(tiles).length ? fromGeojsonVt(tiles, { version: 2 }) : null;
  }

  /** Builds the indexes (about a second); call early to keep it off the first request. */
  build(): Map<string, GeoJSONVT> {
    if (this.layers) return this.layers;
    const options = { maxZoom: TILE_MAX_ZOOM, indexMaxZoom: 4, tolerance: REFERENCE_TOLERANCE, buffer: 64 };
    const index = (features: Feature[]) => new GeoJSONVT({ type: 'FeatureCollection', features }, options);
    const regions = this.store.regions();
    const polygon = (code: string, properties: Record<string, unknown>): Feature => ({ type: 'Feature', properties, geometry: wkbToGeometry(this.store.regionWkb(code)!) });
    const settlements = this.store.settlements();
    const point = (s: (typeof settlements)[number]): Feature => ({
      type: 'Feature', geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
      properties: { code: s.code, name: s.name, population: s.population ?? 0, rank: settlementRank(s.population) },
    });
    this.layers = new Map([
      ['country', index([polygon('UA', { code: 'UA', name: 'Ukraine' })])],
      ['oblasts', index(regions.filter((r) => r.level === 'oblast').map((r) => polygon(r.code, { code: r.code, name: r.name })))],
      ['raions', index(regions.filter((r) => r.level === 'raion').map((r) => polygon(r.code, { code: r.code, name: r.name, parent: r.parent })))],
      ['settlements', index(settlements.filter((s) => settlementRank(s.population) <= 3).map(point))],
      ['villages', index(settlements.filter((s) => settlementRank(s.population) > 3).map(point))],
      ['roads', index(this.roadFeatures())],
    ]);
    return this.layers;
  }

  /**
   * The roads of each category joined end to end (22,600 OSM ways → ~2,600 lines): a tile at
   * zoom 6 carried ~1,900 road features, each costing the browser's worker; kept in the store.
   */
  private roadFeatures(): Feature[] {
    let roads: RoadRecord[] | null = null; // read only when a category is not joined yet
    return ROAD_CATEGORIES.flatMap((category): Feature[] => {
      let wkb = this.store.derived(ROADS_KIND, category);
      if (!wkb) {
        roads ??= this.store.roads();
        const lines = roads.filter((r) => r.category === category).map((r) => geos.fromWkb(r.wkb));
        const merged = geos.mergeLines(lines, { node: false });
        wkb = geos.toWkb(merged);
        [merged, ...lines].forEach(geos.free);
        this.store.saveDerived(ROADS_KIND, [[category, wkb]]);
      }
      const geometry = wkbToGeometry(wkb);
      const lines = geometry.type === 'MultiLineString' ? geometry.coordinates : geometry.type === 'LineString' ? [geometry.coordinates] : [];
      return lines.map((coordinates) => ({ type: 'Feature', properties: { category }, geometry: { type: 'LineString', coordinates } }));
    });
  }
}

const ROADS_KIND = 'basemap-roads';
