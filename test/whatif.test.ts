import { describe, expect, it } from 'vitest';
import { wkbPolygons, type FlatPolygon } from '../src/core/geometry/wkb.js';
import { distanceKm } from '../src/core/analysis/geodesic.js';
import { whatif } from '../src/queries/whatif.js';
import { buildServer } from '../src/server/app.js';
import { copyOfTemplate, hasData, SKIP_REASON } from './helpers.js';

/** Even–odd ray casting, independent of GEOS. */
function inRing(ring: ArrayLike<number>, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 2; i < ring.length; j = i, i += 2) {
    const xi = ring[i], yi = ring[i + 1], xj = ring[j], yj = ring[j + 1];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
const inPolygons = (polys: FlatPolygon[], x: number, y: number) => polys.some((rings) => inRing(rings[0], x, y) && !rings.slice(1).some((h) => inRing(h, x, y)));

describe.skipIf(!hasData())('what-if lines (real data)', () => {
  if (!hasData()) console.warn(`skipped: ${SKIP_REASON}`);

  it('falls back to Bakhmut – Siversk – Sloviansk on 25 May 2022: the Sievierodonetsk bulge is ceded and the front is shorter', async () => {
    const { store } = copyOfTemplate();
    const r = await whatif(store, { date: '2022-05-25', line: 'Bakhmut, Siversk, Sloviansk' });
    const { geojson } = r;
    const ceded = new Set(r.settlements.filter((s) => s.side === 'ceded').map((s) => s.name));
    // East of the line: the twin cities the article is about. West of it, or on it: kept.
    for (const name of ['Sievierodonetsk', 'Lysychansk', 'Soledar']) expect(ceded).toContain(name);
    for (const name of ['Kramatorsk', 'Sloviansk', 'Bakhmut', 'Siversk', 'Kostiantynivka']) expect(ceded).not.toContain(name);
    expect(r.cededPopulation).toBeGreaterThan(150_000);
    // "would be very straightforward in shape": the new line is shorter than the front it replaces.
    expect(r.frontLengthAfterKm).toBeLessThan(r.frontLengthBeforeKm);
    // The new line's length, by hand: join → Bakhmut → Siversk → Sloviansk → join, as geodesics.
    const path = [[r.joins[0].lon, r.joins[0].lat], ...r.line.map((p) => [p.lon, p.lat]), [r.joins[1].lon, r.joins[1].lat]];
    let km = 0;
    for (let i = 1; i < path.length; i++) km += distanceKm(path[i - 1][0], path[i - 1][1], path[i][0], path[i][1]);
    expect(r.frontLengthAfterKm).toBeCloseTo(km, 0);
    // The ceded area by another route: a lattice of points, each tested by ray casting against the
    // pocket (proposed line + replaced front) and against Russian-held ground.
    const proposed = geojson.features.find((f) => f.properties?.kind === 'proposed')!.geometry as { coordinates: number[][] };
    const replaced = geojson.features.find((f) => f.properties?.kind === 'replaced front')!.geometry as { coordinates: number[][] };
    const ring = [...proposed.coordinates, ...replaced.coordinates.slice().reverse()].flat();
    const v = store.versionAt('2022-05-25T23:59:59.999Z')!;
    const held: FlatPolygon[] = [];
    for (const key of new Set(store.versionCells(v.id).values())) {
      const l = store.cellLayers(key)!;
      held.push(...wkbPolygons(l.occupied), ...wkbPolygons(l.contested));
    }
    const xs = ring.filter((_, i) => i % 2 === 0), ys = ring.filter((_, i) => i % 2 === 1);
    const step = 0.01;
    let area = 0;
    for (let y = Math.min(...ys) + step / 2; y < Math.max(...ys); y += step) {
      const cellKm2 = distanceKm(0, y, step, y) * distanceKm(0, y - step / 2, 0, y + step / 2);
      for (let x = Math.min(...xs) + step / 2; x < Math.max(...xs); x += step) {
        if (inRing(ring, x, y) && !inPolygons(held, x, y)) area += cellKm2;
      }
    }
    expect(r.cededKm2).toBeGreaterThan(500);
    expect(Math.abs(area - r.cededKm2) / r.cededKm2).toBeLessThan(0.05);
    // The same line as GeoJSON coordinates gives the same answer.
    const asGeoJSON = await whatif(store, { date: '2022-05-25', line: JSON.stringify({ type: 'LineString', coordinates: r.line.map((p) => [p.lon, p.lat]) }) });
    expect(asGeoJSON.cededKm2).toBeCloseTo(r.cededKm2, 1);
    store.close();
  });

  it('explains why a line cannot be joined to the front', async () => {
    const { store } = copyOfTemplate();
    await expect(whatif(store, { date: '2022-05-25', line: 'Lviv, Ternopil' })).rejects.toThrow(/Lviv is more than 40 km from the front on 2022-05-25: an end of the line must lie within 40 km/);
    await expect(whatif(store, { date: '2022-05-25', line: 'Kramatorsk, Sloviansk, Izium, Kharkiv' })).rejects.toThrow(/Kramatorsk and Kharkiv join stretches of the front on 2022-05-25 that are not connected/);
    await expect(whatif(store, { date: '2022-05-25', line: 'Bakhmut' })).rejects.toThrow(/at least two places/);
    await expect(whatif(store, { date: '2022-05-25', line: 'Bakhmut, Atlantis' })).rejects.toThrow(/unknown place 'Atlantis'/);
    await expect(whatif(store, { date: '2022-05-25', line: '{"type":"LineString","coordinates":[[48.6,38.0],[48.8,38.1]]}' })).rejects.toThrow(/not in Ukraine/);
    store.close();
  });

  it('answers over HTTP with a 400 for a bad line', async () => {
    const { path } = copyOfTemplate();
    const app = await buildServer({ dbPath: path, webRoot: '/nonexistent' });
    const ok = await app.inject({ url: `/api/v1/whatif?date=2022-05-25&line=${encodeURIComponent('Bakhmut, Siversk')}` });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().cededKm2).toBeGreaterThan(500);
    const bad = await app.inject({ url: `/api/v1/whatif?date=2022-05-25&line=${encodeURIComponent('{"type":"Point"}')}` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/LineString/);
    await app.close();
  });
});
