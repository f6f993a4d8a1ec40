/**
 * Recording where a unit was: its designation, side, a point clicked on the map (the form starts
 * waiting for the click as it opens) or a settlement found by name, date, confidence, sources, note and an optional embargo. The
 * public sees the point only on the team's grid, or not at all (team settings).
 */
import { el } from '../../dom';
import type { EditorContext } from '../context';
import { busyWhile, dayStart, field, input, Outcome, select, SourcesFieldset, textarea } from '../forms';
import { CONFIDENCES, type Confidence, type NewUnit } from '../workspace-api';
import type { ToolForm } from './change-form';
import { settlementFinder } from './settlement-finder';

/** The API's limit on a designation (core/workspace/items.ts UNIT_DESIGNATION_MAX). */
const DESIGNATION_MAX = 120;
const SIDES: [string, string][] = [['russia', 'Russia'], ['ukraine', 'Ukraine'], ['unknown', 'Unknown']];

export function unitForm(ctx: EditorContext, defaultTime: string, save: (unit: NewUnit, outcome: Outcome) => Promise<boolean>, close: () => void): ToolForm {
  const outcome = new Outcome();
  let place: NewUnit['place'] | null = null;
  const placeShown = el('p', { class: 'picked', role: 'status', id: 'unit-place' }, 'No place yet.');
  const pick = el('button', { type: 'button', class: 'secondary', id: 'unit-pick' }, 'Pick the point on the map');
  const designation = input('unit', { required: '', maxlength: String(DESIGNATION_MAX), placeholder: 'e.g. 3rd Assault Brigade', autocomplete: 'off' });
  const side = select('side', SIDES, 'russia');
  const time = input('time', { type: 'date', required: '', value: defaultTime });
  const confidence = select('confidence', CONFIDENCES, 'likely');
  const sources = new SourcesFieldset();
  const note = textarea('note', { maxlength: '5000' });
  const embargoOn = el('input', { type: 'checkbox', name: 'embargo' });
  const embargoUntil = input('embargoUntil', { type: 'date' });
  const embargoReason = input('embargoReason', { maxlength: '2000' });
  const embargoFields = el('div', { class: 'embargo-fields', hidden: '' },
    field('Hold until', embargoUntil, 'Empty: until a reviewer lifts it.'), field('Reason', embargoReason));
  embargoOn.addEventListener('change', () => { embargoFields.hidden = !embargoOn.checked; embargoReason.required = embargoOn.checked; });
  const cancel = el('button', { type: 'button', class: 'secondary' }, 'Discard');
  const form = el('form', { class: 'tool-form unit-form', 'aria-label': 'New unit position' },
    el('h3', {}, 'New unit position'),
    field('Unit', designation, `Its designation, at most ${DESIGNATION_MAX} characters; details go in the note.`),
    el('div', { class: 'button-row' }, pick),
    settlementFinder(ctx, (p) => {
      ctx.map.cancelPick?.();
      place = { settlement: p.code };
      placeShown.textContent = `At ${p.name}${p.oblast ? ` (${p.oblast})` : ''}.`;
      ctx.map.flyTo(p.lon, p.lat, Math.max(ctx.map.view().zoom, 10));
    }),
    placeShown,
    el('p', { class: 'hint' }, 'The public sees the position only on the grid set in the team settings, or not at all.'),
    el('div', { class: 'two' }, field('Side', side), field('Date (UTC)', time)),
    field('Confidence', confidence),
    sources.element, field('Note', note),
    el('label', { class: 'check' }, embargoOn, ' Embargo: keep it off the public map'),
    embargoFields,
    el('div', { class: 'button-row' }, el('button', { type: 'submit', class: 'primary' }, 'Save unit'), cancel),
    outcome.element);

  const waitForClick = async () => {
    placeShown.textContent = 'Click the map where the unit is…';
    const p = await ctx.map.pickPoint();
    // Cancelled (the form closed, or a settlement chosen instead): keep what is shown.
    if (!p) { if (!place) placeShown.textContent = 'No place yet.'; return; }
    place = { lon: Math.round(p[0] * 1e6) / 1e6, lat: Math.round(p[1] * 1e6) / 1e6 };
    placeShown.textContent = `At ${place.lat.toFixed(4)} N, ${place.lon.toFixed(4)} E.`;
  };
  pick.addEventListener('click', () => void waitForClick());
  void waitForClick();
  cancel.addEventListener('click', () => close());
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void busyWhile(form, outcome, 'Saving the unit…', async () => {
      if (!place) throw new Error('Click the map where the unit is, or choose a settlement, first.');
      const unit: NewUnit = {
        unit: designation.value.trim(), side: side.value, place, time: dayStart(time.value), sources: sources.values(),
        confidence: confidence.value as Confidence, note: note.value.trim() || null,
        embargo: embargoOn.checked ? { until: embargoUntil.value ? dayStart(embargoUntil.value) : null, reason: embargoReason.value.trim() } : null,
      };
      if (await save(unit, outcome)) close();
    });
  });
  return { element: form, dispose: () => ctx.map.cancelPick?.() };
}
