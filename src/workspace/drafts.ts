/**
 * The draft lifecycle: open → (changes, events, undo/redo) → submitted → rejected (back to
 * editing) or approved → published as a new map version. Every write names the revision it was
 * based on; a stale one gets 409 CONFLICT with the current state (optimistic concurrency), and
 * every write is one transaction with its audit entry.
 */
import { createHash } from 'node:crypto';
import * as geos from '../core/geometry/geos.js';
import { applyChanges, controlArea, statusInLayers, versionPolygons, type AppliedCell, type CellLayers } from '../core/workspace/apply.js';
import {
  checkArrowLine, checkChangeGeometry, instantProblem, sourceProblems, submissionProblems, underEmbargo,
  unitDesignationProblem, type AreaChange, type AttackArrow, type Embargo, type ItemKind, type MapEvent, type Source, type UnitPosition,
} from '../core/workspace/items.js';
import { coarsen, type PublicArrows, type PublicUnits } from '../core/workspace/public-precision.js';
import { resolvePlace } from './item-place.js';
import { forEachTransition, gainingSide, transitions } from '../core/stats/transitions.js';
import type { Feature, FeatureCollection, LineString } from 'geojson';
import { faceAt, mergeChanges, splitPolygon } from '../core/workspace/split-merge.js';
import { featuresFromGeoJSON, featuresFromKml, kmlFromKmz } from '../core/workspace/import-features.js';
import { cellOf } from '../core/timeline/grid.js';
import { STATUS_CODES } from '../core/timeline/settlement-status.js';
import type { SettlementStatus } from '../core/timeline/status.js';
import { FrontlineError } from '../errors.js';
import { openImportSession } from '../importers/import-session.js';
import type { Store, VersionRecord } from '../store/store.js';
import type { DraftItemRecord, DraftRecord, DraftStatus, WorkspaceStore } from '../store/workspace-store.js';
import { actorLabel, assertCan, EMBARGO_EXPIRY_ACTOR, type Actor } from './actor.js';

const EDITABLE: DraftStatus[] = ['open', 'rejected'];
/** How far a split-base line (with its point) may reach, in degrees either way. */
const BASE_SPLIT_MAX_DEG = 2;
const base = (s: SettlementStatus) => (s === 'occupiedBefore2022' ? 'occupied' : s === 'liberated' ? 'ukraine' : s);

export interface PublishedEvent { id: number; validAt: string; source: string; draft: number; changelog: unknown }

export class Drafts {
  private ws: WorkspaceStore;
  private publishing = new Set<number>();
  private readonly now: () => number;

  /** `now`: the clock (ms since the epoch) that decides embargoes and delays; tests fix it. */
  constructor(private store: Store, private onPublished: (e: PublishedEvent) => void = () => {}, options: { now?: () => number } = {}) {
    this.ws = store.workspace();
    this.now = options.now ?? Date.now;
  }

  private nowIso(): string { return new Date(this.now()).toISOString(); }

  /** A draft as the API shows it: the draft, its items (active, undone), comments, who did what. */
  view(id: number) {
    const d = this.require(id);
    const names = new Map(this.ws.users().map((u) => [u.id, u.username]));
    const items = this.ws.items(id).filter((i) => i.state !== 'discarded');
    return {
      id: d.id, title: d.title, basedOn: d.basedOn, status: d.status, revision: d.revision,
      createdBy: names.get(d.createdBy) ?? null, createdAt: d.createdAt, updatedAt: d.updatedAt, publishedVersion: d.publishedVersion, review: d.review,
      items: items.map((i) => ({ id: i.id, kind: i.kind, state: i.state, author: names.get(i.author) ?? null, createdAt: i.createdAt, ...i.body })),
      canUndo: items.some((i) => i.state === 'active'), canRedo: items.some((i) => i.state === 'undone'),
      comments: this.ws.comments(id).map((c) => ({ id: c.id, itemId: c.itemId, author: names.get(c.author) ?? null, body: c.body, createdAt: c.createdAt })),
    };
  }

  list(actor: Actor | null) {
    assertCan(actor, 'drafts.read');
    const names = new Map(this.ws.users().map((u) => [u.id, u.username]));
    return this.ws.drafts().map((d) => ({
      id: d.id, title: d.title, basedOn: d.basedOn, status: d.status, revision: d.revision, createdBy: names.get(d.createdBy) ?? null,
      createdAt: d.createdAt, updatedAt: d.updatedAt, publishedVersion: d.publishedVersion,
      items: this.ws.items(d.id).filter((i) => i.state === 'active').length,
    }));
  }

  get(actor: Actor | null, id: number) {
    assertCan(actor, 'drafts.read');
    return this.view(id);
  }

  private baseVersion(basedOn: 'latest' | number): VersionRecord {
    const versions = this.store.versions({ includeHeld: true });
    const v = basedOn === 'latest' ? versions[versions.length - 1] : versions.find((x) => x.id === basedOn);
    if (!v) throw new FrontlineError(basedOn === 'latest' ? 'NO_VERSION' : 'NOT_FOUND', basedOn === 'latest' ? 'no published version to base a draft on' : `no version ${basedOn}`);
    return v;
  }

  create(actor: Actor | null, input: { basedOn: 'latest' | number; title: string }) {
    assertCan(actor, 'drafts.write');
    const v = this.baseVersion(input.basedOn);
    if (actor.userId === null) throw new FrontlineError('FORBIDDEN', 'drafts belong to accounts: use an account or an API token');
    const userId = actor.userId;
    const d = this.ws.transaction(() => {
      const created = this.ws.addDraft({ title: input.title, basedOn: v.id, createdBy: userId });
      this.ws.appendAudit({ actor: actorLabel(actor), action: 'draft.create', target: `draft:${created.id}`, after: { title: created.title, basedOn: v.id }, address: actor.address });
      return created;
    });
    return this.view(d.id);
  }

  private require(id: number): DraftRecord {
    const d = this.ws.draft(id);
    if (!d) throw new FrontlineError('NOT_FOUND', `no draft ${id}`);
    return d;
  }

  /** One write: checks the revision and status, runs `fn`, bumps the revision, logs it; all in one transaction. */
  private write<T>(actor: Actor, id: number, revision: number, action: string, allowed: DraftStatus[], fn: (d: DraftRecord) => { fields?: Parameters<WorkspaceStore['updateDraft']>[1]; before?: unknown; after?: unknown; result?: T }): ReturnType<Drafts['view']> {
    this.ws.transaction(() => {
      const d = this.require(id);
      if (d.revision !== revision) {
        throw new FrontlineError('CONFLICT', `draft ${id} is at revision ${d.revision}, not ${revision}: someone changed it since you read it`, { current: this.view(id) });
      }
      if (!allowed.includes(d.status)) {
        throw new FrontlineError('CONFLICT', `draft ${id} is ${d.status}: ${action} needs it ${allowed.join(' or ')}`, { current: this.view(id) });
      }
      const out = fn(d);
      const updated = this.ws.updateDraft(id, out.fields ?? {});
      this.ws.appendAudit({ actor: actorLabel(actor), action, target: `draft:${id}`, before: out.before ?? { revision: d.revision, status: d.status }, after: out.after ?? { revision: updated.revision, status: updated.status }, address: actor.address });
    });
    return this.view(id);
  }

