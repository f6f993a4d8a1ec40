/**
 * The team's publication controls (docs/workspace.md): the settings that decide what the public
 * sees (publication delay, point precision, arrows and units rounded or hidden; an admin edits
 * them, the others read them), the versions still held back by the delay (a reviewer releases one
 * now, with a reason) and what published drafts still hold under embargo (a reviewer lifts it,
 * with a reason; a lifted change comes back as an approved draft to publish).
 */
import { el, replaceChildren } from '../../dom';
import type { EditorContext, Screen } from '../context';
import { busyWhile, field, input, Outcome, section, select } from '../forms';
import type { HeldItem, HeldVersion, Settings } from '../workspace-api';
import { reasonButton } from './reason-button';

const utc = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '—');

export async function teamScreen(ctx: EditorContext): Promise<Screen> {
  ctx.map.setDiff(null);
  ctx.map.setDraftItems([], []);
  const role = ctx.ws.me?.role;
  const isAdmin = role === 'admin';
  const isReviewer = role === 'reviewer' || role === 'admin';
  const heldSlot = el('div', { id: 'held-versions' });
  const refreshHeld = async () => replaceChildren(heldSlot, heldTable(await ctx.ws.heldVersions(), isReviewer, async (v, reason, outcome) => {
    await ctx.ws.release(v.id, reason);
    outcome.ok(`Version ${v.id} is public now.`);
    await refreshHeld();
  }));
  const [settings, , embargoes] = await Promise.all([ctx.ws.settings(), refreshHeld(), embargoPanel(ctx)]);

  return {
    title: 'Team settings and publication',
    element: el('div', { class: 'team-screen' },
      section('Settings', settingsForm(ctx, settings, isAdmin)),
      section('Held versions', el('p', { class: 'hint' }, 'Published by the team and held back by the publication delay until the time shown.'), heldSlot),
      section('Embargoes', el('p', { class: 'hint' }, 'Items of published drafts still kept from the public, with the reason given.'), embargoes)),
  };
}

/**
 * What is still under embargo (of one draft, or of all), with **Lift** for reviewers. The table is
 * redrawn after a lift (the row goes), so the outcome is shown below it, not in the row's form; a
 * lifted change links the approved draft it opened, since a change reaches the public map only
 * through a version.
 */
export async function embargoPanel(ctx: EditorContext, draftId?: number): Promise<HTMLElement> {
  const role = ctx.ws.me?.role;
  const canLift = role === 'reviewer' || role === 'admin';
  const slot = el('div', { id: 'embargoes' });
  const outcome = new Outcome();
  const refresh = async () => {
    const all = await ctx.ws.embargoes();
    replaceChildren(slot, embargoTable(draftId === undefined ? all : all.filter((h) => h.draftId === draftId), canLift, async (h, reason) => {
      const d = await ctx.ws.lift(h.draftId, h.itemId, reason);
      await refresh();
      replaceChildren(outcome.element, h.kind === 'change'
        ? el('p', { class: 'ok', role: 'status' }, `Embargo on change #${h.itemId} lifted: `, el('a', { href: `#/drafts/${d.id}/review`, id: 'lift-draft-link' }, `publish draft #${d.id} “${d.title}”`), ' to put it on the public map.')
        : el('p', { class: 'ok', role: 'status' }, `Embargo on ${h.kind} #${h.itemId} lifted: it is public now.`));
    }));
  };
  await refresh();
  return el('div', { class: 'embargo-panel' }, slot, outcome.element);
}

