/**
 * Drawing a change: the area on the map (terra-draw, snapped to the base version's control
 * boundaries and the oblast borders, vertices draggable once closed), then its status, valid-from
 * date, confidence, sources, note and an optional embargo. The same form edits a saved change: its
 * area is loaded with draggable vertices and midpoints, its fields filled in.
 */
import { el } from '../../dom';
import type { EditorContext } from '../context';
import { busyWhile, EmbargoFields, field, keepDay, input, Outcome, select, SourcesFieldset, textarea } from '../forms';
import { CONFIDENCES, type ChangeItem, type ChangeStatus, type Confidence, type NewChange } from '../workspace-api';
import { CHANGE_STATUS_LABELS } from './badges';

export interface ToolForm { element: HTMLElement; dispose(): void }

/** The control areas of the view at zooms where a boundary is worth snapping to (below, too much to fetch). */
const SNAP_MIN_ZOOM = 7;

/** `existing`: the saved change to edit; `save` then gets only what differs from it (sources and date untouched are not re-sent, so nothing is rounded). */

export function changeForm(ctx: EditorContext, baseDate: string, defaultValidFrom: string,
  save: (change: NewChange, outcome: Outcome) => Promise<boolean>, close: () => void, existing?: ChangeItem): ToolForm {
  const outcome = new Outcome();
  const drawState = el('p', { class: 'draw-state', role: 'status' });
  const snapping = el('input', { type: 'checkbox', name: 'snapping', checked: '' });
  const status = select('status', (['occupied', 'contested', 'ukraine'] as ChangeStatus[]).map((s) => [s, CHANGE_STATUS_LABELS[s]]), 'occupied');
  // Dates are taken as 00:00 UTC, which is never after the base version's own time on its day.
  const validFrom = input('validFrom', { type: 'date', required: '', value: defaultValidFrom, min: defaultValidFrom });
  const confidence = select('confidence', CONFIDENCES, 'likely');
  const sources = new SourcesFieldset();
  const note = textarea('note', { maxlength: '5000' });
  const embargo = new EmbargoFields();
  const redraw = el('button', { type: 'button', class: 'secondary' }, 'Redraw');
  const cancel = el('button', { type: 'button', class: 'secondary' }, 'Discard');
  const title = existing ? `Edit change #${existing.id}` : 'New change';
  const form = el('form', { class: `tool-form change-form${existing ? ' edit-form' : ''}`, 'aria-label': title },
    el('h3', {}, title),
    drawState,
    el('label', { class: 'check' }, snapping, ' Snap to control boundaries and oblast borders'),
    el('div', { class: 'two' }, field('Status from then on', status), field('Valid from (UTC)', validFrom)),
    field('Confidence', confidence),
    sources.element,
    field('Note', note),
    ...embargo.elements,
    el('div', { class: 'button-row' }, el('button', { type: 'submit', class: 'primary', id: existing ? 'save-edit' : 'save-change' }, existing ? 'Save shape and details' : 'Save change'), redraw, cancel),
    outcome.element,
  );

  let alive = true;
  const refreshSnapTargets = async () => {
    const { bbox, zoom } = ctx.map.view();
    if (zoom < SNAP_MIN_ZOOM) { ctx.map.setSnapFeatures([]); return; }
    const b = bbox.map((v) => v.toFixed(4)).join(',');
    try {
      const res = await fetch(`/api/v1/control?date=${baseDate}&bbox=${b}&zoom=${Math.ceil(zoom)}`);
      if (res.ok && alive) ctx.map.setSnapFeatures((await res.json()).features);
    } catch {
      // Snapping to control boundaries is a help, not a requirement: drawing goes on without it.
    }
  };
  const stopWatching = ctx.map.onViewChange(() => void refreshSnapTargets());
  snapping.addEventListener('change', () => { ctx.map.snapping = snapping.checked; });

  const startDrawing = async () => {
    drawState.textContent = 'Draw the area on the map: click to add points; click the first point or press Enter to close it; Esc cancels.';
    form.dataset.drawn = '';
    void refreshSnapTargets();
    const closed = await ctx.map.drawPolygon();
    if (!alive) return;
    if (closed) {
      drawState.textContent = 'Area drawn. Drag its points to adjust (click a midpoint to add one), then fill in and save.';
      form.dataset.drawn = '1';
      status.focus();
    } else if (!ctx.map.hasDrawn) {
      drawState.textContent = 'Drawing cancelled.';
    }
  };
  /** Loads the saved area for vertex editing; an area terra-draw cannot hold (holes, several parts) keeps its shape. */
  let shapeKept = false;
  const startEditing = async (c: ChangeItem) => {
    void refreshSnapTargets();
    const loaded = c.geometry.type === 'Polygon' && await ctx.map.editShape(c.geometry);
    if (!alive) return;
    shapeKept = !loaded;
    form.dataset.drawn = loaded ? '1' : '';
    drawState.textContent = loaded
      ? 'Drag the points to move the edge (snapped like a new area); drag a midpoint to add one; right-click a point to delete it. Then save.'
      : 'This area has several parts or holes: its shape is kept (split it, or redraw it); its details can be edited.';
  };
  if (existing) {
    status.value = existing.status;
    const day = existing.validFrom.slice(0, 10);
    validFrom.value = day;
    if (day < defaultValidFrom) validFrom.min = day;
    confidence.value = existing.confidence;
    sources.set(existing.sources);
    note.value = existing.note ?? '';
    embargo.fill(existing.embargo);
  }
  redraw.addEventListener('click', () => { shapeKept = false; void startDrawing(); });
  cancel.addEventListener('click', () => close());
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void busyWhile(form, outcome, 'Saving the change…', async () => {
      const geometry = shapeKept && existing ? existing.geometry : ctx.map.drawnPolygon();
      if (!geometry) throw new Error('Draw the area on the map first (and close it).');
      const change: NewChange = {
        status: status.value as ChangeStatus, geometry, validFrom: keepDay(existing?.validFrom, validFrom.value), sources: sources.values(),
        confidence: confidence.value as Confidence, note: note.value.trim() || null,
        embargo: embargo.value(existing?.embargo),
      };
      // An edit leaves untouched sources alone: the form holds dates, the draft may hold times.
      if (await save(change, outcome)) close();
    });
  });
  if (existing) void startEditing(existing);
  else void startDrawing();
  return {
    element: form,
    dispose: () => { alive = false; stopWatching(); ctx.map.snapping = true; ctx.map.cancelDrawing(); },
  };
}
