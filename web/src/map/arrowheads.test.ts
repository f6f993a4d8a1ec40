import { describe, expect, it } from 'vitest';
import { arrowhead, withArrowheads } from './arrowheads';

// Expected values traced by hand: 1° of latitude = 111.195 km (R = 6371 km); at 48.1° N one degree
// of longitude is 111.195 × cos 48.1° = 74.24 km; tan 28° = 0.5317.
describe('arrowhead', () => {
  it('points a line due north with its base 4 km back and 2.13 km to each side', () => {
    const ring = arrowhead([[38, 47.9], [38, 48.1]])!;
    expect(ring[0]).toEqual([38, 48.1]);
    expect(ring[3]).toEqual([38, 48.1]);
    const [left, right] = [ring[1], ring[2]];
    expect(left[1]).toBeCloseTo(48.1 - 4 / 111.195, 6);
    expect(right[1]).toBeCloseTo(48.1 - 4 / 111.195, 6);
    // Travelling north, the left corner is west.
    expect(left[0]).toBeCloseTo(38 - (4 * 0.5317) / 74.24, 4);
    expect(right[0]).toBeCloseTo(38 + (4 * 0.5317) / 74.24, 4);
  });

  it('follows the last segment of a bent line, not its start', () => {
    // North then due east: the head points east, its base 4 km west of the tip.
    const ring = arrowhead([[38, 48], [38, 48.2], [38.3, 48.2]])!;
    const kmPerLon = 111.195 * Math.cos((48.2 * Math.PI) / 180);
    expect(ring[1][0]).toBeCloseTo(38.3 - 4 / kmPerLon, 6);
    expect(ring[1][1]).toBeGreaterThan(48.2); // left of travelling east is north
    expect(ring[2][1]).toBeLessThan(48.2);
  });

  it('keeps the head to 35% of a short line', () => {
    // 2 km north: a 0.7 km head.
    const ring = arrowhead([[38, 48], [38, 48 + 2 / 111.195]])!;
    expect(ring[1][1]).toBeCloseTo(48 + 1.3 / 111.195, 6);
  });

  it('skips a repeated last point and gives null for a line with no length', () => {
    const ring = arrowhead([[38, 47.9], [38, 48.1], [38, 48.1]])!;
    expect(ring[1][1]).toBeCloseTo(48.1 - 4 / 111.195, 6);
    expect(arrowhead([[38, 48], [38, 48]])).toBeNull();
    expect(arrowhead([])).toBeNull();
  });
});

describe('withArrowheads', () => {
  it('adds one head per arrow carrying the arrow\'s properties', () => {
    const fc = withArrowheads({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { side: 'russia', ref: 0 }, geometry: { type: 'LineString', coordinates: [[38, 48], [38.2, 48.1]] } }] });
    expect(fc.features.map((f) => [f.geometry.type, f.properties?.kind, f.properties?.side, f.properties?.ref])).toEqual([
      ['LineString', 'arrow', 'russia', 0], ['Polygon', 'head', 'russia', 0],
    ]);
  });

  it('ends the line at the middle of the head\'s base, 4 km short of the tip', () => {
    const fc = withArrowheads({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[38, 47.9], [38, 48.1]] } }] });
    const shaft = fc.features[0].geometry.coordinates as number[][];
    expect(shaft[0]).toEqual([38, 47.9]);
    expect(shaft[1][0]).toBeCloseTo(38, 9);
    expect(shaft[1][1]).toBeCloseTo(48.1 - 4 / 111.195, 6);
  });
});
