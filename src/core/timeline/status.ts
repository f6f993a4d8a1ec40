/**
 * Control statuses. On any date every point of Ukraine has exactly one of the three base
 * statuses; the two history statuses are subsets reported beside them.
 */
export const BASE_STATUSES = ['occupied', 'contested', 'ukraine'] as const;
export type BaseStatus = (typeof BASE_STATUSES)[number];

/** occupiedBefore2022 ⊆ occupied (ORDLO, Crimea, Tuzla); liberated ⊆ ukraine. */
export const ALL_STATUSES = ['occupied', 'occupiedBefore2022', 'contested', 'ukraine', 'liberated'] as const;
export type Status = (typeof ALL_STATUSES)[number];

/** The layers stored per version; `ukraine` is whatever the region has left. */
export const LAYERS = ['occupied', 'occupiedBefore2022', 'contested', 'liberated'] as const;
export type Layer = (typeof LAYERS)[number];

/** What a source feature says about the ground it covers. */
export type SourceStatus = 'occupied' | 'occupiedBefore2022' | 'contested' | 'liberated';

/** A settlement's status on a date: the base status, refined by history. */
export type SettlementStatus = 'occupied' | 'occupiedBefore2022' | 'contested' | 'liberated' | 'ukraine';

export function isStatus(s: string): s is Status {
  return (ALL_STATUSES as readonly string[]).includes(s);
}
