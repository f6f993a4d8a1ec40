import { describe, expect, it } from 'vitest';
import { checkArrowLine, unitDesignationProblem } from './items.js';
import { FailureLimiter, memoryFailureLog, type FailureLog } from './login-limiter.js';
import { coarsen, publicArrowLine, publicUnitPoint } from './public-precision.js';

describe('public precision', () => {
  it('snaps a coordinate to the centre of its grid cell, a point on a grid line into the cell above it', () => {
    expect(coarsen(38.123456, 0.1)).toBe(38.15);
    expect(coarsen(38.3, 0.1)).toBe(38.35); // 38.3 / 0.1 = 382.99999999999994 in floating point
    expect(coarsen(48.0, 0.25)).toBe(48.125);
    expect(coarsen(38.123456, 0)).toBe(38.123456);
  });

  it('coarsens an arrow vertex by vertex, merges repeats, and drops an arrow whose ends share a cell', () => {
    const line = { type: 'LineString' as const, coordinates: [[38.01, 48.61], [38.04, 48.62], [38.26, 48.55]] };
    expect(publicArrowLine(line, 0.1)).toEqual({ type: 'LineString', coordinates: [[38.05, 48.65], [38.25, 48.55]] });
    expect(publicArrowLine({ type: 'LineString', coordinates: [[38.01, 48.61], [38.3, 48.7], [38.09, 48.69]] }, 0.1)).toBeNull();
    expect(publicArrowLine(line, 0)).toEqual(line);
  });

  it('puts a unit on the grid even at a settlement, and checks its designation', () => {
    expect(publicUnitPoint(37.561234, 48.723456, 0.1)).toEqual([37.55, 48.75]);
    expect(publicUnitPoint(37.561234, 48.723456, 0)).toEqual([37.561234, 48.723456]);
    expect(unitDesignationProblem('3rd Assault Brigade')).toBeNull();
    expect(unitDesignationProblem('  ')).toMatch(/empty/);
    expect(unitDesignationProblem('x'.repeat(121))).toMatch(/121 characters \(at most 120\)/);
    expect(unitDesignationProblem('x'.repeat(120))).toBeNull();
    expect(unitDesignationProblem('a\u0007b')).toMatch(/control/);
  });

  it('checks an arrow: a LineString of 2–50 lon/lat positions in the extent, with a direction; Z dropped', () => {
    expect(checkArrowLine({ type: 'Point', coordinates: [38, 48] })).toEqual({ ok: false, error: 'line must be a LineString, not Point' });
    expect(checkArrowLine({ type: 'LineString', coordinates: [[38, 48]] })).toMatchObject({ ok: false, error: expect.stringMatching(/1 positions \(2 to 50\)/) });
    expect(checkArrowLine({ type: 'LineString', coordinates: [[48, 38], [48.5, 38]] })).toMatchObject({ ok: false, error: expect.stringMatching(/\[48, 38\] is outside/) });
    expect(checkArrowLine({ type: 'LineString', coordinates: [[38, 48], [38.5, 48], [38, 48]] })).toMatchObject({ ok: false, error: expect.stringMatching(/starts where it ends/) });
    expect(checkArrowLine({ type: 'LineString', coordinates: [[38, 48, 100], [38.5, 48, 90]] })).toEqual({ ok: true, line: { type: 'LineString', coordinates: [[38, 48], [38.5, 48]] } });
  });
});

describe('failed-login limiter over a shared log', () => {
  it('reads and writes failures through the log, so a new limiter on the same log (a restart) still blocks', () => {
    let t = 0;
    const log: FailureLog = memoryFailureLog();
    const first = new FailureLimiter({ max: 2, windowMs: 1000, now: () => t }, log);
    first.fail('olena'); t = 10; first.fail('olena');
    const restarted = new FailureLimiter({ max: 2, windowMs: 1000, now: () => t }, log);
    expect(restarted.retryAfterMs('olena')).toBe(990);
    t = 2000;
    restarted.fail('taras'); // drops failures older than the window as it goes
    expect(log.since('olena', 0)).toEqual([]);
    expect(log.since('taras', 0)).toEqual([2000]);
  });
});
