import { afterAll, describe, expect, it } from 'vitest';
import { resolveRegion } from '../src/core/reference/regions.js';
import { buildSettlementIndex, searchSettlements } from '../src/core/reference/settlement-search.js';
import { copyOfTemplate, hasData, SKIP_REASON } from './helpers.js';

describe.skipIf(!hasData())('reference geography (real data)', () => {
  if (!hasData()) console.warn(`skipped: ${SKIP_REASON}`);
  const { store } = hasData() ? copyOfTemplate() : { store: null as never };
  afterAll(() => store?.close());

  it('has the country, 25 oblasts (with Crimea) and 139 raion polygons', () => {
    const regions = store.regions();
    expect(regions.filter((r) => r.level === 'country').map((r) => r.code)).toEqual(['UA']);
    expect(regions.filter((r) => r.level === 'oblast')).toHaveLength(25);
    expect(regions.filter((r) => r.level === 'raion')).toHaveLength(139);
    expect(regions.filter((r) => r.level === 'raion').every((r) => r.parent && /^UA-\d\d$/.test(r.parent))).toBe(true);
  });

  it('oblasts tile the country: their geodesic areas add up to the outline within 0.5 %', () => {
    const regions = store.regions();
    const country = regions.find((r) => r.code === 'UA')!;
    // 599,734 km² is the outline's geodesic area given in the data README.
    expect(country.sourceAreaKm2).toBeGreaterThan(599_700);
    expect(country.sourceAreaKm2).toBeLessThan(599_770);
    const oblasts = regions.filter((r) => r.level === 'oblast');
    const sum = oblasts.reduce((s, r) => s + r.sourceAreaKm2, 0);
    expect(Math.abs(sum - country.sourceAreaKm2) / country.sourceAreaKm2).toBeLessThan(0.005);
    // Clipped to the outline (what shares are computed on) they tile it to rounding.
    const clipped = oblasts.reduce((s, r) => s + r.areaKm2, 0);
    expect(Math.abs(clipped - country.areaKm2) / country.areaKm2).toBeLessThan(0.001);
    const raions = regions.filter((r) => r.level === 'raion').reduce((s, r) => s + r.areaKm2, 0);
    expect(Math.abs(raions - country.areaKm2) / country.areaKm2).toBeLessThan(0.005);
  });

  it('Luhansk oblast is about 26,700 km² (README: 26,707)', () => {
    const luhansk = store.regions().find((r) => r.code === 'UA-09')!;
    expect(luhansk.sourceAreaKm2).toBeGreaterThan(26_650);
    expect(luhansk.sourceAreaKm2).toBeLessThan(26_750);
  });

  it.each(['UA-09', 'Luhansk', 'Luhanska oblast', 'Lugansk', 'Луганська область', 'luhansk region', 'Луганская область'])('%s resolves to Luhansk oblast', (q) => {
    const r = resolveRegion(q, store.regions());
    expect(r.ok && r.region.code).toBe('UA-09');
  });

  it.each(['Ukraine', 'UA', 'Україна'])('%s is the whole country', (q) => {
    const r = resolveRegion(q, store.regions());
    expect(r.ok && r.region.code).toBe('UA');
  });

  it('finds raions by COD name, Ukrainian name and their 2024 rename', () => {
    for (const q of ['Sievierodonetskyi', 'Сєвєродонецький район', 'Siverskodonetskyi', 'UA4412']) {
      const r = resolveRegion(q, store.regions());
      expect(r.ok && r.region.code, q).toBe('UA4412');
    }
  });

  it('suggests the closest names for an unknown region', () => {
    const r = resolveRegion('Atlantis', store.regions());
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toMatch(/unknown region 'Atlantis' \(did you mean /);
      expect(r.suggestions.length).toBeGreaterThan(0);
    }
    const typo = resolveRegion('Zaporizhzhya oblast', store.regions());
    expect(typo.ok && typo.region.code).toBe('UA-23');
  });

  it('places every big city in its oblast and raion, and finds Bakhmut by any spelling', () => {
    const settlements = store.settlements();
    const index = buildSettlementIndex(settlements.map((s) => ({ ...s, sources: [] })));
    const bakhmut = ['Bahmut', 'Bakhmut', 'Artemivsk', 'Бахмут', 'Артемівськ'].map((q) => searchSettlements(index, q, 1)[0]?.settlement.code);
    expect(new Set(bakhmut).size).toBe(1);
    const city = settlements.find((s) => s.code === bakhmut[0])!;
    expect(city.oblast).toBe('UA-14');
    expect(city.lat).toBeCloseTo(48.59, 1);
    expect(city.population).toBeGreaterThan(50_000);
    const kramatorskCode = searchSettlements(index, 'Kramatorsk', 1)[0].settlement.code;
    const kramatorsk = settlements.find((s) => s.code === kramatorskCode)!;
    expect(kramatorsk.oblast).toBe('UA-14');
  });
});
