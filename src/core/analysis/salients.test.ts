import { describe, expect, it } from 'vitest';
import { chainPieces, findLoops, resample, type Path } from './salients.js';

/** A straight front along y = 0 with a rectangular bulge `depth` km deep and `neck` km wide at x = 50. */
function bulge(depth: number, neck: number): Path {
  return [[0, 0], [50, 0], [50, depth], [50 + neck, depth], [50 + neck, 0], [120, 0]];
}

describe('salient loops', () => {
  it('finds a deep, narrow bulge and measures its neck', () => {
    const { pts, along } = resample(bulge(20, 5));
    const loops = findLoops(pts, along);
    expect(loops).toHaveLength(1);
    expect(loops[0].neckKm).toBeCloseTo(5, 0);
    expect(loops[0].alongKm).toBeGreaterThan(40);
  });

  it('ignores a straight front and a shallow, wide bulge', () => {
    expect(findLoops(...Object.values(resample([[0, 0], [100, 0]])) as [Path, number[]])).toHaveLength(0);
    const { pts, along } = resample(bulge(5, 40));
    expect(findLoops(pts, along)).toHaveLength(0);
  });

  it('chains pieces across small gaps, closest ends first, whichever way they run', () => {
    const a: Path = [[0, 0], [10, 0]];
    const b: Path = [[21, 0], [11, 0]]; // reversed, 1 km gap
    const c: Path = [[40, 0], [50, 0]]; // 19 km away: stays apart
    const chains = chainPieces([a, b, c], 5);
    expect(chains).toHaveLength(2);
    const long = chains.find((p) => p.length === 4)!;
    expect(long.map((p) => p[0])).toEqual(expect.arrayContaining([0, 10, 11, 21]));
    expect(Math.abs(long[0][0] - long[3][0])).toBe(21);
  });
});
