import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as geos from './geos.js';

beforeAll(() => geos.initGeometry());

describe('GEOS wrapper', () => {
  it('repairs a polygon whose hole lies outside its shell (as 80 DeepState snapshots of 2022 have)', () => {
    const bad = geos.fromGeoJSON({
      type: 'Polygon',
      coordinates: [[[30, 50, 0], [31, 50, 0], [31, 51, 0], [30, 51, 0], [30, 50, 0]], [[32, 50, 0], [32.5, 50, 0], [32.5, 50.5, 0], [32, 50, 0]]],
    });
    expect(geos.isValid(bad)).toBe(false);
    const fixed = geos.makeValidPolygonal(bad);
    expect(geos.isValid(fixed)).toBe(true);
    const shell = geos.fromGeoJSON({ type: 'Polygon', coordinates: [[[30, 50], [31, 50], [31, 51], [30, 51], [30, 50]]] });
    const stray = geos.fromGeoJSON({ type: 'Polygon', coordinates: [[[32, 50], [32.5, 50], [32.5, 50.5], [32, 50]]] });
    // GEOS keeps a ring outside its shell as a polygon of its own (as an even–odd renderer draws it);
    // in the archive these rings are slivers of < 0.01 km².
    expect(geos.areaKm2(fixed)).toBeCloseTo(geos.areaKm2(shell) + geos.areaKm2(stray), 3);
    [bad, fixed, shell, stray].forEach(geos.free);
  });

  it('repairs a self-intersecting bow-tie into two triangles of equal area', () => {
    const bowtie = geos.fromGeoJSON({ type: 'Polygon', coordinates: [[[30, 50], [31, 51], [31, 50], [30, 51], [30, 50]]] });
    const fixed = geos.makeValidPolygonal(bowtie);
    expect(geos.isValid(fixed)).toBe(true);
    expect(geos.polygonsOf(fixed)).toHaveLength(2);
    geos.free(bowtie);
    geos.free(fixed);
  });

  it('keeps GEOS notices off stdout', () => {
    const log = vi.spyOn(console, 'log');
    const bowtie = geos.fromGeoJSON({ type: 'Polygon', coordinates: [[[30, 50], [31, 51], [31, 50], [30, 51], [30, 50]]] });
    geos.isValid(bowtie); // GEOS reports "Self-intersection" as a notice
    expect(log).not.toHaveBeenCalled();
    geos.takeGeosNotices();
    geos.free(bowtie);
    log.mockRestore();
  });

  it('names the operation when GEOS fails', () => {
    expect(() => geos.fromWkb(new Uint8Array([1, 3, 0, 0, 0, 9]))).toThrow(/reading WKB failed/);
  });
});
