import { beforeAll, describe, expect, it } from 'vitest';
import * as geos from '../geometry/geos.js';
import { geometryToWkb } from '../geometry/wkb.js';
import { cellOf, cellRect } from '../timeline/grid.js';
import { LAYERS } from '../timeline/status.js';
import { applyChanges, statusInLayers, versionPolygons, type CellLayers } from './apply.js';
import { checkChangeGeometry, sourceProblems, submissionProblems } from './items.js';
import { FailureLimiter } from './login-limiter.js';
import { can, lowerRole, PERMISSIONS, ROLES } from './roles.js';
import { hashPassword, passwordProblems, verifyPassword } from './secrets.js';

const box = (w: number, s: number, e: number, n: number) => ({ type: 'Polygon' as const, coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] });
const wkb = (g: Parameters<typeof geometryToWkb>[0]) => geometryToWkb(g);
const EMPTY = () => geos.toWkb(geos.emptyPolygon());

describe('roles', () => {
  it('orders viewer < editor < reviewer < admin and gives anonymous visitors nothing to write', () => {
    expect(ROLES).toEqual(['viewer', 'editor', 'reviewer', 'admin']);
    for (const action of Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[]) expect(can(null, action)).toBe(false);
    expect(can('editor', 'drafts.write')).toBe(true);
    expect(can('editor', 'drafts.publish')).toBe(false);
    expect(can('reviewer', 'drafts.publish')).toBe(true);
    expect(can('reviewer', 'users.manage')).toBe(false);
    expect(can('admin', 'users.manage')).toBe(true);
    expect(lowerRole('admin', 'editor')).toBe('editor');
  });
});

describe('passwords', () => {
  it('hashes with scrypt and a fresh salt, and verifies only the right password', async () => {
    const a = await hashPassword('correct horse battery staple');
    const b = await hashPassword('correct horse battery staple');
    expect(a).toMatch(/^scrypt\$15\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('horse');
    expect(await verifyPassword('correct horse battery staple', a)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', a)).toBe(false);
    expect(await verifyPassword('anything', 'plain text')).toBe(false);
    expect(passwordProblems('short')).toHaveLength(1);
  });
});

describe('failed-login limiter', () => {
  it('blocks after max failures in the window and forgets them once they are older', () => {
    let t = 0;
    const l = new FailureLimiter({ max: 3, windowMs: 1000, now: () => t });
    l.fail('a'); t = 100; l.fail('a'); t = 200;
    expect(l.retryAfterMs('a')).toBe(0);
    l.fail('a');
    expect(l.retryAfterMs('a')).toBe(800); // the first failure leaves the window at t = 1000
    expect(l.retryAfterMs('b')).toBe(0);
    t = 1000;
    expect(l.retryAfterMs('a')).toBe(0);
    l.reset('a');
    expect(l.retryAfterMs('a')).toBe(0);
  });
});

describe('draft items', () => {
  beforeAll(() => geos.initGeometry());

  it('checks sources: http(s) URLs, a publisher, ISO dates', () => {
    expect(sourceProblems([{ url: 'https://isw.pub/x', publisher: 'ISW', publishedAt: '2022-05-26' }])).toEqual([]);
    const bad = sourceProblems([{ url: 'javascript:alert(1)', publisher: ' ', archiveUrl: 'ftp://x', publishedAt: 'yesterday' }]);
    expect(bad).toHaveLength(4);
    expect(bad[0]).toMatch(/sources\[0\]\.url/);
  });

  it('refuses lat/lon swapped or far-away coordinates and repairs a bow-tie', () => {
    expect(checkChangeGeometry(box(48, 37, 49, 38))).toMatchObject({ ok: false, error: expect.stringMatching(/longitude, latitude/) });
    expect(checkChangeGeometry({ type: 'Point', coordinates: [38, 48] })).toMatchObject({ ok: false });
    const bowTie = { type: 'Polygon' as const, coordinates: [[[38, 48], [38.1, 48.1], [38.1, 48], [38, 48.1], [38, 48]]] };
    const r = checkChangeGeometry(bowTie);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.geometry.type).toBe('MultiPolygon');
      expect(r.areaKm2).toBeGreaterThan(30); // two triangles of a 0.1° box (~82 km²) → about 41 km²
      expect(r.areaKm2).toBeLessThan(50);
    }
  });

  it('refuses to submit a draft with a sourceless item', () => {
    expect(submissionProblems([{ id: 3, kind: 'change', body: { sources: [] } }])).toEqual(['change 3 has no source']);
    expect(submissionProblems([])).toEqual(['the draft has no changes, events or arrows']);
  });
});

