/**
 * Typed client of the analyst workspace (docs/workspace.md): the session, drafts and their items,
 * review and publication, users and tokens. Unlike the viewer's `Api` nothing is cached (drafts
 * change under the team's hands), and every write carries the session's CSRF token, which lives
 * only in this object's memory: a reload asks for the password again rather than keep a write
 * credential in storage.
 */
import type { FeatureCollection, LineString, MultiPolygon, Polygon } from 'geojson';
import type { Static } from 'typebox';
import type {
  AuditBody, DraftBody, DraftsBody, EmbargoesBody, HeldBody, PublishedBody, ReviewBody, SettingsBody, Source as SourceSchema, TokenCreated, TokensBody, UsersBody,
} from '../../../src/server/workspace-schemas';
import { ApiError } from '../api';

export type Draft = Static<typeof DraftBody>;
export type DraftSummary = Static<typeof DraftsBody>[number];
export type Review = Static<typeof ReviewBody>;
export type Published = Static<typeof PublishedBody>;
export type Source = Static<typeof SourceSchema>;
export type User = Static<typeof UsersBody>[number];
export type Token = Static<typeof TokensBody>[number];
export type NewToken = Static<typeof TokenCreated>;
export type Settings = Static<typeof SettingsBody>;
export type HeldVersion = Static<typeof HeldBody>[number];
export type HeldItem = Static<typeof EmbargoesBody>[number];
export type AuditEntry = Static<typeof AuditBody>[number];

