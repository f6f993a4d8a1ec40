/**
 * Drawing an attack direction: a line on the map from where the attack starts to where it aims
 * (terra-draw's line mode; its points draggable once ended), then the side, the time, confidence,
 * sources, note and an optional embargo. The same form edits a saved arrow, its line loaded for
 * vertex editing.
 */
import { el } from '../../dom';
import type { EditorContext } from '../context';
import { busyWhile, EmbargoFields, field, keepDay, input, Outcome, select, SourcesFieldset, textarea } from '../forms';
import { CONFIDENCES, type ArrowItem, type Confidence, type NewArrow } from '../workspace-api';
import type { ToolForm } from './change-form';

const SIDES: [string, string][] = [['russia', 'Russia'], ['ukraine', 'Ukraine'], ['unknown', 'Unknown']];


export function arrowForm(ctx: EditorContext, defaultTime: string, save: (arrow: NewArrow, outcome: Outcome) => Promise<boolean>, close: () => void, existing?: ArrowItem): ToolForm {
  const outcome = new Outcome();
  const drawState = el('p', { class: 'draw-state', role: 'status' });
  const side = select('side', SIDES, existing?.side ?? 'russia');
  const time = input('time', { type: 'date', required: '', value: existing?.time.slice(0, 10) ?? defaultTime });
  const confidence = select('confidence', CONFIDENCES, existing?.confidence ?? 'likely');
  const sources = new SourcesFieldset();
  const note = textarea('note', { maxlength: '5000' });
  const embargo = new EmbargoFields();
  const redraw = el('button', { type: 'button', class: 'secondary' }, 'Redraw');
  const cancel = el('button', { type: 'button', class: 'secondary' }, 'Discard');
  const title = existing ? `Edit arrow #${existing.id}` : 'New attack arrow';
  const form = el('form', { class: `tool-form arrow-form${existing ? ' edit-form' : ''}`, 'aria-label': title },
    el('h3', {}, title),
    drawState,
    el('div', { class: 'two' }, field('Attacking side', side), field('Date (UTC)', time)),
    field('Confidence', confidence),
    sources.element,
    field('Note', note),
    ...embargo.elements,
    el('div', { class: 'button-row' }, el('button', { type: 'submit', class: 'primary', id: existing ? 'save-edit' : 'save-arrow' }, existing ? 'Save line and details' : 'Save arrow'), redraw, cancel),
    outcome.element,
  );

  if (existing) {
    sources.set(existing.sources);
    note.value = existing.note ?? '';
    embargo.fill(existing.embargo);
  }

  let alive = true;
  const startDrawing = async () => {
    drawState.textContent = 'Draw the arrow on the map: click where the attack starts, then along its way; click the last point again or press Enter to end it where it aims; Esc cancels.';
    form.dataset.drawn = '';
    const ended = await ctx.map.drawLine();
    if (!alive) return;
    if (ended) {
      drawState.textContent = 'Arrow drawn. Drag its points to adjust, then fill in and save.';
      form.dataset.drawn = '1';
      side.focus();
    } else if (!ctx.map.hasDrawn) {
      drawState.textContent = 'Drawing cancelled.';
    }
  };
  const startEditing = async (a: ArrowItem) => {
    const loaded = await ctx.map.editShape(a.line);
    if (!alive) return;
    form.dataset.drawn = loaded ? '1' : '';
    drawState.textContent = loaded ? 'Drag the points to move the arrow; drag a midpoint to add one; right-click a point to delete it. Then save.' : 'The line could not be loaded: redraw it.';
  };
  redraw.addEventListener('click', () => void startDrawing());
  cancel.addEventListener('click', () => close());
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void busyWhile(form, outcome, 'Saving the arrow…', async () => {
      const line = ctx.map.drawnLine();
      if (!line) throw new Error('Draw the arrow on the map first (and end it).');
      const arrow: NewArrow = {
        line, side: side.value, time: keepDay(existing?.time, time.value), sources: sources.values(),
        confidence: confidence.value as Confidence, note: note.value.trim() || null,
        embargo: embargo.value(existing?.embargo),
      };
      if (await save(arrow, outcome)) close();
    });
  });
  if (existing) void startEditing(existing);
  else void startDrawing();
  return { element: form, dispose: () => { alive = false; ctx.map.cancelDrawing(); } };
}
