/**
 * What a draft holds: area changes ("mark this polygon occupied / contested / Ukrainian-held from
 * date D") and events, each with sources and a confidence, and the checks they must pass.
 * Geometry goes through GEOS (MakeValid, Z dropped) before it is kept.
 */
import type { Geometry, LineString, MultiPolygon, Polygon } from 'geojson';
import * as geos from '../geometry/geos.js';

export const CHANGE_STATUSES = ['occupied', 'contested', 'ukraine'] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];
export const CONFIDENCES = ['confirmed', 'likely', 'claimed', 'disputed'] as const;
export type Confidence = (typeof CONFIDENCES)[number];
export const EVENT_TYPES = ['capture', 'withdrawal', 'counterattack', 'evacuation', 'shelling', 'road_cut', 'encirclement', 'claim'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export const SIDES = ['russia', 'ukraine', 'unknown'] as const;
export type Side = (typeof SIDES)[number];

export interface Source {
  url: string;
  publisher: string;
  author?: string | null;
  publishedAt?: string | null;
  quote?: string | null;
  archiveUrl?: string | null;
}

export interface AreaChange {
  status: ChangeStatus;
  geometry: Polygon | MultiPolygon;
  /** ISO 8601 instant from which the change holds. */
  validFrom: string;
  sources: Source[];
  confidence: Confidence;
  note?: string | null;
  /**
   * A claim by a party ("Russia's MoD claims the capture of …"): published in the claims layer, per
   * claimant, without changing assessed control. `until`: when the claim stops being shown (null: open).
   */
  claim?: { claimant: string; until?: string | null } | null;
  /** Kept out of the public map until `until` (null: until a reviewer lifts it); the team sees it. */
  embargo?: { until: string | null; reason: string } | null;
}

/** Kept out of everything public until `until` (null: until a reviewer lifts it); the team sees it. */
export interface Embargo { until: string | null; reason: string }

/** Whether a change, event or arrow is still under embargo at an instant (ISO 8601 UTC). */
export function underEmbargo(c: { embargo?: Embargo | null }, now: string): boolean {
  return !!c.embargo && (c.embargo.until === null || c.embargo.until > now);
}

export interface MapEvent {
  place: { settlement: string } | { lon: number; lat: number };
  time: string;
  type: EventType;
  side: Side;
  sources: Source[];
  confidence: Confidence;
  note?: string | null;
  embargo?: Embargo | null;
}

/**
 * An attack direction: a line from where an attack starts to where it aims, drawn by the team
 * ("Russian forces attack from Popasna towards Bakhmut"). Published in its own layer, never part of
 * the control surface.
 */
export interface AttackArrow {
  line: LineString;
  side: Side;
  time: string;
  sources: Source[];
  confidence: Confidence;
  note?: string | null;
  embargo?: Embargo | null;
}

/**
 * Where a unit was ("the 3rd Assault Brigade near Avdiivka"): a designation in free text, at a
 * settlement or a point, with sources. The team sees it exact; the public gets it on the precision
 * grid or not at all (`publicUnits`, core/workspace/public-precision.ts).
 */
export interface UnitPosition {
  unit: string;
  side: Side;
  place: { settlement: string } | { lon: number; lat: number };
  time: string;
  sources: Source[];
  confidence: Confidence;
  note?: string | null;
  embargo?: Embargo | null;
}

/** A designation is a name, not a report: long text belongs in the note. */
export const UNIT_DESIGNATION_MAX = 120;

/** What is wrong with a unit's designation (empty, too long, control characters), or null. */
export function unitDesignationProblem(unit: string): string | null {
  const t = unit.trim();
  if (!t) return 'unit is empty: give the designation (e.g. 3rd Assault Brigade)';
  if (t.length > UNIT_DESIGNATION_MAX) return `unit has ${t.length} characters (at most ${UNIT_DESIGNATION_MAX}): put the rest in the note`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(t)) return 'unit contains control characters';
  return null;
}

export type ItemKind = 'change' | 'event' | 'arrow' | 'unit';

/** A plausible extent for Ukraine's map (with margin): coordinates outside it are rejected as not lon/lat. */
export const EXTENT = { west: 20, south: 43, east: 42, north: 53.5 } as const;
export const MAX_VERTICES = 50_000;
/** An arrow is a sketch of a direction, not a route: a few points are enough. */
export const ARROW_POINTS = { min: 2, max: 50 } as const;

const inExtent = (lon: number, lat: number): boolean =>
  Number.isFinite(lon) && Number.isFinite(lat) && lon >= EXTENT.west && lon <= EXTENT.east && lat >= EXTENT.south && lat <= EXTENT.north;

/**
 * Checks an arrow's line (or a line cutting an area: `use` names it in the refusal): a GeoJSON
 * LineString of 2–50 lon/lat positions inside EXTENT, its start and end apart; Z is dropped.
 * Returns the cleaned line or the reason it is refused.
 */
