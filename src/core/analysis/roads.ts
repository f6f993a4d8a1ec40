/**
 * Roads and supply on one date: which stretches of road are cut (run through Russian-held ground)
 * or lie within artillery range of it, and which roads lead into an area and whether a way in
 * from the rear stays out of range. Definitions, thresholds and error bounds: docs/analysis.md,
 * "Roads and supply".
 *
 * Every figure is measured on the road graph's sample intervals (≤ SAMPLE_KM long, see
 * road-graph.ts): an interval takes the status of its middle point.
 */
import { cellOf, CELL_DEG, COLS, ROWS, type CellId } from '../timeline/grid.js';
import { cellGapKm, type HeldGround } from './held-ground.js';
import { otherEnd, type RoadGraph } from './road-graph.js';
import { MinHeap, type StretchNaming } from './road-names.js';

export const DEFAULT_RANGES_KM = [10, 20, 30];
/** Within range, a measured distance is reused at most this far along a road (km), so a
 * stretch's nearest distance is right to ±0.5 km; bands themselves are exact (see skipKm). */
export const IN_RANGE_MAX_SKIP_KM = 0.5;
/** Beyond the largest range a distance is measured on the nearest edge found in a local
 * projection; far from the point that can be off by a few per cent, so skipping trusts 90 % of it. */
const FAR_TRUST = 0.9;

/** Band of a sample: CUT inside held ground, i when within ranges[i] (and not within ranges[i-1]), ranges.length beyond all. */
export const CUT = -1;

export interface RoadStatus {
  ranges: number[];
  band: Int8Array;
  /** km to held ground (0 inside it); NaN where beyond every range and not measured. */
  km: Float32Array;
  /** Samples whose distance was actually computed (the rest inherit a bound, or lie in far cells). */
  measured: number;
}

/** Parses and checks ranges: positive km, ascending, at most 6. Returns null with a reason when bad. */
export function checkRanges(ranges: number[]): string | null {
  if (ranges.length === 0 || ranges.length > 6) return 'give 1 to 6 ranges';
  if (ranges.some((r) => !Number.isFinite(r) || r <= 0 || r > 200)) return 'ranges are km between 0 and 200';
  if (ranges.some((r, i) => i > 0 && r <= ranges[i - 1])) return 'ranges must be ascending';
  return null;
}

/** Cells of the grid within `km` of any cell with held ground (a conservative, cell-level test). */
function cellsNear(held: HeldGround, km: number): (cell: CellId) => boolean {
  const rows = Math.ceil(km / (110.5 * CELL_DEG)) + 1;
  const cols = Math.ceil(km / (111.2 * Math.cos((53 * Math.PI) / 180) * CELL_DEG)) + 1;
  const memo = new Map<CellId, boolean>();
  return (cell) => {
    let near = memo.get(cell);
    if (near === undefined) {
      near = false;
      const col = cell % COLS, row = Math.floor(cell / COLS);
      for (let r = Math.max(0, row - rows); r <= Math.min(ROWS - 1, row + rows) && !near; r++) {
        for (let c = Math.max(0, col - cols); c <= Math.min(COLS - 1, col + cols) && !near; c++) {
          const other = r * COLS + c;
          if (held.cells.has(other) && cellGapKm(cell, other) <= km) near = true;
        }
      }
      memo.set(cell, near);
    }
    return near;
  };
}

/**
 * Status of every sample. A distance measured at one point bounds it along the road (distance
 * changes by at most the distance travelled), so after measuring d the next samples keep the same
 * band until the road has gone as far as the nearest band edge (d itself, or |d − R| for each
 * range R). Samples in cells farther than the largest range from every held cell are not measured,
 * nor samples outside `mask` (when given: they get the open band and are not to be reported).
 */
