/** The changes, events and arrows of a draft with their sources, and its comments: shown while editing and in review. */
import type { Feature, LineString } from 'geojson';
import { el } from '../../dom';
import { sourceList } from '../forms';
import type { ArrowItem, ChangeItem, DraftItem, EventItem, UnitItem } from '../workspace-api';
import { CHANGE_STATUS_LABELS } from './badges';

const day = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : '');

function changeHeading(c: ChangeItem): string {
  return `${CHANGE_STATUS_LABELS[c.status] ?? c.status} from ${day(c.validFrom)}`;
}

function eventHeading(e: EventItem): string {
  const where = e.place.name ?? `${e.place.lat.toFixed(3)} N ${e.place.lon.toFixed(3)} E`;
  return `${e.type.replace('_', ' ')} at ${where}, ${day(e.time)} (${e.side})`;
}

function arrowHeading(a: ArrowItem): string {
  const side = a.side === 'russia' ? 'Russian' : a.side === 'ukraine' ? 'Ukrainian' : 'Unattributed';
  return `${side} attack direction, ${day(a.time)} (${a.line.coordinates.length} points)`;
}

function unitHeading(u: UnitItem): string {
  const where = u.place.name ?? `${u.place.lat.toFixed(3)} N ${u.place.lon.toFixed(3)} E`;
  return `${u.unit} at ${where}, ${day(u.time)} (${u.side})`;
}

/** What the editor may do with a saved item (absent while the draft is not editable, and in review). */
export interface ItemActions {
  /** Load a change's area or an arrow's line for vertex editing, or an event or unit, with its attributes in a form. */
  edit(item: DraftItem): void;
  /** Cut a change along a line drawn across it. */
  split(item: ChangeItem): void;
  /** The changes ticked for merging changed. */
  mergeSelection(ids: number[]): void;
}

/** One article per item; undone items stay listed (redo brings them back) but are marked. */
export function itemList(items: readonly DraftItem[], onShow?: (item: DraftItem) => void, actions?: ItemActions): HTMLElement {
  if (!items.length) return el('p', { class: 'empty' }, 'Nothing yet: draw an area or an arrow, place an event or import a file.');
  const ticked = new Set<number>();
  return el('ol', { class: 'item-list' }, ...items.map((item) => {
    const undone = item.state !== 'active';
    const show = onShow ? el('button', { type: 'button', class: 'link' }, 'Show on map') : null;
    show?.addEventListener('click', () => onShow!(item));
    const tools: HTMLElement[] = [];
    if (actions && !undone) {
      const edit = el('button', { type: 'button', class: 'link', 'data-action': 'edit' }, item.kind === 'change' ? 'Edit shape and details' : 'Edit');
      edit.addEventListener('click', () => actions.edit(item));
      tools.push(edit);
      if (item.kind === 'change') {
        const split = el('button', { type: 'button', class: 'link', 'data-action': 'split' }, 'Split');
        split.addEventListener('click', () => actions.split(item));
        const tick = el('input', { type: 'checkbox', name: 'merge', value: String(item.id), 'aria-label': `Select change #${item.id} to merge` });
        tick.addEventListener('change', () => {
          if (tick.checked) ticked.add(item.id); else ticked.delete(item.id);
          actions.mergeSelection([...ticked]);
        });
        tools.push(split, el('label', { class: 'check merge-tick' }, tick, ' merge'));
      }
    }
    const heading = item.kind === 'change' ? changeHeading(item) : item.kind === 'arrow' ? arrowHeading(item) : item.kind === 'unit' ? unitHeading(item) : eventHeading(item);
    return el('li', { class: `item item-${item.kind}${undone ? ' undone' : ''}`, 'data-item': String(item.id) },
      el('h4', {}, `#${item.id} `, heading, undone ? el('span', { class: 'badge' }, 'undone') : ''),
      el('p', { class: 'meta' }, `${item.confidence} · by ${item.author ?? '—'}`,
        item.kind !== 'event' && item.embargo ? el('strong', { class: 'embargo' }, ` · embargo ${item.embargo.until ? `until ${day(item.embargo.until)}` : 'until lifted'}: ${item.embargo.reason}`) : '',
        item.kind === 'change' && item.claim ? ` · claim by ${item.claim.claimant}` : '', ' ', show),
      tools.length ? el('p', { class: 'item-tools' }, ...tools.flatMap((t, i) => (i ? [' · ', t] : [t]))) : null,
      item.note ? el('p', { class: 'note' }, item.note) : null,
      sourceList(item.sources),
    );
  }));
}

export function commentList(comments: readonly { id: number; itemId: number | null; author: string | null; body: string; createdAt: string }[]): HTMLElement {
  if (!comments.length) return el('p', { class: 'empty' }, 'No comments.');
  return el('ul', { class: 'comments' }, ...comments.map((c) => el('li', {},
    el('p', { class: 'meta' }, `${c.author ?? '—'}, ${c.createdAt.slice(0, 16).replace('T', ' ')} UTC${c.itemId ? ` · on #${c.itemId}` : ''}`),
    el('p', {}, c.body))));
}

/** The map's outlines of the active changes, the events' dots and the arrows' lines. */
export function itemFeatures(items: readonly DraftItem[]): { changes: Feature[]; events: Feature[]; arrows: Feature<LineString>[] } {
  const active = items.filter((i) => i.state === 'active');
  return {
    changes: active.filter((i): i is ChangeItem => i.kind === 'change').map((c) => ({ type: 'Feature', properties: { id: c.id, status: c.status }, geometry: c.geometry })),
    // Units share the events' dots, labelled with their designation.
    events: active.filter((i): i is EventItem | UnitItem => i.kind === 'event' || i.kind === 'unit').map((e) => ({
      type: 'Feature', properties: { id: e.id, label: e.kind === 'unit' ? e.unit : e.type.replace('_', ' ') }, geometry: { type: 'Point', coordinates: [e.place.lon, e.place.lat] },
    })),
    arrows: active.filter((i): i is ArrowItem => i.kind === 'arrow').map((a) => ({ type: 'Feature', properties: { id: a.id, side: a.side }, geometry: a.line })),
  };
}

/** West, south, east, north of an item (a change's polygon, an arrow's line or an event's point, padded). */
export function itemBBox(item: DraftItem): [number, number, number, number] {
  if (item.kind === 'event' || item.kind === 'unit') return [item.place.lon - 0.05, item.place.lat - 0.03, item.place.lon + 0.05, item.place.lat + 0.03];
  const pts = item.kind === 'arrow' ? item.line.coordinates : (item.geometry.type === 'Polygon' ? item.geometry.coordinates : item.geometry.coordinates.flat()).flat();
  return [Math.min(...pts.map((p) => p[0])), Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[1]))];
}
