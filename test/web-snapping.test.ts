/**
 * The editor's snapping (web/src/edit/snapping.ts), with a plain linear projection of 100 px per
 * degree so the expected points are worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import type { Feature } from 'geojson';
import { BORDER_LAYERS, boundarySegments, snapPoint, uniqueSegments, type LonLat } from '../web/src/edit/snapping.js';

const PX_PER_DEG = 100;
const options = {
  project: (lon: number, lat: number) => ({ x: lon * PX_PER_DEG, y: -lat * PX_PER_DEG }),
  unproject: (x: number, y: number): LonLat => [x / PX_PER_DEG, -y / PX_PER_DEG],
  tolerancePx: 10,
};
const polygon = (ring: LonLat[]): Feature => ({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } });

describe('editor snapping', () => {
  // A 0.25° cell cut out of a control area: the cell's sides at 38.0 and 48.5 are cuts, the diagonal is the front.
  const piece = polygon([[38.0, 48.5], [38.25, 48.5], [38.1, 48.7], [38.0, 48.75], [38.0, 48.5]]);

  it('drops the edges along meridians and parallels (cell and tile cuts), keeps the others', () => {
    const segments = boundarySegments([piece]);
    expect(segments).toEqual([
      { a: [38.25, 48.5], b: [38.1, 48.7] },
      { a: [38.1, 48.7], b: [38.0, 48.75] },
    ]);
  });

  it('snaps to a vertex within the tolerance, exactly', () => {
    // 6 px right and 3 px down of the vertex (38.1, 48.7).
    expect(snapPoint([38.16, 48.67], boundarySegments([piece]), options)).toEqual([38.1, 48.7]);
  });

  it('snaps to the nearest point of an edge when no vertex is close', () => {
    // The edge from (38.25, 48.5) to (38.1, 48.7) runs in pixels from (3825, −4850) to (3810, −4870),
    // 25 px long; its normal is (0.8, −0.6). A pointer 4 px off its midpoint (3817.5, −4860) along
    // the normal, (3820.7, −4862.4), is 13.1 px from either end, so it comes back to the midpoint.
    const snapped = snapPoint([38.207, 48.624], boundarySegments([piece]), options)!;
    expect(snapped[0]).toBeCloseTo(38.175, 9);
    expect(snapped[1]).toBeCloseTo(48.6, 9);
  });

  it('does not snap beyond the tolerance, nor to a cut', () => {
    expect(snapPoint([38.5, 48.6], boundarySegments([piece]), options)).toBeNull();
    // 3 px from the cut at lon 38.0 and 13 px or more from the front.
    expect(snapPoint([38.03, 48.55], boundarySegments([piece]), options)).toBeNull();
  });
});

describe('snapping targets: raion and oblast borders, the draft\'s other areas', () => {
  // Two raions sharing the border (38.1, 48.7)–(38.2, 48.6), each ring walking it in its own direction.
  const west = polygon([[38.0, 48.62], [38.2, 48.6], [38.1, 48.7], [38.0, 48.66], [38.0, 48.62]]);
  const east = polygon([[38.2, 48.6], [38.3, 48.61], [38.31, 48.72], [38.1, 48.7], [38.2, 48.6]]);

  it('keeps a border shared by two polygons once, whichever way each ring runs, and across lists', () => {
    const shared = uniqueSegments(boundarySegments([west]), boundarySegments([east]));
    const key = (s: { a: LonLat; b: LonLat }) => [s.a, s.b].map((p) => p.join(',')).sort().join(' ');
    expect(shared.map(key).filter((k) => k === '38.1,48.7 38.2,48.6')).toHaveLength(1);
    expect(shared).toHaveLength(boundarySegments([west]).length + boundarySegments([east]).length - 1);
    // The same tile's feature twice (a border returned by two tiles) adds nothing.
    expect(uniqueSegments(boundarySegments([west, west]))).toEqual(boundarySegments([west]));
  });

  it('snaps to the shared raion border\'s vertex, and to another area of the draft', () => {
    const targets = uniqueSegments(boundarySegments([west, east]));
    expect(snapPoint([38.105, 48.695], targets, options)).toEqual([38.1, 48.7]);
    const draftArea = polygon([[37.5, 48.1], [37.62, 48.13], [37.58, 48.27], [37.5, 48.1]]);
    expect(snapPoint([37.625, 48.135], uniqueSegments(targets, boundarySegments([draftArea])), options)).toEqual([37.62, 48.13]);
    expect(BORDER_LAYERS).toEqual(['oblasts', 'raions']);
  });
});
