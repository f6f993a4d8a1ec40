/**
 * Minimal 2D WKB (little-endian, ISO) encoding and decoding of polygonal GeoJSON.
 * GEOS reads and writes WKB far faster than it builds geometries coordinate by coordinate through
 * the wasm boundary, and writing 2D here is where Z coordinates are stripped.
 */
import type { Geometry, LineString, Point, Polygon, Position } from 'geojson';

const WKB_POINT = 1;
const WKB_LINESTRING = 2;
const WKB_POLYGON = 3;
const WKB_MULTIPOINT = 4;
const WKB_MULTILINESTRING = 5;
const WKB_MULTIPOLYGON = 6;
const WKB_COLLECTION = 7;

/** Ring as flat [x0, y0, x1, y1, …] pairs. */
export type FlatRing = Float64Array;
/** Polygon as its rings, shell first. */
export type FlatPolygon = FlatRing[];

class Writer {
  private buf: DataView;
  private bytes: Uint8Array;
  pos = 0;
  constructor(size: number) {
    this.bytes = new Uint8Array(size);
    this.buf = new DataView(this.bytes.buffer);
  }
  header(type: number): void {
    this.bytes[this.pos] = 1;
    this.buf.setUint32(this.pos + 1, type, true);
    this.pos += 5;
  }
  u32(v: number): void {
    this.buf.setUint32(this.pos, v, true);
    this.pos += 4;
  }
  xy(p: Position): void {
    this.buf.setFloat64(this.pos, p[0], true);
    this.buf.setFloat64(this.pos + 8, p[1], true);
    this.pos += 16;
  }
  result(): Uint8Array {
    return this.bytes.subarray(0, this.pos);
  }
}

function sizeOf(g: Geometry): number {
  switch (g.type) {
    case 'Point': return 5 + 16;
    case 'LineString': return 9 + 16 * g.coordinates.length;
    case 'Polygon': return 9 + g.coordinates.reduce((s, r) => s + 4 + 16 * r.length, 0);
    case 'MultiPoint': return 9 + 21 * g.coordinates.length;
    case 'MultiLineString': return 9 + g.coordinates.reduce((s, l) => s + 9 + 16 * l.length, 0);
    case 'MultiPolygon':
      return 9 + g.coordinates.reduce((s, p) => s + 9 + p.reduce((t, r) => t + 4 + 16 * r.length, 0), 0);
    case 'GeometryCollection': return 9 + g.geometries.reduce((s, c) => s + sizeOf(c), 0);
  }
}

function write(w: Writer, g: Geometry): void {
  switch (g.type) {
    case 'Point':
      w.header(WKB_POINT); w.xy(g.coordinates); return;
    case 'LineString':
      w.header(WKB_LINESTRING); w.u32(g.coordinates.length); g.coordinates.forEach((p) => w.xy(p)); return;
    case 'Polygon':
      writePolygonBody(w, g.coordinates); return;
    case 'MultiPoint':
      w.header(WKB_MULTIPOINT); w.u32(g.coordinates.length);
      for (const p of g.coordinates) { w.header(WKB_POINT); w.xy(p); }
      return;
    case 'MultiLineString':
      w.header(WKB_MULTILINESTRING); w.u32(g.coordinates.length);
      for (const l of g.coordinates) { w.header(WKB_LINESTRING); w.u32(l.length); l.forEach((p) => w.xy(p)); }
      return;
    case 'MultiPolygon':
      w.header(WKB_MULTIPOLYGON); w.u32(g.coordinates.length);
      for (const p of g.coordinates) writePolygonBody(w, p);
      return;
    case 'GeometryCollection':
      w.header(WKB_COLLECTION); w.u32(g.geometries.length);
      for (const c of g.geometries) write(w, c);
      return;
  }
}

function writePolygonBody(w: Writer, rings: Position[][]): void {
  w.header(WKB_POLYGON);
  w.u32(rings.length);
  for (const r of rings) { w.u32(r.length); r.forEach((p) => w.xy(p)); }
}

/** Encodes any GeoJSON geometry as 2D WKB, dropping Z and M values. */
export function geometryToWkb(g: Geometry): Uint8Array {
  const w = new Writer(sizeOf(g));
  write(w, g);
  return w.result();
}