describe('applying changes to a cell', () => {
  beforeAll(() => geos.initGeometry());
  const cell = cellOf(30.1, 50.1);
  const r = cellRect(cell);
  const x = (f: number) => r.minX + f * (r.maxX - r.minX);
  const y = (f: number) => r.minY + f * (r.maxY - r.minY);
  // The country covers the cell but its top tenth.
  const country = wkb(box(r.minX - 1, r.minY - 1, r.maxX + 1, y(0.9)));
  const base: CellLayers = {
    occupied: wkb(box(x(0), y(0), x(0.4), y(0.9))),
    occupiedBefore2022: wkb(box(x(0), y(0), x(0.2), y(0.9))),
    contested: wkb(box(x(0.4), y(0), x(0.5), y(0.9))),
    liberated: wkb(box(x(0.7), y(0), x(1), y(0.9))),
  };
  const area = (b: Uint8Array) => { const g = geos.fromWkb(b); const a = geos.areaKm2(g); geos.free(g); return a; };
  const overlap = (a: Uint8Array, b: Uint8Array) => { const ga = geos.fromWkb(a); const gb = geos.fromWkb(b); const i = geos.intersection(ga, gb); const km2 = geos.areaKm2(i); [ga, gb, i].forEach(geos.free); return km2; };
  const run = (status: 'occupied' | 'contested' | 'ukraine', g: ReturnType<typeof box>) => applyChanges([{ status, geometry: g }], (c) => (c === cell ? base : null), country);

  it('adds an occupied area, takes it from contested and liberated, clips it to the country, keeps layers disjoint', () => {
    const change = box(x(0.3), y(0.5), x(0.8), y(1)); // reaches beyond the country's edge at 0.9
    const [out] = run('occupied', change);
    expect(out.cell).toBe(cell);
    const inside = wkb(box(x(0.3), y(0.5), x(0.8), y(0.9)));
    const gained = area(inside) - overlap(inside, base.occupied);
    expect(area(out.after.occupied) - area(base.occupied)).toBeCloseTo(gained, 6);
    expect(overlap(out.after.occupied, out.after.contested)).toBeCloseTo(0, 9);
    expect(overlap(out.after.occupied, out.after.liberated)).toBeCloseTo(0, 9);
    expect(overlap(out.after.contested, out.after.liberated)).toBeCloseTo(0, 9);
    expect(area(out.after.occupiedBefore2022)).toBeCloseTo(area(base.occupiedBefore2022), 9);
    expect(area(out.after.occupied) + area(out.after.contested)).toBeLessThanOrEqual(area(wkb(box(r.minX, r.minY, r.maxX, y(0.9)))) + 1e-6);
  });

  it('makes ground contested out of occupiedBefore2022 too, and Ukrainian ground by subtracting only', () => {
    const [c] = run('contested', box(x(0.1), y(0.1), x(0.3), y(0.3)));
    expect(overlap(c.after.occupiedBefore2022, wkb(box(x(0.1), y(0.1), x(0.3), y(0.3))))).toBeCloseTo(0, 9);
    expect(overlap(c.after.occupied, c.after.occupiedBefore2022)).toBeCloseTo(area(c.after.occupiedBefore2022), 6);
    const [u] = run('ukraine', box(x(0), y(0), x(1), y(0.2)));
    for (const l of ['occupied', 'occupiedBefore2022', 'contested'] as const) expect(overlap(u.after[l], wkb(box(x(0), y(0), x(1), y(0.2))))).toBeCloseTo(0, 9);
    expect(area(u.after.liberated)).toBeCloseTo(area(base.liberated), 9);
    expect(statusInLayers(u.after, x(0.1), y(0.1))).toBe('ukraine');
    expect(statusInLayers(u.after, x(0.1), y(0.5))).toBe('occupiedBefore2022');
    expect(statusInLayers(u.after, x(0.85), y(0.5))).toBe('liberated');
  });

  it('applies changes in order: the later one wins where they overlap', () => {
    const g = box(x(0.6), y(0.2), x(0.9), y(0.4));
    const out = applyChanges([{ status: 'occupied', geometry: g }, { status: 'contested', geometry: g }], (c) => (c === cell ? base : null), country);
    expect(overlap(out[0].after.occupied, wkb(g))).toBeCloseTo(0, 9);
    expect(overlap(out[0].after.contested, wkb(g))).toBeCloseTo(area(wkb(g)), 6);
  });

  it('turns every cell back into polygons for the import, changed cells replaced', () => {
    const other = cell + 1;
    const empty: CellLayers = { occupied: EMPTY(), occupiedBefore2022: EMPTY(), contested: EMPTY(), liberated: EMPTY() };
    const changed = run('ukraine', box(x(0), y(0), x(1), y(0.9)));
    const polys = versionPolygons([[cell, base], [other, empty]], changed);
    expect(polys.map((p) => p.status)).toEqual(['liberated']);
    expect(versionPolygons([[cell, base]], []).map((p) => p.status)).toEqual([...LAYERS]);
  });
});
