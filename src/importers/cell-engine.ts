/**
 * Runs the control builder over a share of the grid cells: in process, or in a worker thread
 * (cell-worker.ts) so that two cores split the cells of each version. Everything that crosses
 * the boundary is plain data: WKB bytes, numbers, strings.
 */
import * as geos from '../core/geometry/geos.js';
import { ControlBuilder, type SourcePolygon } from '../core/timeline/control-builder.js';
import { buildRegionGrid, freeRegionGrid, type RegionGrid } from '../core/timeline/region-grid.js';
import { indexPoints, settlementStatuses, type PointSet } from '../core/timeline/settlement-status.js';
import { LAYERS, type Layer, type SourceStatus } from '../core/timeline/status.js';
import { stripePartition } from '../core/timeline/grid.js';

export interface EngineInit {
  countryWkb: Uint8Array;
  regions: { code: string; wkb: Uint8Array }[];
  points: { lon: number; lat: number }[];
  /** This engine computes share `share` of `of` (see grid.ts stripePartition). */
  share: number;
  of: number;
}

/** A polygon of the version; `wkb` may be omitted when the previous version had the same hash. */
export interface EngineFeature { status: SourceStatus; hash: string; wkb: Uint8Array | null }

export interface EngineOutput {
  /** [cell, content key, layers WKB the first time this engine reports the key, else null]. */
  cells: [number, string, Record<Layer, Uint8Array> | null][];
  changedCells: number[];
  /** km² per region (order of `codes`) × layer (order of LAYERS), summed over this engine's cells. */
  codes: string[];
  figures: Float64Array;
  /** Settlement statuses that changed: [index, code, index, code, …]. */
  statusUpdates: number[];
}

export class LocalCellEngine {
  private grid: RegionGrid;
  private builder: ControlBuilder;
  private points: PointSet;
  /** Indices of the settlements in this engine's cells. */
  private ownPoints: number[];
  private statuses: Uint8Array | null = null;
  private features = new Map<string, geos.Geom>();
  private reportedKeys = new Set<string>();

  constructor(init: EngineInit) {
    const country = geos.fromWkb(init.countryWkb);
    const shapes = init.regions.map((r) => ({ code: r.code, geom: geos.fromWkb(r.wkb) }));
    this.grid = buildRegionGrid('UA', country, shapes, stripePartition(init.share, init.of));
    for (const s of shapes) geos.free(s.geom);
    geos.free(country);
    this.builder = new ControlBuilder(this.grid);
    this.points = indexPoints(init.points);
    this.ownPoints = [...this.points.byCell].filter(([cell]) => this.grid.cells.has(cell)).flatMap(([, ids]) => ids);
  }

  build(features: EngineFeature[]): EngineOutput {
    try {
      return this.buildOrThrow(features);
    } catch (e) {
      // The builder's caches may be half updated: start over, so the next version is computed in full.
      this.reset();
      throw e;
    }
  }

  private reset(): void {
    // Valid source geometries stay: the session may refer to them by hash without their bytes.
    this.builder.dispose();
    this.builder = new ControlBuilder(this.grid);
    this.statuses = null;
  }

  private buildOrThrow(features: EngineFeature[]): EngineOutput {
    const polygons: SourcePolygon[] = [];
    const live = new Set<string>();
    for (const f of features) {
      live.add(f.hash);
      let geom = this.features.get(f.hash);
      if (!geom) {
        if (!f.wkb) throw new Error(`feature ${f.hash} was not sent before`);
        geom = geos.makeValidPolygonal(geos.fromWkb(f.wkb));
        this.features.set(f.hash, geom);
      }
      polygons.push({ status: f.status, geom, hash: f.hash });
    }
    const control = this.builder.build(polygons);
    for (const [hash, geom] of this.features) if (!live.has(hash)) { geos.free(geom); this.features.delete(hash); }

    const previous = this.statuses;
    const statuses = settlementStatuses(this.points, control, previous);
    const statusUpdates: number[] = [];
    for (const i of this.ownPoints) if (!previous || statuses[i] !== previous[i]) statusUpdates.push(i, statuses[i]);
    this.statuses = statuses;

    const cells: EngineOutput['cells'] = [];
    for (const [cell, result] of control.cells) {
      const key = result.id;
      const fresh = !this.reportedKeys.has(key);
      if (fresh) this.reportedKeys.add(key);
      cells.push([cell, key, fresh ? result.wkb : null]);
    }
    const figures = new Float64Array(this.grid.codes.length * LAYERS.length);
    this.grid.codes.forEach((code, r) => {
      const a = control.byRegion.get(code)!;
      LAYERS.forEach((layer, l) => { figures[r * LAYERS.length + l] = a[layer]; });
    });
    geos.takeGeosNotices();
    return { cells, changedCells: control.changedCells, codes: this.grid.codes, figures, statusUpdates };
  }

  close(): void {
    this.builder.dispose();
    for (const g of this.features.values()) geos.free(g);
    this.features.clear();
    freeRegionGrid(this.grid);
  }
}
