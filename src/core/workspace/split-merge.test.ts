import { beforeAll, describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import * as geos from '../geometry/geos.js';
import { polygonsAreaKm2 } from '../geometry/area.js';
import type { AreaChange } from './items.js';
import { faceAt, mergeChanges, splitPolygon } from './split-merge.js';

const box = (w: number, s: number, e: number, n: number): Polygon => ({ type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] });
const area = (p: Polygon) => polygonsAreaKm2([p.coordinates.map((r) => Float64Array.from(r.flat()))] as never);
const line = (...coordinates: number[][]) => ({ type: 'LineString' as const, coordinates });
const change = (over: Partial<AreaChange>): AreaChange => ({
  status: 'occupied', geometry: box(38, 48, 38.2, 48.1), validFrom: '2022-06-01T00:00:00.000Z', sources: [{ url: 'https://a.example/1', publisher: 'A' }], confidence: 'confirmed', note: null, ...over,
});

beforeAll(() => geos.initGeometry());

describe('splitPolygon', () => {
  it('cuts a square in two along a bent line; the halves tile it', () => {
    const sq = box(38, 48, 38.2, 48.2);
    const r = splitPolygon(sq, line([37.9, 48.1], [38.1, 48.12], [38.3, 48.1]));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.parts).toHaveLength(2);
    const sum = r.parts.reduce((s, p) => s + area(p), 0);
    expect(Math.abs(sum - area(sq)) / area(sq)).toBeLessThan(1e-9);
  });

  it('keeps a hole a hole, and cuts a ring around it into two pieces', () => {
    const ring: Polygon = { type: 'Polygon', coordinates: [box(38, 48, 38.3, 48.3).coordinates[0], [[38.1, 48.1], [38.1, 48.2], [38.2, 48.2], [38.2, 48.1], [38.1, 48.1]]] };
    const r = splitPolygon(ring, line([38.15, 47.9], [38.15, 48.4]));
    expect(r.ok && r.parts.length).toBe(2);
    if (!r.ok) return;
    expect(Math.abs(r.parts.reduce((s, p) => s + area(p), 0) - area(ring)) / area(ring)).toBeLessThan(1e-9);
  });

  it('refuses a line that ends inside, or misses the polygon', () => {
    const sq = box(38, 48, 38.2, 48.2);
    const stub = splitPolygon(sq, line([37.9, 48.1], [38.1, 48.1]));
    expect(stub.ok).toBe(false);
    expect(splitPolygon(sq, line([30, 50], [31, 50])).ok).toBe(false);
  });
});

describe('faceAt', () => {
  it('gives the piece of an area holding the point, and refuses one left open at the window\'s edge', () => {
    const a = geos.fromGeoJSON(box(38, 48, 39, 49));
    const window = { minX: 37.5, minY: 47.5, maxX: 39.5, maxY: 49.5 };
    const cut = line([38.7, 47.9], [38.7, 49.1]);
    const east = faceAt(a, cut, 38.9, 48.5, window);
    expect(east.ok).toBe(true);
    if (east.ok) expect(Math.abs(area(east.face as Polygon) - area(box(38.7, 48, 39, 49)))).toBeLessThan(1e-6);
    // The same area clipped by a window that cuts it: the west piece reaches the window's edge.
    const clipped = geos.clipToRect(a, { minX: 38.2, minY: 48, maxX: 39, maxY: 49 });
    expect(faceAt(clipped, cut, 38.5, 48.5, { minX: 38.2, minY: 47.5, maxX: 39.5, maxY: 49.5 }).ok).toBe(false);
    expect(faceAt(a, line([36, 48.5], [36.5, 48.6]), 38.5, 48.5, window).ok).toBe(false);
    // A line that ends inside the area cuts nothing.
    expect(faceAt(a, line([38.3, 48.4], [38.6, 48.5]), 38.5, 48.5, window)).toMatchObject({ ok: false, error: expect.stringMatching(/does not cut/) });
    geos.free(clipped);
    geos.free(a);
  });
});

describe('mergeChanges', () => {
  it('unions the polygons, keeps each source once, takes the weakest confidence and the latest date, joins notes and embargoes', () => {
    const r = mergeChanges([
      change({ note: 'west', embargo: { until: '2022-07-01T00:00:00.000Z', reason: 'ops' } }),
      change({ geometry: box(38.1, 48, 38.3, 48.1), confidence: 'claimed', validFrom: '2022-06-03T00:00:00.000Z', sources: [{ url: 'https://a.example/1', publisher: 'A' }, { url: 'https://b.example/2', publisher: 'B' }], note: 'east' }),
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.change).toMatchObject({ status: 'occupied', confidence: 'claimed', validFrom: '2022-06-03T00:00:00.000Z', note: 'west / east', embargo: { until: '2022-07-01T00:00:00.000Z', reason: 'ops' } });
    expect(r.change.sources.map((s) => s.url)).toEqual(['https://a.example/1', 'https://b.example/2']);
    expect(Math.abs(area(r.change.geometry as Polygon) - area(box(38, 48, 38.3, 48.1)))).toBeLessThan(1e-6);
  });

  it('refuses different statuses, a claim with assessed control, and fewer than two changes', () => {
    expect(mergeChanges([change({}), change({ status: 'contested' })])).toMatchObject({ ok: false, error: expect.stringMatching(/different statuses/) });
    expect(mergeChanges([change({}), change({ claim: { claimant: 'ru-mod' } })])).toMatchObject({ ok: false, error: expect.stringMatching(/same claim/) });
    expect(mergeChanges([change({})]).ok).toBe(false);
  });
});
