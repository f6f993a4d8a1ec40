/**
 * Roads and supply on the real data (template store: reference + DeepState 2022-05-10…06-01).
 * Expectations are recomputed independently: distances by brute force with geographiclib over
 * the densified edges of the stored held polygons, point-in-polygon with GEOS, town positions
 * from the gazetteer, road vertices straight from the stored roads.
 */
import { describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main.js';
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Feature, MultiLineString } from 'geojson';
import { roads, roadsGeoJSON } from '../src/queries/roads.js';
import { wkbLines, wkbPolygons } from '../src/core/geometry/wkb.js';
import * as geos from '../src/core/geometry/geos.js';
import { distanceKm } from '../src/core/analysis/geodesic.js';
import { cellsIn } from '../src/core/timeline/grid.js';
import { MIGRATIONS } from '../src/store/sqlite/migrations.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { buildServer } from '../src/server/app.js';
import type { Store } from '../src/store/store.js';
import { copyOfTemplate, DATA, hasData, SKIP_REASON } from './helpers.js';
import { readReference, ROAD_FILES } from '../src/importers/reference.js';

const DATE = '2022-05-25';

/** Points every ≤ 0.0005° (≈ 40–55 m) along the edges of held ground (occupied ∪ contested) in a box. */
function heldBoundaryPoints(store: Store, date: string, box: [number, number, number, number]): { lon: number[]; lat: number[] } {
  const v = store.versionAt(`${date}T23:59:59.999Z`)!;
  const cells = store.versionCells(v.id);
  const lon: number[] = [], lat: number[] = [];
  for (const cell of cellsIn(...box)) {
    const key = cells.get(cell);
    if (!key) continue;
    const layers = store.cellLayers(key)!;
    for (const rings of [...wkbPolygons(layers.occupied), ...wkbPolygons(layers.contested)]) for (const ring of rings) {
      for (let i = 2; i < ring.length; i += 2) {
        const n = Math.max(1, Math.ceil(Math.max(Math.abs(ring[i] - ring[i - 2]), Math.abs(ring[i + 1] - ring[i - 1])) / 0.0005));
        for (let k = 0; k < n; k++) { lon.push(ring[i - 2] + ((ring[i] - ring[i - 2]) * k) / n); lat.push(ring[i - 1] + ((ring[i + 1] - ring[i - 1]) * k) / n); }
      }
    }
  }
  return { lon, lat };
}

/** Brute force: geodesic km from a point to the nearest of the points (a planar pass picks the few worth a geodesic). */
function bruteKm(pts: { lon: number[]; lat: number[] }, x: number, y: number): number {
  const k = Math.cos((y * Math.PI) / 180);
  const n = pts.lon.length;
  const d2 = new Float64Array(n);
  let approx = Infinity;
  for (let i = 0; i < n; i++) {
    const dx = (pts.lon[i] - x) * k * 111.3, dy = (pts.lat[i] - y) * 111.1;
    d2[i] = dx * dx + dy * dy;
    if (d2[i] < approx) approx = d2[i];
  }
  const limit = (Math.sqrt(approx) * 1.02 + 0.3) ** 2;
  let best = Infinity;
  for (let i = 0; i < n; i++) if (d2[i] <= limit) best = Math.min(best, distanceKm(x, y, pts.lon[i], pts.lat[i]));
  return best;
}

/** Held ground in a box as one prepared GEOS geometry, for an independent point-in-polygon test. */
function heldPrepared(store: Store, date: string, box: [number, number, number, number]): geos.Prepared {
  const v = store.versionAt(`${date}T23:59:59.999Z`)!;
  const cells = store.versionCells(v.id);
  const parts: geos.Geom[] = [];
  for (const cell of cellsIn(...box)) {
    const key = cells.get(cell);
    if (!key) continue;
    const layers = store.cellLayers(key)!;
    parts.push(geos.fromWkb(layers.occupied), geos.fromWkb(layers.contested));
  }
  return geos.prepare(geos.unionAll(parts));
}

