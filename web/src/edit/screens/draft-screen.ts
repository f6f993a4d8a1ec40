/**
 * Editing a draft: the base version's map with the draft's changes and arrows, the tools (draw an
 * area or an attack arrow, move the front to a line, place an event, import a file), undo/redo,
 * submission, and the list of items with their sources — where a saved change or arrow is edited,
 * split or ticked for merging.
 * Every write carries the draft's revision; a 409 reloads the draft and keeps what the user typed
 * and drew, so they can check and save again (no silent loss).
 */
import { addDays } from '../../dates';
import { el, replaceChildren } from '../../dom';
import { SearchBox } from '../../panels/search-box';
import type { EditorContext, Screen } from '../context';
import { busyWhile, Outcome, section, textarea } from '../forms';
import { itemsOf, WorkspaceError, type Draft } from '../workspace-api';
import { statusBadge } from './badges';
import { arrowForm } from './arrow-form';
import { changeForm, type ToolForm } from './change-form';
import { eventForm } from './event-form';
import { importForm } from './import-form';
import { commentList, itemBBox, itemFeatures, itemList, type ItemActions } from './item-list';
import { baseSplitForm, splitForm } from './split-form';
import { embargoPanel } from './team-screen';
import { unitForm } from './unit-form';

const EDITABLE = new Set(['open', 'rejected']);

