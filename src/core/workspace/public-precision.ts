/**
 * How precise the public may see the team's points and arrows. Anonymous visitors get free points
 * snapped to a grid of `deg` degrees (the team's `publicPointPrecisionDeg`); arrows are snapped the
 * same way vertex by vertex, or withheld entirely when the team chooses `publicArrows: 'hidden'`.
 * Settlements are public places already, so an event at a settlement keeps it.
 */
import type { LineString } from 'geojson';

export const PUBLIC_ARROWS = ['rounded', 'hidden'] as const;
export type PublicArrows = (typeof PUBLIC_ARROWS)[number];
/** Unit positions for the public: on the grid ('rounded', the default) or withheld ('hidden'). */
export const PUBLIC_UNITS = ['rounded', 'hidden'] as const;
export type PublicUnits = (typeof PUBLIC_UNITS)[number];

/** A coordinate snapped to the centre of its cell on a grid of `deg` degrees (0: unchanged). coarsen(38.1234, 0.1) = 38.15. */
export function coarsen(x: number, deg: number): number {
  if (!(deg > 0)) return x;
  // 38.3 / 0.1 is 382.99999999999994 in floating point: without the nudge a point on a grid line falls into the cell below.
  return Math.round((Math.floor(x / deg + 1e-9) * deg + deg / 2) * 1e6) / 1e6;
}

/**
 * A unit's position as the public may see it: always on the grid, even when the team placed it at a
 * settlement. An event at a settlement says what happened to a public place; a unit at a settlement
 * says where a unit stands, which the settlement's exact point would give away.
 */
export function publicUnitPoint(lon: number, lat: number, deg: number): [number, number] {
  return [coarsen(lon, deg), coarsen(lat, deg)];
}

/**
 * An arrow as the public may see it: every vertex snapped to the grid, repeated vertices merged.
 * Null when the start and end fall in the same cell: the direction would be noise at that
 * precision, and a degenerate line is no arrow.
 */
export function publicArrowLine(line: LineString, deg: number): LineString | null {
  const out: number[][] = [];
  for (const [lon, lat] of line.coordinates) {
    const p = [coarsen(lon, deg), coarsen(lat, deg)];
    const prev = out[out.length - 1];
    if (!prev || prev[0] !== p[0] || prev[1] !== p[1]) out.push(p);
  }
  const [first, last] = [out[0], out[out.length - 1]];
  if (out.length < 2 || (first[0] === last[0] && first[1] === last[1])) return null;
  return { type: 'LineString', coordinates: out };
}
