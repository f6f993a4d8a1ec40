/**
 * How far and how wide one side advanced between two versions: the ground it gained, split into
 * patches, each measured for depth (its farthest point from the ground the side advanced from)
 * and width (the length of the old line it advanced across); the window is then classified as
 * static, local gains or breakthrough. Thresholds and their reasoning: docs/analysis.md.
 */
import * as geos from '../geometry/geos.js';
import { localProjection } from '../geometry/local-projection.js';
import { nearestBoundaryPoint } from './distance.js';

/** Patches smaller than this are digitising noise (a redrawn edge), not an advance. */
export const MIN_PATCH_KM2 = 0.5;
/** Below this depth nobody moved: redrawing and skirmishes, not gains. */
export const STATIC_MAX_DEPTH_KM = 2;
/** A breakthrough goes deep (beyond a defence's tactical zone, ~10–15 km), wide, and fast. */
export const BREAKTHROUGH = { minDepthKm: 15, minWidthKm: 10, minSpeedKmPerDay: 2 } as const;
/** Vertex spacing used when searching a patch's farthest point. */
export const DENSIFY_KM = 0.5;
/** How close a patch edge must lie to the source ground to count as the line it crossed. */
export const SHARED_EDGE_TOLERANCE_KM = 0.1;

export type AdvanceClass = 'static' | 'local gains' | 'breakthrough';

export interface Patch {
  areaKm2: number;
  depthKm: number;
  widthKm: number;
  /** The patch's farthest point from the source ground, and the nearest source point to it. */
  farthest: { lon: number; lat: number };
  from: { lon: number; lat: number };
  /** The patch in lon/lat; the caller frees it. */
  geom: geos.Geom;
}

/**
 * Measures each patch of `gained` (lon/lat) against `source` (lon/lat: the ground the side held
 * before, plus what lies beyond the country for Russia). Patches under MIN_PATCH_KM2 are skipped.
 */
export function measurePatches(gained: geos.Geom, source: geos.Geom): Patch[] {
  const env = geos.envelope(gained);
  if (!env || geos.isEmpty(source)) return [];
  const proj = localProjection((env.minX + env.maxX) / 2, (env.minY + env.maxY) / 2);
  const toLocal = (g: geos.Geom) => geos.fromGeoJSON(proj.project(geos.toGeoJSON(g)));
  const sourceLocal = toLocal(source);
  const prepared = geos.prepare(sourceLocal);
  const sourcePolygons = geos.polygonsOf(source);
  const patches: Patch[] = [];
  try {
    for (const part of geos.parts(gained)) {
      const areaKm2 = geos.areaKm2(part);
      if (areaKm2 < MIN_PATCH_KM2) { geos.free(part); continue; }
      const local = toLocal(part);
      const far = farthestVertex(local, prepared);
      const [lon, lat] = proj.inverse(far.x, far.y);
      const nearest = nearestBoundaryPoint(sourcePolygons, lon, lat);
      patches.push({
        areaKm2,
        depthKm: nearest?.km ?? 0,
        widthKm: sharedEdgeKm(local, sourceLocal),
        farthest: { lon, lat },
        from: nearest ? { lon: nearest.lon, lat: nearest.lat } : { lon, lat },
        geom: part,
      });
      geos.free(local);
    }
  } finally {
    geos.freePrepared(prepared);
    geos.free(sourceLocal);
  }
  return patches.sort((a, b) => b.depthKm - a.depthKm);
}

function farthestVertex(localPatch: geos.Geom, source: geos.Prepared): { x: number; y: number; km: number } {
  const dense = geos.densify(localPatch, DENSIFY_KM);
  let best = { x: 0, y: 0, km: -1 };
  for (const rings of geos.polygonsOf(dense)) {
    for (const ring of rings) {
      for (let i = 0; i < ring.length; i += 2) {
        const pt = geos.pointXY(ring[i], ring[i + 1]);
        const km = geos.preparedDistance(source, pt);
        geos.free(pt);
        if (km > best.km) best = { x: ring[i], y: ring[i + 1], km };
      }
    }
  }
  geos.free(dense);
  return best;
}

/** Length of the patch's outline that runs along the source ground: the old line it crossed. */
function sharedEdgeKm(localPatch: geos.Geom, sourceLocal: geos.Geom): number {
  const e = geos.envelope(localPatch)!;
  const t = SHARED_EDGE_TOLERANCE_KM * 2;
  const nearby = geos.clipToRect(sourceLocal, { minX: e.minX - t, minY: e.minY - t, maxX: e.maxX + t, maxY: e.maxY + t });
  const zone = geos.buffer(nearby, SHARED_EDGE_TOLERANCE_KM);
  const outline = geos.boundary(localPatch);
  const shared = geos.intersectionAnyDimension(outline, zone);
  const km = geos.planarLength(shared);
  [nearby, zone, outline, shared].forEach(geos.free);
  return km;
}

export interface Classification { class: AdvanceClass; reason: string }

/** The window's class for one side, from its patches and the window's length in days. */
export function classify(patches: Pick<Patch, 'depthKm' | 'widthKm'>[], days: number): Classification {
  const span = Math.max(days, 1);
  const deepest = patches.reduce((m, p) => Math.max(m, p.depthKm), 0);
  const breakthrough = patches.find((p) => p.depthKm >= BREAKTHROUGH.minDepthKm && p.widthKm >= BREAKTHROUGH.minWidthKm && p.depthKm / span >= BREAKTHROUGH.minSpeedKmPerDay);
  const f = (x: number) => x.toFixed(1);
  if (breakthrough) {
    return { class: 'breakthrough', reason: `${f(breakthrough.depthKm)} km deep across ${f(breakthrough.widthKm)} km of front at ${f(breakthrough.depthKm / span)} km/day (≥ ${BREAKTHROUGH.minDepthKm} km, ≥ ${BREAKTHROUGH.minWidthKm} km, ≥ ${BREAKTHROUGH.minSpeedKmPerDay} km/day)` };
  }
  if (deepest < STATIC_MAX_DEPTH_KM) return { class: 'static', reason: `no advance deeper than ${STATIC_MAX_DEPTH_KM} km (deepest ${f(deepest)} km)` };
  return { class: 'local gains', reason: `deepest advance ${f(deepest)} km, short of a breakthrough (≥ ${BREAKTHROUGH.minDepthKm} km deep, ≥ ${BREAKTHROUGH.minWidthKm} km wide, ≥ ${BREAKTHROUGH.minSpeedKmPerDay} km/day)` };
}