  /** Discards the redo stack: a new edit after an undo replaces what was undone. */
  private discardUndone(id: number): void {
    for (const i of this.ws.items(id)) if (i.state === 'undone') this.ws.setItemState(i.id, 'discarded', null);
  }

  async addChange(actor: Actor | null, id: number, revision: number, input: AreaChange) {
    assertCan(actor, 'drafts.write');
    await geos.initGeometry();
    const body = changeBody(input);
    return this.write(actor, id, revision, 'draft.change.add', EDITABLE, () => {
      this.discardUndone(id);
      const item = this.ws.addItem({ draftId: id, kind: 'change', body: body as unknown as Record<string, unknown>, author: actor.userId ?? 0 });
      return { after: { item: item.id, ...body } };
    });
  }

  /**
   * Imports the polygons of a GeoJSON or KML file as changes, all sharing the given date, sources
   * and confidence. All or nothing: any refused feature refuses the file, naming each one.
   */
  async importFile(actor: Actor | null, id: number, revision: number, input: {
    format: 'geojson' | 'kml' | 'kmz'; content: string; defaultStatus?: AreaChange['status'] | null; validFrom: string; sources: Source[]; confidence: AreaChange['confidence'];
  }) {
    assertCan(actor, 'drafts.write');
    await geos.initGeometry();
    const problems = [...sourceProblems(input.sources)];
    const when = instantProblem('validFrom', input.validFrom);
    if (when) problems.push(when);
    if (problems.length) throw new FrontlineError('BAD_ARGUMENT', problems.join('; '));
    let text = input.content;
    if (input.format === 'kmz') {
      const unpacked = kmlFromKmz(Buffer.from(input.content, 'base64'));
      if ('error' in unpacked) throw new FrontlineError('INVALID_DRAFT', `nothing imported: ${unpacked.error}`);
      text = unpacked.kml;
    }
    const parsed = input.format === 'geojson' ? featuresFromGeoJSON(text, input.defaultStatus ?? null) : featuresFromKml(text, input.defaultStatus ?? null);
    if (parsed.errors.length) throw new FrontlineError('INVALID_DRAFT', `nothing imported: ${parsed.errors.slice(0, 20).join('; ')}${parsed.errors.length > 20 ? ` (and ${parsed.errors.length - 20} more)` : ''}`);
    return this.write(actor, id, revision, 'draft.import', EDITABLE, () => {
      this.discardUndone(id);
      const ids = parsed.features.map((f) => this.ws.addItem({
        draftId: id, kind: 'change', author: actor.userId ?? 0,
        body: {
          status: f.status, geometry: f.geometry, validFrom: new Date(input.validFrom).toISOString(), sources: input.sources.map(cleanSource),
          confidence: input.confidence, note: `imported from ${input.format}: ${f.name}`, areaKm2: Math.round(f.areaKm2 * 100) / 100, claim: null, embargo: null,
        },
      }).id);
      return { after: { format: input.format, items: ids, features: parsed.features.map((f) => f.name) } };
    });
  }

  addEvent(actor: Actor | null, id: number, revision: number, input: MapEvent) {
    assertCan(actor, 'drafts.write');
    return this.addItem(actor, id, revision, 'event', eventBody(this.store, input));
  }

  /** An attack direction (core/workspace/items.ts AttackArrow): a line of 2–50 lon/lat points, with sources. */
  addArrow(actor: Actor | null, id: number, revision: number, input: AttackArrow) {
    assertCan(actor, 'drafts.write');
    return this.addItem(actor, id, revision, 'arrow', arrowBody(input));
  }

  /** A unit's position (core/workspace/items.ts UnitPosition): checked like an event, plus its designation. */
  addUnit(actor: Actor | null, id: number, revision: number, input: UnitPosition) {
    assertCan(actor, 'drafts.write');
    return this.addItem(actor, id, revision, 'unit', unitBody(this.store, input));
  }

  /** Adds an event or arrow as one write (revision checked, redo stack dropped, audited as draft.<kind>.add). */
  private addItem(actor: Actor, id: number, revision: number, kind: Exclude<ItemKind, 'change'>, body: Record<string, unknown>) {
    return this.write(actor, id, revision, `draft.${kind}.add`, EDITABLE, () => {
      this.discardUndone(id);
      const item = this.ws.addItem({ draftId: id, kind, body, author: actor.userId ?? 0 });
      return { after: { item: item.id, ...body } };
    });
  }

  /**
   * Undoes the last step: the last active item, with the items made in the same edit, split or
   * merge; the items that step replaced come back as they were.
   */
  undo(actor: Actor | null, id: number, revision: number) {
    assertCan(actor, 'drafts.write');
    return this.write(actor, id, revision, 'draft.undo', EDITABLE, () => {
      const items = this.ws.items(id);
      const active = items.filter((i) => i.state === 'active');
      const last = active.pop();
      if (!last) throw new FrontlineError('CONFLICT', 'nothing to undo', { current: this.view(id) });
      const step = [...active, last].filter((i) => stepKey(i) === stepKey(last));
      const order = Math.max(0, ...items.map((i) => i.undoOrder ?? 0)) + 1;
      for (const i of step) this.ws.setItemState(i.id, 'undone', order);
      for (const r of replacesOf(last)) this.ws.setItemState(r, 'active', null);
      return { after: { items: step.map((i) => i.id), state: 'undone', restored: replacesOf(last) } };
    });
  }

  /** Redoes the last undone step (all its items), setting aside again what it replaced. */
  redo(actor: Actor | null, id: number, revision: number) {
    assertCan(actor, 'drafts.write');
    return this.write(actor, id, revision, 'draft.redo', EDITABLE, () => {
      const undone = this.ws.items(id).filter((i) => i.state === 'undone');
      if (!undone.length) throw new FrontlineError('CONFLICT', 'nothing to redo', { current: this.view(id) });
      const top = Math.max(...undone.map((i) => i.undoOrder ?? 0));
      const step = undone.filter((i) => (i.undoOrder ?? 0) === top);
      for (const i of step) this.ws.setItemState(i.id, 'active', null);
      for (const r of replacesOf(step[0])) this.ws.setItemState(r, 'discarded', null);
      return { after: { items: step.map((i) => i.id), state: 'active', replaced: replacesOf(step[0]) } };
    });
  }