function settingsForm(ctx: EditorContext, s: Settings, editable: boolean): HTMLElement {
  const delay = input('publicationDelayHours', { type: 'number', min: '0', max: String(24 * 365), step: '1', required: '', value: String(s.publicationDelayHours) });
  const precision = input('publicPointPrecisionDeg', { type: 'number', min: '0', max: '1', step: '0.01', required: '', value: String(s.publicPointPrecisionDeg) });
  const arrows = select('publicArrows', [['rounded', 'Rounded to the grid'], ['hidden', 'Hidden from the public']], s.publicArrows);
  const units = select('publicUnits', [['rounded', 'Rounded to the grid'], ['hidden', 'Hidden from the public']], s.publicUnits);
  const controls = [delay, precision, arrows, units];
  const outcome = new Outcome();
  const form = el('form', { class: 'settings-form', 'aria-label': 'Team settings' },
    field('Publication delay (hours)', delay, 'A team version becomes public this long after its valid time.'),
    field('Public point precision (degrees)', precision, 'Free points, arrows and units are published on a grid this coarse (0.1° ≈ 11 km; 0 = exact).'),
    el('div', { class: 'two' }, field('Attack arrows for the public', arrows), field('Unit positions for the public', units)),
    editable ? el('button', { type: 'submit', class: 'primary', id: 'save-settings' }, 'Save settings') : el('p', { class: 'hint', id: 'settings-read-only' }, 'Only an admin changes these settings.'),
    outcome.element);
  for (const c of controls) c.disabled = !editable;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void busyWhile(form, outcome, 'Saving…', async () => {
      const saved = await ctx.ws.setSettings({
        publicationDelayHours: Number(delay.value), publicPointPrecisionDeg: Number(precision.value),
        publicArrows: arrows.value as Settings['publicArrows'], publicUnits: units.value as Settings['publicUnits'],
      });
      delay.value = String(saved.publicationDelayHours);
      precision.value = String(saved.publicPointPrecisionDeg);
      outcome.ok('Settings saved. They apply to what the public reads from now on.');
    });
  });
  return form;
}

function heldTable(held: HeldVersion[], canRelease: boolean, release: (v: HeldVersion, reason: string, outcome: Outcome) => Promise<void>): HTMLElement {
  if (!held.length) return el('p', { class: 'empty' }, 'No version is held back.');
  return el('table', { class: 'held-table' },
    el('thead', {}, el('tr', {}, ...['Version', 'Valid at', 'Public from', 'Draft', ''].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...held.map((v) => {
      const title = typeof v.summary.title === 'string' ? v.summary.title : '';
      return el('tr', { 'data-version': String(v.id) },
        el('th', { scope: 'row' }, String(v.id)), el('td', {}, utc(v.validAt)), el('td', {}, utc(v.publicFrom)),
        el('td', {}, v.summary.draft ? el('a', { href: `#/drafts/${String(v.summary.draft)}` }, `#${String(v.summary.draft)} ${title}`) : title),
        el('td', {}, canRelease ? reasonButton('Release now', 'why it may be public before its time', (reason, outcome) => release(v, reason, outcome), { 'data-release': String(v.id) }) : ''));
    })));
}

function embargoTable(items: HeldItem[], canLift: boolean, lift: (h: HeldItem, reason: string, outcome: Outcome) => Promise<void>): HTMLElement {
  if (!items.length) return el('p', { class: 'empty' }, 'Nothing is under embargo.');
  return el('table', { class: 'embargo-table' },
    el('thead', {}, el('tr', {}, ...['Draft', 'Item', 'Dated', 'Until', 'Reason', ''].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...items.map((h) => el('tr', { 'data-item': String(h.itemId) },
      el('td', {}, el('a', { href: `#/drafts/${h.draftId}` }, `#${h.draftId} ${h.draftTitle}`)),
      el('th', { scope: 'row' }, `${h.kind} #${h.itemId}`),
      el('td', {}, utc(h.time)),
      el('td', {}, h.until ? utc(h.until) : 'until lifted'),
      el('td', {}, h.reason),
      el('td', {}, canLift ? reasonButton('Lift', h.needsPublication ? 'a new draft holding the change is opened, approved, for you to publish' : 'it becomes public at once', (reason, outcome) => lift(h, reason, outcome), { 'data-lift': String(h.itemId) }) : '')))));
}