export function classifyRoads(g: RoadGraph, held: HeldGround, ranges: number[], mask: Uint8Array | null = null): RoadStatus {
  const rMax = ranges[ranges.length - 1];
  const n = g.sampleKm.length;
  const band = new Int8Array(n);
  const km = new Float32Array(n);
  const near = cellsNear(held, rMax);
  let measured = 0;
  const nEdges = g.edgeKm.length;
  let budget = -1; // km the last measurement stays valid for, from where it was taken
  let travelled = 0;
  let lastBand = ranges.length, lastKm = NaN;
  for (let e = 0; e < nEdges; e++) {
    const s0 = g.edgeSampleStart[e], s1 = g.edgeSampleStart[e + 1];
    // Consecutive pieces of one way continue the road: the measurement carries over.
    const continues = e > 0 && g.edgeFrom[e] === g.edgeTo[e - 1] && g.edgeRoad[e] === g.edgeRoad[e - 1];
    if (!continues) budget = -1;
    for (let i = s0; i < s1; i++) {
      if (i > s0 || continues) travelled += (g.sampleKm[i - 1] + g.sampleKm[i]) / 2;
      if (mask && !mask[i]) { budget = -1; band[i] = ranges.length; km[i] = NaN; continue; }
      if (travelled < budget) { band[i] = lastBand; km[i] = lastKm; continue; }
      if (!near(cellOf(g.sampleLon[i], g.sampleLat[i]))) {
        band[i] = ranges.length; km[i] = NaN; budget = -1;
        continue;
      }
      measured++;
      const d = held.nearestEdgeKm(g.sampleLon[i], g.sampleLat[i]);
      travelled = 0;
      if (held.inside(g.sampleLon[i], g.sampleLat[i])) {
        lastBand = CUT; lastKm = 0; budget = d;
      } else {
        let b = 0;
        while (b < ranges.length && d > ranges[b]) b++;
        lastBand = b; lastKm = d;
        budget = b === ranges.length
          ? FAR_TRUST * d - rMax
          : Math.min(IN_RANGE_MAX_SKIP_KM, d, ...ranges.map((r) => Math.abs(d - r)));
      }
      band[i] = lastBand; km[i] = lastKm;
    }
  }
  return { ranges, band, km, measured };
}

export interface Lengths { lengthKm: number; cutKm: number; withinKm: number[] }

function emptyLengths(nRanges: number): Lengths {
  return { lengthKm: 0, cutKm: 0, withinKm: new Array(nRanges).fill(0) };
}

function addSample(l: Lengths, band: number, km: number): void {
  l.lengthKm += km;
  if (band === CUT) { l.cutKm += km; return; }
  // withinKm[i]: on Ukrainian-held ground and no farther than ranges[i] (cumulative).
  for (let i = Math.max(0, band); i < l.withinKm.length; i++) l.withinKm[i] += km;
}

export interface StretchSummary extends Lengths {
  stretch: number;
  /** Nearest held ground along the stretch, km (0 when cut); null when beyond every range. */
  nearestKm: number | null;
  /** Worst band along the stretch (CUT, a range index, or ranges.length = open). */
  worst: number;
}

export interface RoadsSummary {
  total: Lengths;
  byGroup: Map<number, Lengths>;
  stretches: StretchSummary[];
}

/**
 * Lengths per stretch and per group (e.g. oblast) over the samples in `mask` (all when null).
 * `groupOf` gives each sample's group (-1 for none).
 */
export function summarizeRoads(g: RoadGraph, naming: StretchNaming, status: RoadStatus, mask: Uint8Array | null, groupOf: Int16Array | null): RoadsSummary {
  const nr = status.ranges.length;
  const total = emptyLengths(nr);
  const byGroup = new Map<number, Lengths>();
  const byStretch = new Map<number, StretchSummary>();
  for (let i = 0; i < g.sampleKm.length; i++) {
    if (mask && !mask[i]) continue;
    const b = status.band[i], km = g.sampleKm[i];
    addSample(total, b, km);
    const grp = groupOf ? groupOf[i] : -1;
    if (grp >= 0) {
      let l = byGroup.get(grp);
      if (!l) { l = emptyLengths(nr); byGroup.set(grp, l); }
      addSample(l, b, km);
    }
    const s = naming.edgeStretch[g.sampleEdge[i]];
    let st = byStretch.get(s);
    if (!st) { st = { stretch: s, ...emptyLengths(nr), nearestKm: null, worst: nr }; byStretch.set(s, st); }
    addSample(st, b, km);
    if (b < st.worst) st.worst = b;
    const d = b === CUT ? 0 : status.km[i];
    if (b < nr && (st.nearestKm === null || d < st.nearestKm)) st.nearestKm = d;
  }
  return { total, byGroup, stretches: [...byStretch.values()] };
}

/** Samples inside an area: `inside` tests a point; `bbox` (west, south, east, north) skips the rest. */
export interface Area { bbox: [number, number, number, number]; inside(lon: number, lat: number): boolean }

