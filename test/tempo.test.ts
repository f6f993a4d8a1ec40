import { describe, expect, it } from 'vitest';
import * as geos from '../src/core/geometry/geos.js';
import { wkbPolygons } from '../src/core/geometry/wkb.js';
import { distanceKm } from '../src/core/analysis/geodesic.js';
import { transitions, type CellPair } from '../src/core/stats/transitions.js';
import { STATUS_CODES } from '../src/core/timeline/settlement-status.js';
import { tempo, tempoJson } from '../src/queries/tempo.js';
import { importDeepStateFiles } from '../src/importers/deepstate-files.js';
import { buildServer } from '../src/server/app.js';
import type { Store } from '../src/store/store.js';
import { copyOfTemplate, hasData, snapshot, SKIP_REASON } from './helpers.js';

/** Russian and Ukrainian gains between two versions by another route: the diff's per-status transitions. */
function gainsByTransitions(store: Store, a: number, b: number, code: string, wkb = store.regionWkb(code)!) {
  const cellsA = store.versionCells(a);
  const pairs: CellPair[] = [];
  for (const [cell, keyB] of store.versionCells(b)) {
    const keyA = cellsA.get(cell);
    if (keyA !== undefined && keyA !== keyB) pairs.push({ cell, before: store.cellLayers(keyA)!, after: store.cellLayers(keyB)! });
  }
  const t = transitions(pairs, store.regionWkb('UA')!, [{ code, wkb }]);
  const km2 = (from: string, to: string) => t.find((x) => x.from === from && x.to === to)!.byRegion.find((r) => r.code === code)?.areaKm2 ?? 0;
  return {
    russia: km2('ukraine', 'occupied') + km2('ukraine', 'contested'),
    ukraine: km2('occupied', 'ukraine') + km2('contested', 'ukraine'),
  };
}