export type Role = 'viewer' | 'editor' | 'reviewer' | 'admin';
export const ROLES: Role[] = ['viewer', 'editor', 'reviewer', 'admin'];
export type ChangeStatus = 'occupied' | 'contested' | 'ukraine';
export type Confidence = 'confirmed' | 'likely' | 'claimed' | 'disputed';
export const CONFIDENCES: Confidence[] = ['confirmed', 'likely', 'claimed', 'disputed'];
export const EVENT_TYPES = ['capture', 'withdrawal', 'counterattack', 'evacuation', 'shelling', 'road_cut', 'encirclement', 'claim'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export const EVENT_SIDES = ['russia', 'ukraine'] as const;

export interface Me { username: string; role: Role }

/** A change as the draft keeps it (`items[]` of kind 'change'; the schema leaves items open). */
export interface ChangeItem {
  id: number; kind: 'change'; state: string; author: string | null; createdAt: string;
  status: ChangeStatus; geometry: Polygon | MultiPolygon; validFrom: string; sources: Source[]; confidence: Confidence;
  note?: string | null; embargo?: { until?: string | null; reason: string } | null; claim?: { claimant: string } | null;
}
export interface EventItem {
  id: number; kind: 'event'; state: string; author: string | null; createdAt: string;
  place: { settlement?: string; name?: string; lon: number; lat: number }; time: string; type: EventType; side: string;
  sources: Source[]; confidence: Confidence; note?: string | null;
}
export interface ArrowItem {
  id: number; kind: 'arrow'; state: string; author: string | null; createdAt: string;
  line: LineString; side: string; time: string; sources: Source[]; confidence: Confidence;
  note?: string | null; embargo?: { until?: string | null; reason: string } | null;
}
/** A unit's position (`items[]` of kind 'unit'). */
export interface UnitItem {
  id: number; kind: 'unit'; state: string; author: string | null; createdAt: string;
  unit: string; side: string; place: { settlement?: string; name?: string; lon: number; lat: number }; time: string;
  sources: Source[]; confidence: Confidence; note?: string | null; embargo?: { until?: string | null; reason: string } | null;
}
export type DraftItem = ChangeItem | EventItem | ArrowItem | UnitItem;
export const itemsOf = (d: { items: unknown[] }): DraftItem[] => d.items as DraftItem[];

export interface NewChange {
  status: ChangeStatus; geometry: Polygon | MultiPolygon; validFrom: string; sources: Source[]; confidence: Confidence;
  note?: string | null; embargo?: { until: string | null; reason: string } | null;
}
export interface NewEvent {
  place: { settlement: string } | { lon: number; lat: number }; time: string; type: EventType; side: string;
  sources: Source[]; confidence: Confidence; note?: string | null;
}
export interface NewArrow {
  line: LineString; side: string; time: string; sources: Source[]; confidence: Confidence;
  note?: string | null; embargo?: { until: string | null; reason: string } | null;
}
/** What PUT /drafts/:id/items/:itemId takes: the fields that change. */
export type ItemEdit = Partial<NewChange> | Partial<NewArrow> | Partial<NewEvent> | Partial<NewUnit>;
/** POST /drafts/:id/split-base: the piece of the base version's control area beyond a line. */
export interface BaseSplit extends Omit<NewChange, 'geometry'> { line: LineString; point: { lon: number; lat: number } }
export interface NewUnit {
  unit: string; side: string; place: { settlement: string } | { lon: number; lat: number }; time: string;
  sources: Source[]; confidence: Confidence; note?: string | null; embargo?: { until: string | null; reason: string } | null;
}
export interface NewImport {
  format: 'geojson' | 'kml' | 'kmz'; content: string; defaultStatus: ChangeStatus | null; validFrom: string; sources: Source[]; confidence: Confidence;
}

/** An answer of the workspace: `current` is the draft as it is now (409), `retryAfter` seconds (429). */
export class WorkspaceError extends ApiError {
  constructor(code: string, message: string, status: number, readonly current: Draft | null, readonly retryAfter: number | null) {
    super(code, message, status);
    this.name = 'WorkspaceError';
  }
}

export class WorkspaceApi {
  private csrf: string | null = null;
  me: Me | null = null;
  /** Called when the server no longer knows the session (expired, or signed out elsewhere). */
  onSignedOut: (() => void) | null = null;

  constructor(private readonly base = '/api/v1') {}

  /** Logs in: the cookie is set by the server, the CSRF token kept here. */
  async login(username: string, password: string): Promise<Me> {
    const s = await this.send<{ csrfToken: string; user: Me }>('POST', '/session', { username, password });
    this.csrf = s.csrfToken;
    this.me = s.user;
    return s.user;
  }

  async logout(): Promise<void> {
    try {
      if (this.csrf) await this.send('DELETE', '/session');
    } finally {
      this.csrf = null;
      this.me = null;
    }
  }

  /** Who the cookie belongs to (null when nobody), without the CSRF token a write needs. */
  async whoAmI(): Promise<Me | null> {
    try {
      return await this.send<Me>('GET', '/session');
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return null;
      throw e;
    }
  }

  get canWrite(): boolean { return this.csrf !== null; }

  drafts() { return this.send<DraftSummary[]>('GET', '/drafts'); }
  draft(id: number) { return this.send<Draft>('GET', `/drafts/${id}`); }
  createDraft(title: string) { return this.send<Draft>('POST', '/drafts', { basedOn: 'latest', title }); }
  addChange(d: Draft, change: NewChange) { return this.send<Draft>('POST', `/drafts/${d.id}/changes`, { revision: d.revision, ...change }); }
  addEvent(d: Draft, event: NewEvent) { return this.send<Draft>('POST', `/drafts/${d.id}/events`, { revision: d.revision, ...event }); }
  addArrow(d: Draft, arrow: NewArrow) { return this.send<Draft>('POST', `/drafts/${d.id}/arrows`, { revision: d.revision, ...arrow }); }
  editItem(d: Draft, itemId: number, edit: ItemEdit) { return this.send<Draft>('PUT', `/drafts/${d.id}/items/${itemId}`, { revision: d.revision, ...edit }); }
  splitItem(d: Draft, itemId: number, line: LineString) { return this.send<Draft>('POST', `/drafts/${d.id}/items/${itemId}/split`, { revision: d.revision, line }); }
  mergeItems(d: Draft, items: number[]) { return this.send<Draft>('POST', `/drafts/${d.id}/merge`, { revision: d.revision, items }); }
  splitBase(d: Draft, split: BaseSplit) { return this.send<Draft>('POST', `/drafts/${d.id}/split-base`, { revision: d.revision, ...split }); }
  addUnit(d: Draft, unit: NewUnit) { return this.send<Draft>('POST', `/drafts/${d.id}/units`, { revision: d.revision, ...unit }); }
  importFile(d: Draft, file: NewImport) { return this.send<Draft>('POST', `/drafts/${d.id}/import`, { revision: d.revision, ...file }); }
  undo(d: Draft) { return this.send<Draft>('POST', `/drafts/${d.id}/undo`, { revision: d.revision }); }
  redo(d: Draft) { return this.send<Draft>('POST', `/drafts/${d.id}/redo`, { revision: d.revision }); }
  rebase(d: Draft) { return this.send<Draft>('POST', `/drafts/${d.id}/rebase`, { revision: d.revision, basedOn: 'latest' }); }
  submit(d: Draft) { return this.send<Draft>('POST', `/drafts/${d.id}/submit`, { revision: d.revision }); }
  review(id: number) { return this.send<Review>('GET', `/drafts/${id}/review`); }
  reviewGeoJSON(id: number) { return this.send<FeatureCollection>('GET', `/drafts/${id}/review/geojson`); }
  comment(id: number, body: string, itemId?: number) { return this.send<Draft>('POST', `/drafts/${id}/comments`, { body, itemId: itemId ?? null }); }
  reject(id: number, revision: number, reasons: string) { return this.send<Draft>('POST', `/drafts/${id}/reject`, { revision, reasons }); }
  approve(id: number, revision: number) { return this.send<Draft>('POST', `/drafts/${id}/approve`, { revision }); }
  publish(id: number, revision: number, input: { validAt?: string; changelog: { what: string; why: string } }) {
    return this.send<Published>('POST', `/drafts/${id}/publish`, { revision, ...input });
  }
  users() { return this.send<User[]>('GET', '/users'); }
  addUser(username: string, role: Role, password: string) { return this.send<User>('POST', '/users', { username, role, password }); }
  tokens() { return this.send<Token[]>('GET', '/tokens'); }
  createToken(username: string, role: Role, name: string) { return this.send<NewToken>('POST', '/tokens', { username, role, name }); }
  revokeToken(id: number) { return this.send<null>('DELETE', `/tokens/${id}`); }
  // The team's settings, held versions, embargoes and audit log (docs/workspace.md).
  settings() { return this.send<Settings>('GET', '/settings'); }
  setSettings(next: Partial<Settings>) { return this.send<Settings>('PUT', '/settings', next); }
  heldVersions() { return this.send<HeldVersion[]>('GET', '/versions/held'); }
  release(versionId: number, reason: string) { return this.send<{ id: number; validAt: string }>('POST', `/versions/${versionId}/release`, { reason }); }
  embargoes() { return this.send<HeldItem[]>('GET', '/embargoes'); }
  /** Lifts an embargo: a change gives back the approved draft holding it (to publish), an event, arrow or unit its own draft. */
  lift(draftId: number, itemId: number, reason: string) { return this.send<Draft>('POST', `/drafts/${draftId}/items/${itemId}/lift`, { reason }); }
  audit(query: { after?: number; limit?: number; target?: string }) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') q.set(k, String(v));
    return this.send<AuditEntry[]>('GET', `/audit${q.size ? `?${q}` : ''}`);
  }

  private async send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && this.csrf) headers['x-csrf-token'] = this.csrf;
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
    } catch (e) {
      throw new WorkspaceError('NETWORK', `cannot reach the Frontline server (${(e as Error).message})`, 0, null, null);
    }
    if (res.status === 204) return null as T;
    const json = await res.json().catch(() => null);
    if (!res.ok) {
      const b = (json ?? {}) as { code?: string; message?: string; current?: Draft; retryAfter?: number };
      const retryAfter = b.retryAfter ?? (Number(res.headers.get('retry-after')) || null);
      // A session that expired (or was logged out elsewhere) cannot write any more.
      if (res.status === 401 && path !== '/session') {
        this.csrf = null;
        this.me = null;
        queueMicrotask(() => this.onSignedOut?.());
      }
      throw new WorkspaceError(b.code ?? `HTTP_${res.status}`, b.message ?? `${res.status} ${res.statusText}`, res.status, b.current ?? null, retryAfter);
    }
    return json as T;
  }
}
