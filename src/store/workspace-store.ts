/**
 * Persistence of the analyst workspace (docs/workspace.md): accounts, sessions, API tokens,
 * drafts with their changes, events and comments, and the append-only audit log. Plain records;
 * the rules (who may do what, when a draft may move on) live in src/workspace/.
 */
import type { ItemKind } from '../core/workspace/items.js';
import type { FailureLog } from '../core/workspace/login-limiter.js';
import type { Role } from '../core/workspace/roles.js';

export interface UserRecord { id: number; username: string; role: Role; passwordHash: string; createdAt: string; disabledAt: string | null }
export interface SessionRecord { idHash: string; userId: number; csrfToken: string; createdAt: string; expiresAt: string }
export interface TokenRecord { id: number; userId: number; name: string; role: Role; createdAt: string; revokedAt: string | null }

export type DraftStatus = 'open' | 'submitted' | 'rejected' | 'approved' | 'published';
export interface DraftRecord {
  id: number; title: string; basedOn: number; status: DraftStatus; revision: number;
  createdBy: number; createdAt: string; updatedAt: string; publishedVersion: number | null;
  /** Review state: rejections, approval. */
  review: Record<string, unknown>;
}
export type ItemState = 'active' | 'undone' | 'discarded';
export interface DraftItemRecord { id: number; draftId: number; kind: ItemKind; state: ItemState; undoOrder: number | null; body: Record<string, unknown>; author: number; createdAt: string }
export interface CommentRecord { id: number; draftId: number; itemId: number | null; author: number; body: string; createdAt: string }
export interface AuditEntry { id: number; at: string; actor: string; action: string; target: string | null; before: unknown; after: unknown; address: string | null }

export interface ClaimRecord {
  id: number; versionId: number; draftId: number | null; claimant: string; status: string; validFrom: string; validUntil: string | null;
  geometry: Record<string, unknown>; areaKm2: number; sources: unknown[]; confidence: string; note: string | null;
}

/**
 * An event, arrow or unit position as published with a version: exact geometry (the team's view) and its embargo;
 * public readers filter and coarsen it (queries/published-items.ts).
 */
export type PublishedKind = 'event' | 'arrow' | 'unit';
export interface PublishedItemRecord {
  id: number; versionId: number; draftId: number; itemId: number; kind: PublishedKind; time: string;
  geometry: Record<string, unknown>; settlement: string | null; properties: Record<string, unknown>;
  /** Under an embargo without an end date (until a reviewer lifts it). */
  embargoed: boolean;
  /** Public from this instant on (an embargo with an end date); null: no such embargo. */
  embargoUntil: string | null;
}

export interface PublishedItemQuery {
  kind: PublishedKind;
  /** Items whose time is in [from, to) (ISO 8601 UTC). */
  from: string;
  to: string;
  settlement?: string;
  /**
   * Public readers pass the current instant: only items of versions public then and not under
   * embargo then. The team omits it and gets everything published.
   */
  publicAt?: string;
}

export interface WorkspaceStore {
  /** Runs `fn` in one transaction (nested calls join it). */
  transaction<T>(fn: () => T): T;

  addUser(u: { username: string; role: Role; passwordHash: string }): UserRecord;
  userByName(username: string): UserRecord | null;
  userById(id: number): UserRecord | null;
  users(): UserRecord[];
  /** Disables (an instant) or enables (null) an account. */
  setUserDisabled(id: number, at: string | null): void;
  setPasswordHash(id: number, passwordHash: string): void;

  addSession(s: SessionRecord): void;
  session(idHash: string): SessionRecord | null;
  deleteSession(idHash: string): void;
  deleteExpiredSessions(now: string): void;
  /** Ends every session of an account, but the one whose hash is `except`; returns how many. */
  deleteSessionsOf(userId: number, except?: string | null): number;
  /** Failed logins, kept across restarts. */
  loginFailures(): FailureLog;

  addToken(t: { userId: number; name: string; role: Role; tokenHash: string }): TokenRecord;
  tokenByHash(tokenHash: string): TokenRecord | null;
  tokens(): TokenRecord[];
  revokeToken(id: number, at: string): boolean;

  addDraft(d: { title: string; basedOn: number; createdBy: number }): DraftRecord;
  draft(id: number): DraftRecord | null;
  drafts(): DraftRecord[];
  /** Sets fields and bumps the revision; returns the updated draft. */
  updateDraft(id: number, fields: Partial<Pick<DraftRecord, 'status' | 'publishedVersion' | 'review' | 'title' | 'basedOn'>>): DraftRecord;

  addItem(i: { draftId: number; kind: ItemKind; body: Record<string, unknown>; author: number }): DraftItemRecord;
  items(draftId: number): DraftItemRecord[];
  setItemState(id: number, state: ItemState, undoOrder: number | null): void;

  addComment(c: { draftId: number; itemId: number | null; author: number; body: string }): CommentRecord;
  comments(draftId: number): CommentRecord[];

  addClaim(c: Omit<ClaimRecord, 'id'>): ClaimRecord;
  /** Claims in force at an instant (valid_from ≤ it < valid_until) whose version is public at `now`. */
  claimsAt(instant: string, now: string, claimant?: string): ClaimRecord[];

  addPublishedItem(p: Omit<PublishedItemRecord, 'id'>): PublishedItemRecord;
  publishedItems(q: PublishedItemQuery): PublishedItemRecord[];
  /** Ends the embargo of a published item now; false when it has none. */
  liftPublishedItem(itemId: number, at: string): boolean;
  /** Changes when a published item's embargo end passes: part of the public response cache's key. */
  publicItemsStamp(now: string): number;

  /** Team settings (e.g. the publication delay), kept in the meta table. */
  setting(key: string): string | null;
  setSetting(key: string, value: string): void;

  appendAudit(e: { actor: string; action: string; target: string | null; before?: unknown; after?: unknown; address?: string | null }): AuditEntry;
  audit(options?: { afterId?: number; limit?: number; target?: string }): AuditEntry[];
}
