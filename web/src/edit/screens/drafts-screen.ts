/** The team's drafts with their status, and a form to open a new one on the latest version. */
import { el } from '../../dom';
import type { EditorContext, Screen } from '../context';
import { busyWhile, field, input, Outcome } from '../forms';
import type { DraftSummary } from '../workspace-api';
import { statusBadge } from './badges';

export async function draftsScreen(ctx: EditorContext): Promise<Screen> {
  ctx.map.setDiff(null);
  ctx.map.setDraftItems([], []);
  const drafts = await ctx.ws.drafts();
  const title = input('title', { required: '', maxlength: '200', placeholder: 'e.g. Lysychansk, 3 June' });
  const outcome = new Outcome();
  const form = el('form', { class: 'new-draft', 'aria-label': 'New draft' },
    field('Title', title, 'A new draft starts from the latest published version.'),
    el('button', { type: 'submit', class: 'primary' }, 'New draft'), outcome.element);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void busyWhile(form, outcome, 'Opening a draft…', async () => {
      const d = await ctx.ws.createDraft(title.value.trim());
      ctx.go(`#/drafts/${d.id}`);
    });
  });
  const reviewer = ctx.ws.me?.role === 'reviewer' || ctx.ws.me?.role === 'admin';
  const row = (d: DraftSummary) => el('tr', {},
    el('td', {}, String(d.id)),
    el('th', { scope: 'row' }, el('a', { href: `#/drafts/${d.id}` }, d.title)),
    el('td', {}, statusBadge(d.status)),
    el('td', {}, String(d.items)),
    el('td', {}, d.createdBy ?? '—'),
    el('td', {}, d.updatedAt.slice(0, 16).replace('T', ' ')),
    el('td', {}, d.status === 'submitted' || d.status === 'approved'
      ? el('a', { href: `#/drafts/${d.id}/review` }, reviewer ? 'Review' : 'Diff') : ''),
  );
  const table = drafts.length
    ? el('table', { class: 'drafts-table' },
      el('caption', {}, `${drafts.length} draft${drafts.length === 1 ? '' : 's'}`),
      el('thead', {}, el('tr', {}, ...['#', 'Title', 'Status', 'Items', 'By', 'Updated (UTC)', ''].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, ...[...drafts].reverse().map(row)))
    : el('p', { class: 'empty' }, 'No drafts yet.');
  return { title: 'Drafts', element: el('div', {}, form, table) };
}
