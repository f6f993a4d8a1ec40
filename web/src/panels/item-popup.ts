/**
 * What a click on an event, an attack arrow, a unit or a claim shows: its type, time, side, confidence,
 * note and sources. Sources open in a new tab without giving it our window (`rel=noopener`).
 */
import type { ArrowProperties, ClaimProperties, EventProperties, UnitProperties } from '../api';
import { formatLongDate } from '../dates';
import { el, type Child } from '../dom';
import { formatKm2 } from '../format';
import { claimantName, eventLabel, ITEM_SIDE_COLORS, sideLabel, type ItemSide, type ItemSource } from '../items';

export type PopupItem =
  | { kind: 'event'; properties: EventProperties }
  | { kind: 'arrow'; properties: ArrowProperties }
  | { kind: 'unit'; properties: UnitProperties }
  | { kind: 'claim'; properties: ClaimProperties };

/** "3 June 2022, 06:00 UTC" from an ISO instant. */
export function formatItemTime(iso: string): string {
  const time = iso.length >= 16 ? ` ${iso.slice(11, 16)} UTC` : '';
  return `${formatLongDate(iso.slice(0, 10))},${time}`;
}

/** The sources as links named after their publisher (with the archived copy when there is one). */
export function sourceList(sources: readonly ItemSource[]): HTMLElement {
  if (!sources.length) return el('p', { class: 'muted' }, 'No source published.');
  return el('ul', { class: 'source-list' }, ...sources.map((s) => el('li', {},
    el('a', { href: s.url, target: '_blank', rel: 'noopener', class: 'source-link' }, s.publisher || hostOf(s.url)),
    s.publishedAt ? el('span', { class: 'muted' }, ` ${s.publishedAt.slice(0, 10)}`) : null,
    ...(s.archiveUrl ? [' (', el('a', { href: s.archiveUrl, target: '_blank', rel: 'noopener' }, 'archived'), ')'] : []),
  )));
}

export function itemPopup(item: PopupItem): HTMLElement {
  const p = item.properties;
  const rows: [string, Child][] = [];
  let title: string;
  if (item.kind === 'claim') {
    const c = item.properties;
    title = `Claim by ${claimantName(c.claimant)}`;
    rows.push(['Claimed status', c.status], ['Area', formatKm2(c.areaKm2)], ['From', formatItemTime(c.validFrom)]);
    if (c.validUntil) rows.push(['Until', formatItemTime(c.validUntil)]);
  } else {
    const action: EventProperties | ArrowProperties | UnitProperties = item.properties;
    title = item.kind === 'event' ? eventLabel(item.properties.type) : item.kind === 'unit' ? item.properties.unit : 'Attack direction';
    rows.push(['When', formatItemTime(action.time)], ['Side', el('span', { style: `color:${ITEM_SIDE_COLORS[action.side as ItemSide] ?? 'inherit'}` }, sideLabel(action.side))]);
    // Public free points and arrows are snapped to the team's grid (docs/workspace.md, precision).
    if (action.precisionDeg) rows.push(['Position', `to within ${action.precisionDeg}°`]);
  }
  rows.push(['Confidence', p.confidence]);
  return el('div', { class: 'item-popup', 'data-testid': `${item.kind}-popup` },
    el('h4', {}, title),
    el('dl', {}, ...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])),
    p.note ? el('p', { class: 'item-note' }, p.note) : null,
    item.kind === 'claim' ? el('p', { class: 'muted' }, 'A claim, not assessed control: counted separately in the statistics.') : null,
    el('h5', {}, 'Sources'),
    sourceList(p.sources ?? []),
  );
}

/** Several items at one point (units on the public grid share a cell's centre): each in turn, under a count. */
export function itemsPopup(items: readonly PopupItem[], noun: string): HTMLElement {
  if (items.length === 1) return itemPopup(items[0]);
  return el('div', { class: 'item-popups', 'data-testid': `${noun}-popups` }, el('p', { class: 'muted' }, `${items.length} ${noun} at this point`), ...items.map(itemPopup));
}

function hostOf(url: string): string {
  try { return new URL(url).hostname; } catch { return url; }
}
