import { describe, expect, it } from 'vitest';
import type { Arrows } from '../api';
import { arrowsForMap, eventsWindow } from './events-layer';

const arrow = (side: string, extra: Record<string, unknown> = {}) => ({
  type: 'Feature' as const, geometry: { type: 'LineString' as const, coordinates: [[38, 48], [38.1, 48.1]] },
  properties: { time: '2022-06-02T08:00:00Z', side, confidence: 'likely', note: null, sources: [], versionId: 21, ...extra },
});

describe('eventsWindow', () => {
  it('covers the 7 days ending on the date, across a month end', () => {
    expect(eventsWindow('2022-06-03')).toEqual({ from: '2022-05-28', to: '2022-06-03' });
  });
});

describe('arrowsForMap', () => {
  it('draws each arrow with its head, keeping its index in the answer', () => {
    const fc = arrowsForMap({ type: 'FeatureCollection', from: 'a', to: 'b', features: [arrow('russia'), arrow('ukraine')] } as Arrows);
    expect(fc.features.map((f) => [f.properties?.kind, f.properties?.ref])).toEqual([['arrow', 0], ['head', 0], ['arrow', 1], ['head', 1]]);
  });

  it('leaves out arrows marked hidden, and all of them when the team withholds arrows', () => {
    const answer = { type: 'FeatureCollection', from: 'a', to: 'b', features: [arrow('russia', { hidden: true }), arrow('ukraine')] } as Arrows;
    expect(arrowsForMap(answer).features.map((f) => f.properties?.ref)).toEqual([1, 1]);
    expect(arrowsForMap({ ...answer, hidden: true }).features).toEqual([]);
  });
});
