/**
 * What-if lines: a proposed line, joined at both ends to the current front, encloses with the
 * stretch of front between the joins the ground that would change hands. Pure geometry on
 * lon/lat coordinates; definitions in docs/analysis.md.
 */
import type { FlatRing } from '../geometry/wkb.js';
import { localProjection } from '../geometry/local-projection.js';
import { distanceKm } from './geodesic.js';

export interface Join { piece: number; segment: number; t: number; lon: number; lat: number; km: number }

/** The nearest point of the front lines to (lon, lat): which line, which segment, how far along it. */
export function joinToFront(lines: FlatRing[], lon: number, lat: number): Join | null {
  const proj = localProjection(lon, lat);
  let best: Join | null = null;
  let bestD = Infinity;
  lines.forEach((line, piece) => {
    for (let i = 2; i < line.length; i += 2) {
      const [ax, ay] = proj.forward(line[i - 2], line[i - 1]);
      const [bx, by] = proj.forward(line[i], line[i + 1]);
      const dx = bx - ax, dy = by - ay;
      const len2 = dx * dx + dy * dy;
      const t = len2 > 0 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2)) : 0;
      const px = ax + t * dx, py = ay + t * dy;
      const d = px * px + py * py;
      if (d < bestD) {
        bestD = d;
        const [jl, jt] = proj.inverse(px, py);
        best = { piece, segment: i / 2 - 1, t, lon: jl, lat: jt, km: 0 };
      }
    }
  });
  if (best) (best as Join).km = distanceKm(lon, lat, (best as Join).lon, (best as Join).lat);
  return best;
}

/** The part of a line between two joins on it, from `a` to `b` (coordinates as [lon, lat]). */
export function stretchBetween(line: FlatRing, a: Join, b: Join): [number, number][] {
  const forward = a.segment < b.segment || (a.segment === b.segment && a.t <= b.t);
  const [s, e] = forward ? [a, b] : [b, a];
  const out: [number, number][] = [[s.lon, s.lat]];
  for (let i = s.segment + 1; i <= e.segment; i++) out.push([line[2 * i], line[2 * i + 1]]);
  out.push([e.lon, e.lat]);
  return forward ? out : out.reverse();
}

/** The closed ring: the proposed line from the first join to the last, back along the front. */
export function pocketRing(proposed: [number, number][], stretch: [number, number][]): [number, number][] {
  // `stretch` runs from the first join to the last: walk it backwards to close the ring.
  const back = stretch.slice().reverse();
  return [...proposed, ...back.slice(1)];
}

export function pathLengthKm(path: [number, number][]): number {
  let km = 0;
  for (let i = 1; i < path.length; i++) km += distanceKm(path[i - 1][0], path[i - 1][1], path[i][0], path[i][1]);
  return km;
}

/** Gaps up to this wide between pieces of front are bridged: the measured front breaks where a
 * river or floodplain separates two held areas, and at grid seams; the real front does not. */
export const MAX_GAP_KM = 5;
/** A bridged gap costs this many times its length, so the route follows drawn front wherever it can. */
export const GAP_PENALTY = 5;

/**
 * The front from join `a` to join `b`, following the pieces of front line and bridging gaps of
 * up to `maxGapKm` between their ends (the shortest such route), or null when none exists.
 */