export function samplesIn(g: RoadGraph, area: Area): Uint8Array {
  const [w, s, e, n] = area.bbox;
  const mask = new Uint8Array(g.sampleKm.length);
  for (let i = 0; i < mask.length; i++) {
    const x = g.sampleLon[i], y = g.sampleLat[i];
    if (x >= w && x <= e && y >= s && y <= n && area.inside(x, y)) mask[i] = 1;
  }
  return mask;
}

export interface EntryRoad {
  stretch: number;
  /** Edges crossing the area's edge. */
  crossings: number;
  /** The stretch outside the area. */
  outside: StretchSummary;
}

export interface SupplyRoute {
  /** Edges must be farther than this from held ground (0: not cut). */
  rangeKm: number;
  exists: boolean;
  /** Stretches on the shortest such route, from the area outwards; empty when none. */
  via: number[];
  /** Road km of that route outside the area. */
  lengthKm: number | null;
}

export interface RoutesInto {
  roads: EntryRoad[];
  supply: SupplyRoute[];
}

/**
 * Roads into an area, and whether a route from the rear reaches it. The rear is Ukrainian-held
 * ground farther than the largest range from held ground; a route "at R" uses only road outside
 * the area that is not cut and farther than R from held ground (R = 0: only not cut). `areaMask`
 * marks the samples inside the area (samplesIn).
 */
export function routesInto(g: RoadGraph, naming: StretchNaming, status: RoadStatus, areaMask: Uint8Array): RoutesInto {
  const nr = status.ranges.length;
  const nEdges = g.edgeKm.length;
  // Per edge: inside/outside samples, and the worst band among those outside.
  const worstOutside = new Int8Array(nEdges).fill(nr);
  const outsideKm = new Float64Array(nEdges);
  const touchesArea = new Uint8Array(nEdges);
  const crossing = new Uint8Array(nEdges);
  for (let e = 0; e < nEdges; e++) {
    let hasIn = false, hasOut = false;
    for (let i = g.edgeSampleStart[e]; i < g.edgeSampleStart[e + 1]; i++) {
      if (areaMask[i]) hasIn = true;
      else {
        hasOut = true;
        outsideKm[e] += g.sampleKm[i];
        if (status.band[i] < worstOutside[e]) worstOutside[e] = status.band[i];
      }
    }
    if (hasIn) touchesArea[e] = 1;
    if (hasIn && hasOut) crossing[e] = 1;
  }

  // Roads that enter: stretches with a crossing edge, summarised outside the area.
  const entering = new Map<number, number>();
  for (let e = 0; e < nEdges; e++) if (crossing[e]) entering.set(naming.edgeStretch[e], (entering.get(naming.edgeStretch[e]) ?? 0) + 1);
  const outsideMask = new Uint8Array(g.sampleKm.length);
  for (let i = 0; i < outsideMask.length; i++) outsideMask[i] = areaMask[i] ? 0 : 1;
  const outsideSummary = new Map(summarizeRoads(g, naming, status, outsideMask, null).stretches.map((s) => [s.stretch, s]));
  const roads: EntryRoad[] = [...entering].map(([stretch, crossings]) => ({ stretch, crossings, outside: outsideSummary.get(stretch)! }))
    .filter((r) => r.outside)
    .sort((a, b) => a.outside.worst - b.outside.worst || (a.outside.nearestKm ?? Infinity) - (b.outside.nearestKm ?? Infinity));

  // A node's band: the worst of the samples touching it.
  const nodeBand = (node: number): number => {
    let b = nr;
    for (const e of g.nodeEdges[node]) {
      const i = g.edgeFrom[e] === node ? g.edgeSampleStart[e] : g.edgeSampleStart[e + 1] - 1;
      if (status.band[i] < b) b = status.band[i];
      const j = g.edgeTo[e] === node ? g.edgeSampleStart[e + 1] - 1 : g.edgeSampleStart[e];
      if (status.band[j] < b) b = status.band[j];
    }
    return b;
  };
  const nodeInArea = (node: number): boolean => g.nodeEdges[node].some((e) => {
    const i = g.edgeFrom[e] === node ? g.edgeSampleStart[e] : g.edgeSampleStart[e + 1] - 1;
    return areaMask[i] === 1;
  });

  const supply: SupplyRoute[] = [];
  for (let level = -1; level < nr; level++) {
    const usable = (e: number) => worstOutside[e] > level;
    const dist = new Map<number, number>();
    const via = new Map<number, number>();
    const heap = new MinHeap();
    // Start in the area; an edge leaving it counts with its outside part.
    for (let e = 0; e < nEdges; e++) {
      if (!touchesArea[e] || !usable(e)) continue;
      for (const node of [g.edgeFrom[e], g.edgeTo[e]]) {
        const d = nodeInArea(node) ? 0 : outsideKm[e];
        if (d < (dist.get(node) ?? Infinity)) {
          dist.set(node, d); heap.push(node, d);
          if (d > 0) via.set(node, e); else via.delete(node);
        }
      }
    }
    let found = -1;
    while (heap.size) {
      const node = heap.pop();
      if (!nodeInArea(node) && nodeBand(node) === nr) { found = node; break; }
      const d = dist.get(node)!;
      for (const e of g.nodeEdges[node]) {
        if (!usable(e)) continue;
        const m = otherEnd(g, e, node);
        const dm = d + (touchesArea[e] ? outsideKm[e] : g.edgeKm[e]);
        if (dm < (dist.get(m) ?? Infinity)) { dist.set(m, dm); via.set(m, e); heap.push(m, dm); }
      }
    }
    const stretches: number[] = [];
    if (found >= 0) {
      const path: number[] = [];
      const seen = new Set<number>();
      // An edge through the area links its two outside ends to each other: stop at a node seen before.
      for (let n = found; via.has(n) && !seen.has(n); n = otherEnd(g, via.get(n)!, n)) { seen.add(n); path.push(via.get(n)!); }
      for (const e of path.reverse()) {
        const s = naming.edgeStretch[e];
        if (stretches[stretches.length - 1] !== s) stretches.push(s);
      }
    }
    supply.push({ rangeKm: level < 0 ? 0 : status.ranges[level], exists: found >= 0, via: stretches, lengthKm: found >= 0 ? dist.get(found)! : null });
  }
  return { roads, supply };
}

