import { describe, expect, it } from 'vitest';
import type { Arrows } from '../api';
import { arrowsForMap, eventsWindow } from './events-layer';
import { Legend } from './legend';
import { unitsForMap } from './units-layer';

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

describe('unitsForMap', () => {
  const unit = (name: string) => ({ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [38.05, 48.65] }, properties: { time: '2022-06-02T06:00:00Z', unit: name, side: 'ukraine', confidence: 'likely', note: null, sources: [], versionId: 21, precisionDeg: 0.1 } });
  it('keeps each unit with its index in the answer, and draws none when the team withholds them', () => {
    const answer = { type: 'FeatureCollection' as const, from: 'a', to: 'b', features: [unit('3rd Assault Brigade'), unit('47th Brigade')] };
    // Both on the same cell's centre: the first is labelled for the two, the second not at all.
    expect(unitsForMap(answer).features.map((f) => [f.properties?.unit, f.properties?.ref, f.properties?.label])).toEqual([['3rd Assault Brigade', 0, '3rd Assault Brigade +1'], ['47th Brigade', 1, '']]);
    const apart = { ...answer, features: [unit('3rd Assault Brigade'), { ...unit('47th Brigade'), geometry: { type: 'Point' as const, coordinates: [38.15, 48.65] } }] };
    expect(unitsForMap(apart).features.map((f) => f.properties?.label)).toEqual(['3rd Assault Brigade', '47th Brigade']);
    expect(unitsForMap({ ...answer, hidden: true }).features).toEqual([]);
  });
});

describe('the legend of the units layer', () => {
  const keys = (units: { count: number; hidden: boolean; sides: string[] }) => Legend.analysisItems({ comparing: false, layers: ['units'], whatif: false, units }).map((k) => k.label);
  it('keys the sides drawn, says when there are none, and when the team withholds them', () => {
    expect(keys({ count: 2, hidden: false, sides: ['ukraine'] })).toEqual(['Unit (Ukrainian forces)']);
    expect(keys({ count: 0, hidden: false, sides: [] })).toEqual(['No unit positions in these 7 days']);
    expect(keys({ count: 0, hidden: true, sides: [] })).toEqual(['Unit positions withheld by the team']);
  });
});
