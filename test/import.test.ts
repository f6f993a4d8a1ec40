import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import * as polyclip from 'polyclip-ts';
import geodesic from 'geographiclib-geodesic';
import { parseDeepStateSnapshot } from '../src/core/ingest/deepstate.js';
import { importDeepStateFiles } from '../src/importers/deepstate-files.js';
import { importStatusGeoJSONFile } from '../src/importers/status-geojson-file.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { stats } from '../src/queries/stats.js';
import { series } from '../src/queries/series.js';
import { diff } from '../src/queries/diff.js';
import { copyOfTemplate, DATA, hasData, snapshot, SKIP_REASON } from './helpers.js';

type Ring = number[][];
type MultiPolygon = Ring[][];
const load = (path: string) => JSON.parse(gunzipSync(readFileSync(path)).toString());
const flatten = (g: { type: string; coordinates?: unknown; geometries?: unknown[] }): MultiPolygon => {
  if (g.type === 'Polygon') return [(g.coordinates as number[][][]).map((r) => r.map((c) => [c[0], c[1]]))];
  if (g.type === 'MultiPolygon') return (g.coordinates as number[][][][]).map((p) => p.map((r) => r.map((c) => [c[0], c[1]])));
  if (g.type === 'GeometryCollection') return (g.geometries as never[]).flatMap(flatten);
  return [];
};
/** Ellipsoidal area with geographiclib (an independent implementation), km². */
const geographiclibKm2 = (mp: MultiPolygon) => mp.reduce((sum, poly) => sum + poly.reduce((s, ring, i) => {
  const p = geodesic.Geodesic.WGS84.Polygon(false);
  for (const [x, y] of ring.slice(0, -1)) p.AddPoint(y, x);
  const a = Math.abs(p.Compute(false, true).area ?? NaN) / 1e6;
  return s + (i === 0 ? a : -a);
}, 0), 0);

const MAY_25 = 1653521333; // 2022-05-25T23:28:53Z, the last snapshot of 25 May
const TEMPLATE_VERSIONS = 21;

