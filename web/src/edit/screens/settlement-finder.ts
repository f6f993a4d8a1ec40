/**
 * Finding a settlement by any spelling (`/api/v1/places`) to place an item at: a search field, Find
 * (or Enter), and up to six settlements to choose from, with oblast and population. Used by the
 * event and unit forms.
 */
import type { Place } from '../../api';
import { el, replaceChildren } from '../../dom';
import { formatCount } from '../../format';
import type { EditorContext } from '../context';
import { field, input } from '../forms';

export function settlementFinder(ctx: EditorContext, onChoose: (p: Place) => void, label = 'Or at a settlement'): HTMLElement {
  const query = input('settlement', { type: 'search', placeholder: 'Settlement name, any spelling', autocomplete: 'off' });
  const find = el('button', { type: 'button', class: 'secondary' }, 'Find');
  const found = el('div', { class: 'found' });
  const lookUp = async () => {
    const q = query.value.trim();
    if (!q) return;
    replaceChildren(found, el('p', { class: 'loading' }, 'Searching…'));
    try {
      const places = (await ctx.api.places(q)).filter((p) => p.kind === 'settlement');
      if (!places.length) { replaceChildren(found, el('p', { class: 'empty' }, `No settlement matches '${q}'.`)); return; }
      replaceChildren(found, el('ul', { class: 'choices', 'aria-label': 'Settlements found' }, ...places.slice(0, 6).map((p) => {
        const b = el('button', { type: 'button', class: 'link' }, p.name);
        b.addEventListener('click', () => { replaceChildren(found); onChoose(p); });
        return el('li', {}, b, el('span', { class: 'muted' }, ` ${p.oblast ?? ''}${p.population ? `, pop. ${formatCount(p.population)}` : ''}`));
      })));
    } catch (e) {
      replaceChildren(found, el('p', { class: 'error', role: 'alert' }, String((e as Error).message)));
    }
  };
  find.addEventListener('click', () => void lookUp());
  query.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); void lookUp(); } });
  return el('div', {}, el('div', { class: 'find-row' }, field(label, query), find), found);
}
