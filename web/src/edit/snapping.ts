/**
 * Snapping a drawn vertex to existing boundaries: the control areas of the base version, the oblast
 * and raion borders, and the other areas of the draft. Pure: boundaries in lon/lat in, a snapped lon/lat out; the caller passes the
 * map's projection so the tolerance is in screen pixels.
 */
import type { Feature, Geometry, Position } from 'geojson';

export type LonLat = [number, number];
export interface Segment { a: LonLat; b: LonLat }
export interface Point2 { x: number; y: number }

/**
 * Edges that run exactly along a meridian or a parallel are cuts, not boundaries: the server cuts
 * control areas into 0.25° cells and vector tiles are clipped at tile edges, and snapping to those
 * would glue a drawn line to an invisible grid. A real border is practically never exactly
 * axis-aligned, and its vertices stay snappable through its neighbouring edges.
 */
const isCut = (a: Position, b: Position) => a[0] === b[0] || a[1] === b[1];

/** The boundary segments of the polygons (and lines) of some features, without grid and tile cuts. */
export function boundarySegments(features: readonly Feature[]): Segment[] {
  const out: Segment[] = [];
  const ring = (coords: Position[]) => {
    for (let i = 1; i < coords.length; i++) {
      const a = coords[i - 1];
      const b = coords[i];
      if (!isCut(a, b)) out.push({ a: [a[0], a[1]], b: [b[0], b[1]] });
    }
  };
  const walk = (g: Geometry | null) => {
    if (!g) return;
    switch (g.type) {
      case 'Polygon': g.coordinates.forEach(ring); break;
      case 'MultiPolygon': g.coordinates.forEach((p) => p.forEach(ring)); break;
      case 'LineString': ring(g.coordinates); break;
      case 'MultiLineString': g.coordinates.forEach(ring); break;
      case 'GeometryCollection': g.geometries.forEach(walk); break;
      default: break;
    }
  };
  for (const f of features) walk(f.geometry);
  return out;
}

/** The reference tiles' layers whose borders a vertex snaps to (docs/web.md). */
export const BORDER_LAYERS = ['oblasts', 'raions'] as const;

/**
 * Each segment once. A border shared by two polygons (two raions, a raion and its oblast, two
 * changes of the draft) comes back from both, in either direction, and from every tile that holds
 * it; snapping reads the list on every pointer move, so duplicates are dropped once, here.
 */
export function uniqueSegments(...lists: readonly (readonly Segment[])[]): Segment[] {
  const seen = new Set<string>();
  const out: Segment[] = [];
  for (const list of lists) {
    for (const s of list) {
      const [p, q] = s.a[0] < s.b[0] || (s.a[0] === s.b[0] && s.a[1] <= s.b[1]) ? [s.a, s.b] : [s.b, s.a];
      const key = `${p[0]},${p[1]},${q[0]},${q[1]}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(s);
    }
  }
  return out;
}

export interface SnapOptions {
  project: (lon: number, lat: number) => Point2;
  unproject: (x: number, y: number) => LonLat;
  /** Pixels within which a vertex or an edge catches the pointer (vertices win). */
  tolerancePx: number;
}

/**
 * The boundary point a pointer at `pointer` (lon/lat) snaps to: the nearest vertex within the
 * tolerance, else the nearest point on an edge within it, else null. Example: with a border vertex
 * 6 px away and a tolerance of 10 px the vertex itself is returned, to the last decimal, so the
 * drawn area shares it exactly.
 */
export function snapPoint(pointer: LonLat, segments: readonly Segment[], o: SnapOptions): LonLat | null {
  const p = o.project(pointer[0], pointer[1]);
  // A box in degrees around the pointer, so only nearby segments are projected.
  const corner1 = o.unproject(p.x - o.tolerancePx, p.y - o.tolerancePx);
  const corner2 = o.unproject(p.x + o.tolerancePx, p.y + o.tolerancePx);
  const [w, e] = [Math.min(corner1[0], corner2[0]), Math.max(corner1[0], corner2[0])];
  const [s, n] = [Math.min(corner1[1], corner2[1]), Math.max(corner1[1], corner2[1])];
  let vertex: LonLat | null = null;
  let vertexD = o.tolerancePx;
  let edge: Point2 | null = null;
  let edgeD = o.tolerancePx;
  for (const seg of segments) {
    if (Math.max(seg.a[0], seg.b[0]) < w || Math.min(seg.a[0], seg.b[0]) > e || Math.max(seg.a[1], seg.b[1]) < s || Math.min(seg.a[1], seg.b[1]) > n) continue;
    const a = o.project(seg.a[0], seg.a[1]);
    const b = o.project(seg.b[0], seg.b[1]);
    for (const [q, ll] of [[a, seg.a], [b, seg.b]] as const) {
      const d = Math.hypot(q.x - p.x, q.y - p.y);
      if (d <= vertexD) { vertexD = d; vertex = ll; }
    }
    const nearest = nearestOnSegment(p, a, b);
    const d = Math.hypot(nearest.x - p.x, nearest.y - p.y);
    if (d < edgeD) { edgeD = d; edge = nearest; }
  }
  if (vertex) return [vertex[0], vertex[1]];
  return edge ? o.unproject(edge.x, edge.y) : null;
}

function nearestOnSegment(p: Point2, a: Point2, b: Point2): Point2 {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
  return { x: a.x + t * dx, y: a.y + t * dy };
}
