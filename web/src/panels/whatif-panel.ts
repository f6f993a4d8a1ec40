/**
 * What-if: a proposed line, typed as places ("Bakhmut, Siversk, Sloviansk") or drawn on the map,
 * joined to the front of the map date. Shows the ground ceded and gained, the front's length before
 * and after, and the settlements on the far side; the server's message when the line cannot be
 * joined. The map part (line, replaced front, ceded ground) comes from /whatif/geojson.
 */
import type { Api, Whatif } from '../api';
import { formatLongDate } from '../dates';
import { el, replaceChildren, type Child } from '../dom';
import { formatCount, formatKm, formatKm2 } from '../format';
import { parseDrawnLine, whatifLineParam } from '../permalink';
import { ANALYSIS_COLORS } from '../statuses';
import { errorMessage, loading } from './common';

const SHOWN_SETTLEMENTS = 25;
export const WHATIF_EXAMPLE = 'Bakhmut, Siversk, Sloviansk';

export interface WhatifPanelOptions {
  api: Api;
  /** Runs the what-if for a line (places, or `lon,lat;…` of a drawn line). */
  onRun: (line: string) => void;
  /** Starts drawing on the map (`ready` once clicks add points); resolves when the line is finished or cancelled. */
  onDraw: (ready: () => void) => Promise<void>;
  onFinishDrawing: () => void;
  onCancelDrawing: () => void;
}

export class WhatifPanel {
  readonly element: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly drawButton: HTMLButtonElement;
  private readonly drawing: HTMLElement;
  private readonly result: HTMLElement;
  private key: string | null = null;
  private generation = 0;

  constructor(private readonly options: WhatifPanelOptions) {
    this.input = el('input', { type: 'text', id: 'whatif-line', placeholder: WHATIF_EXAMPLE, autocomplete: 'off', spellcheck: 'false' });
    const run = el('button', { type: 'submit', class: 'primary' }, 'Run');
    const form = el('form', { class: 'whatif-form' },
      el('div', { class: 'field' }, el('label', { for: 'whatif-line' }, 'Proposed line: places, in order'), this.input),
      run);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const line = this.input.value.trim() || WHATIF_EXAMPLE;
      this.input.value = line;
      options.onRun(line);
    });
    this.drawButton = el('button', { type: 'button', class: 'secondary', id: 'whatif-draw' }, 'Draw on the map');
    const finish = el('button', { type: 'button', class: 'primary', id: 'whatif-finish' }, 'Finish line');
    const cancel = el('button', { type: 'button', class: 'secondary' }, 'Cancel');
    this.drawing = el('div', { class: 'whatif-drawing', hidden: '' },
      el('p', { class: 'hint' }, 'Click on the map to add points; click the last point again, press Enter or "Finish line" to end it. Both ends must lie within 40 km of the front.'),
      el('div', { class: 'button-row' }, finish, cancel));
    this.drawButton.addEventListener('click', async () => {
      this.drawButton.disabled = true;
      try { await options.onDraw(() => this.setDrawing(true)); } finally { this.setDrawing(false); }
    });
    finish.addEventListener('click', () => options.onFinishDrawing());
    cancel.addEventListener('click', () => options.onCancelDrawing());
    this.result = el('section', { class: 'whatif-result', 'aria-live': 'polite' },
      el('p', { class: 'hint' }, 'The line is joined to the front at both ends; the ground between it and the front changes hands.'));
    this.element = el('div', { class: 'whatif-panel' }, form, el('div', { class: 'button-row' }, this.drawButton), this.drawing, this.result);
  }

  private setDrawing(on: boolean) {
    this.drawing.hidden = !on;
    this.drawButton.disabled = on;
  }

  /** Shows the what-if of `line` on `date`; null clears the result (the form keeps its text). */
  async show(line: string | null, date: string): Promise<void> {
    if (!line) {
      this.key = null;
      this.generation++;
      replaceChildren(this.result, el('p', { class: 'hint' }, 'The line is joined to the front at both ends; the ground between it and the front changes hands.'));
      return;
    }
    const key = `${line}@${date}`;
    if (key === this.key) return;
    this.key = key;
    const drawn = parseDrawnLine(line);
    this.input.value = drawn ? '' : line;
    const generation = ++this.generation;
    replaceChildren(this.result, loading('Joining the line to the front…'));
    this.result.setAttribute('aria-busy', 'true');
    try {
      const r = await this.options.api.whatif(date, whatifLineParam(line));
      if (generation === this.generation) replaceChildren(this.result, ...render(r, drawn ? `a line drawn through ${drawn.length} points` : null));
    } catch (e) {
      if (generation === this.generation) { this.key = null; replaceChildren(this.result, errorMessage(e)); }
    } finally {
      if (generation === this.generation) this.result.removeAttribute('aria-busy');
    }
  }
}

