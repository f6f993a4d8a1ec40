/**
 * Roads core on small made-up geometry whose answers are known independently: positions and
 * lengths come from geographiclib (Direct / Inverse), not from the code under test.
 */
import { describe, expect, it } from 'vitest';
import geodesic from 'geographiclib-geodesic';
import { heldGround } from './held-ground.js';
import { buildRoadGraph, type RoadInput } from './road-graph.js';
import { nameStretches, townRadiusKm } from './road-names.js';
import { classifyRoads, routesInto, samplesIn, summarizeRoads, CUT } from './roads.js';
import { cellOf } from '../timeline/grid.js';
import type { FlatPolygon } from '../geometry/wkb.js';

const WGS84 = geodesic.Geodesic.WGS84;
const km = (lon1: number, lat1: number, lon2: number, lat2: number) => WGS84.Inverse(lat1, lon1, lat2, lon2).s12! / 1000;
const move = (lon: number, lat: number, azimuth: number, dKm: number): [number, number] => {
  const r = WGS84.Direct(lat, lon, azimuth, dKm * 1000);
  return [r.lon2!, r.lat2!];
};
const rect = (w: number, s: number, e: number, n: number): FlatPolygon => [Float64Array.from([w, s, e, s, e, n, w, n, w, s])];
const road = (coords: number[][], category: RoadInput['category'] = 'national'): RoadInput => ({ category, ref: null, name: null, line: Float64Array.from(coords.flat()) });
/** A straight lon/lat line with a vertex every `step` degrees of longitude. */
const along = (lat: number, w: number, e: number, step = 0.01) => Array.from({ length: Math.round((e - w) / step) + 1 }, (_, i) => [w + i * step, lat]);

// Held ground: a 0.1° square well inside one 0.25° cell (37.0–37.25, 48.5–48.75).
const SQUARE = rect(37.05, 48.55, 37.15, 48.65);
const oneSquare = () => heldGround(new Map([[cellOf(37.1, 48.6), [SQUARE]]]));

describe('held ground as a distance field', () => {
  it('measures the geodesic distance to the nearest edge', () => {
    const held = oneSquare();
    // 20 km due south of the bottom edge's middle: the nearest point is straight north.
    const [x, y] = move(37.1, 48.55, 180, 20);
    expect(held.nearestEdgeKm(x, y)).toBeCloseTo(20, 2);
    // 7 km due east of the east edge.
    const [x2, y2] = move(37.15, 48.6, 90, 7);
    expect(Math.abs(held.nearestEdgeKm(x2, y2) - 7)).toBeLessThan(0.01);
    expect(held.inside(37.1, 48.6)).toBe(true);
    expect(held.inside(x, y)).toBe(false);
  });

  it('does not count the grid seam between two cells as an edge of held ground', () => {
    // Held ground from 37.15 to 37.35 cut at the grid line 37.25 into two cells.
    const held = heldGround(new Map([
      [cellOf(37.2, 48.6), [rect(37.15, 48.55, 37.25, 48.65)]],
      [cellOf(37.3, 48.6), [rect(37.25, 48.55, 37.35, 48.65)]],
    ]));
    // On the seam, the nearest true edge is the top or bottom (0.05° of latitude ≈ 5.56 km) .
    expect(held.inside(37.26, 48.6)).toBe(true);
    expect(held.nearestEdgeKm(37.25, 48.6)).toBeCloseTo(km(37.25, 48.6, 37.25, 48.65), 2);
  });
});

describe('classifying a road', () => {
  it('measures the cut and the in-range lengths of a road through held ground', () => {
    const graph = buildRoadGraph([road(along(48.6, 36.5, 37.7))]);
    const naming = nameStretches(graph, [], []);
    const status = classifyRoads(graph, oneSquare(), [10, 20, 30]);
    const sum = summarizeRoads(graph, naming, status, null, null);
    // Independent: the road inside the square is the geodesic between its crossing points.
    const cut = km(37.05, 48.6, 37.15, 48.6);
    expect(Math.abs(sum.total.cutKm - cut)).toBeLessThan(0.1);
    expect(Math.abs(sum.total.lengthKm - km(36.5, 48.6, 37.7, 48.6))).toBeLessThan(0.01);
    // Within R on either side: 2·R of road (the nearest point of the square is on the parallel).
    for (const [i, R] of [10, 20, 30].entries()) expect(Math.abs(sum.total.withinKm[i] - 2 * R)).toBeLessThan(0.25);
    // Most samples are decided without measuring (skipping along the road, far cells).
    expect(status.measured).toBeLessThan(graph.sampleKm.length / 2);
  });

  it('gives far roads no distance and the open band', () => {
    const graph = buildRoadGraph([road(along(50, 30, 30.5))]);
    const status = classifyRoads(graph, oneSquare(), [10, 20, 30]);
    expect([...status.band].every((b) => b === 3)).toBe(true);
    expect(status.measured).toBe(0);
  });
});

