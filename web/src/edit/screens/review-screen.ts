/**
 * The review of a draft: the ground it changes hands on the map (the public compare view's
 * colours), km² per status transition in total and per oblast, the settlements whose status
 * changes, every change with its sources, comments; reject with reasons, approve (not one's own
 * draft: the server's four-eyes refusal is shown as it is), publish with a changelog.
 */
import type { FeatureCollection } from 'geojson';
import { el, replaceChildren } from '../../dom';
import { addDays } from '../../dates';
import { formatCount } from '../../format';
import { statusChange } from '../../panels/common';
import { SIDE_COLORS, SIDE_LABELS } from '../../statuses';
import type { SettlementStatus } from '../../api';
import type { EditorContext, Screen } from '../context';
import { busyWhile, field, input, Outcome, section, select, textarea } from '../forms';
import { itemsOf, type ChangeItem, type Review } from '../workspace-api';
import { statusBadge } from './badges';
import { commentList, itemBBox, itemFeatures, itemList } from './item-list';

/** km² with two decimals: the precision the API answers in, so a reviewer sees the same figure. */
export const formatKm2Exact = (v: number): string => `${v.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} km²`;
const round2 = (v: number) => Math.round(v * 100) / 100;
const WORD: Record<string, string> = { occupied: 'occupied', contested: 'contested', ukraine: 'Ukrainian' };

function bboxOfCollection(fc: FeatureCollection): [number, number, number, number] | null {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      w = Math.min(w, c[0] as number); e = Math.max(e, c[0] as number); s = Math.min(s, c[1] as number); n = Math.max(n, c[1] as number);
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  for (const f of fc.features) if (f.geometry && 'coordinates' in f.geometry) visit(f.geometry.coordinates);
  return Number.isFinite(w) ? [w, s, e, n] : null;
}

export async function reviewScreen(ctx: EditorContext, id: number): Promise<Screen> {
  const [review, diff] = await Promise.all([ctx.ws.review(id), ctx.ws.reviewGeoJSON(id)]);
  const draft = await ctx.ws.draft(id);
  const baseDate = review.base.validAt.slice(0, 10);
  ctx.map.setDate(baseDate);
  ctx.map.setDiff(diff);
  const f = itemFeatures(itemsOf(review));
  ctx.map.setDraftItems(f.changes, f.events, f.arrows);
  const box = bboxOfCollection(diff) ?? (itemsOf(review)[0] ? itemBBox(itemsOf(review)[0]) : null);
  if (box) ctx.map.fitTo(box);

  const total = round2(review.transitions.reduce((a, t) => a + t.areaKm2, 0));
  const actions = el('div', { class: 'review-actions' });
  const outcome = new Outcome();
  const comments = el('div', {}, commentList(review.comments));

  const element = el('div', { class: 'review-screen' },
    el('p', { class: 'draft-meta' }, statusBadge(review.draft.status), ` revision ${review.draft.revision} · by ${draft.createdBy ?? '—'} · against the version of ${baseDate} · `,
      el('a', { href: `#/drafts/${id}` }, 'open the draft')),
    el('p', { class: 'figure total-changed' }, 'Ground changing hands: ', el('strong', { id: 'review-total-km2', 'data-km2': String(total) }, formatKm2Exact(total))),
    el('p', { class: 'diff-key' },
      el('span', { class: 'swatch', style: `background:${SIDE_COLORS.russia}` }), SIDE_LABELS.russia, ' ',
      el('span', { class: 'swatch', style: `background:${SIDE_COLORS.ukraine}` }), SIDE_LABELS.ukraine),
    section('By transition and oblast', transitionTable(review, (code) => ctx.regionName(code))),
    section('Settlements changing status', settlementTable(review, (code) => ctx.regionName(code))),
    section('Changes and events', itemList(itemsOf(review), (item) => ctx.map.fitTo(itemBBox(item)))),
    section('Decision', actions, outcome.element),
    section('Comments', comments, commentForm(ctx, id, comments, itemsOf(review).map((i) => i.id))),
  );

  const reviewer = ctx.ws.me?.role === 'reviewer' || ctx.ws.me?.role === 'admin';
  const revision = review.draft.revision;
  if (!reviewer) {
    replaceChildren(actions, el('p', { class: 'hint' }, 'Only a reviewer can approve, reject or publish.'));
  } else if (review.draft.status === 'submitted') {
    const approve = el('button', { type: 'button', class: 'primary', id: 'approve' }, 'Approve');
    const reasons = textarea('reasons', { required: '', maxlength: '5000' });
    const rejectForm = el('form', { class: 'reject-form', 'aria-label': 'Reject' }, field('Reasons for rejecting', reasons), el('button', { type: 'submit', class: 'secondary' }, 'Reject'));
    approve.addEventListener('click', () => {
      approve.disabled = true;
      outcome.busy('Approving…');
      ctx.ws.approve(id, revision).then(() => ctx.go(`#/drafts/${id}/review`), (e) => { approve.disabled = false; outcome.error(e, 'Not approved: '); });
    });
    rejectForm.addEventListener('submit', (e) => {
      e.preventDefault();
      void busyWhile(rejectForm, outcome, 'Rejecting…', async () => {
        await ctx.ws.reject(id, revision, reasons.value.trim());
        ctx.go(`#/drafts/${id}/review`);
      });
    });
    replaceChildren(actions, el('div', { class: 'button-row' }, approve), rejectForm);
  } else if (review.draft.status === 'approved') {
    replaceChildren(actions, publishForm(ctx, id, revision, review, outcome));
  } else if (review.draft.status === 'published') {
    replaceChildren(actions, el('p', { class: 'ok' }, `Published as version ${draft.publishedVersion ?? '—'}. `, el('a', { href: '/' }, 'Open the public map')));
  } else {
    replaceChildren(actions, el('p', { class: 'hint' }, 'The draft is being edited: nothing to decide yet.'));
  }
  return { title: `Review: ${review.draft.title}`, element, dispose: () => { ctx.map.setDiff(null); ctx.map.setDraftItems([], []); } };
}

