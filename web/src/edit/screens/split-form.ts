/**
 * Cutting areas with a drawn line. Two tools: split a saved change into the pieces the line cuts
 * (each keeps its attributes; the server refuses a line that does not cross it, with the reason),
 * and "the front moved to this road": cut a control area of the base version with a line and
 * give the piece on the clicked side a new status, as a new change.
 */
import { el } from '../../dom';
import type { EditorContext } from '../context';
import { busyWhile, dayStart, field, input, Outcome, roundedPoint, select, SourcesFieldset, textarea } from '../forms';
import { CONFIDENCES, type BaseSplit, type ChangeItem, type ChangeStatus, type Confidence } from '../workspace-api';
import { CHANGE_STATUS_LABELS } from './badges';
import type { ToolForm } from './change-form';
import type { LineString } from 'geojson';

/** Draws the cutting line; shows where the drawing stands in `state`. */
async function cutLine(ctx: EditorContext, state: HTMLElement, form: HTMLElement, what: string): Promise<void> {
  state.textContent = `Draw the cutting line across ${what}: start outside it, click to add points, click the last point again or press Enter to end it outside; Esc cancels.`;
  form.dataset.drawn = '';
  if (await ctx.map.drawLine()) {
    state.textContent = 'Line drawn. Drag its points to adjust.';
    form.dataset.drawn = '1';
  } else if (!ctx.map.hasDrawn) {
    state.textContent = 'Drawing cancelled.';
  }
}

const lineOrThrow = (ctx: EditorContext): LineString => {
  const line = ctx.map.drawnLine();
  if (!line) throw new Error('Draw the cutting line on the map first (and end it).');
  return line;
};

export function splitForm(ctx: EditorContext, item: ChangeItem, save: (line: LineString, outcome: Outcome) => Promise<boolean>, close: () => void): ToolForm {
  const outcome = new Outcome();
  const drawState = el('p', { class: 'draw-state', role: 'status' });
  const redraw = el('button', { type: 'button', class: 'secondary' }, 'Redraw');
  const cancel = el('button', { type: 'button', class: 'secondary' }, 'Discard');
  const form = el('form', { class: 'tool-form split-form', 'aria-label': `Split change #${item.id}` },
    el('h3', {}, `Split change #${item.id}`),
    el('p', { class: 'hint' }, 'Each piece becomes a change with the same status, date, sources and note; undo puts the whole back.'),
    drawState,
    el('div', { class: 'button-row' }, el('button', { type: 'submit', class: 'primary', id: 'save-split' }, 'Split'), redraw, cancel),
    outcome.element);
  redraw.addEventListener('click', () => void cutLine(ctx, drawState, form, 'the area'));
  cancel.addEventListener('click', () => close());
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void busyWhile(form, outcome, 'Splitting…', async () => { if (await save(lineOrThrow(ctx), outcome)) close(); });
  });
  void cutLine(ctx, drawState, form, 'the area');
  return { element: form, dispose: () => ctx.map.cancelDrawing() };
}

export function baseSplitForm(ctx: EditorContext, defaultValidFrom: string, save: (split: BaseSplit, outcome: Outcome) => Promise<boolean>, close: () => void): ToolForm {
  const outcome = new Outcome();
  const drawState = el('p', { class: 'draw-state', role: 'status' });
  let point: { lon: number; lat: number } | null = null;
  const pointShown = el('p', { class: 'picked', role: 'status' }, 'No side picked yet.');
  const pick = el('button', { type: 'button', class: 'secondary', id: 'pick-side' }, 'Pick the side that changes');
  const status = select('status', (['occupied', 'contested', 'ukraine'] as ChangeStatus[]).map((s) => [s, CHANGE_STATUS_LABELS[s]]), 'occupied');
  const validFrom = input('validFrom', { type: 'date', required: '', value: defaultValidFrom, min: defaultValidFrom });
  const confidence = select('confidence', CONFIDENCES, 'likely');
  const sources = new SourcesFieldset();
  const note = textarea('note', { maxlength: '5000' });
  const redraw = el('button', { type: 'button', class: 'secondary' }, 'Redraw');
  const cancel = el('button', { type: 'button', class: 'secondary' }, 'Discard');
  const form = el('form', { class: 'tool-form base-split-form', 'aria-label': 'Move the front to a line' },
    el('h3', {}, 'Move the front to a line'),
    el('p', { class: 'hint' }, 'Cut a control area of the base map with a line (a road, a river), then click inside the area on the side that changes hands: that piece becomes a change.'),
    drawState,
    el('div', { class: 'button-row' }, pick), pointShown,
    el('div', { class: 'two' }, field('New status of that side', status), field('Valid from (UTC)', validFrom)),
    field('Confidence', confidence), sources.element, field('Note', note),
    el('div', { class: 'button-row' }, el('button', { type: 'submit', class: 'primary', id: 'save-base-split' }, 'Save change'), redraw, cancel),
    outcome.element);
  redraw.addEventListener('click', () => void cutLine(ctx, drawState, form, 'the control area'));
  pick.addEventListener('click', async () => {
    pointShown.textContent = 'Click the map inside the area, on the side that changes…';
    const p = await ctx.map.pickPoint();
    if (!p) return;
    point = roundedPoint(p);
    pointShown.textContent = `That side: ${point.lat.toFixed(4)} N, ${point.lon.toFixed(4)} E.`;
  });
  cancel.addEventListener('click', () => close());
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void busyWhile(form, outcome, 'Cutting the area…', async () => {
      const line = lineOrThrow(ctx);
      if (!point) throw new Error('Pick the side that changes: click inside the area, beyond the line.');
      const split: BaseSplit = {
        line, point, status: status.value as ChangeStatus, validFrom: dayStart(validFrom.value), sources: sources.values(),
        confidence: confidence.value as Confidence, note: note.value.trim() || null,
      };
      if (await save(split, outcome)) close();
    });
  });
  void cutLine(ctx, drawState, form, 'the control area');
  return { element: form, dispose: () => { ctx.map.cancelPick?.(); ctx.map.cancelDrawing(); } };
}
