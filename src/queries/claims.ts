/**
 * The claims layer: what a party claims (e.g. `ru-mod`, `ua-gs`), published by the team beside
 * assessed control and never mixed into it. Claims are shown on request and counted apart.
 */
import type { FeatureCollection } from 'geojson';
import * as geos from '../core/geometry/geos.js';
import { endOfDay, formatDate } from '../core/stats/dates.js';
import type { Store } from '../store/store.js';
import { regionRef, requireDate, requireRegion } from './context.js';

export function claimsGeoJSON(store: Store, params: { date?: string; claimant?: string }): FeatureCollection & { date: string } {
  const date = requireDate(params.date, 'date');
  const claims = store.workspace().claimsAt(endOfDay(date), new Date().toISOString(), params.claimant);
  return {
    type: 'FeatureCollection', date: formatDate(date),
    features: claims.map((c) => ({
      type: 'Feature', geometry: c.geometry as never,
      properties: { id: c.id, claimant: c.claimant, status: c.status, validFrom: c.validFrom, validUntil: c.validUntil, areaKm2: c.areaKm2, confidence: c.confidence, note: c.note, sources: c.sources, versionId: c.versionId },
    })),
  };
}

/** km² claimed per claimant and status inside a region (claims of one claimant and status unioned first). */
export async function claimStats(store: Store, params: { date?: string; region?: string }) {
  const date = requireDate(params.date, 'date');
  const region = requireRegion(store, params.region);
  await geos.initGeometry();
  const claims = store.workspace().claimsAt(endOfDay(date), new Date().toISOString());
  const groups = new Map<string, typeof claims>();
  for (const c of claims) groups.set(`${c.claimant}\u0000${c.status}`, [...(groups.get(`${c.claimant}\u0000${c.status}`) ?? []), c]);
  const country = geos.fromWkb(store.regionWkb('UA')!);
  const own = region.code === 'UA' ? null : geos.fromWkb(store.regionWkb(region.code)!);
  const shape = own ? geos.intersection(own, country) : geos.clone(country);
  if (own) geos.free(own);
  const byClaimant = new Map<string, { claimant: string; claims: number; byStatus: Record<string, number> }>();
  try {
    for (const [key, list] of groups) {
      const [claimant, status] = key.split('\u0000');
      const geoms = list.map((c) => geos.fromGeoJSON(c.geometry as never));
      const u = geos.unionAll(geoms);
      const inside = geos.intersection(u, shape);
      const km2 = Math.round(geos.areaKm2(inside) * 100) / 100;
      [...geoms, u, inside].forEach(geos.free);
      const entry = byClaimant.get(claimant) ?? { claimant, claims: 0, byStatus: { occupied: 0, contested: 0, ukraine: 0 } };
      entry.claims += list.length;
      entry.byStatus[status] = km2;
      byClaimant.set(claimant, entry);
    }
  } finally {
    geos.free(shape);
    geos.free(country);
  }
  return { date: formatDate(date), region: regionRef(region), byClaimant: [...byClaimant.values()].sort((a, b) => a.claimant.localeCompare(b.claimant)) };
}