function render(r: Whatif, drawnLabel: string | null): Child[] {
  const route = drawnLabel ?? r.line.map((p) => p.name ?? `${p.lon.toFixed(3)}, ${p.lat.toFixed(3)}`).join(' – ');
  const figures = el('table', { class: 'whatif-table' },
    el('tbody', {},
      el('tr', {}, el('th', { scope: 'row' }, swatch('ceded'), 'Ceded by Ukraine'),
        el('td', { 'data-testid': 'whatif-ceded', 'data-value': String(r.cededKm2) }, formatKm2(r.cededKm2))),
      el('tr', {}, el('th', { scope: 'row' }, swatch('gained'), 'Gained by Ukraine'),
        el('td', { 'data-testid': 'whatif-gained', 'data-value': String(r.gainedKm2) }, formatKm2(r.gainedKm2))),
      el('tr', {}, el('th', { scope: 'row' }, 'Front, this stretch'),
        el('td', { 'data-testid': 'whatif-front', 'data-before': String(r.frontLengthBeforeKm), 'data-after': String(r.frontLengthAfterKm) },
          `${formatKm(r.frontLengthBeforeKm)} → ${formatKm(r.frontLengthAfterKm)}`)),
      el('tr', {}, el('th', { scope: 'row' }, 'People in ceded settlements'), el('td', {}, formatCount(r.cededPopulation)))));
  // A drawn line's ends have no names (the server gives their coordinates): say "its start" / "its end".
  const end = (to: string, i: number) => (to.startsWith('[') ? (i === 0 ? 'its start' : 'its end') : to);
  const joins = el('p', { class: 'muted' }, 'Joined to the front ', r.joins.map((j, i) => `${formatKm(j.km)} from ${end(j.to, i)}`).join(' and '), '.');
  const list = el('tbody');
  const rows = (n: number) => replaceChildren(list, ...r.settlements.slice(0, n).map((s) =>
    el('tr', { 'data-side': s.side }, el('th', { scope: 'row' }, s.name), el('td', {}, s.side === 'ceded' ? 'ceded' : 'gained'), el('td', {}, formatCount(s.population)))));
  rows(SHOWN_SETTLEMENTS);
  const more = r.settlements.length > SHOWN_SETTLEMENTS ? el('button', { type: 'button', class: 'link' }, `Show all ${r.settlements.length}`) : null;
  more?.addEventListener('click', () => { rows(r.settlements.length); more.remove(); });
  const settlements = r.settlements.length
    ? el('table', { class: 'whatif-settlements' },
      el('caption', {}, `Settlements on the far side (${r.settlements.length})`),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Settlement'), el('th', { scope: 'col' }, 'Ground'), el('th', { scope: 'col' }, 'Population'))),
      list)
    : el('p', { class: 'empty' }, 'No settlement on the far side.');
  return [el('p', { class: 'as-of' }, `${route} · front of ${formatLongDate(r.date)}`), figures, joins, settlements, more];
}

const swatch = (kind: 'ceded' | 'gained') => el('span', { class: 'swatch', style: `background:${ANALYSIS_COLORS[kind]};opacity:0.6`, 'aria-hidden': 'true' });