export async function draftScreen(ctx: EditorContext, id: number): Promise<Screen> {
  let draft = await ctx.ws.draft(id);
  const [baseDate, latest] = await Promise.all([ctx.versionDate(draft.basedOn), ctx.latestVersion()]);
  ctx.map.setDate(baseDate);
  const nextDay = addDays(baseDate, 1);

  const header = el('div', { class: 'draft-header' });
  const actions = new Outcome();
  const toolSlot = el('div', { class: 'tool-slot' });
  const items = el('div', { class: 'items' });
  const comments = el('div', { class: 'comments-slot' });
  let tool: ToolForm | null = null;

  const drawButton = el('button', { type: 'button', class: 'primary', id: 'tool-draw' }, 'Draw an area');
  const arrowButton = el('button', { type: 'button', class: 'secondary', id: 'tool-arrow' }, 'Arrow');
  const frontButton = el('button', { type: 'button', class: 'secondary', id: 'tool-front' }, 'Move the front to a line');
  const eventButton = el('button', { type: 'button', class: 'secondary', id: 'tool-event' }, 'Place an event');
  const mergeButton = el('button', { type: 'button', class: 'secondary', id: 'merge', disabled: '' }, 'Merge selected');
  let mergeIds: number[] = [];
  const importButton = el('button', { type: 'button', class: 'secondary', id: 'tool-import' }, 'Import a file');
  const unitButton = el('button', { type: 'button', class: 'secondary', id: 'tool-unit' }, 'Place a unit');
  const undoButton = el('button', { type: 'button', class: 'secondary', id: 'undo' }, 'Undo');
  const redoButton = el('button', { type: 'button', class: 'secondary', id: 'redo' }, 'Redo');
  const submitButton = el('button', { type: 'button', class: 'primary', id: 'submit-draft' }, 'Submit for review');
  const tools = el('div', { class: 'button-row tools', role: 'toolbar', 'aria-label': 'Draft tools' }, drawButton, arrowButton, frontButton, eventButton, unitButton, importButton, undoButton, redoButton);
  const search = new SearchBox(ctx.api, (code) => ctx.regionName(code), (p) => ctx.map.flyTo(p.lon, p.lat, p.kind === 'settlement' ? 11 : 8));

  /** Shows the draft as the server has it now, on the panel and the map. */
  const show = (d: Draft) => {
    draft = d;
    const editable = EDITABLE.has(d.status);
    replaceChildren(header,
      el('p', { class: 'draft-meta' }, statusBadge(d.status), ` revision ${d.revision} · based on the version of ${baseDate} · by ${d.createdBy ?? '—'}`),
      d.status === 'rejected' ? rejections(d) : null,
      editable && d.basedOn !== latest.id ? rebaseNote(latest.date) : null,
      !editable ? el('p', { class: 'hint' }, d.status === 'submitted' ? 'Submitted: waiting for review. ' : d.status === 'approved' ? 'Approved: waiting for publication. ' : '',
        el('a', { href: `#/drafts/${d.id}/review` }, 'See the review')) : null);
    for (const b of [drawButton, arrowButton, frontButton, eventButton, unitButton, importButton, submitButton]) b.disabled = !editable;
    mergeIds = [];
    mergeButton.disabled = true;
    undoButton.disabled = !editable || !d.canUndo;
    redoButton.disabled = !editable || !d.canRedo;
    const all = itemsOf(d);
    replaceChildren(items, itemList(all, (item) => ctx.map.fitTo(itemBBox(item)), editable ? itemActions : undefined), editable ? el('div', { class: 'button-row' }, mergeButton) : null);
    replaceChildren(comments, commentList(d.comments));
    const f = itemFeatures(all);
    ctx.map.setDraftItems(f.changes, f.events, f.arrows);
    void refreshDiff(d);
  };

  let diffRequest = 0;
  let alive = true;
  const refreshDiff = async (d: Draft) => {
    const request = ++diffRequest;
    try {
      const diff = await ctx.ws.reviewGeoJSON(d.id);
      // Only the latest answer, and not once the user has gone to another screen.
      if (alive && request === diffRequest) ctx.map.setDiff(diff);
    } catch {
      // The outlines of the changes are still drawn; the diff shading is a preview only.
    }
  };

  /**
   * One write on the draft. On 409 the draft is reloaded from the answer and the message says so;
   * the caller keeps the user's input. Resolves true when written.
   */
  const write = async (op: (d: Draft) => Promise<Draft>, outcome: Outcome, done: string, retry = 'What you entered is kept: check it against the list below and save again.'): Promise<boolean> => {
    try {
      show(await op(draft));
      outcome.ok(done);
      return true;
    } catch (e) {
      if (e instanceof WorkspaceError && e.code === 'CONFLICT' && e.current) {
        show(e.current);
        outcome.error(e, 'Not saved — ');
        outcome.element.append(el('p', { class: 'hint' }, `The draft has been reloaded (now revision ${e.current.revision}). ${retry}`));
        return false;
      }
      throw e;
    }
  };

  const openTool = (make: () => ToolForm) => {
    tool?.dispose();
    actions.clear();
    tool = make();
    replaceChildren(toolSlot, tool.element);
    tool.element.querySelector<HTMLElement>('h3')?.setAttribute('tabindex', '-1');
  };
  const closeTool = () => { tool?.dispose(); tool = null; replaceChildren(toolSlot); };

  drawButton.addEventListener('click', () => openTool(() => changeForm(ctx, baseDate, nextDay, (c, o) => write((d) => ctx.ws.addChange(d, c), o, 'Change saved.'), closeTool)));
  arrowButton.addEventListener('click', () => openTool(() => arrowForm(ctx, nextDay, (a, o) => write((d) => ctx.ws.addArrow(d, a), o, 'Arrow saved.'), closeTool)));
  frontButton.addEventListener('click', () => openTool(() => baseSplitForm(ctx, nextDay, (b, o) => write((d) => ctx.ws.splitBase(d, b), o, 'Change saved.'), closeTool)));
  // What the item list offers on a saved item: each is one undoable step on the server.
  const itemActions: ItemActions = {
    edit: (item) => {
      ctx.map.fitTo(itemBBox(item));
      if (item.kind === 'change') openTool(() => changeForm(ctx, baseDate, nextDay, (c, o) => write((d) => ctx.ws.editItem(d, item.id, c), o, 'Change updated.'), closeTool, item));
      else if (item.kind === 'arrow') openTool(() => arrowForm(ctx, nextDay, (a, o) => write((d) => ctx.ws.editItem(d, item.id, a), o, 'Arrow updated.'), closeTool, item));
      else if (item.kind === 'event') openTool(() => eventForm(ctx, nextDay, (ev, o) => write((d) => ctx.ws.editItem(d, item.id, ev), o, 'Event updated.'), closeTool, item));
      else openTool(() => unitForm(ctx, nextDay, (u, o) => write((d) => ctx.ws.editItem(d, item.id, u), o, 'Unit updated.'), closeTool, item));
    },
    split: (item) => {
      ctx.map.fitTo(itemBBox(item));
      openTool(() => splitForm(ctx, item, (line, o) => write((d) => ctx.ws.splitItem(d, item.id, line), o, 'Change split.'), closeTool));
    },
    mergeSelection: (ids) => { mergeIds = ids; mergeButton.disabled = ids.length < 2; },
  };
  // A change or an arrow clicked on the map opens its edit form, as its Edit button does (not while another tool is open).
  ctx.map.onItemClick((id) => {
    const item = itemsOf(draft).find((i) => i.id === id && i.state === 'active');
    if (!tool && EDITABLE.has(draft.status) && item && (item.kind === 'change' || item.kind === 'arrow')) itemActions.edit(item);
  });
  mergeButton.addEventListener('click', () => {
    closeTool();
    // A 422 says why (different statuses, claims); the message is the server's.
    runAction(mergeButton, 'Merging…', (d) => ctx.ws.mergeItems(d, mergeIds), 'Merged.');
  });
  eventButton.addEventListener('click', () => openTool(() => eventForm(ctx, nextDay, (ev, o) => write((d) => ctx.ws.addEvent(d, ev), o, 'Event saved.'), closeTool)));
  unitButton.addEventListener('click', () => openTool(() => unitForm(ctx, nextDay, (u, o) => write((d) => ctx.ws.addUnit(d, u), o, 'Unit saved.'), closeTool)));
  importButton.addEventListener('click', () => openTool(() => importForm(nextDay, (f, o) => write((d) => ctx.ws.importFile(d, f), o, 'File imported.'), closeTool)));

  const runAction = (button: HTMLButtonElement, text: string, op: (d: Draft) => Promise<Draft>, done: string) => {
    button.disabled = true;
    actions.busy(text);
    write(op, actions, done, 'Check the list below and try again.').catch((e) => actions.error(e)).finally(() => show(draft));
  };
  /** A newer version was published since the draft was opened: publishing would refuse it, so move it onto that one. */
  const rebaseNote = (date: string) => {
    const button = el('button', { type: 'button', class: 'secondary', id: 'rebase' }, `Move onto the version of ${date}`);
    button.addEventListener('click', () => {
      button.disabled = true;
      actions.busy('Moving the draft…');
      ctx.ws.rebase(draft).then(() => ctx.go(`#/drafts/${draft.id}`), (e) => { button.disabled = false; actions.error(e, 'Not moved: '); });
    });
    return el('div', { class: 'hint rebase' }, `A newer version (${date}) was published after this draft's base: its changes must be re-applied on it before publication. `, button);
  };
  undoButton.addEventListener('click', () => runAction(undoButton, 'Undoing…', (d) => ctx.ws.undo(d), 'Undone.'));
  redoButton.addEventListener('click', () => runAction(redoButton, 'Redoing…', (d) => ctx.ws.redo(d), 'Redone.'));
  submitButton.addEventListener('click', () => {
    closeTool();
    // A 422 names the item without a source; the message is the server's.
    runAction(submitButton, 'Submitting…', (d) => ctx.ws.submit(d), 'Submitted for review.');
  });

  const commentBody = textarea('comment', { required: '', maxlength: '5000', 'aria-label': 'Comment on the draft' });
  const commentOutcome = new Outcome();
  const commentForm = el('form', { class: 'comment-form' }, commentBody, el('button', { type: 'submit', class: 'secondary' }, 'Add comment'), commentOutcome.element);
  commentForm.addEventListener('submit', (e) => {
    e.preventDefault();
    void busyWhile(commentForm, commentOutcome, 'Posting…', async () => {
      show(await ctx.ws.comment(draft.id, commentBody.value.trim()));
      commentBody.value = '';
      commentOutcome.ok('Comment added.');
    });
  });

  show(draft);
  // A published draft: what it still holds under embargo, lifted from here by a reviewer (also on the Team screen).
  const embargoes = draft.status === 'published' ? section('Still under embargo', await embargoPanel(ctx, draft.id)) : null;
  const firstChange = itemsOf(draft).find((i) => i.state === 'active');
  if (firstChange) ctx.map.fitTo(itemBBox(firstChange));
  return {
    title: draft.title,
    element: el('div', { class: 'draft-screen' },
      header,
      embargoes,
      el('div', { class: 'goto' }, search.element),
      tools, toolSlot,
      section('Changes and events', items),
      el('div', { class: 'button-row' }, submitButton), actions.element,
      section('Comments', comments, commentForm)),
    dispose: () => { alive = false; closeTool(); ctx.map.onItemClick(null); ctx.map.setDiff(null); ctx.map.setDraftItems([], [], []); },
  };
}

function rejections(d: Draft): HTMLElement | null {
  const list = (d.review.rejections ?? []) as { by: string; reasons: string; at?: string }[];
  const last = list[list.length - 1];
  return last ? el('p', { class: 'error', role: 'status' }, `Rejected by ${last.by}: ${last.reasons}`) : null;
}