function transitionTable(review: Review, regionName: (code: string) => string): HTMLElement {
  if (!review.transitions.length) return el('p', { class: 'empty' }, 'No ground changes hands (claims and embargoed changes do not count).');
  return el('table', { class: 'transition-table' },
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'From → to'), el('th', { scope: 'col' }, 'km²'))),
    el('tbody', {}, ...review.transitions.flatMap((t) => [
      el('tr', { class: 'transition', 'data-from': t.from, 'data-to': t.to },
        el('th', { scope: 'row' }, statusChange(t.from as SettlementStatus, t.to as SettlementStatus)),
        el('td', { 'data-km2': String(t.areaKm2) }, formatKm2Exact(t.areaKm2))),
      ...t.byRegion.map((r) => el('tr', { class: 'sub', 'data-region': r.code },
        el('th', { scope: 'row' }, regionName(r.code)), el('td', { 'data-km2': String(r.areaKm2) }, formatKm2Exact(r.areaKm2)))),
    ])));
}

function settlementTable(review: Review, regionName: (code: string) => string): HTMLElement {
  if (!review.settlements.length) return el('p', { class: 'empty' }, 'None.');
  return el('table', { class: 'settlement-table' },
    el('thead', {}, el('tr', {}, ...['Settlement', 'Oblast', 'Status', 'Population'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...review.settlements.map((s) => el('tr', {},
      el('th', { scope: 'row' }, s.name), el('td', {}, s.oblast ? regionName(s.oblast) : '—'),
      el('td', {}, `${WORD[s.from] ?? s.from} → ${WORD[s.to] ?? s.to}`), el('td', {}, formatCount(s.population))))));
}

function publishForm(ctx: EditorContext, id: number, revision: number, review: Review, outcome: Outcome): HTMLElement {
  const changes = itemsOf(review).filter((i): i is ChangeItem => i.kind === 'change');
  const latest = changes.map((c) => c.validFrom.slice(0, 10)).sort().pop() ?? '';
  const validAt = input('validAt', { type: 'date', required: '', value: latest, min: addDays(review.base.validAt.slice(0, 10), 1) });
  const what = textarea('what', { required: '', maxlength: '2000', placeholder: 'e.g. Lysychansk and its surroundings marked occupied' });
  const why = textarea('why', { required: '', maxlength: '5000', placeholder: 'e.g. ISW and General Staff reports of 3 June' });
  const form = el('form', { class: 'publish-form', 'aria-label': 'Publish' },
    field('Valid at (UTC)', validAt, 'The date of the new public version; it must be after the base version.'),
    field('Changelog: what changed', what), field('Changelog: why', why),
    el('button', { type: 'submit', class: 'primary', id: 'publish' }, 'Publish'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void busyWhile(form, outcome, 'Publishing (rebuilding the map takes a few seconds)…', async () => {
      const r = await ctx.ws.publish(id, revision, { validAt: `${validAt.value}T00:00:00Z`, changelog: { what: what.value.trim(), why: why.value.trim() } });
      const date = r.version.validAt.slice(0, 10);
      replaceChildren(form, el('p', { class: 'ok', role: 'status', id: 'published' }, `Published version ${r.version.id}, valid ${date}`,
        r.version.publicFrom ? ` (public from ${r.version.publicFrom.slice(0, 16).replace('T', ' ')} UTC, publication delay)` : '', '. ',
        el('a', { href: `/?date=${date}` }, 'See it on the public map')));
      outcome.clear();
    });
  });
  return form;
}

/** A comment on the whole draft or on one of its items (`itemIds`). */
function commentForm(ctx: EditorContext, id: number, list: HTMLElement, itemIds: number[]): HTMLElement {
  const body = textarea('comment', { required: '', maxlength: '5000' });
  const on = select('commentOn', [['', 'the whole draft'], ...itemIds.map((i) => [String(i), `#${i}`] as [string, string])], '');
  const outcome = new Outcome();
  const form = el('form', { class: 'comment-form', 'aria-label': 'Add a comment' }, field('Comment on', on), field('Comment', body),
    el('button', { type: 'submit', class: 'secondary' }, 'Add comment'), outcome.element);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void busyWhile(form, outcome, 'Posting…', async () => {
      const d = await ctx.ws.comment(id, body.value.trim(), on.value ? Number(on.value) : undefined);
      replaceChildren(list, commentList(d.comments));
      body.value = '';
      outcome.ok('Comment added.');
    });
  });
  return form;
}
