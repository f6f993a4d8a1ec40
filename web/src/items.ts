/**
 * Labels, colours and marks of the team's published items (events, attack arrows, claims), shared
 * by the map style, the legend, the popups and the place panel so a mark never disagrees with its key.
 */
import { SIDE_COLORS } from './statuses';

/** The event types of the workspace (src/core/workspace/items.ts), in the legend's order. */
export const EVENT_TYPES = ['capture', 'withdrawal', 'counterattack', 'evacuation', 'shelling', 'road_cut', 'encirclement', 'claim'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * Each type's mark: a character drawn in the side's colour on a white disc. Characters, not sprite
 * images: the style has no sprite URL and MapLibre draws text from local fonts (DejaVu Sans and
 * Arial both have these geometric shapes).
 */
export const EVENT_MARKS: Record<EventType, { glyph: string; label: string }> = {
  capture: { glyph: '■', label: 'Capture' },
  withdrawal: { glyph: '▼', label: 'Withdrawal' },
  counterattack: { glyph: '▲', label: 'Counterattack' },
  evacuation: { glyph: '◆', label: 'Evacuation' },
  shelling: { glyph: '✕', label: 'Shelling' },
  road_cut: { glyph: '═', label: 'Road cut' },
  encirclement: { glyph: '◎', label: 'Encirclement' },
  claim: { glyph: '?', label: 'Claim' },
};

export const eventLabel = (type: string): string => EVENT_MARKS[type as EventType]?.label ?? type;

export type ItemSide = 'russia' | 'ukraine' | 'unknown';
export const ITEM_SIDE_COLORS: Record<ItemSide, string> = { ...SIDE_COLORS, unknown: '#555555' };
export const ITEM_SIDE_LABELS: Record<ItemSide, string> = { russia: 'Russian forces', ukraine: 'Ukrainian forces', unknown: 'Side unknown' };
export const sideLabel = (side: string): string => ITEM_SIDE_LABELS[side as ItemSide] ?? side;

/** Attack arrows: dark so they read over the red and green control fills. */
export const ARROW_COLORS: Record<ItemSide, string> = { russia: '#6a0d5c', ukraine: '#0b3d91', unknown: '#333333' };

/** Claims are outlined and hatched in one colour, apart from every control status colour. */
export const CLAIM_COLOR = '#5b2c83';

/** Claimants are codes (`ru-mod`, `ua-gs`); the well-known ones get a readable name. */
const CLAIMANTS: Record<string, string> = { 'ru-mod': 'Russian Ministry of Defence', 'ua-gs': 'General Staff of Ukraine' };
export const claimantName = (code: string): string => CLAIMANTS[code] ?? code;

/** A source of an item as the API gives it. */
export interface ItemSource { url: string; publisher: string; publishedAt?: string | null; archiveUrl?: string | null }