  /**
   * An active item of the draft, or NOT_FOUND. A stale revision is a CONFLICT first: a client that
   * missed someone's edit gets the draft as it is now, not a bare 404 for an item replaced meanwhile.
   */
  private activeItem(id: number, revision: number, itemId: number, kinds: ItemKind[]): DraftItemRecord {
    const d = this.require(id);
    if (d.revision !== revision) throw new FrontlineError('CONFLICT', `draft ${id} is at revision ${d.revision}, not ${revision}: someone changed it since you read it`, { current: this.view(id) });
    const item = this.ws.items(id).find((i) => i.id === itemId);
    if (!item || item.state !== 'active' || !kinds.includes(item.kind)) throw new FrontlineError('NOT_FOUND', `draft ${id} has no active ${kinds.join(' or ')} ${itemId}`);
    return item;
  }

  /**
   * Replaces items by new ones as one undoable step: the new items record `replaces`, the old ones
   * are set aside (state `discarded`, out of the draft's view) until the step is undone. The audit
   * entry holds the old items before and the new ones after.
   */
  private replaceItems(actor: Actor, id: number, revision: number, action: string, oldIds: number[], bodies: { kind: ItemKind; body: Record<string, unknown> }[], extra: Record<string, unknown> = {}) {
    return this.write(actor, id, revision, action, EDITABLE, () => {
      const items = this.ws.items(id);
      const old = oldIds.map((o) => items.find((i) => i.id === o && i.state === 'active'));
      // Checked again inside the transaction: the revision check makes this a formality, but a cheap one.
      if (old.some((o) => !o)) throw new FrontlineError('CONFLICT', 'an item to replace is no longer active', { current: this.view(id) });
      this.discardUndone(id);
      const added = bodies.map((b) => this.ws.addItem({ draftId: id, kind: b.kind, body: { ...b.body, replaces: oldIds }, author: actor.userId ?? 0 }));
      for (const o of oldIds) this.ws.setItemState(o, 'discarded', null);
      return {
        before: { revision, items: old.map((o) => ({ item: o!.id, ...o!.body })) },
        after: { ...extra, items: added.map((a) => ({ item: a.id, ...a.body })) },
      };
    });
  }

  /**
   * Edits a saved change or arrow: the fields given replace the item's, the rest are kept, and the
   * result passes the checks of adding one (geometry repaired with MakeValid, sources, dates). The
   * edit is one undoable step: a new item replaces the old one, which undo brings back.
   */
  async editItem(actor: Actor | null, id: number, revision: number, itemId: number, patch: Record<string, unknown>) {
    assertCan(actor, 'drafts.write');
    await geos.initGeometry();
    const item = this.activeItem(id, revision, itemId, ['change', 'arrow', 'event', 'unit']);
    const kind = item.kind as keyof typeof EDITABLE_FIELDS;
    const allowed: readonly string[] = EDITABLE_FIELDS[kind];
    const wrong = Object.keys(patch).filter((k) => !allowed.includes(k));
    if (wrong.length) throw new FrontlineError('BAD_ARGUMENT', `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} has no field ${wrong.join(', ')} (it takes ${allowed.join(', ')})`);
    const merged = { ...content(item.body), ...patch };
    const body = kind === 'change' ? (changeBody(merged as unknown as AreaChange) as unknown as Record<string, unknown>)
      : kind === 'arrow' ? arrowBody(merged as unknown as AttackArrow)
        : kind === 'event' ? eventBody(this.store, merged as unknown as MapEvent)
          : unitBody(this.store, merged as unknown as UnitPosition);
    return this.replaceItems(actor, id, revision, `draft.${kind}.edit`, [itemId], [{ kind, body }]);
  }

  /**
   * Splits a change along a line into the pieces it cuts (core/workspace/split-merge.ts), each a
   * change with the same status, dates and sources: one undoable step.
   */
  async splitItem(actor: Actor | null, id: number, revision: number, itemId: number, line: LineString) {
    assertCan(actor, 'drafts.write');
    await geos.initGeometry();
    const checked = checkArrowLine(line, 'a cutting line needs two ends');
    if (!checked.ok) throw new FrontlineError('BAD_ARGUMENT', checked.error);
    const item = this.activeItem(id, revision, itemId, ['change']);
    const old = item.body as unknown as AreaChange;
    const split = splitPolygon(old.geometry, checked.line);
    if (!split.ok) throw new FrontlineError('INVALID_DRAFT', `change ${itemId}: ${split.error}`);
    const bodies = split.parts.map((geometry) => ({ kind: 'change' as const, body: changeBody({ ...(content(item.body) as unknown as AreaChange), geometry }) as unknown as Record<string, unknown> }));
    return this.replaceItems(actor, id, revision, 'draft.change.split', [itemId], bodies, { line: checked.line });
  }

  /**
   * Merges changes of one status into one (union of the polygons; see mergeChanges for the
   * sources, confidence and dates): one undoable step. Different statuses are refused with the reason.
   */
  async mergeItems(actor: Actor | null, id: number, revision: number, itemIds: number[]) {
    assertCan(actor, 'drafts.write');
    await geos.initGeometry();
    const ids = [...new Set(itemIds)];
    const items = ids.map((i) => this.activeItem(id, revision, i, ['change']));
    const merged = mergeChanges(items.map((i) => content(i.body) as unknown as AreaChange));
    if (!merged.ok) throw new FrontlineError('INVALID_DRAFT', `changes ${ids.join(', ')} cannot be merged: ${merged.error}`);
    const body = changeBody(merged.change) as unknown as Record<string, unknown>;
    return this.replaceItems(actor, id, revision, 'draft.change.merge', ids, [{ kind: 'change', body }]);
  }

