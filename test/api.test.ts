import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader as Pbf } from 'pbf';
import { buildServer } from '../src/server/app.js';
import { stats } from '../src/queries/stats.js';
import type { Geometry } from 'geojson';
import { polygonsAreaKm2 } from '../src/core/geometry/area.js';
import { geometryToWkb, wkbPolygons } from '../src/core/geometry/wkb.js';
import { copyOfTemplate, hasData, SKIP_REASON } from './helpers.js';

describe.skipIf(!hasData())('HTTP API (real data)', () => {
  if (!hasData()) console.warn(`skipped: ${SKIP_REASON}`);
  let app: FastifyInstance;
  let dbPath: string;
  beforeAll(async () => {
    const copy = copyOfTemplate();
    copy.store.close();
    dbPath = copy.path;
    app = await buildServer({ dbPath, webRoot: '/nonexistent' });
  });
  afterAll(() => app?.close());
  const get = (url: string) => app.inject({ method: 'GET', url });

  it('GET /api/v1/stats returns exactly the JSON of `frontline stats --json`', async () => {
    const r = await get('/api/v1/stats?date=2022-05-25&region=UA-09');
    expect(r.statusCode).toBe(200);
    const { store } = copyOfTemplate();
    expect(r.json()).toEqual(stats(store, { date: '2022-05-25', region: 'UA-09' }));
    store.close();
  });

  it.each([
    ['/api/v1/stats?date=2022-05-25&region=Atlantis', 400, /unknown region 'Atlantis' \(did you mean/],
    ['/api/v1/stats?date=25.05.2022', 400, /date/],
    ['/api/v1/stats?date=2022-02-30', 400, /date '2022-02-30' is not a date/],
    ['/api/v1/stats', 400, /date/],
    ['/api/v1/stats?date=2021-01-01', 404, /no map version on or before 2021-01-01: versions run from 2022-05-10/],
    ['/api/v1/stats?date=2022-05-25&bogus=1', 400, /bogus|additional/i],
    ['/api/v1/series?region=UA-09&from=2022-05-30&to=2022-05-01', 400, /before/],
    ['/api/v1/diff?from=2022-05-18', 400, /to/],
    ['/api/v1/settlements?date=2022-05-25&status=russian', 400, /status/],
    ['/api/v1/places?q=', 400, /q/],
    ['/api/v1/places/nowhere/history', 404, /unknown settlement 'nowhere'/],
    ['/tiles/control/2022-05-25/13/0/0.mvt', 400, /zoom 13 is above/],
    ['/tiles/control/2022-05-25/3/9/0.mvt', 400, /does not exist/],
    ['/tiles/control/2020-01-01/3/4/2.mvt', 404, /no map version/],
    ['/api/v1/nothing', 404, /no route GET \/api\/v1\/nothing/],
  ])('%s → %i with a message a person can act on', async (url, status, message) => {
    const r = await get(url);
    expect(r.statusCode).toBe(status);
    expect(r.json().code).toMatch(/^[A-Z_]+$/);
    expect(r.json().message).toMatch(message);
  });

  it('GET /api/v1/control gives non-overlapping status areas whose km² match stats', async () => {
    const r = await get('/api/v1/control?date=2022-05-25&bbox=37.5,48.25,40.25,50.25');
    expect(r.statusCode).toBe(200);
    const fc = r.json();
    expect(new Set(fc.features.map((f: { properties: { status: string } }) => f.properties.status))).toEqual(new Set(['occupied', 'occupiedBefore2022', 'contested']));
    const simplified = (await get('/api/v1/control?date=2022-05-25&bbox=37.5,48.25,40.25,50.25&zoom=5')).body.length;
    expect(simplified).toBeLessThan(r.body.length);
    // The whole country: occupied (since 2022) + occupiedBefore2022 features add up to the stored occupied area.
    const all = (await get('/api/v1/control?date=2022-05-25')).json();
    const km2 = (status: string) => all.features.filter((f: { properties: { status: string } }) => f.properties.status === status)
      .reduce((a: number, f: { geometry: Geometry }) => a + polygonsAreaKm2(wkbPolygons(geometryToWkb(f.geometry))), 0);
    const ua = (await get('/api/v1/stats?date=2022-05-25&region=UA')).json();
    expect(km2('occupied') + km2('occupiedBefore2022')).toBeCloseTo(ua.byStatus.occupied.areaKm2, 0);
    expect(km2('contested')).toBeCloseTo(ua.byStatus.contested.areaKm2, 0);
    const bad = await get('/api/v1/control?date=2022-05-25&bbox=40,48,37,50');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/bbox '40,48,37,50' must be west,south,east,north/);
  });

  it('lists versions and their dates, which browsers revalidate (a publication shows at once)', async () => {
    const res = await get('/api/v1/versions');
    expect(res.json().length).toBe(21);
    expect(res.headers['cache-control']).toBe('no-cache');
    const datesRes = await get('/api/v1/dates');
    const dates = datesRes.json().dates;
    expect(dates[0]).toBe('2022-05-10');
    expect(dates).toContain('2022-05-25');
    expect(datesRes.headers['cache-control']).toBe('no-cache');
    // Dated figures never change: they may be kept.
    expect((await get('/api/v1/stats?date=2022-05-25&region=UA-09')).headers['cache-control']).toBe('public, max-age=300');
  });

  it('serves series, diff, diff GeoJSON, settlements and regions with the CLI shapes', async () => {
    const s = (await get('/api/v1/series?region=Luhansk&from=2022-05-20&to=2022-05-26')).json();
    expect(s.rows).toHaveLength(7);
    const d = (await get('/api/v1/diff?from=2022-05-18&to=2022-05-25&region=UA-09')).json();
    const gained = d.transitions.filter((t: { to: string }) => t.to === 'occupied').reduce((a: number, t: { areaKm2: number }) => a + t.areaKm2, 0);
    const geo = (await get('/api/v1/diff/geojson?from=2022-05-18&to=2022-05-25')).json();
    expect(geo.type).toBe('FeatureCollection');
    const russia = geo.features.filter((f: { properties: { side: string; to: string } }) => f.properties.side === 'russia' && f.properties.to === 'occupied');
    // Country-wide ground taken ≥ what was taken in Luhansk alone.
    expect(russia.reduce((a: number, f: { properties: { areaKm2: number } }) => a + f.properties.areaKm2, 0)).toBeGreaterThanOrEqual(gained - 0.1);
    const settlements = (await get('/api/v1/settlements?date=2022-05-25&region=UA-09&status=contested')).json();
    expect(settlements.settlements.every((x: { status: string }) => x.status === 'contested')).toBe(true);
    const regions = (await get('/api/v1/regions')).json();
    expect(regions).toHaveLength(165);
  });

  it('finds places by variant spellings and tells a settlement\'s history', async () => {
    for (const [q, name] of [['Bahmut', 'Bakhmut'], ['Lisichansk', 'Lysychansk'], ['Kharkov', 'Kharkiv'], ['Lugansk', 'Luhansk']]) {
      const places = (await get(`/api/v1/places?q=${encodeURIComponent(q)}`)).json();
      expect(places[0].name, q).toBe(name);
    }
    const lysychansk = (await get('/api/v1/places?q=Lysychansk')).json()[0];
    const history = (await get(`/api/v1/places/${encodeURIComponent(lysychansk.code)}/history`)).json();
    expect(history.history[0].status).toBe('ukraine');
    expect(history.lat).toBeCloseTo(lysychansk.lat, 6);
    const luhansk = (await get('/api/v1/places?q=Luhanska%20oblast')).json()[0];
    expect(luhansk).toMatchObject({ kind: 'region', code: 'UA-09' });
    expect(luhansk.bbox[0]).toBeLessThan(38.5);
    expect(luhansk.bbox[2]).toBeGreaterThan(40);
  });

  it('serves control and reference tiles as MVT with the documented layers, ETags and 304s', async () => {
    const r = await get('/tiles/control/2022-05-25/6/38/22.mvt');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
    const tile = new VectorTile(new Pbf(r.rawPayload));
    const layer = tile.layers.control;
    const statuses = new Set(Array.from({ length: layer.length }, (_, i) => layer.feature(i).properties.status));
    // The z6 tile over Donbas and Kharkiv: all four statuses, nothing else.
    expect([...statuses].sort()).toEqual(['contested', 'liberated', 'occupied', 'occupiedBefore2022']);
    const again = await app.inject({ method: 'GET', url: '/tiles/control/2022-05-25/6/38/22.mvt', headers: { 'if-none-match': r.headers.etag as string } });
    expect(again.statusCode).toBe(304);
    const ref = await get('/tiles/reference/6/38/22.mvt');
    const refTile = new VectorTile(new Pbf(ref.rawPayload));
    expect(Object.keys(refTile.layers).sort()).toEqual(['country', 'oblasts', 'raions', 'roads', 'settlements']);
    const oblasts = refTile.layers.oblasts;
    const codes = Array.from({ length: oblasts.length }, (_, i) => oblasts.feature(i).properties.code);
    expect(codes).toContain('UA-09');
  });

  it('draws a low-zoom tile the same from features prepared in the store as from the cells', async () => {
    const { ControlTiles, prepareLowZoomTiles } = await import('../src/server/tiles/control-tiles.js');
    const { store } = copyOfTemplate();
    const version = store.versionAt('2022-05-25T23:59:59.999Z')!;
    const fresh = await new ControlTiles(store).tile(version.id, 5, 19, 11);
    expect(await prepareLowZoomTiles(store)).toBeGreaterThan(0);
    expect(await prepareLowZoomTiles(store)).toBe(0); // nothing left to do the second time
    const prepared = await new ControlTiles(store).tile(version.id, 5, 19, 11);
    expect(prepared).not.toBeNull();
    expect(Buffer.from(prepared!).equals(Buffer.from(fresh!))).toBe(true);
    store.close();
  });

  it('publishes an OpenAPI document that lists every API route', async () => {
    const doc = (await get('/api/v1/openapi.json')).json();
    for (const path of ['/api/v1/control', '/api/v1/stats', '/api/v1/series', '/api/v1/diff', '/api/v1/settlements', '/api/v1/regions', '/api/v1/places', '/api/v1/versions', '/tiles/control/{date}/{z}/{x}/{y}.mvt']) {
      expect(Object.keys(doc.paths), path).toContain(path);
    }
    expect((await get('/api/v1/docs')).statusCode).toBeLessThan(400);
  });
});
