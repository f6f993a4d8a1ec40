/** Recording an event (capture, withdrawal, …) at a settlement found by name or at a point picked on the map. */
import type { Place } from '../../api';
import { el } from '../../dom';
import type { EditorContext } from '../context';
import { busyWhile, field, keepDay, input, Outcome, placeOf, placeText, roundedPoint, select, SourcesFieldset, textarea } from '../forms';
import { CONFIDENCES, EVENT_SIDES, EVENT_TYPES, type Confidence, type EventType, type EventItem, type NewEvent } from '../workspace-api';
import type { ToolForm } from './change-form';
import { settlementFinder } from './settlement-finder';

const TYPE_LABELS: Record<EventType, string> = {
  capture: 'Capture', withdrawal: 'Withdrawal', counterattack: 'Counterattack', evacuation: 'Evacuation',
  shelling: 'Shelling', road_cut: 'Road cut', encirclement: 'Encirclement', claim: 'Claim',
};

/** `existing`: a saved event to edit (PUT /drafts/:id/items/:itemId); its fields filled in, its date and sources sent as saved when left alone. */
export function eventForm(ctx: EditorContext, defaultTime: string, save: (event: NewEvent, outcome: Outcome) => Promise<boolean>, close: () => void, existing?: EventItem): ToolForm {
  const outcome = new Outcome();
  let place: NewEvent['place'] | null = null;
  const placeShown = el('p', { class: 'picked', role: 'status' }, 'No place yet.');
  const pick = el('button', { type: 'button', class: 'secondary' }, 'Pick a point on the map');
  const type = select('type', EVENT_TYPES.map((t) => [t, TYPE_LABELS[t]]), 'capture');
  const side = select('side', EVENT_SIDES.map((s) => [s, s === 'russia' ? 'Russia' : 'Ukraine']), 'russia');
  const time = input('time', { type: 'date', required: '', value: defaultTime });
  const confidence = select('confidence', CONFIDENCES, 'likely');
  const sources = new SourcesFieldset();
  const note = textarea('note', { maxlength: '5000' });
  const cancel = el('button', { type: 'button', class: 'secondary' }, 'Discard');
  const title = existing ? `Edit event #${existing.id}` : 'New event';
  const form = el('form', { class: 'tool-form event-form', 'aria-label': title },
    el('h3', {}, title),
    settlementFinder(ctx, choose, 'At a settlement'),
    el('div', { class: 'button-row' }, pick), placeShown,
    el('div', { class: 'two' }, field('Type', type), field('Side acting', side)),
    el('div', { class: 'two' }, field('Date (UTC)', time), field('Confidence', confidence)),
    sources.element, field('Note', note),
    el('div', { class: 'button-row' }, el('button', { type: 'submit', class: 'primary' }, 'Save event'), cancel),
    outcome.element);

  function choose(p: Place) {
    place = { settlement: p.code };
    placeShown.textContent = `At ${p.name}${p.oblast ? ` (${p.oblast})` : ''}.`;
    ctx.map.flyTo(p.lon, p.lat, Math.max(ctx.map.view().zoom, 10));
  }
  pick.addEventListener('click', async () => {
    placeShown.textContent = 'Click the map where it happened…';
    const p = await ctx.map.pickPoint();
    if (!p) return;
    place = roundedPoint(p);
    placeShown.textContent = placeText(place);
  });
  if (existing) {
    type.value = existing.type;
    side.value = existing.side;
    time.value = existing.time.slice(0, 10);
    confidence.value = existing.confidence;
    sources.set(existing.sources);
    note.value = existing.note ?? '';
    place = placeOf(existing.place);
    placeShown.textContent = placeText(existing.place);
  }
  cancel.addEventListener('click', () => close());
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void busyWhile(form, outcome, 'Saving the event…', async () => {
      if (!place) throw new Error('Choose a settlement or pick a point on the map first.');
      const event: NewEvent = {
        place, time: keepDay(existing?.time, time.value), type: type.value as EventType, side: side.value, sources: sources.values(),
        confidence: confidence.value as Confidence, note: note.value.trim() || null,
      };
      if (await save(event, outcome)) close();
    });
  });
  return { element: form, dispose: () => ctx.map.cancelPick?.() };
}