  /**
   * "The front moved to this road": the control area of the base version under `point` (the ground
   * of one status, read from the cells around the line), cut by `line`; the piece holding `point`
   * becomes an ordinary change with the new status.
   */
  async splitBase(actor: Actor | null, id: number, revision: number, input: { line: LineString; point: { lon: number; lat: number } } & Omit<AreaChange, 'geometry'>) {
    assertCan(actor, 'drafts.write');
    await geos.initGeometry();
    const checked = checkArrowLine(input.line, 'a cutting line needs two ends');
    if (!checked.ok) throw new FrontlineError('BAD_ARGUMENT', checked.error);
    const d = this.require(id);
    const { lon, lat } = input.point;
    const xs = checked.line.coordinates.map((c) => c[0]).concat(lon);
    const ys = checked.line.coordinates.map((c) => c[1]).concat(lat);
    // A margin of a cell around the line: the piece to change must be closed by the line within it.
    const window = { minX: Math.min(...xs) - 0.25, minY: Math.min(...ys) - 0.25, maxX: Math.max(...xs) + 0.25, maxY: Math.max(...ys) + 0.25 };
    // The area is read cell by cell around the line: a cut of a front is local, and this bounds the work of one request.
    if (window.maxX - window.minX > BASE_SPLIT_MAX_DEG + 0.5 || window.maxY - window.minY > BASE_SPLIT_MAX_DEG + 0.5) {
      throw new FrontlineError('BAD_ARGUMENT', `the line and the point span more than ${BASE_SPLIT_MAX_DEG}° (about ${Math.round(BASE_SPLIT_MAX_DEG * 111)} km): move the front in shorter cuts`);
    }
    const baseKeys = this.store.versionCells(d.basedOn);
    const area = controlArea(window, (cell) => { const k = baseKeys.get(cell); return k ? this.store.cellLayers(k) : null; }, this.store.regionWkb('UA')!, lon, lat);
    if (!area) throw new FrontlineError('INVALID_DRAFT', `the point [${lon}, ${lat}] is outside the country`);
    try {
      if (area.status === input.status) throw new FrontlineError('INVALID_DRAFT', `the area at the point is already ${area.status} in the base version: pick the other side or another status`);
      const face = faceAt(area.geom, checked.line, lon, lat, window);
      if (!face.ok) throw new FrontlineError('INVALID_DRAFT', `the ${area.status} area at [${lon}, ${lat}]: ${face.error}`);
      const { line: _line, point: _point, ...change } = input;
      const body = changeBody({ ...change, geometry: face.face });
      return this.write(actor, id, revision, 'draft.change.split-base', EDITABLE, () => {
        this.discardUndone(id);
        const item = this.ws.addItem({ draftId: id, kind: 'change', body: body as unknown as Record<string, unknown>, author: actor.userId ?? 0 });
        return { after: { item: item.id, from: area.status, line: checked.line, point: input.point, ...body } };
      });
    } finally {
      geos.free(area.geom);
    }
  }

  /**
   * Moves the draft onto another version (e.g. one published since the draft was opened): its
   * changes are polygons, so they apply to the new base as they are. The draft goes back to
   * editing (a review was of the old base).
   */
  rebase(actor: Actor | null, id: number, revision: number, basedOn: 'latest' | number) {
    assertCan(actor, 'drafts.write');
    const v = this.baseVersion(basedOn);
    return this.write(actor, id, revision, 'draft.rebase', ['open', 'rejected', 'submitted', 'approved'], (d) => ({
      fields: { basedOn: v.id, status: d.status === 'rejected' ? 'rejected' : 'open' },
      before: { basedOn: d.basedOn, status: d.status, revision: d.revision }, after: { basedOn: v.id },
    }));
  }

  private active(id: number): DraftItemRecord[] {
    return this.ws.items(id).filter((i) => i.state === 'active');
  }

  submit(actor: Actor | null, id: number, revision: number) {
    assertCan(actor, 'drafts.write');
    return this.write(actor, id, revision, 'draft.submit', EDITABLE, () => {
      const problems = submissionProblems(this.active(id).map((i) => ({ id: i.id, kind: i.kind, body: i.body as { sources: Source[] } })));
      if (problems.length) throw new FrontlineError('INVALID_DRAFT', `draft ${id} cannot be submitted: ${problems.join('; ')}`);
      return { fields: { status: 'submitted' } };
    });
  }

  comment(actor: Actor | null, id: number, input: { itemId?: number | null; body: string }) {
    assertCan(actor, 'drafts.comment');
    this.require(id);
    if (input.itemId != null && !this.ws.items(id).some((i) => i.id === input.itemId)) throw new FrontlineError('NOT_FOUND', `draft ${id} has no item ${input.itemId}`);
    this.ws.transaction(() => {
      const c = this.ws.addComment({ draftId: id, itemId: input.itemId ?? null, author: actor.userId ?? 0, body: input.body });
      this.ws.appendAudit({ actor: actorLabel(actor), action: 'draft.comment', target: `draft:${id}`, after: { comment: c.id, itemId: c.itemId, body: c.body }, address: actor.address });
    });
    return this.view(id);
  }

  reject(actor: Actor | null, id: number, revision: number, reasons: string) {
    assertCan(actor, 'drafts.review');
    return this.write(actor, id, revision, 'draft.reject', ['submitted'], (d) => {
      const rejections = [...((d.review.rejections as unknown[]) ?? []), { by: actor.username, at: this.nowIso(), reasons }];
      return { fields: { status: 'rejected', review: { ...d.review, rejections } }, after: { status: 'rejected', reasons } };
    });
  }

  approve(actor: Actor | null, id: number, revision: number) {
    assertCan(actor, 'drafts.review');
    return this.write(actor, id, revision, 'draft.approve', ['submitted'], (d) => {
      // Four eyes: whoever opened the draft cannot approve it.
      if (d.createdBy === actor.userId) throw new FrontlineError('FORBIDDEN', 'a draft is approved by someone other than its author');
      return { fields: { status: 'approved', review: { ...d.review, approvedBy: actor.username, approvedAt: this.nowIso(), approvedRevision: revision } } };
    });
  }

  private timers = new Map<number, NodeJS.Timeout>();

  /** Tells viewers when a held version becomes public (in this process; after a restart, at their next load). */
  private announceLater(versionId: number, publicFrom: string, announce: () => void): void {
    const ms = Date.parse(publicFrom) - this.now();
    if (ms > 2 ** 31 - 1) return;
    const t = setTimeout(() => { this.timers.delete(versionId); announce(); }, Math.max(0, ms));
    t.unref();
    this.timers.set(versionId, t);
  }

  settings(): WorkspaceSettings {
    return {
      publicationDelayHours: Number(this.ws.setting('publicationDelayHours') ?? 0),
      publicPointPrecisionDeg: Number(this.ws.setting('publicPointPrecisionDeg') ?? 0.1),
      publicArrows: this.ws.setting('publicArrows') === 'hidden' ? 'hidden' : 'rounded',
      publicUnits: this.ws.setting('publicUnits') === 'hidden' ? 'hidden' : 'rounded',
    };
  }

  setSettings(actor: Actor | null, next: Partial<WorkspaceSettings>): WorkspaceSettings {
    assertCan(actor, 'settings.manage');
    const before = this.settings();
    this.ws.transaction(() => {
      for (const [k, v] of Object.entries(next)) if (v !== undefined) this.ws.setSetting(k, String(v));
      this.ws.appendAudit({ actor: actorLabel(actor), action: 'settings.update', target: 'settings', before, after: next, address: actor.address });
    });
    return this.settings();
  }

