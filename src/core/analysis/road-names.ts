/**
 * Names for road stretches: the data has no road numbers, so a stretch is named by the towns it
 * connects ("Bakhmut – Lysychansk"), as a reader of the news would. Thresholds and their
 * reasons: docs/analysis.md, "Roads and supply".
 *
 * 1. Towns are settlements of at least TOWN_MIN_POPULATION; a town owns the graph nodes within
 *    its radius (townRadiusKm, growing with population, since a city's roads spread wider).
 * 2. A multi-source Dijkstra from all towns gives every node its nearest town along the roads.
 * 3. Where two towns' shares of the network meet (an edge whose ends belong to towns A and B),
 *    the path A → edge → B is the stretch "A – B"; an edge on several such paths takes the shortest.
 * 4. A leftover edge running beside a named one (the other carriageway, a slip road; within
 *    PARALLEL_KM) takes its name. Other leftovers are spurs: a dead end or a road leaving the
 *    network, named "A – X" after their town A and the settlement X nearest their far end.
 */
import KDBush from 'kdbush';
import { distanceKm } from './geodesic.js';
import { otherEnd, type RoadGraph } from './road-graph.js';

/** Towns that name stretches: 10,000 people takes in every town the war news names around
 * Sievierodonetsk (Siversk 11k, Soledar 10.7k), and keeps villages from splitting roads. */
export const TOWN_MIN_POPULATION = 10_000;
/** A leftover edge this close to a named edge is the same road (the other carriageway, a ramp). */
export const PARALLEL_KM = 0.3;
/** A town farther than this from every road node is off the network (it names nothing). */
export const TOWN_MAX_OFF_ROAD_KM = 3;

/** The radius within which a town owns the road nodes: 1.2 km · √(population / 10,000), from 1.5 to 10 km
 * (≈ the radius of a built-up area at ~2,000 people/km²; Bakhmut 80k → 3.4 km, Kharkiv 1.4M → 10 km). */
export function townRadiusKm(population: number): number {
  return Math.min(10, Math.max(1.5, 1.2 * Math.sqrt(population / 10_000)));
}

export interface Town { code: string; name: string; lon: number; lat: number; population: number }
export interface Place { name: string; lon: number; lat: number }

export type StretchKind = 'between' | 'town' | 'spur';

export interface Stretch {
  /** Stable key: town codes (and the spur's end settlement). */
  key: string;
  name: string;
  kind: StretchKind;
  /** The towns named (one or two). */
  towns: string[];
}

export interface StretchNaming {
  /** Stretch index of each edge. */
  edgeStretch: Int32Array;
  stretches: Stretch[];
  /** Towns that own road nodes (index = town id used in nodeTown). */
  towns: Town[];
  /** The town owning each node, or -1. */
  nodeTown: Int32Array;
}

/** Minimal binary heap keyed by a number (Dijkstra's frontier). */
class Heap {
  private ids: number[] = [];
  private keys: number[] = [];
  get size() { return this.ids.length; }
  push(id: number, k: number) {
    let i = this.ids.length;
    this.ids.push(id); this.keys.push(k);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.keys[p] <= k) break;
      this.ids[i] = this.ids[p]; this.keys[i] = this.keys[p];
      i = p;
    }
    this.ids[i] = id; this.keys[i] = k;
  }
  pop(): number {
    const top = this.ids[0];
    const id = this.ids.pop()!, k = this.keys.pop()!;
    if (this.ids.length) {
      let i = 0;
      const n = this.ids.length;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && this.keys[c + 1] < this.keys[c]) c++;
        if (this.keys[c] >= k) break;
        this.ids[i] = this.ids[c]; this.keys[i] = this.keys[c];
        i = c;
      }
      this.ids[i] = id; this.keys[i] = k;
    }
    return top;
  }
}

export { Heap as MinHeap };

