/**
 * Compare: two dates, and what changed hands between them — km² gained by each side per oblast
 * and the settlements that changed status. The map part (the changed ground) is drawn by the
 * adapter from /diff/geojson; this panel shows the numbers from /diff.
 */
import type { Api, Diff, Region } from '../api';
import { formatLongDate, isIsoDate } from '../dates';
import { el, replaceChildren, type Child } from '../dom';
import { formatCount, formatKm2, formatSignedKm2 } from '../format';
import type { DateRange } from '../state';
import { gainingSide, SIDE_COLORS, SIDE_LABELS, type Side } from '../statuses';
import { errorMessage, loading, statusChange } from './common';

const SHOWN_SETTLEMENTS = 100;
/** Below this a row is rounding noise from the geometry, not ground that changed hands. */
const MIN_KM2 = 0.01;

export interface ComparePanelOptions {
  api: Api;
  regions: Region[];
  dates: string[];
  onRun: (range: DateRange) => void;
  onPlace: (code: string) => void;
}

export class ComparePanel {
  readonly element: HTMLElement;
  private readonly from: HTMLInputElement;
  private readonly to: HTMLInputElement;
  private readonly result: HTMLElement;
  private shown: string | null = null;
  private generation = 0;

  constructor(private readonly options: ComparePanelOptions) {
    const { dates } = options;
    const bounds = { min: dates[0], max: dates[dates.length - 1] };
    this.from = el('input', { type: 'date', id: 'compare-from', required: '', ...bounds });
    this.to = el('input', { type: 'date', id: 'compare-to', required: '', ...bounds });
    const run = el('button', { type: 'submit', class: 'primary' }, 'Compare');
    const form = el('form', { class: 'compare-form' },
      el('div', { class: 'field' }, el('label', { for: 'compare-from' }, 'From'), this.from),
      el('div', { class: 'field' }, el('label', { for: 'compare-to' }, 'To'), this.to),
      run,
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const range = { from: this.from.value, to: this.to.value };
      if (!isIsoDate(range.from) || !isIsoDate(range.to)) return;
      if (range.from > range.to) [range.from, range.to] = [range.to, range.from];
      options.onRun(range);
    });
    this.result = el('section', { class: 'compare-result', 'aria-live': 'polite' },
      el('p', { class: 'hint' }, 'Pick two dates: the map shows the ground each side gained between them.'));
    this.element = el('div', { class: 'compare-panel' }, form, this.result);
  }

  /** Prefills the form without running it. */
  setInputs(range: DateRange): void {
    this.from.value = range.from;
    this.to.value = range.to;
  }

  async show(range: DateRange): Promise<void> {
    const key = `${range.from}..${range.to}`;
    if (key === this.shown) return;
    this.shown = key;
    this.setInputs(range);
    const generation = ++this.generation;
    replaceChildren(this.result, loading('Comparing…'));
    this.result.setAttribute('aria-busy', 'true');
    try {
      const diff = await this.options.api.diff(range.from, range.to);
      if (generation === this.generation) replaceChildren(this.result, ...this.render(diff));
    } catch (e) {
      this.shown = null;
      if (generation === this.generation) replaceChildren(this.result, errorMessage(e));
    } finally {
      if (generation === this.generation) this.result.removeAttribute('aria-busy');
    }
  }

  reset(): void {
    this.shown = null;
    this.generation++;
  }

  private render(diff: Diff): Child[] {
    const names = new Map(this.options.regions.map((r) => [r.code, r.name]));
    const perRegion = new Map<string, Record<Side, number>>();
    const total: Record<Side, number> = { russia: 0, ukraine: 0 };
    for (const t of diff.transitions) {
      const side = gainingSide(t.from, t.to);
      total[side] += t.areaKm2;
      for (const { code, areaKm2 } of t.byRegion) {
        const row = perRegion.get(code) ?? { russia: 0, ukraine: 0 };
        row[side] += areaKm2;
        perRegion.set(code, row);
      }
    }
    const rows = [...perRegion.entries()]
      .filter(([, v]) => v.russia + v.ukraine >= MIN_KM2)
      .sort(([, a], [, b]) => b.russia + b.ukraine - (a.russia + a.ukraine));

    const heading = el('p', { class: 'as-of' }, `${formatLongDate(diff.from.date)} → ${formatLongDate(diff.to.date)}`);
    const sideHead = (side: Side) => el('th', { scope: 'col' }, el('span', { class: 'swatch', style: `background:${SIDE_COLORS[side]}`, 'aria-hidden': 'true' }), SIDE_LABELS[side]);
    const table = el('table', { class: 'compare-table' },
      el('caption', {}, 'Ground that changed hands, per oblast'),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Oblast'), sideHead('russia'), sideHead('ukraine'), el('th', { scope: 'col' }, 'Net for Russia'))),
      el('tbody', {}, ...(rows.length
        ? rows.map(([code, v]) => el('tr', { 'data-code': code, 'data-russia-km2': String(v.russia), 'data-ukraine-km2': String(v.ukraine) },
          el('th', { scope: 'row' }, names.get(code) ?? code),
          el('td', {}, formatKm2(v.russia)), el('td', {}, formatKm2(v.ukraine)), el('td', {}, formatSignedKm2(v.russia - v.ukraine))))
        : [el('tr', {}, el('td', { colspan: '4', class: 'empty' }, 'No ground changed hands.'))])),
      el('tfoot', {}, el('tr', {}, el('th', { scope: 'row' }, 'Ukraine (total)'),
        el('td', {}, formatKm2(total.russia)), el('td', {}, formatKm2(total.ukraine)), el('td', {}, formatSignedKm2(total.russia - total.ukraine)))),
    );

    const settlements = diff.settlements;
    const list = el('tbody');
    const showRows = (n: number) => replaceChildren(list, ...settlements.slice(0, n).map((s) => {
      const link = el('button', { type: 'button', class: 'link' }, s.name);
      link.addEventListener('click', () => this.options.onPlace(s.code));
      return el('tr', {}, el('th', { scope: 'row' }, link), el('td', {}, s.oblast ? names.get(s.oblast) ?? s.oblast : ''), el('td', {}, statusChange(s.from, s.to)), el('td', { class: 'num' }, formatCount(s.population)));
    }));
    showRows(SHOWN_SETTLEMENTS);
    const more = settlements.length > SHOWN_SETTLEMENTS ? el('button', { type: 'button', class: 'link' }, `Show all ${settlements.length}`) : null;
    more?.addEventListener('click', () => { showRows(settlements.length); more.remove(); });
    const settlementTable = settlements.length
      ? el('table', { class: 'compare-settlements' },
        el('caption', {}, `Settlements that changed status (${settlements.length})`),
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Settlement'), el('th', { scope: 'col' }, 'Oblast'), el('th', { scope: 'col' }, 'Change'), el('th', { scope: 'col' }, 'Population'))),
        list)
      : el('p', { class: 'empty' }, 'No settlement changed status.');
    return [heading, table, settlementTable, more];
  }
}