  /**
   * Lifts the embargo on a change of a published draft: a new draft based on the latest version,
   * holding that change, approved by the reviewer who lifts it, ready to publish.
   */
  liftEmbargo(actor: Actor | null, id: number, itemId: number, reason: string) {
    assertCan(actor, 'drafts.publish');
    const pointItem = this.ws.items(id).find((i) => i.id === itemId && i.kind !== 'change');
    if (pointItem) return this.liftPointEmbargo(actor, id, pointItem, reason);
    if (actor.userId === null && actor.via !== 'system') throw new FrontlineError('FORBIDDEN', 'drafts belong to accounts: use an account or an API token');
    const latest = this.baseVersion('latest');
    const newId = this.ws.transaction(() => {
      const d = this.require(id);
      const held = (d.review.embargoed as { item: number; liftedAt: string | null }[] | undefined) ?? [];
      const entry = held.find((h) => h.item === itemId);
      if (d.status !== 'published' || !entry) throw new FrontlineError('NOT_FOUND', `draft ${id} has no embargoed change ${itemId}`);
      if (entry.liftedAt) throw new FrontlineError('CONFLICT', `the embargo on change ${itemId} was lifted at ${entry.liftedAt}`);
      const item = this.ws.items(id).find((i) => i.id === itemId)!;
      const at = this.nowIso();
      // Lifted by the server when the end date passed: the draft stays its author's.
      const created = this.ws.addDraft({ title: `Embargo lifted: ${d.title}`, basedOn: latest.id, createdBy: actor.userId ?? d.createdBy });
      this.ws.addItem({ draftId: created.id, kind: 'change', body: { ...content(item.body), areaKm2: item.body.areaKm2, embargo: null }, author: item.author });
      this.ws.updateDraft(created.id, { status: 'approved', review: { approvedBy: actor.username, approvedAt: at, liftedFrom: { draft: id, item: itemId, reason } } });
      this.ws.updateDraft(id, { review: { ...d.review, embargoed: held.map((h) => (h.item === itemId ? { ...h, liftedAt: at, liftedBy: actor.username, reason } : h)) } });
      this.ws.appendAudit({ actor: actorLabel(actor), action: 'draft.embargo.lift', target: `draft:${id}`, after: { item: itemId, reason, draft: created.id }, address: actor.address });
      return created.id;
    });
    return this.view(newId);
  }

  /**
   * Publishes every change whose embargo end date has passed since its draft was published, as a
   * reviewer would by hand: lifts it (an approved draft holding it, on the latest version) and
   * publishes that at the end date — or just after the latest version, if one is newer — so nothing
   * published since is undone. The reviewer who approved the embargo approved its end date too.
   * Idempotent (a lifted entry is not lifted again); the server runs it on a timer. Returns the new
   * versions' ids.
   */
  async liftExpiredEmbargoes(): Promise<number[]> {
    const now = this.nowIso();
    const due = this.ws.drafts().filter((d) => d.status === 'published').flatMap((d) =>
      ((d.review.embargoed as { item: number; until: string | null; liftedAt: string | null }[] | undefined) ?? [])
        .filter((h) => !h.liftedAt && h.until !== null && h.until <= now).map((h) => ({ draft: d, item: h.item, until: h.until! })));
    const published: number[] = [];
    for (const { draft, item, until } of due) {
      const actor = EMBARGO_EXPIRY_ACTOR;
      const lifted = this.liftEmbargo(actor, draft.id, item, `the embargo ended at ${until}`);
      const latest = this.baseVersion('latest');
      const validAt = until > latest.validAt ? until : new Date(Date.parse(latest.validAt) + 1000).toISOString();
      try {
        const r = await this.publish(actor, lifted.id, lifted.revision, {
          validAt, changelog: { what: `Embargo ended: ${draft.title}`, why: `change ${item} of draft ${draft.id} was held back until ${until}` },
        });
        published.push(r.version.id);
      } catch (e) {
        // The lift draft stays approved for a reviewer to publish; the reason is in the audit log.
        this.ws.appendAudit({ actor: actorLabel(actor), action: 'draft.publish.failed', target: `draft:${lifted.id}`, after: { error: (e as Error).message } });
      }
    }
    return published;
  }

  /**
   * Events and arrows are their own layer, read with their embargo: lifting one makes it public
   * now, without a new version. Returns the draft.
   */
  private liftPointEmbargo(actor: Actor, id: number, item: DraftItemRecord, reason: string) {
    this.ws.transaction(() => {
      const d = this.require(id);
      const at = this.nowIso();
      if (d.status !== 'published' || !this.ws.liftPublishedItem(item.id, at)) throw new FrontlineError('NOT_FOUND', `draft ${id} has no ${item.kind} ${item.id} under embargo`);
      this.ws.appendAudit({ actor: actorLabel(actor), action: 'draft.embargo.lift', target: `draft:${id}`, after: { item: item.id, kind: item.kind, reason, liftedAt: at }, address: actor.address });
    });
    return this.view(id);
  }

  /** Versions published by the team and still held back by the publication delay. */
  held(actor: Actor | null) {
    assertCan(actor, 'drafts.read');
    const now = this.nowIso();
    return this.store.versions({ includeHeld: true }).filter((v) => v.publicFrom && v.publicFrom > now)
      .map((v) => ({ id: v.id, validAt: v.validAt, source: v.source, publicFrom: v.publicFrom!, summary: v.summary }));
  }

  /** A reviewer makes a held version public now; the reason is logged. */
  release(actor: Actor | null, versionId: number, reason: string) {
    assertCan(actor, 'drafts.publish');
    const v = this.store.versions({ includeHeld: true }).find((x) => x.id === versionId);
    if (!v) throw new FrontlineError('NOT_FOUND', `no version ${versionId}`);
    if (!v.publicFrom || v.publicFrom <= this.nowIso()) throw new FrontlineError('CONFLICT', `version ${versionId} is already public`);
    this.store.transaction(() => {
      this.store.setVersionPublicFrom(versionId, null);
      this.ws.appendAudit({ actor: actorLabel(actor), action: 'version.release', target: `version:${versionId}`, before: { publicFrom: v.publicFrom }, after: { publicFrom: null, reason }, address: actor.address });
    });
    clearTimeout(this.timers.get(versionId));
    this.timers.delete(versionId);
    this.onPublished({ id: v.id, validAt: v.validAt, source: v.source, draft: Number(v.summary.draft ?? 0), changelog: v.summary.changelog ?? null });
    return { id: v.id, validAt: v.validAt, publicFrom: null };
  }

