/** The control areas in force on a date as GeoJSON, optionally within a box and simplified for a zoom. */
import type { FeatureCollection } from 'geojson';
import * as geos from '../core/geometry/geos.js';
import { cellsIn } from '../core/timeline/grid.js';
import { displayFeatures } from '../core/timeline/display-features.js';
import { FrontlineError } from '../errors.js';
import type { Store } from '../store/store.js';
import { requireDate, requireVersionOn } from './context.js';

/** Half a pixel of a 512-px tile at the zoom, in degrees: invisible simplification. */
const toleranceAt = (zoom: number) => 360 / (512 * 2 ** zoom) / 2;

export function parseBbox(text: string | undefined): [number, number, number, number] | null {
  if (text === undefined) return null;
  const parts = text.split(',').map(Number);
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n)) || parts[0] >= parts[2] || parts[1] >= parts[3]) {
    throw new FrontlineError('BAD_ARGUMENT', `bbox '${text}' must be west,south,east,north in degrees with west < east and south < north`);
  }
  return parts as [number, number, number, number];
}

export async function controlGeoJSON(store: Store, params: { date?: string; bbox?: string; zoom?: number }): Promise<FeatureCollection & { date: string; version: { id: number; validAt: string } }> {
  const date = requireDate(params.date, 'date');
  const bbox = parseBbox(params.bbox);
  const version = requireVersionOn(store, date);
  await geos.initGeometry();
  const cells = store.versionCells(version.id);
  const wanted = bbox ? new Set(cellsIn(...bbox)) : null;
  const tolerance = params.zoom === undefined ? 0 : toleranceAt(params.zoom);
  const features = [];
  for (const [cell, key] of cells) {
    if (wanted && !wanted.has(cell)) continue;
    const layers = store.cellLayers(key);
    if (layers) features.push(...displayFeatures(layers, tolerance));
  }
  return { type: 'FeatureCollection', date: params.date!, version: { id: version.id, validAt: version.validAt }, features };
}
