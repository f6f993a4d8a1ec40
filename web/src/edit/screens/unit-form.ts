/**
 * Recording where a unit was: its designation, side, a point clicked on the map (the form starts
 * waiting for the click as it opens) or a settlement found by name, date, confidence, sources, note and an optional embargo. The
 * public sees the point only on the team's grid, or not at all (team settings).
 */
import { el } from '../../dom';
import type { EditorContext } from '../context';
import { busyWhile, EmbargoFields, field, keepDay, input, Outcome, placeOf, placeText, roundedPoint, select, SourcesFieldset, textarea } from '../forms';
import { CONFIDENCES, type Confidence, type NewUnit, type UnitItem } from '../workspace-api';
import type { ToolForm } from './change-form';
import { settlementFinder } from './settlement-finder';

/** The API's limit on a designation (core/workspace/items.ts UNIT_DESIGNATION_MAX). */
const DESIGNATION_MAX = 120;
const SIDES: [string, string][] = [['russia', 'Russia'], ['ukraine', 'Ukraine'], ['unknown', 'Unknown']];

/** `existing`: a saved unit to edit (PUT /drafts/:id/items/:itemId); its fields filled in, its date and sources sent as saved when left alone. */
export function unitForm(ctx: EditorContext, defaultTime: string, save: (unit: NewUnit, outcome: Outcome) => Promise<boolean>, close: () => void, existing?: UnitItem): ToolForm {
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
  const embargo = new EmbargoFields();
  const cancel = el('button', { type: 'button', class: 'secondary' }, 'Discard');
  const title = existing ? `Edit unit position #${existing.id}` : 'New unit position';
  const form = el('form', { class: 'tool-form unit-form', 'aria-label': title },
    el('h3', {}, title),
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
    ...embargo.elements,
    el('div', { class: 'button-row' }, el('button', { type: 'submit', class: 'primary' }, 'Save unit'), cancel),
    outcome.element);

  const waitForClick = async () => {
    placeShown.textContent = 'Click the map where the unit is…';
    const p = await ctx.map.pickPoint();
    // Cancelled (the form closed, or a settlement chosen instead): keep what is shown.
    if (!p) { if (!place) placeShown.textContent = 'No place yet.'; return; }
    place = roundedPoint(p);
    placeShown.textContent = placeText(place);
  };
  pick.addEventListener('click', () => void waitForClick());
  if (existing) {
    designation.value = existing.unit;
    side.value = existing.side;
    time.value = existing.time.slice(0, 10);
    confidence.value = existing.confidence;
    sources.set(existing.sources);
    note.value = existing.note ?? '';
    embargo.fill(existing.embargo);
    place = placeOf(existing.place);
    placeShown.textContent = placeText(existing.place);
  } else void waitForClick();
  cancel.addEventListener('click', () => close());
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void busyWhile(form, outcome, 'Saving the unit…', async () => {
      if (!place) throw new Error('Click the map where the unit is, or choose a settlement, first.');
      const unit: NewUnit = {
        unit: designation.value.trim(), side: side.value, place, time: keepDay(existing?.time, time.value), sources: sources.values(),
        confidence: confidence.value as Confidence, note: note.value.trim() || null,
        embargo: embargo.value(existing?.embargo),
      };
      if (await save(unit, outcome)) close();
    });
  });
  return { element: form, dispose: () => ctx.map.cancelPick?.() };
}