  /** The draft's changes applied to its base version, cell by cell (see core/workspace/apply.ts). */
  private applied(d: DraftRecord, options: { withoutEmbargoedAt?: string } = {}): { version: VersionRecord; cells: AppliedCell[]; baseKeys: Map<number, string> } {
    const version = this.store.versions({ includeHeld: true }).find((v) => v.id === d.basedOn);
    if (!version) throw new FrontlineError('NOT_FOUND', `base version ${d.basedOn} is gone`);
    const baseKeys = this.store.versionCells(version.id);
    const now = options.withoutEmbargoedAt;
    // Claims never change assessed control: they are published in their own layer.
    const changes = this.active(d.id).filter((i) => i.kind === 'change').map((i) => i.body as unknown as AreaChange)
      .filter((c) => !c.claim && (now === undefined || !underEmbargo(c, now)));
    const cells = applyChanges(changes, (cell) => { const k = baseKeys.get(cell); return k ? this.store.cellLayers(k) : null; }, this.store.regionWkb('UA')!);
    return { version, cells, baseKeys };
  }

  /**
   * What the draft would change against its base version: km² per status transition (per oblast),
   * the settlements whose status changes, every change and event with its sources, the comments.
   */
  async review(actor: Actor | null, id: number) {
    assertCan(actor, 'drafts.read');
    await geos.initGeometry();
    const d = this.require(id);
    const { version, cells } = this.applied(d);
    const oblasts = this.store.regions().filter((r) => r.level === 'oblast').map((r) => ({ code: r.code, wkb: this.store.regionWkb(r.code)! }));
    const t = transitions(cells, this.store.regionWkb('UA')!, oblasts).filter((x) => x.areaKm2 > 0);
    const view = this.view(id);
    return {
      draft: { id: d.id, title: d.title, status: d.status, revision: d.revision },
      base: { id: version.id, validAt: version.validAt },
      transitions: t,
      settlements: this.settlementChanges(version.id, cells),
      items: view.items.filter((i) => i.state === 'active'),
      comments: view.comments,
    };
  }

  /**
   * The ground the draft changes hands, as GeoJSON for the map: one feature per transition and
   * 0.25° cell, with `from`, `to`, the gaining `side` and `areaKm2` — the same pieces whose areas
   * `review()` sums, shaped like `GET /diff/geojson` so the editor draws it with the viewer's diff style.
   */
  async reviewGeoJSON(actor: Actor | null, id: number): Promise<FeatureCollection> {
    assertCan(actor, 'drafts.read');
    await geos.initGeometry();
    const { cells } = this.applied(this.require(id));
    const features: Feature[] = [];
    forEachTransition(cells, this.store.regionWkb('UA')!, (from, to, changed) => {
      const areaKm2 = Math.round(geos.areaKm2(changed) * 100) / 100;
      // Slivers left by the overlay (review() drops transitions of 0 km² too).
      if (areaKm2 > 0) features.push({ type: 'Feature', properties: { from, to, side: gainingSide(from, to), areaKm2 }, geometry: geos.toGeoJSON(changed) });
    });
    return { type: 'FeatureCollection', features };
  }

  private settlementChanges(versionId: number, cells: AppliedCell[]) {
    const statuses = this.store.settlementStatuses(versionId);
    const after = new Map(cells.map((c) => [c.cell, c.after]));
    const out: { name: string; code: string; from: SettlementStatus; to: SettlementStatus; population: number | null; oblast: string | null; lon: number; lat: number }[] = [];
    if (!statuses) return out;
    for (const s of this.store.settlements()) {
      const layers = after.get(cellOf(s.lon, s.lat));
      if (!layers) continue;
      const from = STATUS_CODES[statuses[s.id]];
      const to = statusInLayers(layers, s.lon, s.lat);
      if (base(from) !== base(to)) out.push({ name: s.name, code: s.code, from, to, population: s.population, oblast: s.oblast, lon: s.lon, lat: s.lat });
    }
    return out.sort((a, b) => (b.population ?? 0) - (a.population ?? 0) || a.name.localeCompare(b.name));
  }