class Reader {
  private view: DataView;
  pos = 0;
  constructor(private bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  get done(): boolean { return this.pos >= this.bytes.length; }
  header(): { type: number; le: boolean; dims: number } {
    const le = this.bytes[this.pos] === 1;
    let type = this.view.getUint32(this.pos + 1, le);
    this.pos += 5;
    let dims = 2;
    if (type & 0x80000000) dims++;            // EWKB Z flag
    if (type & 0x40000000) dims++;            // EWKB M flag
    if (type & 0x20000000) this.pos += 4;     // EWKB SRID
    type &= 0x0fffffff;
    if (type > 3000) { dims = 4; type -= 3000; } else if (type > 2000) { dims = 3; type -= 2000; } else if (type > 1000) { dims = 3; type -= 1000; }
    return { type, le, dims };
  }
  u32(le: boolean): number {
    const v = this.view.getUint32(this.pos, le);
    this.pos += 4;
    return v;
  }
  xy(le: boolean, dims: number): Position {
    const p = [this.view.getFloat64(this.pos, le), this.view.getFloat64(this.pos + 8, le)];
    this.pos += 8 * dims;
    return p;
  }
  ring(le: boolean, dims: number): FlatRing {
    const n = this.u32(le);
    const out = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) {
      out[2 * i] = this.view.getFloat64(this.pos, le);
      out[2 * i + 1] = this.view.getFloat64(this.pos + 8, le);
      this.pos += 8 * dims;
    }
    return out;
  }
}

function readGeometry(r: Reader): Geometry {
  const { type, le, dims } = r.header();
  switch (type) {
    case WKB_POINT:
      return { type: 'Point', coordinates: r.xy(le, dims) };
    case WKB_LINESTRING: {
      const n = r.u32(le);
      const coordinates: Position[] = [];
      for (let i = 0; i < n; i++) coordinates.push(r.xy(le, dims));
      return { type: 'LineString', coordinates };
    }
    case WKB_POLYGON: {
      const n = r.u32(le);
      const rings: Position[][] = [];
      for (let i = 0; i < n; i++) rings.push(flatToPositions(r.ring(le, dims)));
      return { type: 'Polygon', coordinates: rings };
    }
    case WKB_MULTIPOINT: case WKB_MULTILINESTRING: case WKB_MULTIPOLYGON: case WKB_COLLECTION: {
      const n = r.u32(le);
      const parts: Geometry[] = [];
      for (let i = 0; i < n; i++) parts.push(readGeometry(r));
      if (type === WKB_MULTIPOINT) return { type: 'MultiPoint', coordinates: parts.map((p) => (p as Point).coordinates) };
      if (type === WKB_MULTILINESTRING) return { type: 'MultiLineString', coordinates: parts.map((p) => (p as LineString).coordinates) };
      if (type === WKB_MULTIPOLYGON) return { type: 'MultiPolygon', coordinates: parts.map((p) => (p as Polygon).coordinates) };
      return { type: 'GeometryCollection', geometries: parts };
    }
    default:
      throw new Error(`unsupported WKB geometry type ${type}`);
  }
}

function flatToPositions(ring: FlatRing): Position[] {
  const out: Position[] = new Array(ring.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = [ring[2 * i], ring[2 * i + 1]];
  return out;
}

/** Decodes WKB into GeoJSON. */
export function wkbToGeometry(wkb: Uint8Array): Geometry {
  return readGeometry(new Reader(wkb));
}

/** Extracts the polygons of a WKB geometry (of any type) as flat rings, skipping points and lines. */
export function wkbPolygons(wkb: Uint8Array): FlatPolygon[] {
  const polygons: FlatPolygon[] = [];
  const r = new Reader(wkb);
  readPolygonsOnly(r, polygons);
  return polygons;
}

function readPolygonsOnly(r: Reader, polygons: FlatPolygon[]): void {
  const { type, le, dims } = r.header();
  if (type === WKB_POLYGON) {
    const n = r.u32(le);
    const rings: FlatRing[] = [];
    for (let i = 0; i < n; i++) rings.push(r.ring(le, dims));
    if (rings.length) polygons.push(rings);
  } else if (type === WKB_POINT) {
    r.pos += 8 * dims;
  } else if (type === WKB_LINESTRING) {
    const n = r.u32(le);
    r.pos += n * 8 * dims;
  } else if (type >= WKB_MULTIPOINT && type <= WKB_COLLECTION) {
    const n = r.u32(le);
    for (let i = 0; i < n; i++) readPolygonsOnly(r, polygons);
  } else {
    throw new Error(`unsupported WKB geometry type ${type}`);
  }
}


/** The lines of a WKB geometry (of any type) as flat coordinate arrays, skipping points and polygons. */
export function wkbLines(wkb: Uint8Array): FlatRing[] {
  const lines: FlatRing[] = [];
  const r = new Reader(wkb);
  const read = () => {
    const { type, le, dims } = r.header();
    if (type === WKB_LINESTRING) lines.push(r.ring(le, dims));
    else if (type === WKB_POINT) r.pos += 8 * dims;
    else if (type === WKB_POLYGON) { const n = r.u32(le); for (let i = 0; i < n; i++) r.ring(le, dims); }
    else if (type >= WKB_MULTIPOINT && type <= WKB_COLLECTION) { const n = r.u32(le); for (let i = 0; i < n; i++) read(); }
    else throw new Error(`unsupported WKB geometry type ${type}`);
  };
  read();
  return lines;
}
