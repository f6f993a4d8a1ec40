/**
 * Place search (ARIA 1.2 combobox): finds settlements and regions by any spelling through
 * /api/v1/places ("Bahmut" → Bakhmut) and hands the chosen place to the viewer.
 */
import type { Api, Place } from '../api';
import { el, replaceChildren } from '../dom';
import { formatCount } from '../format';

const DEBOUNCE_MS = 200;
const MAX_OPTIONS = 8;

export class SearchBox {
  readonly element: HTMLFormElement;
  private readonly input: HTMLInputElement;
  private readonly listbox: HTMLUListElement;
  private readonly status: HTMLElement;
  private results: Place[] = [];
  private active = -1;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private query = '';
  private pending: Promise<void> | null = null;

  constructor(
    private readonly api: Api,
    private readonly nameOf: (code: string) => string,
    private readonly onSelect: (place: Place) => void,
  ) {
    this.input = el('input', {
      type: 'search', id: 'search-input', class: 'search-input', placeholder: 'Find a place (any spelling)…', autocomplete: 'off',
      role: 'combobox', 'aria-expanded': 'false', 'aria-controls': 'search-results', 'aria-autocomplete': 'list', spellcheck: 'false',
    });
    this.listbox = el('ul', { id: 'search-results', class: 'search-results', role: 'listbox', 'aria-label': 'Places found', hidden: '' });
    this.status = el('span', { class: 'visually-hidden', role: 'status' });
    this.element = el('form', { class: 'search', role: 'search' },
      el('label', { for: 'search-input', class: 'visually-hidden' }, 'Find a place'), this.input, this.listbox, this.status);

    this.input.addEventListener('input', () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => { this.pending = this.lookUp(this.input.value.trim()); }, DEBOUNCE_MS);
    });
    this.input.addEventListener('keydown', (e) => this.onKey(e));
    this.input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
    this.element.addEventListener('submit', (e) => { e.preventDefault(); void this.choose(this.active); });
  }

  private async lookUp(q: string): Promise<void> {
    this.query = q;
    if (q.length < 2) return this.render([]);
    this.input.setAttribute('aria-busy', 'true');
    try {
      const places = await this.api.places(q);
      if (q === this.query) this.render(places.slice(0, MAX_OPTIONS));
    } catch {
      if (q === this.query) { this.render([]); this.status.textContent = 'Search failed'; }
    } finally {
      this.input.removeAttribute('aria-busy');
    }
  }

  private render(places: Place[]) {
    this.results = places;
    this.active = places.length ? 0 : -1;
    replaceChildren(this.listbox, ...places.map((p, i) => {
      const option = el('li', { id: `search-option-${i}`, role: 'option', 'aria-selected': String(i === this.active), 'data-code': p.code },
        el('strong', {}, p.name), el('span', { class: 'muted' }, ` ${describe(p, this.nameOf)}`));
      // mousedown, not click: the input's blur would close the list before a click lands.
      option.addEventListener('mousedown', (e) => { e.preventDefault(); void this.choose(i); });
      return option;
    }));
    const open = places.length > 0;
    this.listbox.hidden = !open;
    this.input.setAttribute('aria-expanded', String(open));
    this.highlight();
    this.status.textContent = this.query.length >= 2 ? `${places.length} place${places.length === 1 ? '' : 's'} found` : '';
  }

  private onKey(e: KeyboardEvent) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!this.results.length) return;
      e.preventDefault();
      const n = this.results.length;
      this.active = (this.active + (e.key === 'ArrowDown' ? 1 : n - 1)) % n;
      this.highlight();
    } else if (e.key === 'Escape') {
      this.close();
    }
  }

  /** Enter before the debounce fired still searches first, so typing fast and pressing Enter works. */
  private async choose(index: number) {
    clearTimeout(this.timer);
    const q = this.input.value.trim();
    if (q !== this.query) await this.lookUp(q);
    else await this.pending;
    const place = this.results[index < 0 ? 0 : index];
    if (!place) return;
    this.close();
    this.input.value = place.name;
    this.onSelect(place);
  }

  private highlight() {
    [...this.listbox.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === this.active)));
    if (this.active >= 0) this.input.setAttribute('aria-activedescendant', `search-option-${this.active}`);
    else this.input.removeAttribute('aria-activedescendant');
  }

  private close() {
    this.listbox.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }
}

/** "Donetsk · pop. 80,500" for a settlement, "(region)" for an oblast or raion. */
export function describe(p: Place, nameOf: (code: string) => string): string {
  if (p.kind === 'region') return '(region)';
  return [p.oblast ? nameOf(p.oblast) : null, p.population ? `pop. ${formatCount(p.population)}` : null].filter(Boolean).join(' · ');
}
