/**
 * The claims layer's hatch, drawn as pixels rather than loaded from a sprite (the viewer works
 * offline and its style has no sprite URL).
 */

export interface PatternImage { width: number; height: number; data: Uint8Array }

/**
 * A `size`×`size` RGBA tile of diagonal lines (bottom-left to top-right) `lineWidth` pixels wide in
 * `color` ('#rrggbb') at `alpha` (0–1), transparent between. Tiles seamlessly: a line leaving one
 * edge enters the opposite one. Example: hatchPattern(8, '#5b2c83') has 8 of its 64 pixels set per
 * pixel of line width.
 */
export function hatchPattern(size: number, color: string, lineWidth = 2, alpha = 0.85): PatternImage {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!m) throw new Error(`hatchPattern: colour '${color}' is not #rrggbb`);
  const [r, g, b] = [1, 2, 3].map((i) => parseInt(m[i], 16));
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if ((x + y) % size >= lineWidth) continue;
      const i = (y * size + x) * 4;
      data[i] = r;
      data[i + 1] = g;
      data[i + 2] = b;
      data[i + 3] = Math.round(alpha * 255);
    }
  }
  return { width: size, height: size, data };
}
