import { describe, expect, it } from 'vitest';
import type { LayerSpecification } from 'maplibre-gl';
import { labelsAfterFirstFrame, offlineStyle, PLACE_NAMES_SOURCE, SOURCE } from './style';

const sourceOf = (l: LayerSpecification) => ('source' in l ? l.source : undefined);
const visibility = (l: LayerSpecification) => ('layout' in l ? (l.layout as { visibility?: string } | undefined)?.visibility : undefined);

describe('labelsAfterFirstFrame', () => {
  const original = offlineStyle('http://localhost:8080', '2022-05-25');
  const { style, heldLayers } = labelsAfterFirstFrame(original);

  it('holds back exactly the place-name layers, hidden, on a second source over the same tiles', () => {
    const names = original.layers.filter((l) => l.type === 'symbol' && sourceOf(l) === SOURCE.reference).map((l) => l.id);
    expect(names).toEqual(['place-label-capital', 'place-label-major', 'place-label-mid', 'place-label-minor']);
    expect(heldLayers).toEqual(names);
    for (const id of names) {
      const layer = style.layers.find((l) => l.id === id)!;
      expect(sourceOf(layer)).toBe(PLACE_NAMES_SOURCE);
      expect(visibility(layer)).toBe('none');
    }
    expect(style.sources[PLACE_NAMES_SOURCE]).toEqual(original.sources[SOURCE.reference]);
  });

  it('leaves every other layer as it was, in the same order', () => {
    expect(style.layers.map((l) => l.id)).toEqual(original.layers.map((l) => l.id));
    const others = (layers: LayerSpecification[]) => layers.filter((l) => !heldLayers.includes(l.id));
    expect(others(style.layers)).toEqual(others(original.layers));
    // The settlement dots stay on the basemap source: only text waits.
    expect(sourceOf(style.layers.find((l) => l.id === 'place-dot-capital')!)).toBe(SOURCE.reference);
  });

  it('does not change the style it is given', () => {
    expect(original.sources[PLACE_NAMES_SOURCE]).toBeUndefined();
    expect(original.layers.every((l) => sourceOf(l) !== PLACE_NAMES_SOURCE)).toBe(true);
  });
});
