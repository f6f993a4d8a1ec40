import { readFileSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// geographiclib is the independent reference: exact ellipsoidal polygon area (Karney 2013).
import geodesic from 'geographiclib-geodesic';
import { polygonsAreaKm2, ringAreaKm2, MAX_EDGE_DEG } from './area.js';
import { dataDir } from '../../config.js';

const WGS84 = geodesic.Geodesic.WGS84;

/** geographiclib area of a ring (edges as geodesics), km². */
function geographiclibKm2(ring: number[][]): number {
  const p = WGS84.Polygon(false);
  for (const [lon, lat] of ring.slice(0, -1)) p.AddPoint(lat, lon);
  return Math.abs(p.Compute(false, true).area ?? NaN) / 1e6;
}

/** Inserts vertices along long edges (as straight lon/lat lines) so geodesic and straight edges coincide. */
function densify(ring: number[][], step: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0, y0] = ring[i];
    const [x1, y1] = ring[i + 1];
    const n = Math.max(1, Math.ceil(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0)) / step));
    for (let k = 0; k < n; k++) out.push([x0 + ((x1 - x0) * k) / n, y0 + ((y1 - y0) * k) / n]);
  }
  out.push(ring[ring.length - 1]);
  return out;
}

const flat = (ring: number[][]) => Float64Array.from(ring.flat());

describe('geodesic area', () => {
  it('matches geographiclib on a 1° square at 48°N within 2e-6', () => {
    const ring = densify([[37, 48], [38, 48], [38, 49], [37, 49], [37, 48]], MAX_EDGE_DEG / 4);
    const ours = Math.abs(ringAreaKm2(flat(ring)));
    const theirs = geographiclibKm2(ring);
    expect(Math.abs(ours - theirs) / theirs).toBeLessThan(2e-6);
    expect(ours).toBeGreaterThan(8000); // a 1° cell at 48°N is ~8,270 km², not 1 degree²
  });

  it('is positive for counter-clockwise rings and does not depend on orientation in polygonsAreaKm2', () => {
    const ring = [[30, 50], [30.1, 50], [30.1, 50.1], [30, 50.1], [30, 50]];
    expect(ringAreaKm2(flat(ring))).toBeGreaterThan(0);
    expect(ringAreaKm2(flat([...ring].reverse()))).toBeLessThan(0);
    expect(polygonsAreaKm2([[flat([...ring].reverse())]])).toBeCloseTo(polygonsAreaKm2([[flat(ring)]]), 9);
  });

  it('subtracts holes', () => {
    const shell = flat([[30, 50], [31, 50], [31, 51], [30, 51], [30, 50]]);
    const hole = flat([[30.25, 50.25], [30.75, 50.25], [30.75, 50.75], [30.25, 50.75], [30.25, 50.25]]);
    const withHole = polygonsAreaKm2([[shell, hole]]);
    expect(withHole).toBeCloseTo(polygonsAreaKm2([[shell]]) - polygonsAreaKm2([[hole]]), 6);
  });

  it('does not change when a clip adds vertices along a long edge', () => {
    const coarse = [[22.5, 48], [40, 48], [40, 50], [22.5, 50], [22.5, 48]];
    const fine = densify(coarse, 0.25);
    expect(polygonsAreaKm2([[flat(fine)]])).toBeCloseTo(polygonsAreaKm2([[flat(coarse)]]), 3);
  });

  const oblasts = join(dataDir(), 'reference/boundaries/ukraine_adm1_wof_quattroshapes.geojson.gz');
  it.skipIf(!existsSync(oblasts))('matches geographiclib on the real Luhansk oblast outline within 1e-5', () => {
    const fc = JSON.parse(gunzipSync(readFileSync(oblasts)).toString());
    const luhansk = fc.features.find((f: { properties: { iso3166_2: string } }) => f.properties.iso3166_2 === 'UA-09');
    const polys: number[][][][] = luhansk.geometry.type === 'Polygon' ? [luhansk.geometry.coordinates] : luhansk.geometry.coordinates;
    let ours = 0;
    let theirs = 0;
    for (const rings of polys) {
      rings.forEach((r, i) => {
        const sign = i === 0 ? 1 : -1;
        const ring = densify(r.map((p) => [p[0], p[1]]), MAX_EDGE_DEG);
        ours += sign * Math.abs(ringAreaKm2(flat(ring)));
        theirs += sign * geographiclibKm2(ring);
      });
    }
    expect(Math.abs(ours - theirs) / theirs).toBeLessThan(1e-5);
    expect(theirs).toBeGreaterThan(26_600);
    expect(theirs).toBeLessThan(26_800);
  });
});
