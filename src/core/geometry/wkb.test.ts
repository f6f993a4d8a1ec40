import { describe, expect, it } from 'vitest';
import { geometryToWkb, wkbPolygons, wkbToGeometry } from './wkb.js';

describe('WKB', () => {
  it('round-trips a MultiPolygon with a hole and drops Z', () => {
    const g = {
      type: 'MultiPolygon' as const,
      coordinates: [[[[30, 50, 0], [31, 50, 0], [31, 51, 0], [30, 50, 0]], [[30.2, 50.1, 5], [30.8, 50.1, 5], [30.8, 50.5, 5], [30.2, 50.1, 5]]], [[[35, 45, 1], [36, 45, 1], [36, 46, 1], [35, 45, 1]]]],
    };
    const back = wkbToGeometry(geometryToWkb(g));
    expect(back).toEqual({ type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => r.map(([x, y]) => [x, y]))) });
  });

  it('extracts polygons from a GeometryCollection and skips points and lines', () => {
    const g = {
      type: 'GeometryCollection' as const,
      geometries: [
        { type: 'Point' as const, coordinates: [30, 50, 0] },
        { type: 'LineString' as const, coordinates: [[30, 50], [31, 51]] },
        { type: 'Polygon' as const, coordinates: [[[30, 50], [31, 50], [31, 51], [30, 50]]] },
      ],
    };
    const polys = wkbPolygons(geometryToWkb(g));
    expect(polys).toHaveLength(1);
    expect([...polys[0][0]]).toEqual([30, 50, 31, 50, 31, 51, 30, 50]);
  });
});
