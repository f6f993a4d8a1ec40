/**
 * The one door to GEOS (geos-wasm). Geometries cross the wasm boundary as 2D WKB; callers hold
 * `Geom` handles and must `free` what they create. GEOS notices (which geos-wasm prints to stdout)
 * are collected here instead, so `--json` output stays one clean document.
 */
import initGeosJs from 'geos-wasm';
import type { Geometry } from 'geojson';
import { geometryToWkb, wkbPolygons, wkbToGeometry, type FlatPolygon } from './wkb.js';
import { polygonsAreaKm2 } from './area.js';

type GeosModule = Awaited<ReturnType<typeof initGeosJs>>;

/** Opaque pointer to a GEOS geometry. */
export type Geom = number & { readonly __geom: unique symbol };
/** Opaque pointer to a GEOS prepared geometry. */
export type Prepared = number & { readonly __prepared: unique symbol };

export interface Envelope { minX: number; minY: number; maxX: number; maxY: number }

let geos: GeosModule | null = null;
let lastError: string | null = null;
const notices: string[] = [];

/** Starts GEOS once; every other function needs it awaited first. */
export async function initGeometry(): Promise<void> {
  if (geos) return;
  geos = await initGeosJs({
    errorHandler: (message: string) => { lastError = message; },
    noticeHandler: (message: string) => { if (notices.length < 1000) notices.push(message); },
  } as Parameters<typeof initGeosJs>[0]);
}

function g(): GeosModule {
  if (!geos) throw new Error('GEOS is not initialised: await initGeometry() first');
  return geos;
}

/** Notices GEOS emitted since the last call (e.g. self-intersection warnings). */
export function takeGeosNotices(): string[] {
  return notices.splice(0, notices.length);
}

function check<T extends number>(ptr: number, what: string): T {
  if (!ptr) {
    const message = lastError ?? 'unknown GEOS error';
    lastError = null;
    throw new Error(`${what} failed: ${message}`);
  }
  return ptr as T;
}

export function fromWkb(wkb: Uint8Array): Geom {
  const m = g();
  const ptr = m.Module._malloc(wkb.length);
  m.Module.HEAPU8.set(wkb, ptr);
  try {
    return check<Geom>(m.GEOSGeomFromWKB_buf(ptr, wkb.length), 'reading WKB');
  } finally {
    m.Module._free(ptr);
  }
}

export function toWkb(geom: Geom): Uint8Array {
  const m = g();
  const sizePtr = m.Module._malloc(4);
  try {
    const buf = check<number>(m.GEOSGeomToWKB_buf(geom, sizePtr), 'writing WKB');
    const size = m.Module.getValue(sizePtr, 'i32');
    const out = m.Module.HEAPU8.slice(buf, buf + size);
    m.GEOSFree(buf);
    return out;
  } finally {
    m.Module._free(sizePtr);
  }
}

/** GeoJSON → GEOS, dropping Z (GEOS' own GeoJSON path overflows on 3D input). */
export function fromGeoJSON(geometry: Geometry): Geom {
  return fromWkb(geometryToWkb(geometry));
}

export function toGeoJSON(geom: Geom): Geometry {
  return wkbToGeometry(toWkb(geom));
}

/** The polygons of a geometry as flat rings (points and lines skipped). */
export function polygonsOf(geom: Geom): FlatPolygon[] {
  return wkbPolygons(toWkb(geom));
}

/** Geodesic area in km² (WGS84), see area.ts. */
export function areaKm2(geom: Geom): number {
  return polygonsAreaKm2(polygonsOf(geom));
}

export function free(geom: Geom): void {
  if (geom) g().GEOSGeom_destroy(geom);
}

export function clone(geom: Geom): Geom {
  return check<Geom>(g().GEOSGeom_clone(geom), 'clone');
}

export function isValid(geom: Geom): boolean {
  return g().GEOSisValid(geom) === 1;
}

export function isEmpty(geom: Geom): boolean {
  return g().GEOSisEmpty(geom) === 1;
}

/**
 * Repairs invalid geometry (self-intersections, holes outside shells, unclosed rings) with GEOS'
 * "structure" method and keeps only its polygonal part; collapsed pieces are dropped. A ring
 * lying outside its shell stays as a polygon of its own (in the archive: slivers < 0.01 km²).
 */
export function makeValidPolygonal(geom: Geom): Geom {
  const m = g();
  let valid: Geom;
  if (isValid(geom)) {
    valid = clone(geom);
  } else {
    const params = m.GEOSMakeValidParams_create();
    m.GEOSMakeValidParams_setMethod(params, 1); // GEOS_MAKE_VALID_STRUCTURE
    m.GEOSMakeValidParams_setKeepCollapsed(params, 0);
    try {
      valid = check<Geom>(m.GEOSMakeValidWithParams(geom, params), 'make valid');
    } finally {
      m.GEOSMakeValidParams_destroy(params);
    }
  }
  const polygonal = polygonalPart(valid);
  if (polygonal !== valid) free(valid);
  return polygonal;
}