export function nameStretches(g: RoadGraph, candidates: Town[], places: Place[]): StretchNaming {
  const nNodes = g.nodeLon.length;
  const nodeIndex = new KDBush(nNodes);
  for (let i = 0; i < nNodes; i++) nodeIndex.add(g.nodeLon[i], g.nodeLat[i]);
  nodeIndex.finish();

  // 1. Towns own the nodes within their radius (the nearest town, relative to radius, wins).
  const nodeTown = new Int32Array(nNodes).fill(-1);
  const nodeScore = new Float64Array(nNodes).fill(Infinity);
  const towns: Town[] = [];
  for (const t of candidates.filter((c) => c.population >= TOWN_MIN_POPULATION).sort((a, b) => b.population - a.population)) {
    const r = townRadiusKm(t.population);
    const reach = r + TOWN_MAX_OFF_ROAD_KM;
    const dLat = reach / 110, dLon = reach / (111 * Math.cos((t.lat * Math.PI) / 180));
    const near = nodeIndex.range(t.lon - dLon, t.lat - dLat, t.lon + dLon, t.lat + dLat)
      .map((n) => ({ n, km: distanceKm(t.lon, t.lat, g.nodeLon[n], g.nodeLat[n]) }))
      .filter((x) => x.km <= reach);
    if (near.length === 0) continue;
    const id = towns.length;
    towns.push(t);
    const within = near.filter((x) => x.km <= r);
    // Off the network but close: the nearest node stands for the town.
    const owned = within.length ? within : [near.reduce((a, b) => (b.km < a.km ? b : a))];
    for (const { n, km } of owned) {
      const score = km / r;
      if (score < nodeScore[n]) { nodeScore[n] = score; nodeTown[n] = id; }
    }
  }

  // 2. Multi-source Dijkstra: nearest town along the roads.
  const dist = new Float64Array(nNodes).fill(Infinity);
  const label = new Int32Array(nNodes).fill(-1);
  const viaEdge = new Int32Array(nNodes).fill(-1);
  const heap = new Heap();
  for (let n = 0; n < nNodes; n++) if (nodeTown[n] >= 0) { dist[n] = 0; label[n] = nodeTown[n]; heap.push(n, 0); }
  while (heap.size) {
    const n = heap.pop();
    for (const e of g.nodeEdges[n]) {
      const m = otherEnd(g, e, n);
      const d = dist[n] + g.edgeKm[e];
      if (d < dist[m]) { dist[m] = d; label[m] = label[n]; viaEdge[m] = e; heap.push(m, d); }
    }
  }

  const nEdges = g.edgeKm.length;
  const edgeStretch = new Int32Array(nEdges).fill(-1);
  const edgeCost = new Float64Array(nEdges).fill(Infinity);
  const stretches: Stretch[] = [];
  const byKey = new Map<string, number>();
  const stretchOf = (key: string, make: () => Omit<Stretch, 'key'>): number => {
    let s = byKey.get(key);
    if (s === undefined) { s = stretches.length; stretches.push({ key, ...make() }); byKey.set(key, s); }
    return s;
  };
  const pairKey = (a: number, b: number) => (towns[a].name < towns[b].name || (towns[a].name === towns[b].name && a < b) ? [a, b] : [b, a]);

  // 3. Paths between neighbouring towns, and roads inside a town.
  for (let e = 0; e < nEdges; e++) {
    const u = g.edgeFrom[e], v = g.edgeTo[e];
    const a = label[u], b = label[v];
    if (a < 0 || b < 0) continue;
    if (a === b) {
      if (nodeTown[u] === a && nodeTown[v] === a) {
        const s = stretchOf(`town:${towns[a].code}`, () => ({ name: `${towns[a].name} (in town)`, kind: 'town', towns: [towns[a].name] }));
        edgeStretch[e] = s; edgeCost[e] = 0;
      }
      continue;
    }
    const cost = dist[u] + g.edgeKm[e] + dist[v];
    const [x, y] = pairKey(a, b);
    const s = stretchOf(`${towns[x].code}|${towns[y].code}`, () => ({ name: `${towns[x].name} – ${towns[y].name}`, kind: 'between', towns: [towns[x].name, towns[y].name] }));
    const mark = (edge: number) => { if (cost < edgeCost[edge]) { edgeCost[edge] = cost; edgeStretch[edge] = s; } };
    mark(e);
    for (const start of [u, v]) {
      for (let n = start; viaEdge[n] >= 0; n = otherEnd(g, viaEdge[n], n)) mark(viaEdge[n]);
    }
  }

  // 4a. Leftovers beside a named edge take its name (the other carriageway, ramps).
  const named: number[] = [];
  for (let i = 0; i < g.sampleKm.length; i++) if (edgeStretch[g.sampleEdge[i]] >= 0) named.push(i);
  if (named.length) {
    const idx = new KDBush(named.length);
    for (const i of named) idx.add(g.sampleLon[i], g.sampleLat[i]);
    idx.finish();
    const dLat = PARALLEL_KM / 110, dLon = PARALLEL_KM / 70;
    const adopted: [number, number][] = [];
    for (let e = 0; e < nEdges; e++) {
      if (edgeStretch[e] >= 0) continue;
      const s0 = g.edgeSampleStart[e], s1 = g.edgeSampleStart[e + 1];
      // Every sample of the edge must run beside named road, else it is a road of its own.
      const votes = new Map<number, number>();
      let beside = true;
      for (let i = s0; i < s1 && beside; i++) {
        let best = -1, bestKm = PARALLEL_KM;
        for (const j of idx.range(g.sampleLon[i] - dLon, g.sampleLat[i] - dLat, g.sampleLon[i] + dLon, g.sampleLat[i] + dLat)) {
          const km = distanceKm(g.sampleLon[i], g.sampleLat[i], g.sampleLon[named[j]], g.sampleLat[named[j]]);
          if (km <= bestKm) { bestKm = km; best = edgeStretch[g.sampleEdge[named[j]]]; }
        }
        if (best < 0) beside = false; else votes.set(best, (votes.get(best) ?? 0) + g.sampleKm[i]);
      }
      if (beside && votes.size) adopted.push([e, [...votes].sort((p, q) => q[1] - p[1])[0][0]]);
    }
    for (const [e, s] of adopted) edgeStretch[e] = s;
  }

  // 4b. Spurs: connected leftovers, named after their town and the settlement at their far end.
  const placeIndex = new KDBush(places.length);
  for (const p of places) placeIndex.add(p.lon, p.lat);
  placeIndex.finish();
  const nearestPlace = (lon: number, lat: number): Place | null => {
    if (places.length === 0) return null;
    for (const r of [0.05, 0.15, 0.5]) {
      let best: Place | null = null, bestKm = Infinity;
      for (const i of placeIndex.range(lon - r * 1.5, lat - r, lon + r * 1.5, lat + r)) {
        const km = distanceKm(lon, lat, places[i].lon, places[i].lat);
        if (km < bestKm) { bestKm = km; best = places[i]; }
      }
      if (best) return best;
    }
    return null;
  };
  const seen = new Uint8Array(nEdges);
  for (let e0 = 0; e0 < nEdges; e0++) {
    if (edgeStretch[e0] >= 0 || seen[e0]) continue;
    const component: number[] = [];
    const stack = [e0];
    seen[e0] = 1;
    while (stack.length) {
      const e = stack.pop()!;
      component.push(e);
      for (const n of [g.edgeFrom[e], g.edgeTo[e]]) for (const f of g.nodeEdges[n]) {
        if (!seen[f] && edgeStretch[f] < 0) { seen[f] = 1; stack.push(f); }
      }
    }
    // Its town: the nearest by road; its far end: the node farthest from that town.
    let near = -1, far = -1;
    for (const e of component) for (const n of [g.edgeFrom[e], g.edgeTo[e]]) {
      if (near < 0 || dist[n] < dist[near]) near = n;
      if (far < 0 || (dist[n] > dist[far] && Number.isFinite(dist[n]))) far = n;
    }
    const town = label[near] >= 0 ? towns[label[near]] : null;
    const endAt = nearestPlace(g.nodeLon[far], g.nodeLat[far]);
    const end = endAt?.name ?? `${g.nodeLat[far].toFixed(3)}, ${g.nodeLon[far].toFixed(3)}`;
    const name = town ? (end === town.name ? `${town.name} (local)` : `${town.name} – ${end}`) : `road near ${end}`;
    const s = stretchOf(`spur:${town?.code ?? ''}|${end}`, () => ({ name, kind: 'spur', towns: town ? [town.name] : [] }));
    for (const e of component) edgeStretch[e] = s;
  }
  return { edgeStretch, stretches, towns, nodeTown };
}
