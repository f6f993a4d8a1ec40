/**
 * A settlement's status on the map date, its distance to the front (Russian-held ground) with its
 * 7/30-day change, and its history ("occupied since 24 May 2022") with the team's published events.
 */
import type { Api, Distance, Place, PlaceHistory } from '../api';
import { formatLongDate } from '../dates';
import { el, replaceChildren, type Child } from '../dom';
import { formatKm, formatSignedKm } from '../format';
import { STATUS_COLORS } from '../statuses';
import { eventLabel, ITEM_SIDE_COLORS, sideLabel, type ItemSide } from '../items';
import { errorMessage, loading, statusWord } from './common';
import { formatItemTime, sourceList } from './item-popup';
import { placeTimeline, type PlaceEvent } from './place-timeline';
import { describe } from './search-box';

export class PlacePanel {
  readonly element: HTMLElement;
  private code: string | null = null;
  private date: string | null = null;
  private generation = 0;

  constructor(
    private readonly api: Api,
    private readonly firstDate: string,
    private readonly nameOf: (code: string) => string,
    private readonly onDate: (date: string) => void,
    /** The place's distance to the front on the date (null while none is known), for the map. */
    private readonly onDistance: (distance: Distance | null) => void = () => undefined,
  ) {
    this.element = el('div', { class: 'place-panel', 'aria-live': 'polite' });
  }

  /** `place` (from search) adds oblast and population; a click on the map gives only the code. */
  async show(code: string, date: string, place?: Place): Promise<PlaceHistory | null> {
    if (code === this.code && date === this.date) return null;
    const generation = ++this.generation;
    this.code = code;
    this.date = date;
    replaceChildren(this.element, loading('Loading history…'));
    const distance = el('section', { class: 'place-distance', 'aria-live': 'polite' }, loading('Measuring the distance to the front…'));
    this.onDistance(null);
    void this.api.distance(date, code).then(
      (d) => {
        if (generation !== this.generation) return;
        replaceChildren(distance, ...renderDistance(d));
        this.onDistance(d);
      },
      (e: unknown) => { if (generation === this.generation) replaceChildren(distance, errorMessage(e)); });
    try {
      const history = await this.api.placeHistory(code);
      if (generation === this.generation) replaceChildren(this.element, ...this.render(history, date, place, distance));
      return history;
    } catch (e) {
      this.date = null;
      if (generation === this.generation) replaceChildren(this.element, errorMessage(e));
      return null;
    }
  }

  private render(h: PlaceHistory, date: string, place: Place | undefined, distance: HTMLElement): Child[] {
    const upTo = h.history.filter((x) => x.date <= date);
    const current = upTo[upTo.length - 1];
    const since = current
      ? current.date <= this.firstDate ? `since the archive starts (${formatLongDate(this.firstDate)})` : `since ${current.date}`
      : '';
    const summary = current
      ? el('p', { class: 'place-status', 'data-testid': 'place-status' },
        el('span', { class: 'swatch', style: `background:${current.status === 'ukraine' ? '#f6f4ee' : STATUS_COLORS[current.status]}`, 'aria-hidden': 'true' }),
        `${capitalise(statusWord(current.status))} ${since}`, el('span', { class: 'muted' }, ` (on ${formatLongDate(date)})`))
      : el('p', { class: 'muted' }, `No status on ${formatLongDate(date)}.`);
    const details = place ? el('p', { class: 'muted' }, describe(place, this.nameOf)) : null;
    const items = placeTimeline(h.history, h.events ?? []).map((day) => {
      const go = el('button', { type: 'button', class: 'link' }, day.date);
      go.addEventListener('click', () => this.onDate(day.date));
      const x = day.status;
      return el('li', { class: x && x === current ? 'current' : '', 'data-date': day.date },
        go, x ? ` ${statusWord(x.status)}` : null, x?.source === 'frontline' ? el('span', { class: 'muted' }, ' (team)') : null,
        ...day.events.map(renderEvent));
    });
    return [
      // The panel title shows the name; this copy is for the PNG-less reader of the panel alone.
      el('p', { class: 'visually-hidden', 'data-testid': 'place-name' }, h.name),
      details, summary, distance,
      el('h4', {}, h.events?.length ? 'History and events' : 'Status history'),
      items.length ? el('ol', { class: 'history-list' }, ...items) : el('p', { class: 'empty' }, 'No recorded change.'),
    ];
  }
}

function renderEvent(e: PlaceEvent): HTMLElement {
  return el('div', { class: 'event-entry', 'data-testid': 'place-event', 'data-type': e.type },
    el('span', { style: `color:${ITEM_SIDE_COLORS[e.side as ItemSide] ?? 'inherit'}` }, `${eventLabel(e.type)}`),
    el('span', { class: 'muted' }, ` · ${sideLabel(e.side)} · ${e.confidence} · ${formatItemTime(e.time)}`),
    e.note ? el('div', {}, e.note) : null,
    sourceList(e.sources));
}

function renderDistance(d: Distance): Child[] {
  if (d.insideEnemyHeldGround) return [el('p', { 'data-testid': 'distance-km', 'data-value': '0' }, 'Inside Russian-held ground.')];
  const change = (km: number | null, days: number) => el('span', { class: km == null ? 'muted' : km < 0 ? 'closer' : km > 0 ? 'farther' : '', 'data-testid': `distance-${days}d` },
    `${days} days: ${formatSignedKm(km)}`);
  return [
    el('p', {}, el('strong', { 'data-testid': 'distance-km', 'data-value': String(d.distanceKm) }, formatKm(d.distanceKm)), ' from the front (Russian-held ground)'),
    el('p', { class: 'muted', title: 'change of the distance (negative: the front came closer)' }, 'Change: ', change(d.change7dKm, 7), ' · ', change(d.change30dKm, 30)),
  ];
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