  /**
   * Publishes an approved draft as a new version at `validAt` (default: the latest valid-from of
   * its changes), through the import session, source 'frontline'. The version, the draft's new
   * status and the audit entry are written in one transaction.
   */
  async publish(actor: Actor | null, id: number, revision: number, input: { validAt?: string; changelog: { what: string; why: string }; releaseNow?: { reason: string } }) {
    assertCan(actor, 'drafts.publish');
    if (this.publishing.has(id)) throw new FrontlineError('CONFLICT', `draft ${id} is being published`, { current: this.view(id) });
    this.publishing.add(id);
    try {
      await geos.initGeometry();
      const d = this.require(id);
      const check = (x: DraftRecord) => {
        if (x.revision !== revision) throw new FrontlineError('CONFLICT', `draft ${id} is at revision ${x.revision}, not ${revision}`, { current: this.view(id) });
        if (x.status !== 'approved') throw new FrontlineError('CONFLICT', `draft ${id} is ${x.status}: only an approved draft is published`, { current: this.view(id) });
      };
      check(d);
      const items = this.active(id);
      const now = this.nowIso();
      // Embargoed changes stay out of the public version (and out of its summary and changelog).
      const embargoed = items.filter((i) => i.kind === 'change' && underEmbargo(i.body as unknown as AreaChange, now));
      const open = items.filter((i) => i.kind === 'change' && !embargoed.includes(i)).map((i) => i.body as unknown as AreaChange);
      const changes = open.filter((c) => !c.claim);
      const claims = open.filter((c) => c.claim);
      // Events and arrows go to their own layer (published_items) with their embargo, which public readers honour when they read;
      // the version's summary and changelog carry only those public now.
      type PublishedEventBody = MapEvent & { place: { lon: number; lat: number; name?: string; settlement?: string } };
      const pointItems = items.filter((i) => i.kind === 'event' || i.kind === 'arrow' || i.kind === 'unit');
      const openNow = (i: DraftItemRecord) => !underEmbargo(i.body as { embargo?: Embargo | null }, now);
      const events = pointItems.filter((i) => i.kind === 'event' && openNow(i)).map((i) => i.body as unknown as PublishedEventBody);
      const arrows = pointItems.filter((i) => i.kind === 'arrow' && openNow(i)).map((i) => i.body as unknown as AttackArrow);
      // Units count in the summary, never their designations or places: the layer rounds or hides them.
      const units = pointItems.filter((i) => i.kind === 'unit' && openNow(i)).length;
      const latest = [...open.map((c) => c.validFrom), ...pointItems.map((i) => (i.body as { time: string }).time)].sort().pop();
      const validAtText = input.validAt ?? latest;
      if (!validAtText) throw new FrontlineError('BAD_ARGUMENT', 'validAt is required for a draft without dated changes');
      const p = instantProblem('validAt', validAtText);
      if (p) throw new FrontlineError('BAD_ARGUMENT', p);
      const validAt = new Date(validAtText);
      const { version: baseVersion, cells, baseKeys } = this.applied(d, { withoutEmbargoedAt: now });
      if (validAt.toISOString() <= baseVersion.validAt) throw new FrontlineError('BAD_ARGUMENT', `validAt ${validAt.toISOString()} must be after the base version's valid time (${baseVersion.validAt})`);
      // The new version replaces the map from validAt on: anything published between the base and
      // validAt would be silently undone, so the draft must be based on the version in force then.
      const inForce = this.store.versionAt(validAt.toISOString(), { includeHeld: true });
      if (inForce && inForce.id !== baseVersion.id) {
        throw new FrontlineError('CONFLICT', `version ${inForce.id} (${inForce.validAt}) was published after this draft's base version ${baseVersion.id}: rebase the draft on it before publishing at ${validAt.toISOString()}`, { current: this.view(id) });
      }
      // Publication delay: public no earlier than validAt + the team's delay, unless a reviewer releases it now (logged with a reason).
      const { publicationDelayHours: delayHours, publicPointPrecisionDeg: precision } = this.settings();
      const heldUntil = new Date(validAt.getTime() + delayHours * 3_600_000).toISOString();
      const publicFrom = input.releaseNow || heldUntil <= this.nowIso() ? null : heldUntil;
      const baseCells: [number, CellLayers][] = [...baseKeys].map(([cell, key]) => [cell, this.store.cellLayers(key)!]);
      const polygons = versionPolygons(baseCells, cells);
      const sources = [...new Set([...open, ...events, ...arrows].flatMap((c) => c.sources.map((s) => s.url)))];
      const changelog = { what: input.changelog.what, why: input.changelog.why, sources };
      const contentHash = createHash('sha256').update(`frontline-draft:${id}:${revision}:${validAt.toISOString()}`).digest('hex');
      const ws = this.ws;
      const store = this.store;
      // The import session writes the version through addVersion: wrap it so the draft's status and
      // the audit entry commit with the version or not at all.
      const wrapped: Store = {
        ...store,
        addVersion: (v) => store.transaction(() => {
          check(this.require(id));
          const version = store.addVersion({ ...v, publicFrom });
          for (const c of claims) {
            ws.addClaim({
              versionId: version.id, draftId: id, claimant: c.claim!.claimant, status: c.status, validFrom: c.validFrom, validUntil: c.claim!.until ?? null,
              geometry: c.geometry as unknown as Record<string, unknown>, areaKm2: (c as AreaChange & { areaKm2: number }).areaKm2, sources: c.sources, confidence: c.confidence, note: c.note ?? null,
            });
          }
          for (const i of pointItems) ws.addPublishedItem(publishedItem(i, version.id, now));
          const held = embargoed.map((i) => ({ item: i.id, ...(i.body.embargo as object), liftedAt: null }));
          ws.updateDraft(id, { status: 'published', publishedVersion: version.id, ...(held.length ? { review: { ...d.review, embargoed: held } } : {}) });
          ws.appendAudit({
            actor: actorLabel(actor), action: 'draft.publish', target: `draft:${id}`, before: { revision, status: 'approved' },
            after: {
              version: version.id, validAt: version.validAt, changelog, publicFrom, delayHours, embargoed: held.map((h) => h.item),
              embargoedEventsAndArrows: pointItems.filter((i) => !openNow(i)).map((i) => i.id),
              ...(input.releaseNow ? { releasedNow: input.releaseNow.reason } : {}),
            },
            address: actor.address,
          });
          return version;
        }),
      };
      // Worker threads (FRONTLINE_WORKERS, default min(2, cores)) keep the server answering while the cells are rebuilt.
      const session = await openImportSession(wrapped);
      let version: VersionRecord;
      try {
        ({ version } = await session.importVersion({
          validAt, source: 'frontline', file: `draft-${id}`, contentHash, polygons,
          annotations: [],
          // Published events travel with the version (GET /api/v1/versions) until the map has an events layer;
          // free points are coarsened to the team's public precision (settlements are public places already).
          summary: {
            polygons: polygons.length, draft: id, title: d.title, changes: changes.length, claims: claims.length, arrows: arrows.length, ...(units ? { units } : {}), basedOn: baseVersion.id,
            events: events.map(({ embargo: _reasonStaysWithTheTeam, ...e }) => ('settlement' in e.place ? e : { ...e, place: { lon: coarsen(e.place.lon, precision), lat: coarsen(e.place.lat, precision), precisionDeg: precision } })),
            publishedBy: actor.username, approvedBy: d.review.approvedBy ?? null, changelog,
          },
        }));
      } finally {
        await session.close();
      }
      const announce = () => this.onPublished({ id: version.id, validAt: version.validAt, source: version.source, draft: id, changelog });
      if (publicFrom === null) announce();
      else this.announceLater(version.id, publicFrom, announce);
      return { version: { id: version.id, validAt: version.validAt, source: version.source, summary: version.summary, publicFrom }, draft: this.view(id) };
    } finally {
      this.publishing.delete(id);
    }
  }
}

export interface WorkspaceSettings {
  publicationDelayHours: number;
  /** Events placed at a free point are published on a grid of this many degrees (0: exact); the team keeps them exact. */
  publicPointPrecisionDeg: number;
  /** Arrows for the public: snapped to the same grid ('rounded', the default) or withheld ('hidden'). */
  publicArrows: PublicArrows;
  /** Unit positions for the public: on the same grid ('rounded', the default) or withheld ('hidden'). */
  publicUnits: PublicUnits;
}

/** A change as the draft keeps it, checked and repaired (sources, dates, claim, embargo, geometry), or BAD_ARGUMENT naming every problem. */
function changeBody(input: AreaChange): AreaChange & { areaKm2: number } {
  const problems = [...sourceProblems(input.sources)];
  const when = instantProblem('validFrom', input.validFrom);
  if (when) problems.push(when);
  const until = embargoProblem(input.embargo);
  if (until) problems.push(until);
  const claimUntil = input.claim?.until ? instantProblem('claim.until', input.claim.until) : null;
  if (claimUntil) problems.push(claimUntil);
  if (input.claim && !/^[a-z0-9][a-z0-9-]{1,39}$/.test(input.claim.claimant)) problems.push(`claim.claimant '${input.claim.claimant}' must be a short code such as ru-mod or ua-gs`);
  const g = checkChangeGeometry(input.geometry);
  if (!g.ok) problems.push(g.error);
  if (problems.length || !g.ok) throw new FrontlineError('BAD_ARGUMENT', problems.join('; '));
  return {
    status: input.status, geometry: g.geometry, validFrom: new Date(input.validFrom).toISOString(), sources: input.sources.map(cleanSource),
    confidence: input.confidence, note: input.note ?? null, areaKm2: Math.round(g.areaKm2 * 100) / 100,
    claim: input.claim ? { claimant: input.claim.claimant, until: input.claim.until ? new Date(input.claim.until).toISOString() : null } : null,
    embargo: cleanEmbargo(input.embargo),
  };
}

