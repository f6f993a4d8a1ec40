/** The map key: control statuses, the two sides while a comparison or movement is shown, and the analysis layers that are on. */
import { el, replaceChildren } from '../dom';
import { ARROW_COLORS, CLAIM_COLOR, claimantName, EVENT_MARKS, ITEM_SIDE_COLORS, ITEM_SIDE_LABELS, type EventType, type ItemSide } from '../items';
import type { LayerName } from '../state';
import { ANALYSIS_COLORS, LEGEND, SIDE_COLORS, SIDE_LABELS, STATUS_COLORS, type Side } from '../statuses';
import type { EventsSummary } from './events-layer';

export interface LegendContent {
  comparing: boolean;
  layers: readonly LayerName[];
  whatif: boolean;
  /** What the events layer drew (types and sides present), when it is on. */
  events?: EventsSummary;
  /** What the units layer drew, when it is on: how many, and whether the team withholds them. */
  units?: { count: number; hidden: boolean; sides: string[] };
  /** Claimants on the map, when the claims layer is on. */
  claimants?: readonly string[];
}

/**
 * One entry of the key for an analysis layer: a line, an area, a hatched area, an arrow, an event
 * mark (`glyph`), a ring in a side's colour, or a plain note.
 */
export interface AnalysisKey { color: string; label: string; line?: boolean; dashed?: boolean; alpha?: number; glyph?: string; ring?: boolean; hatched?: boolean; arrow?: boolean; note?: boolean }

export class Legend {
  readonly element: HTMLElement;
  private readonly list: HTMLUListElement;

  constructor() {
    this.list = el('ul', { class: 'legend-list' });
    this.element = el('section', { class: 'legend', 'aria-label': 'Legend' }, this.list);
    this.render({ comparing: false, layers: [], whatif: false });
  }

  /** The analysis entries of the key (also burnt into the PNG export). */
  static analysisItems({ comparing, layers, whatif, events, units, claimants }: LegendContent): AnalysisKey[] {
    const items: AnalysisKey[] = [];
    if (layers.includes('movement') && !comparing) for (const side of ['russia', 'ukraine'] as Side[]) items.push({ color: SIDE_COLORS[side], label: SIDE_LABELS[side], alpha: 0.75 });
    if (layers.includes('front')) items.push({ color: ANALYSIS_COLORS.front, label: 'Front line', line: true });
    if (layers.includes('salients')) {
      items.push({ color: SIDE_COLORS.russia, label: 'Russian-held salient', line: true }, { color: SIDE_COLORS.ukraine, label: 'Ukrainian-held salient', line: true },
        { color: ANALYSIS_COLORS.neck, label: 'Neck of a salient (width)', line: true, dashed: true });
    }
    if (whatif) {
      items.push({ color: ANALYSIS_COLORS.proposed, label: 'Proposed line', line: true, dashed: true }, { color: ANALYSIS_COLORS.replaced, label: 'Front it replaces', line: true },
        { color: ANALYSIS_COLORS.ceded, label: 'Ground ceded', alpha: 0.6 }, { color: ANALYSIS_COLORS.gained, label: 'Ground gained', alpha: 0.6 });
    }
    if (layers.includes('events')) items.push(...eventKeys(events));
    if (layers.includes('units') && units) {
      if (units.hidden) items.push({ color: '#555555', label: 'Unit positions withheld by the team', note: true });
      if (!units.hidden && !units.count) items.push({ color: '#555555', label: 'No unit positions in these 7 days', note: true });
      for (const side of units.sides) items.push({ color: ITEM_SIDE_COLORS[side as ItemSide] ?? '#555555', label: `Unit (${ITEM_SIDE_LABELS[side as ItemSide] ?? side})`, glyph: '■' });
    }
    if (layers.includes('claims')) {
      if (!claimants?.length) items.push({ color: CLAIM_COLOR, label: 'No claims on this date', note: true });
      for (const c of claimants ?? []) items.push({ color: CLAIM_COLOR, label: `Claimed by ${claimantName(c)}`, hatched: true });
    }
    return items;
  }

  render(content: LegendContent): void {
    // Opacities close to the map's (the legend sits on white, the map on a light land colour).
    const items = LEGEND.map(({ status, label }) => item(STATUS_COLORS[status], label, content.comparing ? 0.3 : 0.65));
    if (content.comparing) {
      for (const side of ['russia', 'ukraine'] as Side[]) items.unshift(item(SIDE_COLORS[side], SIDE_LABELS[side], 0.9));
    }
    for (const a of Legend.analysisItems(content)) items.push(key(a));
    replaceChildren(this.list, ...items);
  }
}

function eventKeys(events: EventsSummary | undefined): AnalysisKey[] {
  if (!events) return [];
  const keys: AnalysisKey[] = [];
  if (!events.eventTypes.length && !events.arrowSides.length) keys.push({ color: '#555555', label: 'No events in these 7 days', note: true });
  for (const side of events.eventSides) keys.push({ color: ITEM_SIDE_COLORS[side as ItemSide] ?? '#555555', label: `Event (${ITEM_SIDE_LABELS[side as ItemSide] ?? side})`, ring: true });
  for (const type of events.eventTypes) {
    const mark = EVENT_MARKS[type as EventType];
    keys.push({ color: '#333333', label: mark?.label ?? type, glyph: mark?.glyph ?? '●' });
  }
  for (const side of events.arrowSides) keys.push({ color: ARROW_COLORS[side as ItemSide] ?? '#333333', label: `Attack direction (${ITEM_SIDE_LABELS[side as ItemSide] ?? side})`, arrow: true });
  if (events.arrowsHidden) keys.push({ color: '#555555', label: 'Attack directions withheld by the team', note: true });
  return keys;
}

function key(a: AnalysisKey): HTMLElement {
  if (a.line) return line(a.color, a.label, a.dashed);
  if (a.note) return el('li', { class: 'legend-note' }, a.label);
  const mark = (cls: string, style: string, text = '') => el('li', {}, el('span', { class: cls, style, 'aria-hidden': 'true' }, text), a.label);
  if (a.glyph) return mark('swatch-glyph', `color:${a.color}`, a.glyph);
  if (a.ring) return mark('swatch-ring', `border-color:${a.color}`);
  if (a.hatched) return mark('swatch swatch-hatched', `color:${a.color};border-color:${a.color}`);
  if (a.arrow) return mark('swatch-arrow', `color:${a.color}`, '➔');
  return item(a.color, a.label, a.alpha ?? 0.9);
}

function item(color: string, label: string, opacity: number): HTMLElement {
  return el('li', {}, el('span', { class: 'swatch', style: `background:${color};opacity:${opacity}`, 'aria-hidden': 'true' }), label);
}

function line(color: string, label: string, dashed = false): HTMLElement {
  return el('li', {}, el('span', { class: `swatch-line${dashed ? ' dashed' : ''}`, style: `border-color:${color}`, 'aria-hidden': 'true' }), label);
}
