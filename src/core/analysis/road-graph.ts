/**
 * The road network as a graph, and the sample points every per-date figure is measured on.
 * Built once per store: roads do not change between dates.
 *
 * Nodes are the ends of OSM ways and every vertex two ways share (OSM joins roads at shared
 * nodes, also in the middle of a way); a loose end within SNAP_KM of another node is joined to
 * it (ways cut apart by the data's export). Edges are the pieces of ways between nodes.
 */
import KDBush from 'kdbush';
import type { FlatRing } from '../geometry/wkb.js';
import { distanceKm } from './geodesic.js';

/** Loose ends closer than this to another node are the same junction (50 m: the width of a
 * junction; the roads' own digitising is finer than that). */
export const SNAP_KM = 0.05;
/** Roads are measured on intervals no longer than this (km): a change of status along a road is
 * placed to within half of it. */
export const SAMPLE_KM = 0.1;

export const ROAD_CATEGORIES = ['international', 'national'] as const;
export type RoadCategory = (typeof ROAD_CATEGORIES)[number];

export interface RoadInput { category: RoadCategory; ref: string | null; name: string | null; line: FlatRing }

export interface RoadGraph {
  nodeLon: Float64Array;
  nodeLat: Float64Array;
  /** Edges incident to each node. */
  nodeEdges: number[][];
  edgeFrom: Int32Array;
  edgeTo: Int32Array;
  edgeKm: Float64Array;
  /** Index into the input roads (for category, ref, name). */
  edgeRoad: Int32Array;
  edgeCoords: FlatRing[];
  /** Samples of edge e are edgeSampleStart[e] … edgeSampleStart[e + 1] - 1, in order along the edge. */
  edgeSampleStart: Int32Array;
  /** Middle of each sample interval (where its status is measured), its start, and its length. */
  sampleLon: Float64Array;
  sampleLat: Float64Array;
  sampleStartLon: Float64Array;
  sampleStartLat: Float64Array;
  sampleKm: Float64Array;
  sampleEdge: Int32Array;
  /** 1 where a sample starts at a vertex of the road (not at a point inserted by densifying). */
  sampleAtVertex: Uint8Array;
  roads: RoadInput[];
}

/** A vertex's identity: lon/lat on a 1e-5° grid (≈ 1 m) as one exact integer (< 2^53), far
 * cheaper than a string key; shared OSM nodes have identical coordinates, and vertices closer
 * than a metre are one junction anyway. */
const key = (x: number, y: number) => Math.round((x + 180) * 1e5) * 20_000_000 + Math.round((y + 90) * 1e5);

/**
 * `splitAt`: circles (e.g. towns) inside which every vertex becomes a node, so that a road passing
 * through a town without a junction there still has a node in it (stretch names need one).
 */