export function frontPath(lines: FlatRing[], a: Join, b: Join, maxGapKm = MAX_GAP_KM): [number, number][] | null {
  const cumulative = lines.map((l) => {
    const c = [0];
    for (let i = 2; i < l.length; i += 2) c.push(c[c.length - 1] + distanceKm(l[i - 2], l[i - 1], l[i], l[i + 1]));
    return c;
  });
  const along = (j: Join) => {
    const c = cumulative[j.piece];
    return c[j.segment] + (c[j.segment + 1] - c[j.segment]) * j.t;
  };
  const end = (piece: number, which: 0 | 1): [number, number] => {
    const l = lines[piece];
    return which === 0 ? [l[0], l[1]] : [l[l.length - 2], l[l.length - 1]];
  };
  // Nodes: 2i = start of piece i, 2i + 1 = its end; S = 2n, T = 2n + 1.
  const n = lines.length;
  const S = 2 * n, T = 2 * n + 1;
  const edges: { to: number; km: number; kind: 'piece' | 'gap' | 'partial' | 'direct' }[][] = Array.from({ length: 2 * n + 2 }, () => []);
  const link = (u: number, v: number, km: number, kind: 'piece' | 'gap' | 'partial' | 'direct') => { edges[u].push({ to: v, km, kind }); edges[v].push({ to: u, km, kind }); };
  for (let i = 0; i < n; i++) link(2 * i, 2 * i + 1, cumulative[i][cumulative[i].length - 1], 'piece');
  for (let u = 0; u < 2 * n; u++) {
    const [ux, uy] = end(u >> 1, (u & 1) as 0 | 1);
    for (let v = u + 1; v < 2 * n; v++) {
      if (v >> 1 === u >> 1) continue;
      const [vx, vy] = end(v >> 1, (v & 1) as 0 | 1);
      if (Math.abs(ux - vx) > 0.05 || Math.abs(uy - vy) > 0.05) continue;
      const km = distanceKm(ux, uy, vx, vy);
      if (km <= maxGapKm) link(u, v, km * GAP_PENALTY, 'gap');
    }
  }
  const da = along(a), db = along(b);
  const totalA = cumulative[a.piece][cumulative[a.piece].length - 1];
  const totalB = cumulative[b.piece][cumulative[b.piece].length - 1];
  link(S, 2 * a.piece, da, 'partial');
  link(S, 2 * a.piece + 1, totalA - da, 'partial');
  link(T, 2 * b.piece, db, 'partial');
  link(T, 2 * b.piece + 1, totalB - db, 'partial');
  if (a.piece === b.piece) link(S, T, Math.abs(da - db), 'direct');
  // Dijkstra over a few hundred nodes: a linear scan for the minimum is fast enough.
  const dist = new Array<number>(2 * n + 2).fill(Infinity);
  const prev = new Array<number>(2 * n + 2).fill(-1);
  const prevKind: string[] = new Array(2 * n + 2).fill('');
  const done = new Array<boolean>(2 * n + 2).fill(false);
  dist[S] = 0;
  for (;;) {
    let u = -1;
    for (let i = 0; i < dist.length; i++) if (!done[i] && dist[i] < Infinity && (u < 0 || dist[i] < dist[u])) u = i;
    if (u < 0 || u === T) break;
    done[u] = true;
    for (const e of edges[u]) {
      // A partial edge of a join may only be used from its own join (S or T).
      if (dist[u] + e.km < dist[e.to]) { dist[e.to] = dist[u] + e.km; prev[e.to] = u; prevKind[e.to] = e.kind; }
    }
  }
  if (dist[T] === Infinity) return null;
  const nodes: number[] = [];
  for (let v = T; v !== -1; v = prev[v]) nodes.unshift(v);
  const out: [number, number][] = [];
  const push = (pts: [number, number][]) => { for (const p of pts) { const q = out[out.length - 1]; if (!q || q[0] !== p[0] || q[1] !== p[1]) out.push(p); } };
  const pieceCoords = (piece: number, reverse: boolean): [number, number][] => {
    const l = lines[piece];
    const pts = Array.from({ length: l.length / 2 }, (_, i): [number, number] => [l[2 * i], l[2 * i + 1]]);
    return reverse ? pts.reverse() : pts;
  };
  const fromJoin = (j: Join, toward: 0 | 1): [number, number][] => {
    const pts: [number, number][] = [[j.lon, j.lat]];
    const l = lines[j.piece];
    if (toward === 1) for (let i = j.segment + 1; i < l.length / 2; i++) pts.push([l[2 * i], l[2 * i + 1]]);
    else for (let i = j.segment; i >= 0; i--) pts.push([l[2 * i], l[2 * i + 1]]);
    return pts;
  };
  for (let k = 1; k < nodes.length; k++) {
    const u = nodes[k - 1], v = nodes[k], kind = prevKind[v];
    if (kind === 'direct') push(stretchBetween(lines[a.piece], a, b));
    else if (u === S) push(fromJoin(a, (v & 1) as 0 | 1));
    else if (v === T) push(fromJoin(b, (u & 1) as 0 | 1).reverse());
    else if (kind === 'piece') push(pieceCoords(u >> 1, (u & 1) === 1));
    else push([end(v >> 1, (v & 1) as 0 | 1)]);
  }
  return out;
}