describe.skipIf(!hasData())('control timeline on the DeepState archive (real data)', () => {
  if (!hasData()) console.warn(`skipped: ${SKIP_REASON}`);

  it('answers "how much of Luhansk oblast did Russia hold on 25 May 2022" — checked by polyclip-ts + geographiclib', () => {
    const { store } = copyOfTemplate();
    const ours = stats(store, { date: '2022-05-25', region: 'Luhansk' });
    store.close();
    expect(ours.version.validAt).toBe(new Date(MAY_25 * 1000).toISOString());

    // Independent route: another clipping library and another area algorithm, same source polygons.
    const parsed = parseDeepStateSnapshot(load(snapshot(MAY_25)));
    const ofStatus = (s: string[]) => parsed.polygons.filter((p) => s.includes(p.status)).flatMap((p) => flatten(p.geometry));
    const oblast = load(join(DATA, 'reference/boundaries/ukraine_adm1_wof_quattroshapes.geojson.gz')).features.find((f: { properties: { iso3166_2: string } }) => f.properties.iso3166_2 === 'UA-09');
    const country = load(join(DATA, 'reference/boundaries/ukraine_adm0_ocha_ukrmap.geojson.gz')).features[0];
    const luhansk = polyclip.intersection(flatten(oblast.geometry) as never, flatten(country.geometry) as never) as MultiPolygon;
    const contested = polyclip.intersection(polyclip.union(ofStatus(['contested']) as never) as never, luhansk as never) as MultiPolygon;
    const occupied = polyclip.difference(polyclip.intersection(polyclip.union(ofStatus(['occupied', 'occupiedBefore2022']) as never) as never, luhansk as never) as never, contested as never) as MultiPolygon;

    expect(ours.region.areaKm2).toBeCloseTo(geographiclibKm2(luhansk), 0);
    expect(Math.abs(ours.byStatus.occupied.areaKm2 - geographiclibKm2(occupied))).toBeLessThan(0.5);
    expect(Math.abs(ours.byStatus.contested.areaKm2 - geographiclibKm2(contested))).toBeLessThan(0.1);
    // ~97 % occupied: "Russia is very close to taking over the entire Luhansk region" (seed article).
    expect(ours.byStatus.occupied.share).toBeGreaterThan(0.95);
    expect(ours.byStatus.occupied.share).toBeLessThan(0.99);
  });

  it('partitions every region: occupied, contested and ukraine shares sum to 1, history statuses are subsets', () => {
    const { store } = copyOfTemplate();
    for (const region of ['UA', 'UA-09', 'UA-14', 'UA-43', 'UA4412', 'UA-32']) {
      const s = stats(store, { date: '2022-05-25', region });
      const b = s.byStatus;
      expect(b.occupied.share + b.contested.share + b.ukraine.share).toBeCloseTo(1, 5);
      expect(b.occupied.areaKm2 + b.contested.areaKm2 + b.ukraine.areaKm2).toBeCloseTo(s.region.areaKm2, 1);
      expect(b.occupiedBefore2022.areaKm2).toBeLessThanOrEqual(b.occupied.areaKm2);
      expect(b.liberated.areaKm2).toBeLessThanOrEqual(b.ukraine.areaKm2);
    }
    expect(stats(store, { date: '2022-05-25', region: 'Crimea' }).byStatus.occupiedBefore2022.share).toBeGreaterThan(0.99);
    store.close();
  });

  it('adds up: the oblasts\' figures sum to the country\'s', () => {
    const { store } = copyOfTemplate();
    const v = store.versionAt('2022-05-25T23:59:59Z')!;
    const country = store.regionFigures(v.id, 'UA')!;
    const oblasts = store.regions().filter((r) => r.level === 'oblast').map((r) => store.regionFigures(v.id, r.code)!);
    for (const layer of ['occupied', 'occupiedBefore2022', 'contested', 'liberated'] as const) {
      const sum = oblasts.reduce((s, f) => s + f[layer], 0);
      expect(Math.abs(sum - country[layer]) / country[layer], layer).toBeLessThan(0.002);
    }
    store.close();
  });

  it('diff agrees with the stored figures: the change in occupied area equals the transitions in minus out', async () => {
    const { store } = copyOfTemplate();
    const d = await diff(store, { from: '2022-05-18', to: '2022-05-25', region: 'Luhansk' });
    const before = stats(store, { date: '2022-05-18', region: 'UA-09' }).byStatus.occupied.areaKm2;
    const after = stats(store, { date: '2022-05-25', region: 'UA-09' }).byStatus.occupied.areaKm2;
    const t = (from: string, to: string) => d.transitions.find((x) => x.from === from && x.to === to)!.areaKm2;
    const net = t('ukraine', 'occupied') + t('contested', 'occupied') - t('occupied', 'ukraine') - t('occupied', 'contested');
    expect(net).toBeCloseTo(after - before, 0);
    expect(t('ukraine', 'occupied')).toBeGreaterThan(10);
    expect(d.settlements.length).toBeGreaterThan(0);
    expect(d.settlements.every((s) => s.oblast === 'UA-09')).toBe(true);
    store.close();
  });

  it('series gives one row per day, carrying the latest version forward', () => {
    const { store } = copyOfTemplate();
    const s = series(store, { region: 'UA-09', from: '2022-05-08', to: '2022-05-31' });
    expect(s.rows).toHaveLength(24);
    expect(s.rows[0].byStatus).toBeNull(); // before the first version in this store
    const may25 = s.rows.find((r) => r.date === '2022-05-25')!;
    expect(may25.byStatus).toEqual(stats(store, { date: '2022-05-25', region: 'UA-09' }).byStatus);
    store.close();
  });

  it('splitting the cells between worker threads gives the figures of one in-process engine', async () => {
    const files = [1652140800, 1652400000].flatMap((from) => readdirSync(join(DATA, 'deepstate')).filter((f) => { const t = Number(f.split('.')[0]); return t >= from && t < from + 3 * 86400; })).map((f) => join(DATA, 'deepstate', f));
    const one = copyOfTemplate('referenceDb').store;
    const three = copyOfTemplate('referenceDb').store;
    await importDeepStateFiles(one, files, { workers: 1 });
    await importDeepStateFiles(three, files, { workers: 3 });
    const codes = one.regions().map((r) => r.code);
    const [v1, v3] = [one.versions(), three.versions()];
    expect(v3.map((v) => v.contentHash)).toEqual(v1.map((v) => v.contentHash));
    for (let i = 0; i < v1.length; i++) {
      for (const code of codes) {
        const a = one.regionFigures(v1[i].id, code)!;
        const b = three.regionFigures(v3[i].id, code)!;
        for (const layer of ['occupied', 'occupiedBefore2022', 'contested', 'liberated'] as const) expect(b[layer]).toBeCloseTo(a[layer], 6);
      }
      expect(three.settlementStatuses(v3[i].id)).toEqual(one.settlementStatuses(v1[i].id));
      expect(three.versionCells(v3[i].id)).toEqual(one.versionCells(v1[i].id));
    }
    one.close();
    three.close();
  });

  it('re-importing the same files changes nothing', async () => {
    const { store } = copyOfTemplate();
    const files = readdirSync(join(DATA, 'deepstate')).filter((f) => Number(f.split('.')[0]) < 1652400000 && Number(f.split('.')[0]) >= 1652140800).map((f) => join(DATA, 'deepstate', f));
    const before = store.versions();
    const summary = await importDeepStateFiles(store, files);
    expect(summary.imported).toBe(0);
    expect(summary.unchanged).toBe(files.length);
    expect(store.versions()).toEqual(before);
    store.close();
  });

  it('reports corrupt and truncated files by name, imports the rest and fails the run', async () => {
    const { store } = copyOfTemplate();
    const dir = mkdtempSync(join(tmpdir(), 'frontline-bad-'));
    const good = readFileSync(snapshot(1654128000 > MAY_25 ? 1653581354 : MAY_25));
    writeFileSync(join(dir, '1999999999.geojson.gz'), good.subarray(0, good.length / 2)); // truncated gzip
    writeFileSync(join(dir, '1999999998.geojson'), '{"type": "FeatureCollection", "features": [');
    writeFileSync(join(dir, '1999999997.geojson'), '{"type": "Topology"}');
    writeFileSync(join(dir, '1653581354.geojson.gz'), good); // a real one: imported (or unchanged)
    const summary = await importDeepStateFiles(store, [dir]);
    expect(summary.failed.map((f) => f.file).sort()).toEqual(['1999999997.geojson', '1999999998.geojson', '1999999999.geojson.gz'].map((f) => join(dir, f)));
    expect(summary.failed.find((f) => f.file.endsWith('999.geojson.gz'))!.error).toMatch(/1999999999\.geojson\.gz: unexpected end of file/);
    expect(summary.failed.find((f) => f.file.endsWith('998.geojson'))!.error).toMatch(/invalid JSON/);
    expect(summary.failed.find((f) => f.file.endsWith('997.geojson'))!.error).toMatch(/not a GeoJSON FeatureCollection/);
    expect(summary.imported + summary.unchanged).toBe(1);
    store.close();
  });

  it('imports plain GeoJSON with a status property; the area is checked with geographiclib', async () => {
    const { store } = copyOfTemplate();
    const dir = mkdtempSync(join(tmpdir(), 'frontline-geojson-'));
    // A 0.2° square in Kyiv oblast, far from any DeepState polygon, drawn by hand.
    const ring = [[30.0, 50.0], [30.2, 50.0], [30.2, 50.2], [30.0, 50.2], [30.0, 50.0]];
    writeFileSync(join(dir, 'claim.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { status: 'contested' }, geometry: { type: 'Polygon', coordinates: [ring] } }] }));
    const r = await importStatusGeoJSONFile(store, join(dir, 'claim.geojson'), '2030-01-01T00:00:00Z', 'test');
    expect(r.created).toBe(true);
    const s = stats(store, { date: '2030-01-01', region: 'UA' });
    const densified = [ring.flatMap(([x0, y0], i) => i === ring.length - 1 ? [[x0, y0]] : Array.from({ length: 100 }, (_, k) => [x0 + ((ring[i + 1][0] - x0) * k) / 100, y0 + ((ring[i + 1][1] - y0) * k) / 100]))];
    expect(s.byStatus.contested.areaKm2).toBeCloseTo(geographiclibKm2([densified]), 1);
    expect(s.byStatus.occupied.areaKm2).toBe(0);
    const again = await importStatusGeoJSONFile(store, join(dir, 'claim.geojson'), '2030-01-01T00:00:00Z', 'test');
    expect(again.created).toBe(false);
    writeFileSync(join(dir, 'bad.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { status: 'russian' }, geometry: { type: 'Polygon', coordinates: [ring] } }] }));
    await expect(importStatusGeoJSONFile(store, join(dir, 'bad.geojson'), '2030-01-02T00:00:00Z', 'test')).rejects.toThrow(/features\[0\]\.properties\.status: "russian" is not one of/);
    store.close();
  });

  it('a crash mid-import leaves the store consistent, and a rerun continues where it stopped', async () => {
    const { store, path } = copyOfTemplate();
    store.close();
    const june = readdirSync(join(DATA, 'deepstate')).filter((f) => { const t = Number(f.split('.')[0]); return t >= 1654128000 && t < 1656633600; }).map((f) => join(DATA, 'deepstate', f));
    const child = spawn(process.execPath, ['bin/frontline.js', 'import', 'deepstate', ...june], { env: { ...process.env, FRONTLINE_DB: path }, stdio: 'ignore' });
    // Kill it hard once it has committed a few versions.
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const s = openSqliteStore(path);
        const n = s.versions().length;
        s.close();
        if (n >= TEMPLATE_VERSIONS + 3) { clearInterval(timer); child.kill('SIGKILL'); resolve(); }
      }, 50);
    });
    await new Promise((r) => child.on('exit', r));
    const after = openSqliteStore(path);
    const versions = after.versions();
    expect(versions.length).toBeGreaterThan(TEMPLATE_VERSIONS);
    expect(versions.length).toBeLessThan(TEMPLATE_VERSIONS + june.length);
    const regions = after.regions().length;
    for (const v of versions) {
      expect(after.settlementStatuses(v.id)).not.toBeNull();
      expect(after.regionFigures(v.id, 'UA-09')).not.toBeNull();
      const cells = after.versionCells(v.id);
      expect(cells.size).toBeGreaterThan(1000);
      for (const key of new Set(cells.values())) expect(after.hasCellLayers(key)).toBe(true);
    }
    expect(after.figureSeries('UA').length).toBe(versions.length);
    expect(regions).toBe(165);
    const rerun = await importDeepStateFiles(after, june);
    expect(rerun.failed).toEqual([]);
    expect(rerun.imported + rerun.unchanged).toBe(june.length);
    expect(after.versions().length).toBe(TEMPLATE_VERSIONS + june.length - (june.length - rerun.imported - (versions.length - TEMPLATE_VERSIONS)));
    after.close();
  });
});