/** Keeps only the polygons of a geometry; returns the input itself when it is already polygonal. */
export function polygonalPart(geom: Geom): Geom {
  const m = g();
  const type = m.GEOSGeomTypeId(geom);
  if (type === 3 || type === 6) return geom; // Polygon, MultiPolygon
  const polygons = polygonsOf(geom);
  return fromWkb(geometryToWkb({ type: 'MultiPolygon', coordinates: polygons.map((p) => p.map(ringToPositions)) }));
}

function ringToPositions(ring: Float64Array): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < ring.length; i += 2) out.push([ring[i], ring[i + 1]]);
  return out;
}

export function emptyPolygon(): Geom {
  return check<Geom>(g().GEOSGeom_createEmptyPolygon(), 'empty polygon');
}

/**
 * Union of many polygonal geometries (inputs are not freed). GEOSClipByRect may return slightly
 * invalid pieces, and a union of them can throw a TopologyException: then every input is
 * repaired (MakeValid) and the union tried once more.
 */
export function unionAll(geoms: Geom[]): Geom {
  try {
    return unaryUnion(geoms);
  } catch (e) {
    if (!/TopologyException/.test((e as Error).message)) throw e;
    const repaired = geoms.map(makeValidPolygonal);
    try {
      return unaryUnion(repaired);
    } finally {
      repaired.forEach(free);
    }
  }
}

/** A GeometryCollection owning clones of the geometries (the caller frees it; the inputs stay theirs). */
function collectionOf(geoms: Geom[]): Geom {
  const m = g();
  const arr = m.Module._malloc(4 * Math.max(1, geoms.length));
  m.Module.HEAPU32.set(Uint32Array.from(geoms.map(clone)), arr / 4);
  const collection = check<Geom>(m.GEOSGeom_createCollection(7, arr, geoms.length), 'collection');
  m.Module._free(arr);
  return collection;
}

function unaryUnion(geoms: Geom[]): Geom {
  const m = g();
  if (geoms.length === 0) return emptyPolygon();
  const collection = collectionOf(geoms);
  try {
    return polygonalOrThrow(check<Geom>(m.GEOSUnaryUnion(collection), 'union'));
  } finally {
    free(collection);
  }
}

function polygonalOrThrow(geom: Geom): Geom {
  const polygonal = polygonalPart(geom);
  if (polygonal !== geom) free(geom);
  return polygonal;
}

export function intersection(a: Geom, b: Geom): Geom {
  return polygonalOrThrow(check<Geom>(g().GEOSIntersection(a, b), 'intersection'));
}

export function difference(a: Geom, b: Geom): Geom {
  return polygonalOrThrow(check<Geom>(g().GEOSDifference(a, b), 'difference'));
}

export function union(a: Geom, b: Geom): Geom {
  return polygonalOrThrow(check<Geom>(g().GEOSUnion(a, b), 'union'));
}

export function envelope(geom: Geom): Envelope | null {
  const m = g();
  if (isEmpty(geom)) return null;
  const p = m.Module._malloc(32);
  try {
    m.GEOSGeom_getExtent(geom, p, p + 8, p + 16, p + 24);
    return {
      minX: m.Module.getValue(p, 'double'), minY: m.Module.getValue(p + 8, 'double'),
      maxX: m.Module.getValue(p + 16, 'double'), maxY: m.Module.getValue(p + 24, 'double'),
    };
  } finally {
    m.Module._free(p);
  }
}

/** The parts of a multi-geometry as new handles (a single geometry gives a clone of itself). */
export function parts(geom: Geom): Geom[] {
  const m = g();
  const n = m.GEOSGetNumGeometries(geom);
  const out: Geom[] = [];
  for (let i = 0; i < n; i++) out.push(clone(m.GEOSGetGeometryN(geom, i) as Geom));
  return out;
}

export function prepare(geom: Geom): Prepared {
  return check<Prepared>(g().GEOSPrepare(geom), 'prepare');
}

export function freePrepared(p: Prepared): void {
  g().GEOSPreparedGeom_destroy(p);
}

export function preparedIntersects(p: Prepared, geom: Geom): boolean {
  return g().GEOSPreparedIntersects(p, geom) === 1;
}

/** Whether the point lies in the prepared (polygonal) geometry, boundary included. */
export function preparedCoversXY(p: Prepared, x: number, y: number): boolean {
  // One call instead of building and freeing a point per test (GEOS ≥ 3.12).
  return g().GEOSPreparedIntersectsXY(p, x, y) === 1;
}

/** Fast clip to an axis-aligned rectangle; the result keeps only polygons. */
export function clipToRect(geom: Geom, r: Envelope): Geom {
  return polygonalOrThrow(check<Geom>(g().GEOSClipByRect(geom, r.minX, r.minY, r.maxX, r.maxY), 'clip by rectangle'));
}