const inner = (f: Feature) => (f.geometry as MultiLineString).coordinates.flatMap((line) => line.slice(1, -1)); // run ends sit on a band boundary

describe.skipIf(!hasData())('roads and supply (real data)', () => {
  if (!hasData()) console.warn(`skipped: ${SKIP_REASON}`);

  it('puts road points in the right distance band: a brute-force geodesic search over the held edges agrees', async () => {
    const { store } = copyOfTemplate();
    await geos.initGeometry();
    const geo = await roadsGeoJSON(store, { date: DATE, region: 'UA-14' });
    const pts = heldBoundaryPoints(store, DATE, [35.5, 46.5, 40, 50]);
    const prepared = heldPrepared(store, DATE, [35.5, 46.5, 40, 50]);
    const bounds: Record<string, [number, number]> = { '10': [0, 10], '20': [10, 20], '30': [20, 30] };
    let checked = 0;
    for (const f of geo.features) {
      const p = f.properties!;
      const vertices = inner(f);
      // Up to 3 points per feature, spread along it.
      for (let j = 0; j < vertices.length; j += Math.max(1, Math.floor(vertices.length / 3))) {
        const [x, y] = vertices[j];
        if (p.status === 'cut') { expect(geos.preparedCoversXY(prepared, x, y)).toBe(true); checked++; continue; }
        // Sample points are interval middles, vertices their starts: allow half an interval (0.05 km) and digitising.
        const d = bruteKm(pts, x, y);
        expect(geos.preparedCoversXY(prepared, x, y)).toBe(false);
        if (p.status === 'in-range') {
          const [lo, hi] = bounds[String(p.rangeKm)];
          expect(d).toBeGreaterThan(lo - 0.1);
          expect(d).toBeLessThanOrEqual(hi + 0.1);
        } else if (d < 60) {
          expect(d).toBeGreaterThan(30 - 0.1);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(60);
    // A stretch's nearest distance: the minimum over its vertices, by brute force (±0.5 km by design).
    const json = await roads(store, { date: DATE, region: 'UA-14' });
    const stretch = json.stretches.find((s) => s.name === 'Bakhmut – Sloviansk')!;
    expect(stretch.status).toBe('in-range');
    const brute = Math.min(...geo.features.filter((f) => f.properties!.name === 'Bakhmut – Sloviansk').flatMap((f) => (f.geometry as MultiLineString).coordinates.flat()).map(([x, y]) => bruteKm(pts, x, y)));
    expect(Math.abs(brute - stretch.nearestKm!)).toBeLessThan(0.6);
    store.close();
  });

  it('reports a road through occupied ground as cut: Donetsk – Mariupol on 25 May 2022', async () => {
    const { store } = copyOfTemplate();
    await geos.initGeometry();
    const r = await roads(store, { date: DATE, region: 'Donetsk' });
    const s = r.stretches.find((x) => x.name === 'Donetsk – Mariupol')!;
    expect(s.status).toBe('cut');
    expect(s.cutKm / s.lengthKm).toBeGreaterThan(0.95);
    // Independently: Mariupol's settlement status that day, and the road's own vertices in held ground.
    const mariupol = store.settlements().find((x) => x.name === 'Mariupol' && (x.population ?? 0) > 100_000)!;
    const v = store.versionAt(`${DATE}T23:59:59.999Z`)!;
    expect(store.settlementStatuses(v.id)![mariupol.id]).toBe(1); // occupied
    const geo = await roadsGeoJSON(store, { date: DATE, region: 'Donetsk' });
    const prepared = heldPrepared(store, DATE, [36.5, 46.8, 38.2, 48.2]);
    const vertices = geo.features.filter((f) => f.properties!.name === 'Donetsk – Mariupol').flatMap(inner);
    const inside = vertices.filter(([x, y]) => geos.preparedCoversXY(prepared, x, y)).length;
    expect(inside / vertices.length).toBeGreaterThan(0.95);
    // The totals add up: per oblast = the region's total.
    expect(r.byOblast.find((o) => o.code === 'UA-14')!.cutKm).toBeCloseTo(r.cutKm, 0);
    store.close();
  });

  it('names stretches after towns the road really reaches (gazetteer positions)', async () => {
    const { store } = copyOfTemplate();
    const r = await roads(store, { date: DATE, region: 'UA-14' });
    const geo = await roadsGeoJSON(store, { date: DATE }); // whole stretches: a town may lie outside the oblast
    const names = new Set(r.stretches.map((s) => s.name));
    expect(names).toContain('Bakhmut – Sloviansk');
    expect(names).toContain('Kramatorsk – Sloviansk');
    const towns = store.settlements().filter((s) => (s.population ?? 0) >= 10_000);
    let checked = 0;
    for (const s of r.stretches.filter((x) => x.kind === 'between')) {
      const vertices = geo.features.filter((f) => f.properties!.name === s.name).flatMap((f) => (f.geometry as MultiLineString).coordinates.flat());
      if (vertices.length === 0) continue;
      for (const name of s.towns) {
        // The town exists with ≥ 10,000 people, and some point of its road lies within its
        // largest radius (10 km) plus the off-road allowance (3 km).
        const candidates = towns.filter((t) => t.name === name);
        expect(candidates.length).toBeGreaterThan(0);
        const nearest = Math.min(...candidates.flatMap((t) => vertices.map(([x, y]) => distanceKm(t.lon, t.lat, x, y))));
        expect(nearest).toBeLessThan(13);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
    store.close();
  });

  it('has no national road near Lysychansk or Sievierodonetsk: the Bakhmut–Lysychansk road (T1302) is regional, not in the data', async () => {
    const { store } = copyOfTemplate();
    const lys = store.settlements().find((s) => s.name === 'Lysychansk')!;
    // Brute force over the stored road vertices.
    let nearest = Infinity;
    for (const road of store.roads()) for (const l of wkbLines(road.wkb)) for (let i = 0; i < l.length; i += 2) {
      if (Math.abs(l[i] - lys.lon) < 1 && Math.abs(l[i + 1] - lys.lat) < 1) nearest = Math.min(nearest, distanceKm(lys.lon, lys.lat, l[i], l[i + 1]));
    }
    expect(nearest).toBeGreaterThan(25);
    for (const date of [DATE, '2022-06-01']) {
      const r = await roads(store, { date, into: 'Lysychansk' });
      expect(r.into!.area).toMatchObject({ kind: 'place', name: 'Lysychansk', radiusKm: 15 });
      expect(r.into!.roads).toEqual([]);
      expect(r.into!.roadKmInside).toBe(0);
      expect(Object.values(r.into!.allWithinKm).every((x) => x === null)).toBe(true);
      expect(r.stretches.some((s) => s.name.includes('Lysychansk'))).toBe(false);
    }
    store.close();
  });

  it('answers "are all roads into Bakhmut within 20 km?" with a boolean, the list, and a way in from the rear', async () => {
    const { store } = copyOfTemplate();
    await geos.initGeometry();
    const r = await roads(store, { date: DATE, into: 'Bakhmut', radius: 15 });
    const into = r.into!;
    expect(into.roads.length).toBeGreaterThan(1);
    // The booleans follow from the list.
    for (const R of r.rangesKm) expect(into.allWithinKm[String(R)]).toBe(into.roads.every((x) => x.status === 'cut' || x.rangeKm! <= R));
    // The roads reported cut really leave the circle into held ground (GEOS, stored layers).
    const prepared = heldPrepared(store, DATE, [37, 48, 39, 49.2]);
    const geo = await roadsGeoJSON(store, { date: DATE });
    for (const road of into.roads.filter((x) => x.status === 'cut')) {
      const vertices = geo.features.filter((f) => f.properties!.name === road.name && f.properties!.status === 'cut').flatMap(inner);
      expect(vertices.some(([x, y]) => geos.preparedCoversXY(prepared, x, y))).toBe(true);
    }
    // Ways in: not cut is weaker than farther than 10 km, which is weaker than 20 km.
    const exists = into.supply.map((s) => s.exists);
    for (let i = 1; i < exists.length; i++) if (exists[i]) expect(exists[i - 1]).toBe(true);
    expect(into.supply[0]).toMatchObject({ rangeKm: 0, exists: true });
    expect(into.supply[0].via.length).toBeGreaterThan(0);
    store.close();
  });

  it('rejects bad input with clear errors, in the CLI query and over HTTP (400/404, never 500)', async () => {
    const { store, path } = copyOfTemplate();
    await expect(roads(store, { date: DATE, region: 'Narnia' })).rejects.toMatchObject({ code: 'UNKNOWN_REGION' });
    await expect(roads(store, { date: DATE, into: 'Atlantis City' })).rejects.toMatchObject({ code: 'UNKNOWN_PLACE' });
    await expect(roads(store, { date: DATE, range: '30,10' })).rejects.toThrow(/ascending/);
    await expect(roads(store, { date: DATE, range: 'ten' })).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
    await expect(roads(store, { date: DATE, range: '0' })).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
    await expect(roads(store, { date: DATE, radius: 5 })).rejects.toThrow(/radius needs into/);
    await expect(roads(store, { date: DATE, into: 'UA-09', radius: 5 })).rejects.toThrow(/radius applies to a place/);
    await expect(roads(store, { date: '2022-13-01' })).rejects.toMatchObject({ code: 'BAD_DATE' });
    const cli = await roads(store, { date: DATE, region: 'UA-09', into: 'Bakhmut', range: '5,15' });
    store.close();
    const app = await buildServer({ dbPath: path, webRoot: '/nonexistent' });
    const ok = await app.inject({ url: `/api/v1/roads?date=${DATE}&region=UA-09&into=Bakhmut&range=5,15` });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual(JSON.parse(JSON.stringify(cli)));
    const geo = await app.inject({ url: `/api/v1/roads/geojson?date=${DATE}&region=UA-09` });
    expect(geo.statusCode).toBe(200);
    expect(geo.json().features.length).toBeGreaterThan(0);
    for (const [url, status] of [
      [`/api/v1/roads?date=${DATE}&range=abc`, 400], [`/api/v1/roads?date=${DATE}&range=30,10`, 400], [`/api/v1/roads?date=${DATE}&range=,`, 400],
      [`/api/v1/roads?date=${DATE}&region=Narnia`, 400], [`/api/v1/roads?date=${DATE}&into=Atlantis%20City`, 404],
      [`/api/v1/roads?date=${DATE}&radius=-3&into=Bakhmut`, 400], [`/api/v1/roads?date=${DATE}&radius=abc&into=Bakhmut`, 400], ['/api/v1/roads', 400],
      [`/api/v1/roads/geojson?date=${DATE}&into=Bakhmut`, 400],
    ] as const) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(status);
      expect(res.json().code, url).toBeTruthy();
    }
    await app.close();
  });
});

/** Runs the CLI in-process, capturing stdout and stderr. */
async function cli(args: string[], db: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '', stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => { stdout += String(chunk); return true; });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => { stderr += String(chunk); return true; });
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => { stdout += a.join(' ') + '\n'; });
  const previous = process.env.FRONTLINE_DB;
  process.env.FRONTLINE_DB = db;
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    out.mockRestore(); err.mockRestore(); log.mockRestore();
    process.env.FRONTLINE_DB = previous;
  }
}

