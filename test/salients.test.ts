import { describe, expect, it } from 'vitest';
import { wkbPolygons } from '../src/core/geometry/wkb.js';
import { distanceKm } from '../src/core/analysis/geodesic.js';
import { STATUS_CODES } from '../src/core/timeline/settlement-status.js';
import { salients, salientsJson } from '../src/queries/salients.js';
import { buildServer } from '../src/server/app.js';
import { copyOfTemplate, hasData, SKIP_REASON } from './helpers.js';

describe.skipIf(!hasData())('salients (real data)', () => {
  if (!hasData()) console.warn(`skipped: ${SKIP_REASON}`);

  it('finds the Sievierodonetsk–Lysychansk bulge of 25 May 2022 and its narrowing neck', async () => {
    const { store } = copyOfTemplate();
    const r = salientsJson(await salients(store, { date: '2022-05-25', region: 'Luhansk' }));
    const bulge = r.salients.find((s) => s.settlements.some((x) => x.name === 'Sievierodonetsk'))!;
    expect(bulge).toBeDefined();
    expect(bulge.side).toBe('ukraine');
    expect(bulge.settlements.map((x) => x.name)).toContain('Lysychansk');
    // "a small eastern bulge around Severodonetsk": a neck of tens of km, front far longer than it.
    expect(bulge.neckWidthKm).toBeGreaterThan(10);
    expect(bulge.neckWidthKm).toBeLessThan(60);
    expect(bulge.frontKm).toBeGreaterThan(2.5 * bulge.neckWidthKm);
    // Independent: the settlements it names are Ukrainian-held in the stored statuses.
    const v = store.versionAt('2022-05-25T23:59:59.999Z')!;
    const statuses = store.settlementStatuses(v.id)!;
    for (const x of bulge.settlements) expect(['ukraine', 'liberated']).toContain(STATUS_CODES[statuses[store.settlements().find((s) => s.code === x.code)!.id]]);
    // Both ends of the neck lie on the edge of Russian-held ground (points every ≤ 220 m along it).
    for (const end of [bulge.neck.from, bulge.neck.to]) {
      let best = Infinity;
      for (const key of new Set(store.versionCells(v.id).values())) {
        const l = store.cellLayers(key)!;
        for (const rings of [...wkbPolygons(l.occupied), ...wkbPolygons(l.contested)]) for (const ring of rings) {
          for (let i = 2; i < ring.length; i += 2) {
            if (Math.abs(ring[i + 1] - end.lat) > 0.1 || Math.abs(ring[i] - end.lon) > 0.15) continue;
            const steps = Math.ceil(Math.max(Math.abs(ring[i] - ring[i - 2]), Math.abs(ring[i + 1] - ring[i - 1])) / 0.002);
            for (let k = 0; k < steps; k++) best = Math.min(best, distanceKm(end.lon, end.lat, ring[i - 2] + ((ring[i] - ring[i - 2]) * k) / steps, ring[i - 1] + ((ring[i + 1] - ring[i - 1]) * k) / steps));
          }
        }
      }
      expect(best).toBeLessThan(0.5);
    }
    expect(bulge.neckWidthKm).toBeCloseTo(distanceKm(bulge.neck.from.lon, bulge.neck.from.lat, bulge.neck.to.lon, bulge.neck.to.lat), 0);
    // The week before, the neck was wider: the change reported is the difference of the two dates' necks.
    const before = salientsJson(await salients(store, { date: '2022-05-18', region: 'Luhansk' })).salients.find((s) => s.settlements.some((x) => x.name === 'Sievierodonetsk'))!;
    expect(before.neckWidthKm).toBeGreaterThan(bulge.neckWidthKm);
    expect(bulge.neckChange7dKm).toBeCloseTo(bulge.neckWidthKm - before.neckWidthKm, 0);
    store.close();
  });

  it('serves salients over HTTP and rejects a bad date', async () => {
    const { path } = copyOfTemplate();
    const app = await buildServer({ dbPath: path, webRoot: '/nonexistent' });
    const ok = await app.inject({ url: '/api/v1/salients?date=2022-05-25&region=UA-09' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().salients.length).toBeGreaterThan(0);
    const geo = await app.inject({ url: '/api/v1/salients/geojson?date=2022-05-25&region=UA-09' });
    expect(geo.json().features.some((f: { properties: { kind: string } }) => f.properties.kind === 'neck')).toBe(true);
    expect((await app.inject({ url: '/api/v1/salients?date=2022-13-01' })).statusCode).toBe(400);
    await app.close();
  });
});
