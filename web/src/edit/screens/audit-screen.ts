/**
 * The audit log (reviewer and up): who did what, when, to which target, with the entry's before and
 * after as JSON behind a disclosure. Pages forward with `after` (the API's order is oldest first)
 * and back through the pages already seen; a target filter (draft:7, version:21, settings) narrows it.
 */
import { el, replaceChildren } from '../../dom';
import type { EditorContext, Screen } from '../context';
import { busyWhile, field, input, Outcome } from '../forms';
import type { AuditEntry } from '../workspace-api';

const PAGE = 50;

export async function auditScreen(ctx: EditorContext, initialTarget = ''): Promise<Screen> {
  ctx.map.setDiff(null);
  ctx.map.setDraftItems([], []);
  const target = input('target', { value: initialTarget, maxlength: '60', placeholder: 'e.g. draft:7, version:21, settings', autocomplete: 'off' });
  const outcome = new Outcome();
  const tableSlot = el('div', { id: 'audit-entries' });
  const prev = el('button', { type: 'button', class: 'secondary', id: 'audit-prev' }, '← Earlier page');
  const next = el('button', { type: 'button', class: 'secondary', id: 'audit-next' }, 'Next page →');
  /** The `after` of every page shown so far: the last one is the current page's. */
  let pages: number[] = [0];
  const load = async () => {
    const after = pages[pages.length - 1];
    const entries = await ctx.ws.audit({ after, limit: PAGE, target: target.value.trim() || undefined });
    replaceChildren(tableSlot, auditTable(entries, after));
    prev.disabled = pages.length === 1;
    next.disabled = entries.length < PAGE;
    next.dataset.after = entries.length ? String(entries[entries.length - 1].id) : '';
  };
  const form = el('form', { class: 'audit-filter', 'aria-label': 'Filter the audit log' },
    field('Target', target, 'Leave empty for every entry.'), el('button', { type: 'submit', class: 'primary' }, 'Show'), outcome.element);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    pages = [0];
    void busyWhile(form, outcome, 'Loading…', async () => { await load(); outcome.clear(); });
  });
  prev.addEventListener('click', () => { pages.pop(); void load().catch((e) => outcome.error(e)); });
  next.addEventListener('click', () => { if (next.dataset.after) { pages.push(Number(next.dataset.after)); void load().catch((e) => outcome.error(e)); } });
  await load();
  return { title: 'Audit log', element: el('div', { class: 'audit-screen' }, form, tableSlot, el('div', { class: 'button-row' }, prev, next)) };
}

/** One tbody per entry: its row, then its before/after across the whole width (JSON needs the room). */
function auditTable(entries: AuditEntry[], after: number): HTMLElement {
  if (!entries.length) return el('p', { class: 'empty' }, after ? 'No later entries.' : 'No entries.');
  return el('table', { class: 'audit-table' },
    el('thead', {}, el('tr', {}, ...['#', 'When (UTC)', 'Who', 'Action', 'Target'].map((h) => el('th', { scope: 'col' }, h)))),
    ...entries.map((e) => el('tbody', { 'data-entry': String(e.id), 'data-action': e.action },
      el('tr', {},
        el('td', {}, String(e.id)),
        el('td', {}, e.at.slice(0, 19).replace('T', ' ')),
        el('td', {}, e.actor, e.address ? el('span', { class: 'muted' }, ` ${e.address}`) : ''),
        el('th', { scope: 'row' }, e.action),
        el('td', {}, e.target ?? '—')),
      e.before == null && e.after == null ? null : el('tr', { class: 'audit-details' }, el('td', { colspan: '5' }, el('details', {},
        el('summary', {}, 'Before / after'),
        e.before != null ? el('div', {}, el('strong', {}, 'Before'), el('pre', { class: 'json' }, JSON.stringify(e.before, null, 2))) : null,
        e.after != null ? el('div', {}, el('strong', {}, 'After'), el('pre', { class: 'json' }, JSON.stringify(e.after, null, 2))) : null))),
    )));
}
