/**
 * Colours and labels of the control statuses and of the compare sides. The map style, the legend,
 * the panels and the PNG export all read them from here so a colour never disagrees with its key.
 */
import type { AreaStatus } from './api';

export type ControlStatus = 'occupied' | 'occupiedBefore2022' | 'contested' | 'liberated';

export const STATUS_COLORS: Record<ControlStatus, string> = {
  occupied: '#e0301e',
  occupiedBefore2022: '#8b1a10',
  contested: '#8f8f8f',
  liberated: '#3a9d3a',
};

export const STATUS_LABELS: Record<AreaStatus, string> = {
  occupied: 'Occupied (all)',
  occupiedBefore2022: 'Occupied before 2022',
  contested: 'Contested',
  ukraine: 'Held by Ukraine',
  liberated: 'Liberated',
};

/** Legend wording: the map draws 'occupied' only for ground taken since 2022 (the tiles split it). */
export const LEGEND: { status: ControlStatus; label: string }[] = [
  { status: 'occupied', label: 'Occupied since 2022' },
  { status: 'occupiedBefore2022', label: 'Occupied before 2022' },
  { status: 'contested', label: 'Contested' },
  { status: 'liberated', label: 'Liberated' },
];

export type Side = 'russia' | 'ukraine';
export const SIDE_COLORS: Record<Side, string> = { russia: '#b0179b', ukraine: '#1565d8' };
export const SIDE_LABELS: Record<Side, string> = { russia: 'Gained by Russia', ukraine: 'Gained by Ukraine' };

const RANK: Record<'occupied' | 'contested' | 'ukraine', number> = { ukraine: 0, contested: 1, occupied: 2 };
const base = (s: AreaStatus) => (s === 'occupiedBefore2022' ? 'occupied' : s === 'liberated' ? 'ukraine' : s);

/** Which side gained from a status change (same rule as the server's diff). */
export const gainingSide = (from: AreaStatus, to: AreaStatus): Side => (RANK[base(to)] > RANK[base(from)] ? 'russia' : 'ukraine');

/** Colours of the analysis layers: map style, legend and panels. */
export const ANALYSIS_COLORS = {
  front: '#111111',
  neck: '#111111',
  /** What-if: Ukrainian-held ground behind the proposed line, and Russian-held ground ahead of it. */
  ceded: '#f28c28',
  gained: SIDE_COLORS.ukraine,
  replaced: '#d7301f',
  proposed: '#0b3d91',
} as const;