describe.skipIf(!hasData())('frontline roads (CLI, real data)', () => {
  it('--json prints exactly the query\'s document; text by default; bad input exits 2', async () => {
    const { store, path } = copyOfTemplate();
    const expected = await roads(store, { date: DATE, region: 'UA-14', into: 'Bakhmut' });
    store.close();
    const json = await cli(['roads', '--date', DATE, '--region', 'UA-14', '--into', 'Bakhmut', '--json'], path);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(JSON.stringify(expected)));
    const text = await cli(['roads', '--date', DATE, '--into', 'Bakhmut'], path);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Into Bakhmut \(15 km around it\)/);
    expect(text.stdout).toMatch(/every road in is cut or within 20 km: (yes|no)/);
    const bad = await cli(['roads', '--date', DATE, '--range', '20,10'], path);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/error: range '20,10': ranges must be ascending/);
  });
});

describe('road numbers and names (migration 2)', () => {
  it('adds nullable ref and name columns to an existing store, and keeps them through saveReference', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'frontline-roads-')), 'old.db');
    const db = new Database(path);
    db.exec(MIGRATIONS[0]);
    db.pragma('user_version = 1');
    db.prepare('INSERT INTO roads (osm_id, category, geom) VALUES (?, ?, ?)').run('1', 'national', Buffer.from([1]));
    db.close();
    const store = openSqliteStore(path);
    expect(store.roads()[0]).toMatchObject({ osmId: '1', ref: null, name: null });
    store.saveReference({ regions: [], settlements: [], provenance: {}, roads: [{ osmId: '2', category: 'international', wkb: new Uint8Array([1]), ref: 'M-03', name: 'Kyiv – Dovzhanskyi' }] });
    expect(store.roads()).toEqual([{ osmId: '2', category: 'international', wkb: new Uint8Array([1]), ref: 'M-03', name: 'Kyiv – Dovzhanskyi' }]);
    store.close();
  });
});

