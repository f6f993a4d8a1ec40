/**
 * Ground that changed status between two versions, per transition and per region. Only cells
 * whose content differs between the versions are examined (the rest cannot have changed).
 */
import * as geos from '../geometry/geos.js';
import { cellRect, type CellId } from '../timeline/grid.js';
import type { BaseStatus, Layer } from '../timeline/status.js';

export interface CellPair { cell: CellId; before: Record<Layer, Uint8Array>; after: Record<Layer, Uint8Array> }
export interface RegionShapeWkb { code: string; wkb: Uint8Array }
export interface Transition { from: BaseStatus; to: BaseStatus; areaKm2: number; byRegion: { code: string; areaKm2: number }[] }

const PAIRS: [BaseStatus, BaseStatus][] = [
  ['ukraine', 'occupied'], ['ukraine', 'contested'], ['contested', 'occupied'],
  ['occupied', 'ukraine'], ['contested', 'ukraine'], ['occupied', 'contested'],
];

/**
 * Visits every non-empty piece of ground that changed from one base status to another, per cell.
 * The geometry handed to `visit` is freed after the call.
 */
export function forEachTransition(
  pairs: CellPair[],
  countryWkb: Uint8Array,
  visit: (from: BaseStatus, to: BaseStatus, changed: geos.Geom, cell: CellId) => void,
): void {
  if (pairs.length === 0) return;
  const country = geos.fromWkb(countryWkb);
  const owned: geos.Geom[] = [];
  const keep = (g: geos.Geom) => { owned.push(g); return g; };
  try {
    for (const { cell, before, after } of pairs) {
      const countryCell = keep(geos.clipToRect(country, cellRect(cell)));
      const load = (l: Record<Layer, Uint8Array>) => {
        const occupied = keep(geos.fromWkb(l.occupied));
        const contested = keep(geos.fromWkb(l.contested));
        const ukraine = keep(geos.difference(countryCell, keep(geos.union(occupied, contested))));
        return { occupied, contested, ukraine } as Record<BaseStatus, geos.Geom>;
      };
      const a = load(before);
      const b = load(after);
      for (const [from, to] of PAIRS) {
        if (geos.isEmpty(a[from]) || geos.isEmpty(b[to])) continue;
        const changed = keep(geos.intersection(a[from], b[to]));
        if (!geos.isEmpty(changed)) visit(from, to, changed, cell);
      }
      for (const g of owned.splice(0)) geos.free(g);
    }
  } finally {
    for (const g of owned) geos.free(g);
    geos.free(country);
  }
}

/**
 * km² per transition (every pair of base statuses, both directions), total and per region.
 * `country` bounds `ukraine` (whatever is neither occupied nor contested).
 */
export function transitions(pairs: CellPair[], countryWkb: Uint8Array, regions: RegionShapeWkb[]): Transition[] {
  const acc = new Map<string, Map<string, number>>();
  const totals = new Map<string, number>();
  const regionGeoms = regions.map((r) => ({ code: r.code, geom: geos.fromWkb(r.wkb) }));
  const regionEnvs = regionGeoms.map((r) => geos.envelope(r.geom));
  const pieceCache = new Map<string, geos.Geom>();
  try {
    forEachTransition(pairs, countryWkb, (from, to, changed, cell) => {
      const rect = cellRect(cell);
      const k = `${from}>${to}`;
      totals.set(k, (totals.get(k) ?? 0) + geos.areaKm2(changed));
      const byRegion = acc.get(k) ?? new Map<string, number>();
      acc.set(k, byRegion);
      regionGeoms.forEach((r, i) => {
        const e = regionEnvs[i];
        if (!e || e.minX > rect.maxX || e.maxX < rect.minX || e.minY > rect.maxY || e.maxY < rect.minY) return;
        const key = `${r.code}:${cell}`;
        let piece = pieceCache.get(key);
        if (!piece) { piece = geos.clipToRect(r.geom, rect); pieceCache.set(key, piece); }
        if (geos.isEmpty(piece)) return;
        const part = geos.intersection(changed, piece);
        const area = geos.areaKm2(part);
        geos.free(part);
        if (area > 0) byRegion.set(r.code, (byRegion.get(r.code) ?? 0) + area);
      });
    });
  } finally {
    for (const g of pieceCache.values()) geos.free(g);
    for (const r of regionGeoms) geos.free(r.geom);
  }
  const r2 = (x: number) => Math.round(x * 100) / 100;
  return PAIRS.map(([from, to]) => {
    const k = `${from}>${to}`;
    return {
      from, to, areaKm2: r2(totals.get(k) ?? 0),
      byRegion: [...(acc.get(k) ?? new Map<string, number>())].map(([code, areaKm2]) => ({ code, areaKm2: r2(areaKm2) }))
        .filter((x) => x.areaKm2 > 0).sort((x, y) => y.areaKm2 - x.areaKm2),
    };
  });
}

/** Which side gained the ground of a transition. */
export function gainingSide(from: BaseStatus, to: BaseStatus): 'russia' | 'ukraine' {
  const rank: Record<BaseStatus, number> = { ukraine: 0, contested: 1, occupied: 2 };
  return rank[to] > rank[from] ? 'russia' : 'ukraine';
}