export function buildRoadGraph(roads: RoadInput[], splitAt: { lon: number; lat: number; radiusKm: number }[] = []): RoadGraph {
  // 1. Vertices that are nodes: ends of ways, vertices used more than once, vertices in a split circle.
  const uses = new Map<number, number>();
  for (const r of roads) for (let i = 0; i < r.line.length; i += 2) {
    const k = key(r.line[i], r.line[i + 1]);
    uses.set(k, (uses.get(k) ?? 0) + 1);
  }
  if (splitAt.length) {
    // One range query per circle over an index of all vertices (far fewer circles than vertices).
    const xs: number[] = [], ys: number[] = [];
    for (const r of roads) for (let i = 0; i < r.line.length; i += 2) { xs.push(r.line[i]); ys.push(r.line[i + 1]); }
    const vertices = new KDBush(Math.max(1, xs.length));
    for (let i = 0; i < xs.length; i++) vertices.add(xs[i], ys[i]);
    if (xs.length === 0) vertices.add(0, 0);
    vertices.finish();
    for (const c of splitAt) {
      const dLat = c.radiusKm / 110, dLon = c.radiusKm / (111 * Math.cos((c.lat * Math.PI) / 180)) * 1.01;
      for (const i of vertices.range(c.lon - dLon, c.lat - dLat, c.lon + dLon, c.lat + dLat)) {
        if (i >= xs.length || distanceKm(xs[i], ys[i], c.lon, c.lat) > c.radiusKm) continue;
        const k = key(xs[i], ys[i]);
        uses.set(k, Math.max(2, uses.get(k) ?? 0));
      }
    }
  }
  const nodeOf = new Map<number, number>();
  const lon: number[] = [];
  const lat: number[] = [];
  const nodeAt = (x: number, y: number): number => {
    const k = key(x, y);
    let n = nodeOf.get(k);
    if (n === undefined) { n = lon.length; nodeOf.set(k, n); lon.push(x); lat.push(y); }
    return n;
  };
  const pieces: { from: number; to: number; road: number; coords: FlatRing }[] = [];
  roads.forEach((r, ri) => {
    const l = r.line;
    if (l.length < 4) return;
    let start = 0;
    let from = nodeAt(l[0], l[1]);
    for (let i = 2; i < l.length; i += 2) {
      const last = i === l.length - 2;
      if (!last && (uses.get(key(l[i], l[i + 1])) ?? 0) < 2) continue;
      const to = nodeAt(l[i], l[i + 1]);
      pieces.push({ from, to, road: ri, coords: l.slice(start, i + 2) });
      start = i;
      from = to;
    }
  });

  // 2. Snap loose ends (degree 1) to the nearest other node within SNAP_KM.
  const degree = new Int32Array(lon.length);
  // The other end of a loose end's only piece: joining to it would fold the piece into a loop.
  const otherOfLoose = new Int32Array(lon.length).fill(-1);
  for (const p of pieces) { degree[p.from]++; degree[p.to]++; otherOfLoose[p.from] = p.to; otherOfLoose[p.to] = p.from; }
  const parent = Int32Array.from({ length: lon.length }, (_, i) => i);
  const find = (i: number): number => { while (parent[i] !== i) i = parent[i] = parent[parent[i]]; return i; };
  const kd = new KDBush(lon.length);
  for (let i = 0; i < lon.length; i++) kd.add(lon[i], lat[i]);
  kd.finish();
  const snapDeg = SNAP_KM / 111 / 0.6; // a box wide enough at Ukraine's latitudes; checked geodesically below
  for (let i = 0; i < lon.length; i++) {
    if (degree[i] !== 1) continue;
    let best = -1, bestKm = SNAP_KM;
    for (const j of kd.range(lon[i] - snapDeg, lat[i] - snapDeg, lon[i] + snapDeg, lat[i] + snapDeg)) {
      if (j === i || j === otherOfLoose[i]) continue;
      const km = distanceKm(lon[i], lat[i], lon[j], lat[j]);
      if (km <= bestKm) { best = j; bestKm = km; }
    }
    if (best >= 0) parent[find(i)] = find(best);
  }

  // 3. Renumber merged nodes; drop pieces that collapsed to a point.
  const renum = new Int32Array(lon.length).fill(-1);
  const nodeLon: number[] = [];
  const nodeLat: number[] = [];
  for (let i = 0; i < lon.length; i++) {
    const r = find(i);
    if (renum[r] < 0) { renum[r] = nodeLon.length; nodeLon.push(lon[r]); nodeLat.push(lat[r]); }
    renum[i] = renum[r];
  }
  const edges = pieces.map((p) => ({ ...p, from: renum[p.from], to: renum[p.to] })).filter((p) => p.from !== p.to || p.coords.length > 4);

  // 4. Lengths and samples.
  const nodeEdges: number[][] = Array.from({ length: nodeLon.length }, () => []);
  const edgeKm = new Float64Array(edges.length);
  const edgeSampleStart = new Int32Array(edges.length + 1);
  const sLon: number[] = [], sLat: number[] = [], s0Lon: number[] = [], s0Lat: number[] = [], sKm: number[] = [], sEdge: number[] = [], sVertex: number[] = [];
  edges.forEach((e, ei) => {
    nodeEdges[e.from].push(ei);
    if (e.to !== e.from) nodeEdges[e.to].push(ei);
    edgeSampleStart[ei] = sKm.length;
    const c = e.coords;
    for (let i = 2; i < c.length; i += 2) {
      const x0 = c[i - 2], y0 = c[i - 1], x1 = c[i], y1 = c[i + 1];
      const km = distanceKm(x0, y0, x1, y1);
      edgeKm[ei] += km;
      const n = Math.max(1, Math.ceil(km / SAMPLE_KM));
      for (let j = 0; j < n; j++) {
        const t0 = j / n, tm = (j + 0.5) / n;
        s0Lon.push(x0 + t0 * (x1 - x0)); s0Lat.push(y0 + t0 * (y1 - y0));
        sLon.push(x0 + tm * (x1 - x0)); sLat.push(y0 + tm * (y1 - y0));
        sKm.push(km / n); sEdge.push(ei); sVertex.push(j === 0 ? 1 : 0);
      }
    }
  });
  edgeSampleStart[edges.length] = sKm.length;
  return {
    nodeLon: Float64Array.from(nodeLon), nodeLat: Float64Array.from(nodeLat), nodeEdges,
    edgeFrom: Int32Array.from(edges.map((e) => e.from)), edgeTo: Int32Array.from(edges.map((e) => e.to)),
    edgeKm, edgeRoad: Int32Array.from(edges.map((e) => e.road)), edgeCoords: edges.map((e) => e.coords),
    edgeSampleStart,
    sampleLon: Float64Array.from(sLon), sampleLat: Float64Array.from(sLat),
    sampleStartLon: Float64Array.from(s0Lon), sampleStartLat: Float64Array.from(s0Lat),
    sampleKm: Float64Array.from(sKm), sampleEdge: Int32Array.from(sEdge), sampleAtVertex: Uint8Array.from(sVertex), roads,
  };
}

/** The other end of an edge. */
export function otherEnd(g: RoadGraph, edge: number, node: number): number {
  return g.edgeFrom[edge] === node ? g.edgeTo[edge] : g.edgeFrom[edge];
}
