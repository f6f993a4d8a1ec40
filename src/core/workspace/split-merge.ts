/**
 * Reshaping the changes of a draft: splitting a polygon along a drawn line, and merging changes
 * into one. Pure (GEOS only, no I/O); the service (workspace/drafts.ts) decides which items are
 * replaced. Needs `geos.initGeometry()` first.
 */
import type { LineString, MultiPolygon, Polygon } from 'geojson';
import * as geos from '../geometry/geos.js';
import { CONFIDENCES, type AreaChange, type Confidence, type Embargo, type Source } from './items.js';

export type Split = { ok: true; parts: Polygon[] } | { ok: false; error: string };

/**
 * The faces a line cuts a polygon into: the polygon's rings and the line are noded together and
 * polygonized, and the faces whose inside lies in the polygon are kept (holes stay holes, the line's
 * ends outside are dropped). The faces tile the polygon exactly, up to the noding of the crossing
 * points, so their areas add up to the polygon's. Fewer than two faces means the line does not cut
 * the polygon from edge to edge: that is refused with a reason.
 */
export function splitPolygon(polygon: Polygon | MultiPolygon, line: LineString): Split {
  const poly = geos.fromGeoJSON(polygon);
  const cut = geos.fromGeoJSON(line);
  const rings = geos.boundary(poly);
  const prepared = geos.prepare(poly);
  let faces: geos.Geom[] = [];
  try {
    faces = geos.polygonize([rings, cut]);
    const parts: Polygon[] = [];
    for (const f of faces) {
      const inside = geos.pointOnSurface(f);
      if (inside && geos.preparedCoversXY(prepared, inside[0], inside[1])) parts.push(geos.toGeoJSON(f) as Polygon);
    }
    if (parts.length < 2) return { ok: false, error: 'the line does not cut the polygon in two: draw it across the area, from outside one edge to outside another' };
    return { ok: true, parts };
  } finally {
    faces.forEach(geos.free);
    geos.freePrepared(prepared);
    geos.free(rings);
    geos.free(cut);
    geos.free(poly);
  }
}

/**
 * The face of an area that contains a point, once a line cuts it: the piece on the side the user
 * picked ("the front moved to this road: what lies beyond it changes hands"). `window` bounds the
 * area (a control area is read cell by cell around the line): a face touching the window's edge is
 * not closed by the line and the area's own boundary, so it is refused rather than guessed.
 */
export function faceAt(area: geos.Geom, line: LineString, lon: number, lat: number, window: geos.Envelope): { ok: true; face: Polygon | MultiPolygon } | { ok: false; error: string } {
  const cut = geos.fromGeoJSON(line);
  const rings = geos.boundary(area);
  let faces: geos.Geom[] = [];
  try {
    faces = geos.polygonize([rings, cut]);
    const hit = faces.find((f) => {
      const p = geos.prepare(f);
      try { return geos.preparedCoversXY(p, lon, lat); } finally { geos.freePrepared(p); }
    });
    const inside = hit && geos.pointOnSurface(hit);
    const areaPrepared = geos.prepare(area);
    const inArea = !!inside && geos.preparedCoversXY(areaPrepared, inside[0], inside[1]);
    geos.freePrepared(areaPrepared);
    if (!hit || !inArea) return { ok: false, error: 'the point is not inside the area' };
    // Cut means smaller than the part of the area it lies in (a line that ends inside, or runs
    // elsewhere, leaves that part whole).
    const whole = geos.parts(area);
    const around = whole.find((p) => { const pp = geos.prepare(p); try { return geos.preparedCoversXY(pp, inside![0], inside![1]); } finally { geos.freePrepared(pp); } });
    const cutIt = !!around && geos.areaKm2(hit) < geos.areaKm2(around) * (1 - 1e-9);
    whole.forEach(geos.free);
    if (!cutIt) return { ok: false, error: 'the line does not cut the area next to the point: draw it across the area, from one edge to another' };
    const e = geos.envelope(hit)!;
    const eps = 1e-9;
    if (e.minX <= window.minX + eps || e.minY <= window.minY + eps || e.maxX >= window.maxX - eps || e.maxY >= window.maxY - eps) {
      return { ok: false, error: 'the side you picked is not closed by the line near it: draw the line across the area from edge to edge and pick the smaller side' };
    }
    return { ok: true, face: geos.toGeoJSON(hit) as Polygon };
  } finally {
    faces.forEach(geos.free);
    geos.free(rings);
    geos.free(cut);
  }
}

/** From strongest to weakest: the order of CONFIDENCES. */
const weakest = (cs: Confidence[]): Confidence => CONFIDENCES[Math.max(...cs.map((c) => CONFIDENCES.indexOf(c)))];

export type Merged = { ok: true; change: AreaChange } | { ok: false; error: string };

/**
 * One change standing for several of the same status (and the same claimant, or none): the union
 * of their polygons, their sources once each (by URL, first kept), the weakest confidence (a merged
 * area is only as sure as its least sure part), the latest valid-from (it holds once every part
 * holds), their notes joined. An embargo on any part holds the whole: the latest end, or none if
 * one waits for a reviewer.
 */
export function mergeChanges(changes: AreaChange[]): Merged {
  if (changes.length < 2) return { ok: false, error: 'merging needs two or more changes' };
  const statuses = [...new Set(changes.map((c) => c.status))];
  if (statuses.length > 1) return { ok: false, error: `the changes have different statuses (${statuses.join(', ')}): only changes of one status are merged` };
  const claimants = [...new Set(changes.map((c) => c.claim?.claimant ?? null))];
  if (claimants.length > 1) return { ok: false, error: `the changes are not all the same claim (${claimants.map((c) => c ?? 'assessed control').join(', ')}): claims are merged only with claims of the same claimant` };
  const geoms = changes.map((c) => geos.fromGeoJSON(c.geometry));
  let union: geos.Geom | null = null;
  let valid: geos.Geom | null = null;
  try {
    union = geos.unionAll(geoms);
    valid = geos.makeValidPolygonal(union);
    if (geos.isEmpty(valid)) return { ok: false, error: 'the union has no area' };
    const geometry = geos.toGeoJSON(valid) as Polygon | MultiPolygon;
    const sources: Source[] = [];
    for (const s of changes.flatMap((c) => c.sources)) if (!sources.some((x) => x.url === s.url)) sources.push(s);
    const notes = [...new Set(changes.map((c) => c.note?.trim()).filter((n): n is string => !!n))];
    const claim = changes[0].claim
      ? { claimant: changes[0].claim.claimant, until: changes.some((c) => !c.claim?.until) ? null : changes.map((c) => c.claim!.until!).sort().pop()! }
      : null;
    return {
      ok: true,
      change: {
        status: changes[0].status, geometry, validFrom: changes.map((c) => c.validFrom).sort().pop()!, sources,
        confidence: weakest(changes.map((c) => c.confidence)), note: notes.length ? notes.join(' / ') : null, claim, embargo: mergedEmbargo(changes.map((c) => c.embargo ?? null)),
      },
    };
  } finally {
    if (valid) geos.free(valid);
    if (union) geos.free(union);
    geoms.forEach(geos.free);
  }
}

function mergedEmbargo(es: (Embargo | null)[]): Embargo | null {
  const held = es.filter((e): e is Embargo => !!e);
  if (!held.length) return null;
  const until = held.some((e) => e.until === null) ? null : held.map((e) => e.until!).sort().pop()!;
  return { until, reason: [...new Set(held.map((e) => e.reason))].join('; ') };
}
