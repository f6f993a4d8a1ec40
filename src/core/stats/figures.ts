/**
 * Status figures of a region from a version's stored layer areas: the JSON shapes of
 * `frontline stats`, `series` and the API (docs/cli.md documents them).
 */
import type { Status } from '../timeline/status.js';

export interface LayerAreas { occupied: number; occupiedBefore2022: number; contested: number; liberated: number }
export interface StatusFigure { areaKm2: number; share: number }
export type ByStatus = Record<Status, StatusFigure>;

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** km² rounded to 0.01 km², shares to 1e-6. `ukraine` is the region's remainder, so the three base shares sum to 1. */
export function byStatus(areas: LayerAreas, regionAreaKm2: number): ByStatus {
  const occupied = Math.min(areas.occupied, regionAreaKm2);
  const contested = Math.min(areas.contested, regionAreaKm2 - occupied);
  const ukraine = Math.max(0, regionAreaKm2 - occupied - contested);
  const fig = (a: number): StatusFigure => ({ areaKm2: round(a, 2), share: regionAreaKm2 > 0 ? round(a / regionAreaKm2, 6) : 0 });
  return {
    occupied: fig(occupied),
    occupiedBefore2022: fig(Math.min(areas.occupiedBefore2022, occupied)),
    contested: fig(contested),
    ukraine: fig(ukraine),
    liberated: fig(Math.min(areas.liberated, ukraine)),
  };
}
