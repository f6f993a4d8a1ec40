/**
 * A cell's layers as map features that do not overlap: `occupied` (taken since 2022),
 * `occupiedBefore2022`, `contested` and `liberated`. Ukrainian-held ground that is not
 * liberated has no feature. Optionally simplified (degrees) for small-scale display.
 */
import type { Feature } from 'geojson';
import * as geos from '../geometry/geos.js';
import type { Layer } from './status.js';

export type DisplayStatus = 'occupied' | 'occupiedBefore2022' | 'contested' | 'liberated';

export function displayFeatures(layers: Record<Layer, Uint8Array>, simplifyDeg = 0): Feature[] {
  const out: Feature[] = [];
  const add = (status: DisplayStatus, geom: geos.Geom) => {
    let g = geom;
    if (simplifyDeg > 0 && !geos.isEmpty(g)) g = geos.simplifyPreservingTopology(geom, simplifyDeg);
    if (!geos.isEmpty(g)) out.push({ type: 'Feature', properties: { status }, geometry: geos.toGeoJSON(g) });
    if (g !== geom) geos.free(g);
  };
  const occupied = geos.fromWkb(layers.occupied);
  const before = geos.fromWkb(layers.occupiedBefore2022);
  const contested = geos.fromWkb(layers.contested);
  const liberated = geos.fromWkb(layers.liberated);
  // occupied ⊇ occupiedBefore2022: draw only what was taken since 2022 as `occupied`.
  const since2022 = geos.isEmpty(before) ? geos.clone(occupied) : geos.difference(occupied, before);
  try {
    add('contested', contested);
    add('liberated', liberated);
    add('occupiedBefore2022', before);
    add('occupied', since2022);
  } finally {
    [occupied, before, contested, liberated, since2022].forEach(geos.free);
  }
  return out;
}