describe.skipIf(!hasData())('tempo and depth of advance (real data)', () => {
  if (!hasData()) console.warn(`skipped: ${SKIP_REASON}`);

  it('adds up, day by day, to what the diff finds between consecutive versions (Luhansk, 18–25 May 2022)', async () => {
    const { store } = copyOfTemplate();
    await geos.initGeometry();
    const r = await tempo(store, { from: '2022-05-18', to: '2022-05-25', region: 'Luhansk' });
    expect(r.days).toBe(7);
    const versions = store.versions();
    let russia = 0;
    let ukraine = 0;
    for (let i = 1; i < versions.length; i++) {
      const day = versions[i].validAt.slice(0, 10);
      if (day <= '2022-05-18' || day > '2022-05-25') continue;
      const g = gainsByTransitions(store, versions[i - 1].id, versions[i].id, 'UA-09');
      russia += g.russia;
      ukraine += g.ukraine;
    }
    expect(russia).toBeGreaterThan(50);
    expect(Math.abs(r.gains.russiaKm2 - russia)).toBeLessThan(0.05 + 0.002 * russia);
    expect(Math.abs(r.gains.ukraineKm2 - ukraine)).toBeLessThan(0.05 + 0.002 * russia);
    // The window figures end on the last day; the last 7 days are the window itself.
    const week = r.windows.find((w) => w.side === 'russia' && w.windowDays === 7)!;
    expect(week.km2).toBeCloseTo(r.gains.russiaKm2, 1);
    // "Russia has still not achieved major breakthroughs" (seed article): local gains, not a breakthrough.
    expect(r.advance.russia.class).toBe('local gains');
    expect(r.classification).toEqual({ class: 'local gains', side: 'russia' });
    // A second call reads the cached series and agrees.
    expect((await tempo(store, { from: '2022-05-18', to: '2022-05-25', region: 'UA-09' })).gains).toEqual(r.gains);
    store.close();
  });

  it('works for a drawn sector, and agrees with the diff clipped to the same box', async () => {
    const { store } = copyOfTemplate();
    await geos.initGeometry();
    const r = await tempo(store, { from: '2022-05-18', to: '2022-05-25', sector: '37.8,48.4,38.8,49.2' });
    expect(r.region.level).toBe('sector');
    const box = geos.toWkb(geos.fromGeoJSON({ type: 'Polygon', coordinates: [[[37.8, 48.4], [38.8, 48.4], [38.8, 49.2], [37.8, 49.2], [37.8, 48.4]]] }));
    const versions = store.versions();
    let russia = 0, ukraine = 0;
    for (let i = 1; i < versions.length; i++) {
      const day = versions[i].validAt.slice(0, 10);
      if (day <= '2022-05-18' || day > '2022-05-25') continue;
      const g = gainsByTransitions(store, versions[i - 1].id, versions[i].id, 'sector', box);
      russia += g.russia;
      ukraine += g.ukraine;
    }
    expect(Math.abs(r.gains.russiaKm2 - russia)).toBeLessThan(0.05 + 0.002 * russia);
    expect(Math.abs(r.gains.ukraineKm2 - ukraine)).toBeLessThan(0.05 + 0.002 * russia);
    await expect(tempo(store, { from: '2022-05-18', to: '2022-05-25', sector: '{"type":"Point","coordinates":[38,48]}' })).rejects.toThrow(/Polygon/);
    await expect(tempo(store, { from: '2022-05-18', to: '2022-05-25', sector: '0,0,1,1' })).rejects.toThrow(/in Ukraine/);
    store.close();
  });

  it('measures depth as the farthest point of the gained ground from the old Russian-held ground, checked by brute force', async () => {
    const { store } = copyOfTemplate();
    const r = await tempo(store, { from: '2022-05-18', to: '2022-05-25', region: 'Luhansk' });
    const top = r.advance.russia.top[0];
    expect(top.depthKm).toBeGreaterThan(STATIC_DEPTH);
    // Old held ground (18 May) near the patch, as vertices.
    const old = store.versionAt('2022-05-18T23:59:59.999Z')!;
    const vertices: [number, number][] = [];
    for (const key of new Set(store.versionCells(old.id).values())) {
      const layers = store.cellLayers(key)!;
      for (const rings of [...wkbPolygons(layers.occupied), ...wkbPolygons(layers.contested)]) {
        for (const ring of rings) for (let i = 2; i < ring.length; i += 2) {
          if (Math.abs(ring[i + 1] - top.farthest.lat) > 0.5 || Math.abs(ring[i] - top.farthest.lon) > 0.7) continue;
          // Points every ≤ 0.002° (≤ 220 m) along each edge: long straight edges have no vertices to find.
          const steps = Math.ceil(Math.max(Math.abs(ring[i] - ring[i - 2]), Math.abs(ring[i + 1] - ring[i - 1])) / 0.002);
          for (let k = 0; k < steps; k++) vertices.push([ring[i - 2] + ((ring[i] - ring[i - 2]) * k) / steps, ring[i - 1] + ((ring[i + 1] - ring[i - 1]) * k) / steps]);
        }
      }
    }
    const nearestVertexKm = (lon: number, lat: number) => Math.min(...vertices.map(([x, y]) => distanceKm(lon, lat, x, y)));
    // A point along the old outline is no nearer than the nearest edge point, and at most ~110 m farther.
    const atFarthest = nearestVertexKm(top.farthest.lon, top.farthest.lat);
    expect(atFarthest).toBeGreaterThanOrEqual(top.depthKm - 0.05);
    expect(atFarthest - top.depthKm).toBeLessThan(0.2);
    // The depth line starts on the old line.
    expect(nearestVertexKm(top.from.lon, top.from.lat)).toBeLessThan(0.2);
    // No point of the patch is deeper: a lattice of points inside it, each measured by brute force.
    const fc = (await tempo(store, { from: '2022-05-18', to: '2022-05-25', region: 'Luhansk' })).advance.geojson();
    const patch = fc.features.find((f) => f.properties?.side === 'russia' && f.properties?.rank === 1 && f.geometry.type !== 'LineString')!;
    await geos.initGeometry();
    const g = geos.fromGeoJSON(patch.geometry);
    const prepared = geos.prepare(g);
    const e = geos.envelope(g)!;
    let deepest = 0;
    let samples = 0;
    for (let x = e.minX; x <= e.maxX; x += 0.01) for (let y = e.minY; y <= e.maxY; y += 0.01) {
      if (!geos.preparedCoversXY(prepared, x, y)) continue;
      samples++;
      deepest = Math.max(deepest, nearestVertexKm(x, y));
    }
    geos.freePrepared(prepared);
    geos.free(g);
    expect(samples).toBeGreaterThan(20);
    expect(deepest).toBeLessThan(top.depthKm + 0.5);
    store.close();
  });

  it('calls the Kharkiv counter-offensive of September 2022 a Ukrainian breakthrough; Izium changes hands', async () => {
    const { store } = copyOfTemplate();
    // 5 and 12 September 2022 (the template covers May 2022 only).
    await importDeepStateFiles(store, [snapshot(1662330358), snapshot(1662998815)]);
    const r = await tempo(store, { from: '2022-09-05', to: '2022-09-12', region: 'Kharkiv' });
    expect(r.advance.ukraine.class).toBe('breakthrough');
    const top = r.advance.ukraine.top[0];
    expect(top.depthKm).toBeGreaterThan(30);
    expect(top.widthKm).toBeGreaterThan(10);
    // Independent: the settlement statuses (computed at import from points, not from these polygons).
    const izium = store.settlements().find((s) => s.name === 'Izium' && s.oblast === 'UA-63')!;
    const status = (date: string) => STATUS_CODES[store.settlementStatuses(store.versionAt(`${date}T23:59:59.999Z`)!.id)![izium.id]];
    expect(status('2022-09-05')).toBe('occupied');
    expect(['liberated', 'ukraine']).toContain(status('2022-09-12'));
    expect(top.settlements.map((s) => s.name)).toContain('Izium');
    store.close();
  });

  it('serves the same JSON over HTTP and rejects a reversed window', async () => {
    const { store, path } = copyOfTemplate();
    const cli = tempoJson(await tempo(store, { from: '2022-05-18', to: '2022-05-25', region: 'UA-09' }));
    store.close();
    const app = await buildServer({ dbPath: path, webRoot: '/nonexistent' });
    const res = await app.inject({ url: '/api/v1/tempo?from=2022-05-18&to=2022-05-25&region=UA-09' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(JSON.parse(JSON.stringify(cli)));
    const bad = await app.inject({ url: '/api/v1/tempo?from=2022-05-25&to=2022-05-18' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/must be after/);
    const geo = await app.inject({ url: '/api/v1/tempo/geojson?from=2022-05-18&to=2022-05-25&region=UA-09' });
    expect(geo.json().features.length).toBeGreaterThan(0);
    await app.close();
  });
});

const STATIC_DEPTH = 2;
