/**
 * Imports map versions into a store, one transaction per version. A session keeps the control
 * builder's caches between versions so consecutive snapshots only recompute what changed.
 */
import { createHash } from 'node:crypto';
import * as geos from '../core/geometry/geos.js';
import { ControlBuilder, type SourcePolygon } from '../core/timeline/control-builder.js';
import { buildRegionGrid, freeRegionGrid, type RegionGrid } from '../core/timeline/region-grid.js';
import { indexPoints, settlementStatuses, type PointSet } from '../core/timeline/settlement-status.js';
import type { Layer, SourceStatus } from '../core/timeline/status.js';
import type { Annotation } from '../core/ingest/deepstate.js';
import type { Store, VersionRecord } from '../store/store.js';
import type { Geometry } from 'geojson';

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
  /** Imports one version unless one with the same content hash exists; returns it and whether it was new. */
  importVersion(input: VersionInput): { version: VersionRecord; created: boolean };
  close(): void;
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export async function openImportSession(store: Store): Promise<ImportSession> {
  await geos.initGeometry();
  if (!store.hasReference()) throw new Error('no reference geography in the store: run `frontline reference load` first');
  const grid = loadRegionGrid(store);
  const builder = new ControlBuilder(grid);
  const points: PointSet = indexPoints(store.settlements());
  let previousStatuses: Uint8Array | null = null;
  const features = new Map<string, geos.Geom>();
  const storedKeys = new Set<string>();

  return {
    importVersion(input) {
      const existing = store.versionByHash(input.contentHash);
      if (existing) return { version: existing, created: false };
      const polygons: SourcePolygon[] = [];
      const live = new Set<string>();
      for (const p of input.polygons) {
        const wkb = geos.toWkbFromGeoJSON(p.geometry);
        const hash = createHash('sha1').update(wkb).digest('base64url');
        live.add(hash);
        let geom = features.get(hash);
        if (!geom) {
          geom = geos.makeValidPolygonal(geos.fromWkb(wkb));
          features.set(hash, geom);
        }
        polygons.push({ status: p.status, geom, hash });
      }
      const control = builder.build(polygons);
      for (const [hash, geom] of features) if (!live.has(hash)) { geos.free(geom); features.delete(hash); }

      const statuses = settlementStatuses(points, control, previousStatuses);
      previousStatuses = statuses;
      const cells = new Map<number, string>();
      const cellLayers = new Map<string, Record<Layer, Uint8Array>>();
      for (const [cellId, result] of control.cells) {
        const key = createHash('sha1').update(result.key).digest('base64url');
        cells.set(cellId, key);
        if (storedKeys.has(key)) continue;
        storedKeys.add(key);
        if (store.hasCellLayers(key)) continue;
        cellLayers.set(key, result.wkb);
      }
      const version = store.addVersion({
        validAt: input.validAt.toISOString(), source: input.source, file: input.file, contentHash: input.contentHash,
        summary: { ...input.summary, changedCells: control.changedCells.length, geosNotices: geos.takeGeosNotices().length },
        cells, cellLayers, figures: control.byRegion, settlementStatuses: statuses,
        annotations: input.annotations,
      });
      return { version, created: true };
    },
    close() {
      builder.dispose();
      for (const g of features.values()) geos.free(g);
      freeRegionGrid(grid);
    },
  };
}

function loadRegionGrid(store: Store): RegionGrid {
  const regions = store.regions();
  const countryWkb = store.regionWkb('UA');
  if (!countryWkb) throw new Error('the store has no country outline (UA): run `frontline reference load`');
  const country = geos.fromWkb(countryWkb);
  const shapes = regions.filter((r) => r.level !== 'country').map((r) => ({ code: r.code, geom: geos.fromWkb(store.regionWkb(r.code)!) }));
  const grid = buildRegionGrid('UA', country, shapes);
  for (const s of shapes) geos.free(s.geom);
  geos.free(country);
  return grid;
}
