import { describe, expect, it } from 'vitest';
import { hatchPattern } from './hatch';

describe('hatchPattern', () => {
  it('sets lineWidth pixels per row, on the anti-diagonal, in the colour given', () => {
    const p = hatchPattern(8, '#5b2c83', 2);
    const on = (x: number, y: number) => p.data[(y * 8 + x) * 4 + 3] > 0;
    let count = 0;
    for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) if (on(x, y)) count++;
    expect(count).toBe(16);
    expect(on(0, 0) && on(1, 0) && on(7, 1) && on(0, 1)).toBe(true);
    expect(on(2, 0)).toBe(false);
    expect([...p.data.slice(0, 4)]).toEqual([0x5b, 0x2c, 0x83, 217]);
  });

  it('tiles seamlessly: the column after the last wraps to the first', () => {
    const p = hatchPattern(8, '#000000', 1);
    for (let y = 0; y < 8; y++) {
      const x = (8 - y) % 8;
      expect(p.data[(y * 8 + x) * 4 + 3]).toBeGreaterThan(0);
    }
  });

  it('names a bad colour', () => {
    expect(() => hatchPattern(8, 'purple')).toThrow("colour 'purple'");
  });
});
