/**
 * Form pieces shared by the editor's screens: labelled fields, the repeatable sources fieldset,
 * a busy/error-aware submit, and the one message area each form announces its outcome in.
 */
import { ApiError } from '../api';
import { el, replaceChildren, type Child } from '../dom';
import type { Source } from './workspace-api';

let nextId = 0;
const uid = (name: string) => `f-${name}-${++nextId}`;

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** A label above its control, tied by id (screen readers read the label with the control). */
export function field(label: string, control: Control, hint?: string): HTMLElement {
  control.id ||= uid(control.name || 'field');
  const hintEl = hint ? el('span', { class: 'hint', id: `${control.id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return el('div', { class: 'field' }, el('label', { for: control.id }, label), control, hintEl);
}

export const input = (name: string, attrs: Record<string, string | undefined> = {}): HTMLInputElement => el('input', { name, type: 'text', ...attrs });
export const textarea = (name: string, attrs: Record<string, string | undefined> = {}): HTMLTextAreaElement => el('textarea', { name, rows: '3', ...attrs });

export function select(name: string, options: readonly (string | [string, string])[], value?: string): HTMLSelectElement {
  const s = el('select', { name }, ...options.map((o) => {
    const [v, label] = typeof o === 'string' ? [o, o] : o;
    return el('option', { value: v }, label);
  }));
  if (value !== undefined) s.value = value;
  return s;
}

/** The outcome area of a form: errors are alerts, progress and success polite status messages. */
export class Outcome {
  readonly element = el('div', { class: 'outcome', 'aria-live': 'polite' });
  busy(text: string) { replaceChildren(this.element, el('p', { class: 'loading', role: 'status' }, el('span', { class: 'spinner', 'aria-hidden': 'true' }), text)); }
  ok(text: string) { replaceChildren(this.element, el('p', { class: 'ok', role: 'status' }, text)); }
  error(e: unknown, prefix = '') { replaceChildren(this.element, el('p', { class: 'error', role: 'alert' }, prefix, messageOf(e))); }
  clear() { replaceChildren(this.element); }
}

export const messageOf = (e: unknown): string => (e instanceof ApiError ? e.message : e instanceof Error ? e.message : String(e));

/**
 * Runs `action` for a form: the submit button is disabled meanwhile (no double posts), errors are
 * shown in `outcome` and rethrown to nobody — the caller's `action` decides what success does.
 */
export async function busyWhile(form: HTMLFormElement, outcome: Outcome, text: string, action: () => Promise<void>): Promise<void> {
  const buttons = [...form.querySelectorAll('button')];
  for (const b of buttons) b.disabled = true;
  form.setAttribute('aria-busy', 'true');
  outcome.busy(text);
  try {
    await action();
  } catch (e) {
    outcome.error(e);
  } finally {
    for (const b of buttons) b.disabled = false;
    form.removeAttribute('aria-busy');
  }
}

/** `YYYY-MM-DD` → the instant the API takes (the start of that day, UTC). */
export const dayStart = (date: string): string => `${date}T00:00:00Z`;

/** A date field's day as an instant: a saved instant whose day is unchanged is kept (the forms hold days). */
export const keepDay = (saved: string | null | undefined, day: string): string => (saved && saved.slice(0, 10) === day ? saved : dayStart(day));

/** A point picked on the map, to the 6 decimals (~0.1 m) the forms send. */
export const roundedPoint = ([lon, lat]: [number, number]): { lon: number; lat: number } => ({ lon: Math.round(lon * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6 });

interface Embargo { until?: string | null; reason: string }

/** A saved event's or unit's place as the forms send it back: its settlement, else its point. */
export function placeOf(saved: { settlement?: string; lon: number; lat: number }): { settlement: string } | { lon: number; lat: number } {
  return saved.settlement ? { settlement: saved.settlement } : { lon: saved.lon, lat: saved.lat };
}

/** Where a saved event or unit is, in words. */
export const placeText = (saved: { name?: string; lon: number; lat: number }): string =>
  (saved.name ? `At ${saved.name}.` : `At ${saved.lat.toFixed(4)} N, ${saved.lon.toFixed(4)} E.`);

/**
 * An item's optional embargo: a tick, then the day it ends (empty: until a reviewer lifts it) and a
 * reason. Shared by the change, arrow and unit forms.
 */
export class EmbargoFields {
  private readonly on = el('input', { type: 'checkbox', name: 'embargo' });
  private readonly until = input('embargoUntil', { type: 'date' });
  private readonly reason = input('embargoReason', { maxlength: '2000' });
  private readonly fields = el('div', { class: 'embargo-fields', hidden: '' },
    field('Hold until', this.until, 'Empty: until a reviewer lifts it.'), field('Reason', this.reason));
  /** The tick and the fields, to place in a form. */
  readonly elements: HTMLElement[] = [el('label', { class: 'check' }, this.on, ' Embargo: keep it off the public map'), this.fields];

  constructor() {
    this.on.addEventListener('change', () => this.show(this.on.checked));
  }

  private show(on: boolean) {
    this.on.checked = on;
    this.fields.hidden = !on;
    this.reason.required = on;
  }

  /** Shows a saved item's embargo. */
  fill(saved: Embargo | null | undefined): void {
    if (!saved) return;
    this.show(true);
    this.until.value = saved.until?.slice(0, 10) ?? '';
    this.reason.value = saved.reason;
  }

  /** The embargo to send; a saved end whose day is unchanged keeps its instant (the form holds days). */
  value(saved?: Embargo | null): { until: string | null; reason: string } | null {
    if (!this.on.checked) return null;
    const day = this.until.value;
    const until = !day ? null : keepDay(saved?.until, day);
    return { until, reason: this.reason.value.trim() };
  }
}

/**
 * One or more sources: URL and publisher required (the server refuses a submission while an item
 * has none), author, publication date, quote and archived copy optional.
 */
export class SourcesFieldset {
  readonly element: HTMLFieldSetElement;
  private readonly list: HTMLElement;
  /** The sources `set` filled in, and how they read back then: sent as saved while left alone. */
  private saved: { sources: readonly Source[]; read: string } | null = null;

  constructor(legend = 'Sources') {
    this.list = el('div', { class: 'source-list' });
    const add = el('button', { type: 'button', class: 'secondary' }, '+ Add a source');
    add.addEventListener('click', () => { this.add(); this.list.lastElementChild?.querySelector('input')?.focus(); });
    this.element = el('fieldset', { class: 'sources' }, el('legend', {}, legend), this.list, add);
    this.add();
  }

  /** Fills the fieldset with saved sources (editing an item), one group each. */
  set(sources: readonly Source[]): void {
    this.list.replaceChildren();
    for (const s of sources.length ? sources : [null]) {
      this.add();
      if (!s) continue;
      const g = this.list.lastElementChild as HTMLElement;
      const put = (name: string, v: string | null | undefined) => { const c = g.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name="${name}"]`); if (c) c.value = v ?? ''; };
      put('url', s.url); put('publisher', s.publisher); put('author', s.author); put('publishedAt', s.publishedAt?.slice(0, 10)); put('quote', s.quote); put('archiveUrl', s.archiveUrl);
    }
    this.saved = { sources, read: JSON.stringify(this.read()) };
  }

  private add() {
    const n = this.list.children.length + 1;
    const remove = el('button', { type: 'button', class: 'link', 'aria-label': `Remove source ${n}` }, 'Remove');
    const group = el('div', { class: 'source', role: 'group', 'aria-label': `Source ${n}` },
      el('div', { class: 'source-head' }, el('strong', {}, `Source ${n}`), remove),
      field('URL', input('url', { type: 'url', required: '', placeholder: 'https://…', autocomplete: 'off' })),
      field('Publisher', input('publisher', { required: '', placeholder: 'e.g. Institute for the Study of War' })),
      el('div', { class: 'two' },
        field('Author', input('author')),
        field('Published', input('publishedAt', { type: 'date' }))),
      field('Quote', textarea('quote', { rows: '2' })),
      field('Archived copy', input('archiveUrl', { type: 'url', placeholder: 'https://web.archive.org/…' })),
    );
    remove.addEventListener('click', () => { if (this.list.children.length > 1) group.remove(); });
    this.list.append(group);
  }

  /**
   * The sources as the API takes them; empty optional fields are left out. Saved sources left as
   * they were come back exactly as saved (their publication instants, not the days the form shows).
   */
  values(): Source[] {
    const read = this.read();
    return this.saved && JSON.stringify(read) === this.saved.read ? [...this.saved.sources] : read;
  }

  private read(): Source[] {
    return [...this.list.querySelectorAll<HTMLElement>('.source')].map((g) => {
      const v = (name: string) => (g.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name="${name}"]`)?.value ?? '').trim();
      const published = v('publishedAt');
      const s: Source = { url: v('url'), publisher: v('publisher') };
      if (v('author')) s.author = v('author');
      if (published) s.publishedAt = dayStart(published);
      if (v('quote')) s.quote = v('quote');
      if (v('archiveUrl')) s.archiveUrl = v('archiveUrl');
      return s;
    }).filter((s) => s.url || s.publisher);
  }
}

/** A list of sources as links with publisher, author, date, quote and archived copy. */
export function sourceList(sources: readonly Source[]): HTMLElement {
  if (!sources.length) return el('p', { class: 'error' }, 'No source yet: it cannot be submitted.');
  return el('ul', { class: 'source-view' }, ...sources.map((s) => el('li', {},
    el('a', { href: s.url, target: '_blank', rel: 'noopener noreferrer' }, s.publisher),
    s.author ? ` — ${s.author}` : '',
    s.publishedAt ? el('span', { class: 'muted' }, `, ${s.publishedAt.slice(0, 10)}`) : '',
    s.archiveUrl ? el('span', {}, ' (', el('a', { href: s.archiveUrl, target: '_blank', rel: 'noopener noreferrer' }, 'archived'), ')') : '',
    s.quote ? el('blockquote', {}, s.quote) : '',
  )));
}

export const section = (title: string, ...children: Child[]): HTMLElement => el('section', {}, el('h3', {}, title), ...children);
