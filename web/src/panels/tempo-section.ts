/**
 * Part of the region panel: the front line's length in the region on the date, and the tempo of
 * the 7-day window ending on the date — ground gained per side, each side's class with its reason,
 * and the sentences the server generates. "Show movement" draws the gained patches on the map.
 */
import type { Api, Frontline, Tempo } from '../api';
import { formatLongDate, weekEndingOn } from '../dates';
import { el, replaceChildren, type Child } from '../dom';
import { formatKm, formatKm2 } from '../format';
import { SIDE_COLORS, type Side } from '../statuses';
import { errorMessage, loading } from './common';

const SIDE_NAMES: Record<Side, string> = { russia: 'Russia', ukraine: 'Ukraine' };

export interface TempoSectionOptions {
  api: Api;
  dates: string[];
  /** Asks to draw (true) or clear (false) the last week's movement on the map. */
  onMovement: (show: boolean) => void;
}

export class TempoSection {
  readonly element: HTMLElement;
  private readonly front: HTMLElement;
  private readonly tempo: HTMLElement;
  private readonly movementButton: HTMLButtonElement;
  private key: string | null = null;
  private generation = 0;
  private movementShown = false;

  constructor(private readonly options: TempoSectionOptions) {
    this.front = el('div', { class: 'front-length' });
    this.tempo = el('div', { class: 'tempo' });
    this.movementButton = el('button', { type: 'button', class: 'secondary', id: 'show-movement' }, 'Show movement');
    this.movementButton.addEventListener('click', () => options.onMovement(!this.movementShown));
    this.element = el('section', { class: 'region-analysis', 'aria-live': 'polite' },
      el('h3', {}, 'Front line'), this.front,
      el('h3', {}, 'Tempo: the last 7 days'), this.tempo, this.movementButton);
  }

  setMovementShown(shown: boolean): void {
    this.movementShown = shown;
    this.movementButton.textContent = shown ? 'Hide movement' : 'Show movement';
    this.movementButton.setAttribute('aria-pressed', String(shown));
  }

  async update(region: string, date: string): Promise<void> {
    const key = `${region}@${date}`;
    if (key === this.key) return;
    this.key = key;
    const generation = ++this.generation;
    const stale = () => generation !== this.generation;
    const { api, dates } = this.options;
    const week = weekEndingOn(dates, date);
    replaceChildren(this.front, loading('Measuring the front line…'));
    replaceChildren(this.tempo, week ? loading('Computing the tempo…') : el('p', { class: 'empty' }, 'No earlier map version to compare with.'));
    this.movementButton.hidden = !week;
    const frontPromise = api.frontline(date, region);
    const tempoPromise = week ? api.tempo(week.from, week.to, region) : null;
    tempoPromise?.catch(() => undefined);
    try {
      const front = await frontPromise;
      if (!stale()) replaceChildren(this.front, ...renderFront(front));
    } catch (e) {
      if (!stale()) { this.key = null; replaceChildren(this.front, errorMessage(e)); }
    }
    if (!tempoPromise) return;
    try {
      const tempo = await tempoPromise;
      if (!stale()) replaceChildren(this.tempo, ...renderTempo(tempo));
    } catch (e) {
      if (!stale()) { this.key = null; replaceChildren(this.tempo, errorMessage(e)); }
    }
  }
}

function renderFront(f: Frontline): Child[] {
  const total = el('p', { class: 'figure' },
    el('strong', { 'data-testid': 'front-length', 'data-value': String(f.lengthKm) }, formatKm(f.lengthKm)),
    f.region.level === 'country' ? ' of front line in Ukraine' : ` of front line in ${f.region.name}`);
  // For the country (or a region spanning oblasts), where the front runs.
  const parts = f.byRegion.length > 1
    ? el('p', { class: 'muted' }, f.byRegion.map((r) => `${r.name} ${formatKm(r.lengthKm)}`).join(' · '))
    : null;
  return [total, parts];
}

function renderTempo(t: Tempo): Child[] {
  const gained = { russia: t.gains.russiaKm2, ukraine: t.gains.ukraineKm2 };
  const perDay = { russia: t.gains.russiaKm2PerDay, ukraine: t.gains.ukraineKm2PerDay };
  const rows = (['russia', 'ukraine'] as Side[]).map((side) => {
    const advance = t.advance[side];
    return el('tr', { 'data-side': side },
      el('th', { scope: 'row' }, el('span', { class: 'swatch', style: `background:${SIDE_COLORS[side]}`, 'aria-hidden': 'true' }), SIDE_NAMES[side]),
      el('td', { 'data-testid': `tempo-${side}-km2`, 'data-value': String(gained[side]) }, formatKm2(gained[side])),
      el('td', {}, `${formatKm2(perDay[side])}/day`),
      el('td', { class: `class class-${advance.class.replace(' ', '-')}`, 'data-testid': `tempo-${side}-class`, title: advance.reason }, advance.class));
  });
  const overall = t.classification.side
    ? `${t.classification.class} by ${SIDE_NAMES[t.classification.side as Side] ?? t.classification.side}`
    : t.classification.class;
  return [
    el('p', { class: 'as-of' }, `${formatLongDate(t.from.date)} → ${formatLongDate(t.to.date)} (${t.days} days)`),
    el('table', { class: 'tempo-table' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Gained by'), el('th', { scope: 'col' }, 'km²'), el('th', { scope: 'col' }, 'per day'), el('th', { scope: 'col' }, 'Class'))),
      el('tbody', {}, ...rows)),
    el('p', { class: 'classification', 'data-testid': 'tempo-classification' }, el('strong', {}, capitalise(overall)), '.'),
    el('ul', { class: 'reasons' }, ...(['russia', 'ukraine'] as Side[]).map((side) =>
      el('li', {}, `${SIDE_NAMES[side]}: ${t.advance[side].class} — ${t.advance[side].reason}.`))),
    t.statements.length
      ? el('ul', { class: 'statements', 'data-testid': 'tempo-statements' }, ...t.statements.map((s) => el('li', {}, s)))
      : el('p', { class: 'empty' }, 'No notable change from the week before.'),
  ];
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