/** Each sample's group by a point test per group (e.g. oblast polygons); bbox skips most tests. */
export function groupSamples(g: RoadGraph, groups: { bbox: [number, number, number, number]; inside(lon: number, lat: number): boolean }[]): Int16Array {
  const out = new Int16Array(g.sampleKm.length).fill(-1);
  // Consecutive samples usually share a group: try the previous one first.
  let last = -1;
  for (let i = 0; i < out.length; i++) {
    const x = g.sampleLon[i], y = g.sampleLat[i];
    const fits = (k: number) => { const [w, s, e, n] = groups[k].bbox; return x >= w && x <= e && y >= s && y <= n && groups[k].inside(x, y); };
    if (last >= 0 && fits(last)) { out[i] = last; continue; }
    last = -1;
    for (let k = 0; k < groups.length; k++) if (fits(k)) { last = k; break; }
    out[i] = last;
  }
  return out;
}

/** Runs of equal band along each edge as lon/lat lines, for drawing: the road's own vertices, plus
 * the point where the band changes (to within one sample interval). */
export function bandRuns(g: RoadGraph, status: RoadStatus, mask: Uint8Array | null): { edge: number; band: number; coords: number[][]; km: number }[] {
  const runs: { edge: number; band: number; coords: number[][]; km: number }[] = [];
  for (let e = 0; e < g.edgeKm.length; e++) {
    const s0 = g.edgeSampleStart[e], s1 = g.edgeSampleStart[e + 1];
    const last = g.edgeCoords[e];
    let run: { edge: number; band: number; coords: number[][]; km: number } | null = null;
    for (let i = s0; i <= s1; i++) {
      const endOfEdge = i === s1;
      const skip = !endOfEdge && mask !== null && !mask[i];
      const start = endOfEdge ? [last[last.length - 2], last[last.length - 1]] : [g.sampleStartLon[i], g.sampleStartLat[i]];
      if (run && (endOfEdge || skip || status.band[i] !== run.band)) {
        run.coords.push(start);
        runs.push(run);
        run = null;
      }
      if (endOfEdge || skip) continue;
      if (!run) run = { edge: e, band: status.band[i], coords: [start], km: 0 };
      else if (g.sampleAtVertex[i]) run.coords.push(start);
      run.km += g.sampleKm[i];
    }
  }
  return runs;
}
