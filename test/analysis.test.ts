import { describe, expect, it } from 'vitest';
import { clearFrontCache, frontline, distance } from '../src/queries/analysis.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { wkbPolygons } from '../src/core/geometry/wkb.js';
import { distanceKm } from '../src/core/analysis/geodesic.js';
import { copyOfTemplate, hasData, snapshot, SKIP_REASON } from './helpers.js';
import { buildServer } from '../src/server/app.js';

describe.skipIf(!hasData())('front line and distance (real data)', () => {
  if (!hasData()) console.warn(`skipped: ${SKIP_REASON}`);

  it('measures the front of 25 May 2022: Luhansk and Donetsk have front, the Crimean coast and the Russian border do not', async () => {
    const { store } = copyOfTemplate();
    const f = await frontline(store, { date: '2022-05-25' });
    const km = (code: string) => f.byRegion.find((r) => r.code === code)?.lengthKm ?? 0;
    expect(km('UA-09')).toBeGreaterThan(50);
    expect(km('UA-14')).toBeGreaterThan(150);
    expect(km('UA-43')).toBe(0); // Crimea: all held, its coast is not front
    expect(km('UA-74')).toBe(0); // Chernihiv: only the Russian border
    // Per-oblast lengths add up to the total (oblasts tile the country to 0.2 %).
    const sum = f.byRegion.reduce((s, r) => s + r.lengthKm, 0);
    expect(Math.abs(sum - f.lengthKm) / f.lengthKm).toBeLessThan(0.01);
    const luhansk = await frontline(store, { date: '2022-05-25', region: 'Luhansk' });
    expect(luhansk.lengthKm).toBeCloseTo(km('UA-09'), 0);
    store.close();
  });

  it('keeps computed front pieces in the store: a new process reads them and gets the same line as a fresh computation', async () => {
    const { store, path } = copyOfTemplate();
    const first = await frontline(store, { date: '2022-05-25', region: 'UA-14' });
    expect(store.derived('border-zone', '0')).toBeNull(); // cell 0 lies off Ukraine: no zone kept
    store.close();
    const reopened = openSqliteStore(path);
    const again = await frontline(reopened, { date: '2022-05-25', region: 'UA-14' });
    expect(again.lengthKm).toBe(first.lengthKm);
    expect(again.lines).toEqual(first.lines);
    clearFrontCache(reopened);
    const fresh = await frontline(reopened, { date: '2022-05-25', region: 'UA-14' });
    expect(fresh.lines).toEqual(first.lines);
    reopened.close();
  });

  it('measures the front of 30 September 2022, whose clipped cells once made a GEOS union throw', async () => {
    const { store } = copyOfTemplate();
    const { importDeepStateFiles } = await import('../src/importers/deepstate-files.js');
    await importDeepStateFiles(store, [snapshot(1664571886)]);
    // The cell at 37.65°E 49.5°N (Kharkiv oblast, by Lyman): its neighbourhood's union needs the repair.
    const f = await frontline(store, { date: '2022-09-30', region: 'Kharkiv' });
    expect(f.lengthKm).toBeGreaterThan(50);
    store.close();
  });

  it('finds how far the front is from Kramatorsk; a brute-force search over every vertex agrees', () => {
    const { store } = copyOfTemplate();
    const d = distance(store, { date: '2022-05-25', to: 'Kramatorsk' });
    expect(d.place.name).toBe('Kramatorsk');
    expect(d.insideEnemyHeldGround).toBe(false);
    // "still a considerable distance to Kramatorsk" (seed article): tens of km.
    expect(d.distanceKm).toBeGreaterThan(15);
    expect(d.distanceKm).toBeLessThan(60);
    // Independent route: the geodesic distance to every vertex of enemy-held ground; the nearest
    // vertex is at most a few hundred metres farther than the nearest edge point.
    const v = store.versionAt('2022-05-25T23:59:59.999Z')!;
    let best = Infinity;
    for (const key of new Set(store.versionCells(v.id).values())) {
      const layers = store.cellLayers(key)!;
      for (const rings of [...wkbPolygons(layers.occupied), ...wkbPolygons(layers.contested)]) {
        for (const ring of rings) for (let i = 0; i < ring.length; i += 2) {
          if (Math.abs(ring[i + 1] - d.place.lat) > 1.5 || Math.abs(ring[i] - d.place.lon) > 2) continue;
          best = Math.min(best, distanceKm(d.place.lon, d.place.lat, ring[i], ring[i + 1]));
        }
      }
    }
    expect(best).toBeGreaterThanOrEqual(d.distanceKm - 0.05);
    expect(best - d.distanceKm).toBeLessThan(0.5);
    expect(d.change7dKm).not.toBeNull();
    store.close();
  });

  it('serves the same figures over HTTP, and the front line as GeoJSON', async () => {
    const { store, path } = copyOfTemplate();
    const cli = await frontline(store, { date: '2022-05-25', region: 'UA-09' });
    const near = distance(store, { date: '2022-05-25', to: 'Kramatorsk' });
    store.close();
    const app = await buildServer({ dbPath: path, webRoot: '/nonexistent' });
    const f = (await app.inject({ url: '/api/v1/frontline?date=2022-05-25&region=UA-09' })).json();
    const { lines, ...summary } = cli;
    expect(f).toEqual(summary);
    const geo = (await app.inject({ url: '/api/v1/frontline/geojson?date=2022-05-25&region=UA-09' })).json();
    expect(geo.features).toHaveLength(lines.length);
    expect((await app.inject({ url: '/api/v1/distance?date=2022-05-25&to=Kramatorsk' })).json()).toEqual(JSON.parse(JSON.stringify(near)));
    const bad = await app.inject({ url: '/api/v1/distance?date=2022-05-25&to=Atlantis%20City' });
    expect(bad.statusCode).toBe(404);
    await app.close();
  });

  it('says a place inside enemy-held ground is at distance 0, and names an unknown place', () => {
    const { store } = copyOfTemplate();
    expect(distance(store, { date: '2022-05-25', to: 'Donetsk' }).insideEnemyHeldGround).toBe(true);
    expect(() => distance(store, { date: '2022-05-25', to: 'Atlantis City' })).toThrow(/unknown place 'Atlantis City'/);
    store.close();
  });
});