export function preparedCovers(p: Prepared, geom: Geom): boolean {
  return g().GEOSPreparedCovers(p, geom) === 1;
}

/** Number of coordinates in the geometry. */
export function numPoints(geom: Geom): number {
  return g().GEOSGetNumCoordinates(geom);
}

/** 2D WKB of a GeoJSON geometry (Z dropped), without going through GEOS. */
export function toWkbFromGeoJSON(geometry: Geometry): Uint8Array {
  return geometryToWkb(geometry);
}

/** Removes vertices within `toleranceDeg` while keeping rings valid (for display at small scales). */
export function simplifyPreservingTopology(geom: Geom, toleranceDeg: number): Geom {
  return polygonalOrThrow(check<Geom>(g().GEOSTopologyPreserveSimplify(geom, toleranceDeg), 'simplify'));
}

/** The boundary of polygons as lines. */
export function boundary(geom: Geom): Geom {
  return check<Geom>(g().GEOSBoundary(geom), 'boundary');
}

/** Set difference keeping whatever dimension results (lines minus lines stay lines). */
export function differenceAnyDimension(a: Geom, b: Geom): Geom {
  return check<Geom>(g().GEOSDifference(a, b), 'difference');
}

/**
 * Nodes and dissolves lines, then joins them end to end into the longest possible lines. Without
 * `node`, lines are only joined where they already share end points (OSM ways do), which is
 * ~15× faster on the road network.
 */
export function mergeLines(lines: Geom[], { node = true } = {}): Geom {
  const m = g();
  const collection = collectionOf(lines);
  try {
    if (!node) return check<Geom>(m.GEOSLineMerge(collection), 'line merge');
    const unioned = check<Geom>(m.GEOSUnaryUnion(collection), 'union of lines');
    try {
      return check<Geom>(m.GEOSLineMerge(unioned), 'line merge');
    } finally {
      free(unioned);
    }
  } finally {
    free(collection);
  }
}

/** Intersection keeping whatever dimension results (lines ∩ polygon stay lines). */
export function intersectionAnyDimension(a: Geom, b: Geom): Geom {
  return check<Geom>(g().GEOSIntersection(a, b), 'intersection');
}

/** Buffer by a distance in the geometry's units (degrees here), 8 segments per quarter circle. */
export function buffer(geom: Geom, width: number): Geom {
  return check<Geom>(g().GEOSBuffer(geom, width, 8), 'buffer');
}

/** A point. */
export function pointXY(x: number, y: number): Geom {
  return check<Geom>(g().GEOSGeom_createPointFromXY(x, y), 'point');
}

/** Planar distance from the prepared geometry to another, in the geometries' units. */
export function preparedDistance(p: Prepared, geom: Geom): number {
  const m = g();
  const out = m.Module._malloc(8);
  try {
    if (m.GEOSPreparedDistance(p, geom, out) !== 1) throw new Error(`distance failed: ${lastError ?? 'unknown GEOS error'}`);
    return m.Module.getValue(out, 'double');
  } finally {
    m.Module._free(out);
  }
}

/** Planar length of lines (or of polygons' rings), in the geometry's units. */
export function planarLength(geom: Geom): number {
  const m = g();
  const out = m.Module._malloc(8);
  try {
    if (m.GEOSLength(geom, out) !== 1) throw new Error(`length failed: ${lastError ?? 'unknown GEOS error'}`);
    return m.Module.getValue(out, 'double');
  } finally {
    m.Module._free(out);
  }
}

/** Adds vertices so that no segment is longer than `maxSegment` (in the geometry's units). */
export function densify(geom: Geom, maxSegment: number): Geom {
  return check<Geom>(g().GEOSDensify(geom, maxSegment), 'densify');
}

/**
 * The faces enclosed by lines (GEOS Polygonize), each a new handle. The lines are noded first (a
 * unary union of them all), since polygonize only closes faces at shared vertices; dangling ends
 * and cut edges are dropped.
 */
export function polygonize(lines: Geom[]): Geom[] {
  const m = g();
  const collection = collectionOf(lines);
  try {
    const noded = check<Geom>(m.GEOSUnaryUnion(collection), 'noding lines');
    const one = m.Module._malloc(4);
    try {
      m.Module.HEAPU32[one / 4] = noded;
      const faces = check<Geom>(m.GEOSPolygonize(one, 1), 'polygonize');
      try {
        return parts(faces);
      } finally {
        free(faces);
      }
    } finally {
      m.Module._free(one);
      free(noded);
    }
  } finally {
    free(collection);
  }
}

/** A point guaranteed to lie inside a polygonal geometry (GEOS PointOnSurface), or null when empty. */
export function pointOnSurface(geom: Geom): [number, number] | null {
  if (isEmpty(geom)) return null;
  const p = check<Geom>(g().GEOSPointOnSurface(geom), 'point on surface');
  try {
    const c = (toGeoJSON(p) as { coordinates: number[] }).coordinates;
    return [c[0], c[1]];
  } finally {
    free(p);
  }
}
