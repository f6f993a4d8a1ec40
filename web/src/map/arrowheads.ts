/**
 * Arrowheads for the attack arrows, computed here rather than drawn with a sprite: the viewer has no
 * sprite (it works offline), and a polygon scales with the map like the line it ends.
 */
import type { Feature, FeatureCollection, LineString, Polygon, Position } from 'geojson';

/** Kilometres per degree of latitude (mean Earth radius 6371 km); a degree of longitude is this × cos(lat). */
const KM_PER_DEG = 111.195;

export interface ArrowheadOptions {
  /** Length of the head along the line, km; at most `maxShare` of the line's length. Default 4 km. */
  lengthKm?: number;
  /** The head never takes more than this share (0–1) of the whole line. Default 0.35. */
  maxShare?: number;
  /** Half-angle of the head, degrees. Default 28°. */
  halfAngleDeg?: number;
}

/**
 * The triangle at the end of `line` (lon/lat), pointing along its last segment: a closed ring
 * [tip, left base, right base, tip], or null for a line without two distinct points. Computed on a
 * local equirectangular plane at the tip (exact enough for a few km).
 *
 * Example: a 20 km line due north ending at (38, 48.1) gives the tip (38, 48.1) and base corners
 * 4 km south of it, 2.13 km (tan 28° × 4) west and east.
 */
export function arrowhead(line: Position[], options: ArrowheadOptions = {}): Position[] | null {
  const { lengthKm = 4, maxShare = 0.35, halfAngleDeg = 28 } = options;
  const tip = line[line.length - 1];
  if (!tip) return null;
  const kmPerLon = KM_PER_DEG * Math.cos((tip[1] * Math.PI) / 180);
  const toKm = (p: Position): [number, number] => [(p[0] - tip[0]) * kmPerLon, (p[1] - tip[1]) * KM_PER_DEG];
  // The direction of the head comes from the last point that is not the tip itself.
  let from: [number, number] | null = null;
  let total = 0;
  for (let i = line.length - 1; i > 0; i--) {
    const a = toKm(line[i - 1]);
    const b = toKm(line[i]);
    total += Math.hypot(a[0] - b[0], a[1] - b[1]);
    if (!from && (a[0] !== 0 || a[1] !== 0)) from = a;
  }
  if (!from || total === 0) return null;
  const length = Math.min(lengthKm, total * maxShare);
  const d = Math.hypot(from[0], from[1]);
  // Unit vector from the tip back along the line.
  const [ux, uy] = [from[0] / d, from[1] / d];
  const half = length * Math.tan((halfAngleDeg * Math.PI) / 180);
  const base: [number, number] = [ux * length, uy * length];
  // Left and right of the direction of travel (which is −u).
  const left: [number, number] = [base[0] + uy * half, base[1] - ux * half];
  const right: [number, number] = [base[0] - uy * half, base[1] + ux * half];
  const toLonLat = ([x, y]: [number, number]): Position => [tip[0] + x / kmPerLon, tip[1] + y / KM_PER_DEG];
  return [[tip[0], tip[1]], toLonLat(left), toLonLat(right), [tip[0], tip[1]]];
}

/**
 * The arrows with a head polygon after each line (`kind: 'head'`, the line's properties copied, so
 * both are styled by side and open the same popup); lines get `kind: 'arrow'` and end at the head's base.
 */
export function withArrowheads(arrows: FeatureCollection<LineString>, options?: ArrowheadOptions): FeatureCollection<LineString | Polygon> {
  const features: Feature<LineString | Polygon>[] = [];
  for (const f of arrows.features) {
    const line = f.geometry.coordinates;
    const ring = arrowhead(line, options);
    // The line stops at the middle of the head's base: its round cap and white casing would
    // otherwise poke out past the tip.
    const shaft = ring ? [...line.slice(0, -1), [(ring[1][0] + ring[2][0]) / 2, (ring[1][1] + ring[2][1]) / 2]] : line;
    features.push({ ...f, geometry: { type: 'LineString', coordinates: shaft }, properties: { ...f.properties, kind: 'arrow' } });
    if (ring) features.push({ type: 'Feature', properties: { ...f.properties, kind: 'head' }, geometry: { type: 'Polygon', coordinates: [ring] } });
  }
  return { type: 'FeatureCollection', features };
}