describe.skipIf(!hasData())('road numbers from a user\'s OSM extract (real boundaries and gazetteer)', () => {
  it('imports ref and name when the roads file has them, and shows them beside the stretch name', async () => {
    // A reference directory with the real boundaries and gazetteer, and a tiny roads extract.
    const dir = mkdtempSync(join(tmpdir(), 'frontline-ref-'));
    for (const sub of ['boundaries', 'gazetteer']) symlinkSync(join(DATA, 'reference', sub), join(dir, sub));
    mkdirSync(join(dir, 'roads'));
    const feature = (props: Record<string, unknown>, coords: number[][]) => ({ type: 'Feature', properties: props, geometry: { type: 'LineString', coordinates: coords } });
    writeFileSync(join(dir, ROAD_FILES.international), gzipSync(JSON.stringify({ type: 'FeatureCollection', features: [
      feature({ osm_id: '1', ref: 'M-03', name: 'Kyiv – Kharkiv – Dovzhanskyi' }, [[37.60, 48.85], [37.80, 48.70], [38.00, 48.59]]),
    ] })));
    writeFileSync(join(dir, ROAD_FILES.national), gzipSync(JSON.stringify({ type: 'FeatureCollection', features: [
      feature({ osm_id: '2' }, [[38.00, 48.59], [38.20, 48.60]]),
    ] })));
    const ref = await readReference(dir);
    expect(ref.roads.map((r) => [r.osmId, r.ref, r.name])).toEqual([['1', 'M-03', 'Kyiv – Kharkiv – Dovzhanskyi'], ['2', null, null]]);
    // Into a store with the template's versions: the stretch through Bakhmut carries the number.
    const { store } = copyOfTemplate();
    store.saveReference(ref);
    const r = await roads(store, { date: DATE });
    const m03 = r.stretches.find((s) => s.ref === 'M-03');
    expect(m03).toBeTruthy();
    expect(m03!.roadName).toBe('Kyiv – Kharkiv – Dovzhanskyi');
    store.close();
  });
});

describe.skipIf(!hasData())('roads into a salient (real data)', () => {
  it('takes the area of a ranked salient: the Sievierodonetsk bulge has no road of the data into it', async () => {
    const { store } = copyOfTemplate();
    const r = await roads(store, { date: '2022-05-25', region: 'Luhansk', into: 'salient:1' });
    expect(r.into!.area.kind).toBe('salient');
    expect(r.into!.area.name).toMatch(/Sievierodonetsk/);
    // No M or H road enters the pocket (the T1302 to Lysychansk is a regional road, not in the data).
    expect(r.into!.roads).toHaveLength(0);
    expect(r.into!.allWithinKm['20']).toBeNull();
    await expect(roads(store, { date: '2022-05-25', region: 'Luhansk', into: 'salient:99' })).rejects.toThrow(/there is no salient 99 on 2022-05-25 in Luhansk/);
    store.close();
  });
});