/** An arrow as the draft keeps it, checked (line, sources, time, embargo), or BAD_ARGUMENT naming every problem. */
function arrowBody(input: AttackArrow): Record<string, unknown> {
  const problems = pointItemProblems(input);
  const line = checkArrowLine(input.line);
  if (!line.ok) problems.push(line.error);
  if (problems.length || !line.ok) throw new FrontlineError('BAD_ARGUMENT', problems.join('; '));
  return {
    line: line.line, side: input.side, time: new Date(input.time).toISOString(), sources: input.sources.map(cleanSource), confidence: input.confidence,
    note: input.note ?? null, embargo: cleanEmbargo(input.embargo),
  };
}

/** An event as the draft keeps it: its place resolved (resolvePlace), checked, or BAD_ARGUMENT naming every problem. */
function eventBody(store: Store, input: MapEvent): Record<string, unknown> {
  const problems = pointItemProblems(input);
  const place = resolvePlace(store, input.place, problems);
  if (problems.length) throw new FrontlineError('BAD_ARGUMENT', problems.join('; '));
  return {
    place, time: new Date(input.time).toISOString(), type: input.type, side: input.side, sources: input.sources.map(cleanSource), confidence: input.confidence,
    note: input.note ?? null, embargo: cleanEmbargo(input.embargo),
  };
}

/** A unit's position as the draft keeps it: checked like an event, plus its designation. */
function unitBody(store: Store, input: UnitPosition): Record<string, unknown> {
  const problems = pointItemProblems(input);
  const designation = unitDesignationProblem(input.unit);
  if (designation) problems.push(designation);
  const place = resolvePlace(store, input.place, problems);
  if (problems.length) throw new FrontlineError('BAD_ARGUMENT', problems.join('; '));
  return {
    unit: input.unit.trim(), side: input.side, place, time: new Date(input.time).toISOString(), sources: input.sources.map(cleanSource),
    confidence: input.confidence, note: input.note ?? null, embargo: cleanEmbargo(input.embargo),
  };
}

/** What a kind of item may be edited in (PUT /drafts/:id/items/:itemId): the fields of its add route. */
const EDITABLE_FIELDS = {
  change: ['status', 'geometry', 'validFrom', 'sources', 'confidence', 'note', 'claim', 'embargo'],
  arrow: ['line', 'side', 'time', 'sources', 'confidence', 'note', 'embargo'],
  event: ['place', 'time', 'type', 'side', 'sources', 'confidence', 'note', 'embargo'],
  unit: ['unit', 'side', 'place', 'time', 'sources', 'confidence', 'note', 'embargo'],
} as const;

/** The content of an item without what the draft adds to it (its computed area, what it replaced): what an edit starts from. */
function content(body: Record<string, unknown>): Record<string, unknown> {
  const { areaKm2: _area, replaces: _replaces, ...rest } = body;
  return rest;
}

/** The ids an item replaced (an edit, split or merge), empty for an ordinary one. */
const replacesOf = (i: DraftItemRecord): number[] => (Array.isArray(i.body.replaces) ? (i.body.replaces as number[]) : []);
/** Items made by one edit, split or merge replace the same items: that is what makes them one step. */
const stepKey = (i: DraftItemRecord): string => (replacesOf(i).length ? `r:${[...replacesOf(i)].sort((a, b) => a - b).join(',')}` : `i:${i.id}`);

/** What is wrong with the sources, time and embargo that events and arrows share. */
function pointItemProblems(input: { sources: Source[]; time: string; embargo?: Embargo | null }): string[] {
  const problems = [...sourceProblems(input.sources)];
  const when = instantProblem('time', input.time);
  if (when) problems.push(when);
  const until = embargoProblem(input.embargo);
  if (until) problems.push(until);
  return problems;
}

/** An embargo's problem, if any (the until-date must be an ISO date or time). */
function embargoProblem(e: { until?: string | null } | null | undefined): string | null {
  return e?.until ? instantProblem('embargo.until', e.until) : null;
}

function cleanEmbargo(e: { until?: string | null; reason: string } | null | undefined): Embargo | null {
  return e ? { until: e.until ? new Date(e.until).toISOString() : null, reason: e.reason } : null;
}

/** An event, arrow or unit as published_items keeps it: exact, with the embargo still running at `now` (if any). */
function publishedItem(i: DraftItemRecord, versionId: number, now: string) {
  const held = underEmbargo(i.body as { embargo?: Embargo | null }, now) ? (i.body.embargo as Embargo) : null;
  const common = { versionId, draftId: i.draftId, itemId: i.id, embargoed: !!held && held.until === null, embargoUntil: held?.until ?? null };
  if (i.kind === 'unit') {
    const u = i.body as unknown as UnitPosition & { place: { lon: number; lat: number; name?: string; settlement?: string } };
    return {
      ...common, kind: 'unit' as const, time: u.time, geometry: { type: 'Point', coordinates: [u.place.lon, u.place.lat] }, settlement: u.place.settlement ?? null,
      properties: { unit: u.unit, side: u.side, confidence: u.confidence, sources: u.sources, note: u.note ?? null, ...(u.place.name ? { place: u.place.name } : {}) },
    };
  }
  if (i.kind === 'arrow') {
    const a = i.body as unknown as AttackArrow;
    return { ...common, kind: 'arrow' as const, time: a.time, geometry: a.line as never, settlement: null, properties: { side: a.side, confidence: a.confidence, sources: a.sources, note: a.note ?? null } };
  }
  const e = i.body as unknown as MapEvent & { place: { lon: number; lat: number; name?: string; settlement?: string } };
  return {
    ...common, kind: 'event' as const, time: e.time, geometry: { type: 'Point', coordinates: [e.place.lon, e.place.lat] }, settlement: e.place.settlement ?? null,
    properties: { type: e.type, side: e.side, confidence: e.confidence, sources: e.sources, note: e.note ?? null, ...(e.place.name ? { place: e.place.name } : {}) },
  };
}

function cleanSource(s: Source): Source {
  return { url: s.url, publisher: s.publisher, author: s.author ?? null, publishedAt: s.publishedAt ?? null, quote: s.quote ?? null, archiveUrl: s.archiveUrl ?? null };
}
