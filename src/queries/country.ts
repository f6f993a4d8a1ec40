/**
 * The country outline and its land per grid cell, read once per store and shared by every
 * analysis (front line, tempo, salients): cutting the outline into cells takes ~1 s.
 */
import * as geos from '../core/geometry/geos.js';
import { cutIntoCells } from '../core/timeline/cut-into-cells.js';
import type { CellId } from '../core/timeline/grid.js';
import type { Store } from '../store/store.js';

interface Country {
  outline: geos.Geom;
  prepared: geos.Prepared;
  /** The land in each cell (lazily measured, km²). */
  cells: Map<CellId, { land: geos.Geom; km2?: number }>;
}

const countries = new WeakMap<Store, Country>();

function countryOf(store: Store): Country {
  let c = countries.get(store);
  if (!c) {
    const outline = geos.fromWkb(store.regionWkb('UA')!);
    const cells = new Map<CellId, { land: geos.Geom; km2?: number }>();
    for (const [cell, land] of cutIntoCells(outline)) cells.set(cell, { land });
    c = { outline, prepared: geos.prepare(outline), cells };
    countries.set(store, c);
  }
  return c;
}

export const countryOutline = (store: Store): geos.Geom => countryOf(store).outline;

/** The country's land in a cell (owned by the cache: do not free), or null outside it. */
export const countryLandIn = (store: Store, cell: CellId): geos.Geom | null => countryOf(store).cells.get(cell)?.land ?? null;

export const countryCellIds = (store: Store): IterableIterator<CellId> => countryOf(store).cells.keys();

/** The country's land in a cell, km². */
export function landKm2(store: Store, cell: CellId): number {
  const entry = countryOf(store).cells.get(cell);
  if (!entry) return 0;
  entry.km2 ??= geos.areaKm2(entry.land);
  return entry.km2;
}

/** The part of a polygon on the country's land (a new geometry); most inland shapes need no overlay. */
export function onLand(store: Store, polygon: geos.Geom): geos.Geom {
  const { outline, prepared } = countryOf(store);
  if (geos.preparedCovers(prepared, polygon)) return geos.clone(polygon);
  const e = geos.envelope(polygon);
  if (!e) return geos.emptyPolygon();
  const near = geos.clipToRect(outline, e);
  const land = geos.intersection(polygon, near);
  geos.free(near);
  return land;
}