export function checkArrowLine(g: Geometry, use = 'an arrow needs a direction'): { ok: true; line: LineString } | { ok: false; error: string } {
  if (g.type !== 'LineString') return { ok: false, error: `line must be a LineString, not ${g.type}` };
  const n = g.coordinates.length;
  if (n < ARROW_POINTS.min || n > ARROW_POINTS.max) return { ok: false, error: `line has ${n} positions (${ARROW_POINTS.min} to ${ARROW_POINTS.max})` };
  for (const [lon, lat] of g.coordinates) {
    if (!inExtent(lon, lat)) return { ok: false, error: `position [${lon}, ${lat}] is outside [${EXTENT.west}..${EXTENT.east}] × [${EXTENT.south}..${EXTENT.north}]: coordinates must be longitude, latitude (WGS84) in or near Ukraine` };
  }
  const [first, last] = [g.coordinates[0], g.coordinates[n - 1]];
  if (first[0] === last[0] && first[1] === last[1]) return { ok: false, error: `line starts where it ends: ${use}` };
  return { ok: true, line: { type: 'LineString', coordinates: g.coordinates.map(([lon, lat]) => [lon, lat]) } };
}

const isHttpUrl = (s: string): boolean => {
  try {
    const u = new URL(s);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
};

const isInstant = (s: string): boolean => /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(s) && !Number.isNaN(Date.parse(s));

/** Problems with a list of sources, each naming the source (empty when fine; an empty list is fine here, not at submission). */
export function sourceProblems(sources: Source[]): string[] {
  const out: string[] = [];
  sources.forEach((s, i) => {
    const at = `sources[${i}]`;
    if (!isHttpUrl(s.url)) out.push(`${at}.url '${s.url}' is not an http(s) URL`);
    if (!s.publisher.trim()) out.push(`${at}.publisher is empty`);
    if (s.archiveUrl && !isHttpUrl(s.archiveUrl)) out.push(`${at}.archiveUrl '${s.archiveUrl}' is not an http(s) URL`);
    if (s.publishedAt && !isInstant(s.publishedAt)) out.push(`${at}.publishedAt '${s.publishedAt}' is not an ISO 8601 date or time`);
  });
  return out;
}

export function instantProblem(field: string, value: string): string | null {
  return isInstant(value) ? null : `${field} '${value}' is not an ISO 8601 date or time (e.g. 2022-05-26T18:00:00Z)`;
}

function vertexCount(g: Polygon | MultiPolygon): number {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.reduce((a, p) => a + p.reduce((b, r) => b + r.length, 0), 0);
}

/**
 * Checks a drawn polygon and repairs it: lon/lat inside EXTENT, a bounded number of vertices, then
 * GEOS MakeValid (self-intersections split, Z dropped). Needs `geos.initGeometry()` first.
 */
export function checkChangeGeometry(g: Geometry): { ok: true; geometry: Polygon | MultiPolygon; areaKm2: number } | { ok: false; error: string } {
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') return { ok: false, error: `geometry must be a Polygon or MultiPolygon, not ${g.type}` };
  const n = vertexCount(g);
  if (n > MAX_VERTICES) return { ok: false, error: `geometry has ${n} vertices (at most ${MAX_VERTICES})` };
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const ring of polys.flat()) {
    if (ring.length < 4) return { ok: false, error: 'every ring needs at least 4 positions (closed)' };
    for (const [lon, lat] of ring) {
      if (!inExtent(lon, lat)) {
        return { ok: false, error: `position [${lon}, ${lat}] is outside [${EXTENT.west}..${EXTENT.east}] × [${EXTENT.south}..${EXTENT.north}]: coordinates must be longitude, latitude (WGS84) in or near Ukraine` };
      }
    }
  }
  let raw: geos.Geom | null = null;
  let valid: geos.Geom | null = null;
  try {
    raw = geos.fromGeoJSON(g);
    valid = geos.makeValidPolygonal(raw);
    if (geos.isEmpty(valid)) return { ok: false, error: 'geometry has no area once repaired' };
    const geometry = geos.toGeoJSON(valid) as Polygon | MultiPolygon;
    return { ok: true, geometry, areaKm2: geos.areaKm2(valid) };
  } catch (e) {
    return { ok: false, error: `geometry cannot be read: ${(e as Error).message}` };
  } finally {
    if (valid) geos.free(valid);
    if (raw) geos.free(raw);
  }
}

/** Why a draft cannot be submitted: items without a source (empty when it can). */
export function submissionProblems(items: { id: number; kind: ItemKind; body: { sources: Source[] } }[]): string[] {
  const out: string[] = [];
  if (items.length === 0) out.push('the draft has no changes, events or arrows');
  for (const it of items) if (it.body.sources.length === 0) out.push(`${it.kind} ${it.id} has no source`);
  return out;
}

/** Whether a point lies in a polygon or multipolygon (even-odd rule over every ring; boundary cases either way). */
export function polygonCoversPoint(g: Polygon | MultiPolygon, lon: number, lat: number): boolean {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let inside = false;
  for (const rings of polys) {
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if ((yi > lat) !== (yj > lat) && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  }
  return inside;
}