describe('road graph', () => {
  it('joins roads at shared vertices and loose ends within 50 m', () => {
    const g = buildRoadGraph([
      road([[36, 48], [36.05, 48], [36.1, 48]]),
      road([[36.05, 48], [36.05, 48.05]]), // starts at the first road's middle vertex
      road([[36.1003, 48], [36.2, 48]]),   // ≈ 22 m from the first road's end
      road([[36.1, 48.01], [36.2, 48.01]]), // ≈ 1.1 km away: stays apart
    ]);
    expect(g.nodeLon.length).toBe(4 + 1 + 2); // A, M, B(=snapped end), C, far end of road 3, road 4's two ends
    expect(g.edgeKm.length).toBe(5);
    const deg = g.nodeEdges.map((e) => e.length).sort();
    expect(deg).toEqual([1, 1, 1, 1, 1, 2, 3]);
  });
});

describe('stretch names', () => {
  const towns = [
    { code: 't1', name: 'Alpha', lon: 36.0, lat: 48.0, population: 50_000 },
    { code: 't2', name: 'Bravo', lon: 36.5, lat: 48.0, population: 20_000 },
    { code: 't3', name: 'Charlie', lon: 37.0, lat: 48.0, population: 20_000 },
    { code: 'v', name: 'Village', lon: 37.0, lat: 48.4, population: 900 },
  ];
  const graph = buildRoadGraph([
    road(along(48.0, 36.0, 37.0)),
    road([[37.0, 48.0], [37.0, 48.1], [37.0, 48.2], [37.0, 48.3]]), // a dead end north of Charlie
    road(along(48.0005, 36.2, 36.3)), // a second carriageway, ≈ 55 m beside the first
  ], towns.map((t) => ({ lon: t.lon, lat: t.lat, radiusKm: townRadiusKm(t.population) })));
  const naming = nameStretches(graph, towns, towns);
  const nameAt = (lon: number, lat: number) => {
    let best = -1, bestKm = Infinity;
    for (let i = 0; i < graph.sampleKm.length; i++) {
      const d = km(lon, lat, graph.sampleLon[i], graph.sampleLat[i]);
      if (d < bestKm) { bestKm = d; best = i; }
    }
    return naming.stretches[naming.edgeStretch[graph.sampleEdge[best]]].name;
  };

  it('names a stretch by the towns at its ends', () => {
    expect(nameAt(36.25, 48.0)).toBe('Alpha – Bravo');
    expect(nameAt(36.75, 48.0)).toBe('Bravo – Charlie');
    expect(nameAt(36.5, 48.0)).toBe('Bravo (in town)');
  });

  it('gives the other carriageway the same name, and a dead end its town and the place at its end', () => {
    expect(nameAt(36.25, 48.0005)).toBe('Alpha – Bravo');
    expect(nameAt(37.0, 48.25)).toBe('Charlie – Village');
    // Only towns of 10,000 people or more name stretches.
    expect(naming.towns.map((t) => t.name).sort()).toEqual(['Alpha', 'Bravo', 'Charlie']);
  });
});

describe('routes into an area', () => {
  it('finds a way in from the rear that avoids held ground, and none when every way in is cut', () => {
    // A road west–east through the held square, and a detour north of it 20 km+ away.
    const [, north] = move(37.1, 48.65, 0, 25);
    const graph = buildRoadGraph([
      road(along(48.6, 36.0, 37.6)),
      road([[36.3, 48.6], [36.3, north], [37.4, north], [37.4, 48.6]]),
    ]);
    const naming = nameStretches(graph, [], []);
    const held = oneSquare();
    const status = classifyRoads(graph, held, [10, 20, 30]);
    expect(status.band.some((b) => b === CUT)).toBe(true);
    // Area: 3 km around the road's east end (37.6, 48.6), ~32 km east of the square.
    const area = { bbox: [37.5, 48.5, 37.7, 48.7] as [number, number, number, number], inside: (x: number, y: number) => km(37.6, 48.6, x, y) <= 3 };
    const r = routesInto(graph, naming, status, samplesIn(graph, area));
    expect(r.roads).toHaveLength(1);
    // The rear is beyond 30 km: the west end (~75 km away). Not cut: via the detour.
    const notCut = r.supply.find((s) => s.rangeKm === 0)!;
    expect(notCut.exists).toBe(true);
    expect(notCut.via.length).toBeGreaterThan(0);
    // Its length outside the area: more than the detour's 25 km up and 25 km back down.
    expect(notCut.lengthKm!).toBeGreaterThan(50);
    // At 20 km: the detour is 25 km north of the square but the east leg runs closer (37.4 is ~18 km away).
    expect(r.supply.find((s) => s.rangeKm === 20)!.exists).toBe(false);
    // Without the detour every way in is cut.
    const straight = buildRoadGraph([road(along(48.6, 36.0, 37.6))]);
    const s2 = classifyRoads(straight, held, [10, 20, 30]);
    const r2 = routesInto(straight, nameStretches(straight, [], []), s2, samplesIn(straight, area));
    expect(r2.supply.every((s) => !s.exists)).toBe(true);
  });
});
