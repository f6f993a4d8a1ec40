/** The workspace tables (see migrations.ts) on the store's SQLite connection. */
import type Database from 'better-sqlite3';
import { untilChange } from './until-change.js';
import type { Role } from '../../core/workspace/roles.js';
import type { ItemKind } from '../../core/workspace/items.js';
import type {
  AuditEntry, ClaimRecord, PublishedItemRecord, PublishedKind, CommentRecord, DraftItemRecord, DraftRecord, DraftStatus, ItemState, SessionRecord, TokenRecord, UserRecord, WorkspaceStore,
} from '../workspace-store.js';

type Row = Record<string, unknown>;
const now = () => new Date().toISOString();
const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

const toUser = (r: Row): UserRecord => ({
  id: r.id as number, username: r.username as string, role: r.role as Role, passwordHash: r.password_hash as string,
  createdAt: r.created_at as string, disabledAt: r.disabled_at as string | null,
});
const toToken = (r: Row): TokenRecord => ({
  id: r.id as number, userId: r.user_id as number, name: r.name as string, role: r.role as Role, createdAt: r.created_at as string, revokedAt: r.revoked_at as string | null,
});
const toDraft = (r: Row): DraftRecord => ({
  id: r.id as number, title: r.title as string, basedOn: r.based_on as number, status: r.status as DraftStatus, revision: r.revision as number,
  createdBy: r.created_by as number, createdAt: r.created_at as string, updatedAt: r.updated_at as string,
  publishedVersion: r.published_version as number | null, review: JSON.parse(r.review as string),
});
const toItem = (r: Row): DraftItemRecord => ({
  id: r.id as number, draftId: r.draft_id as number, kind: r.kind as ItemKind, state: r.state as ItemState, undoOrder: r.undo_order as number | null,
  body: JSON.parse(r.body as string), author: r.author as number, createdAt: r.created_at as string,
});
const toComment = (r: Row): CommentRecord => ({
  id: r.id as number, draftId: r.draft_id as number, itemId: r.item_id as number | null, author: r.author as number, body: r.body as string, createdAt: r.created_at as string,
});
const toAudit = (r: Row): AuditEntry => ({
  id: r.id as number, at: r.at as string, actor: r.actor as string, action: r.action as string, target: r.target as string | null,
  before: r.before === null ? null : JSON.parse(r.before as string), after: r.after === null ? null : JSON.parse(r.after as string), address: r.address as string | null,
});

const toClaim = (r: Row): ClaimRecord => ({
  id: r.id as number, versionId: r.version_id as number, draftId: r.draft_id as number | null, claimant: r.claimant as string, status: r.status as string,
  validFrom: r.valid_from as string, validUntil: r.valid_until as string | null, geometry: JSON.parse(r.geometry as string), areaKm2: r.area_km2 as number,
  sources: JSON.parse(r.sources as string), confidence: r.confidence as string, note: r.note as string | null,
});

const toPublishedItem = (r: Row): PublishedItemRecord => ({
  id: r.id as number, versionId: r.version_id as number, draftId: r.draft_id as number, itemId: r.item_id as number, kind: r.kind as PublishedKind,
  time: r.time as string, geometry: JSON.parse(r.geometry as string), settlement: r.settlement as string | null, properties: JSON.parse(r.properties as string),
  embargoed: r.embargoed === 1, embargoUntil: r.embargo_until as string | null,
});

export function sqliteWorkspaceStore(db: Database.Database): WorkspaceStore {
  const q = {
    addUser: db.prepare('INSERT INTO users (username, role, password_hash, created_at) VALUES (?, ?, ?, ?) RETURNING *'),
    userByName: db.prepare('SELECT * FROM users WHERE username = ?'),
    userById: db.prepare('SELECT * FROM users WHERE id = ?'),
    users: db.prepare('SELECT * FROM users ORDER BY id'),
    addSession: db.prepare('INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)'),
    session: db.prepare('SELECT * FROM sessions WHERE id_hash = ?'),
    deleteSession: db.prepare('DELETE FROM sessions WHERE id_hash = ?'),
    deleteExpired: db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
    deleteSessionsOf: db.prepare('DELETE FROM sessions WHERE user_id = ? AND (? IS NULL OR id_hash <> ?)'),
    setUserDisabled: db.prepare('UPDATE users SET disabled_at = ? WHERE id = ?'),
    setPasswordHash: db.prepare('UPDATE users SET password_hash = ? WHERE id = ?'),
    failuresSince: db.prepare('SELECT at FROM login_failures WHERE key = ? AND at >= ? ORDER BY at').pluck(),
    addFailure: db.prepare('INSERT INTO login_failures (key, at) VALUES (?, ?)'),
    clearFailuresOf: db.prepare('DELETE FROM login_failures WHERE key = ?'),
    clearFailuresBefore: db.prepare('DELETE FROM login_failures WHERE at < ?'),
    addPublishedItem: db.prepare(`INSERT INTO published_items (version_id, draft_id, item_id, kind, time, geometry, settlement, properties, embargoed, embargo_until)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`),
    publishedItems: db.prepare(`SELECT p.* FROM published_items p JOIN versions v ON v.id = p.version_id
      WHERE p.kind = @kind AND p.time >= @from AND p.time < @to AND (@settlement IS NULL OR p.settlement = @settlement)
      AND (@publicAt IS NULL OR ((v.public_from IS NULL OR v.public_from <= @publicAt) AND p.embargoed = 0 AND (p.embargo_until IS NULL OR p.embargo_until <= @publicAt)))
      ORDER BY p.time, p.id`),
    liftPublishedItem: db.prepare('UPDATE published_items SET embargoed = 0, embargo_until = ? WHERE item_id = ? AND (embargoed = 1 OR embargo_until > ?)'),
    publicItemsStamp: db.prepare('SELECT count(*) FROM published_items WHERE embargo_until IS NOT NULL AND embargo_until <= ?').pluck(),
    nextEmbargoEnd: db.prepare('SELECT min(embargo_until) FROM published_items WHERE embargo_until > ?').pluck(),
    addToken: db.prepare('INSERT INTO api_tokens (user_id, name, role, token_hash, created_at) VALUES (?, ?, ?, ?, ?) RETURNING *'),
    tokenByHash: db.prepare('SELECT * FROM api_tokens WHERE token_hash = ?'),
    tokens: db.prepare('SELECT * FROM api_tokens ORDER BY id'),
    revokeToken: db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    addDraft: db.prepare("INSERT INTO drafts (title, based_on, status, revision, created_by, created_at, updated_at) VALUES (?, ?, 'open', 1, ?, ?, ?) RETURNING *"),
    draft: db.prepare('SELECT * FROM drafts WHERE id = ?'),
    drafts: db.prepare('SELECT * FROM drafts ORDER BY id DESC'),
    addItem: db.prepare("INSERT INTO draft_items (draft_id, kind, state, body, author, created_at) VALUES (?, ?, 'active', ?, ?, ?) RETURNING *"),
    items: db.prepare('SELECT * FROM draft_items WHERE draft_id = ? ORDER BY id'),
    setItemState: db.prepare('UPDATE draft_items SET state = ?, undo_order = ? WHERE id = ?'),
    addComment: db.prepare('INSERT INTO draft_comments (draft_id, item_id, author, body, created_at) VALUES (?, ?, ?, ?, ?) RETURNING *'),
    comments: db.prepare('SELECT * FROM draft_comments WHERE draft_id = ? ORDER BY id'),
    appendAudit: db.prepare('INSERT INTO audit_log (at, actor, action, target, before, after, address) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *'),
    addClaim: db.prepare(`INSERT INTO claims (version_id, draft_id, claimant, status, valid_from, valid_until, geometry, area_km2, sources, confidence, note)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`),
    claimsAt: db.prepare(`SELECT c.* FROM claims c JOIN versions v ON v.id = c.version_id
      WHERE c.valid_from <= @instant AND (c.valid_until IS NULL OR c.valid_until > @instant) AND (v.public_from IS NULL OR v.public_from <= @now)
      AND (@claimant IS NULL OR c.claimant = @claimant) ORDER BY c.valid_from, c.id`),
    setting: db.prepare('SELECT value FROM meta WHERE key = ?').pluck(),
    setSetting: db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
    audit: db.prepare('SELECT * FROM audit_log WHERE id > ? AND (? IS NULL OR target = ?) ORDER BY id LIMIT ?'),
  };
  const publicItemsStamp = untilChange(db, (now) => ({
    value: q.publicItemsStamp.get(now) as number,
    until: q.nextEmbargoEnd.get(now) as string | null,
  }));

  return {
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
    addUser: (u) => toUser(q.addUser.get(u.username, u.role, u.passwordHash, now()) as Row),
    userByName: (name) => { const r = q.userByName.get(name) as Row | undefined; return r ? toUser(r) : null; },
    userById: (id) => { const r = q.userById.get(id) as Row | undefined; return r ? toUser(r) : null; },
    users: () => (q.users.all() as Row[]).map(toUser),
    setUserDisabled: (id, at) => { q.setUserDisabled.run(at, id); },
    setPasswordHash: (id, hash) => { q.setPasswordHash.run(hash, id); },
    addSession: (s: SessionRecord) => { q.addSession.run(s.idHash, s.userId, s.csrfToken, s.createdAt, s.expiresAt); },
    session: (idHash) => {
      const r = q.session.get(idHash) as Row | undefined;
      return r ? { idHash: r.id_hash as string, userId: r.user_id as number, csrfToken: r.csrf_token as string, createdAt: r.created_at as string, expiresAt: r.expires_at as string } : null;
    },
    deleteSession: (idHash) => { q.deleteSession.run(idHash); },
    deleteExpiredSessions: (t) => { q.deleteExpired.run(t); },
    deleteSessionsOf: (userId, except) => q.deleteSessionsOf.run(userId, except ?? null, except ?? null).changes,
    loginFailures: () => ({
      since: (key, since) => q.failuresSince.all(key, since) as number[],
      add: (key, at) => { q.addFailure.run(key, at); },
      clear: (key, before) => { if (key !== null) q.clearFailuresOf.run(key); else q.clearFailuresBefore.run(before ?? Number.MAX_SAFE_INTEGER); },
    }),
    addToken: (t) => toToken(q.addToken.get(t.userId, t.name, t.role, t.tokenHash, now()) as Row),
    tokenByHash: (h) => { const r = q.tokenByHash.get(h) as Row | undefined; return r ? toToken(r) : null; },
    tokens: () => (q.tokens.all() as Row[]).map(toToken),
    revokeToken: (id, at) => q.revokeToken.run(at, id).changes > 0,
    addDraft: (d) => { const t = now(); return toDraft(q.addDraft.get(d.title, d.basedOn, d.createdBy, t, t) as Row); },
    draft: (id) => { const r = q.draft.get(id) as Row | undefined; return r ? toDraft(r) : null; },
    drafts: () => (q.drafts.all() as Row[]).map(toDraft),
    updateDraft: (id, f) => {
      const sets: string[] = ['revision = revision + 1', 'updated_at = ?'];
      const args: unknown[] = [now()];
      if (f.status !== undefined) { sets.push('status = ?'); args.push(f.status); }
      if (f.publishedVersion !== undefined) { sets.push('published_version = ?'); args.push(f.publishedVersion); }
      if (f.review !== undefined) { sets.push('review = ?'); args.push(JSON.stringify(f.review)); }
      if (f.title !== undefined) { sets.push('title = ?'); args.push(f.title); }
      if (f.basedOn !== undefined) { sets.push('based_on = ?'); args.push(f.basedOn); }
      return toDraft(db.prepare(`UPDATE drafts SET ${sets.join(', ')} WHERE id = ? RETURNING *`).get(...args, id) as Row);
    },
    addItem: (i) => toItem(q.addItem.get(i.draftId, i.kind, JSON.stringify(i.body), i.author, now()) as Row),
    items: (draftId) => (q.items.all(draftId) as Row[]).map(toItem),
    setItemState: (id, state, undoOrder) => { q.setItemState.run(state, undoOrder, id); },
    addComment: (c) => toComment(q.addComment.get(c.draftId, c.itemId, c.author, c.body, now()) as Row),
    comments: (draftId) => (q.comments.all(draftId) as Row[]).map(toComment),
    addClaim: (c) => toClaim(q.addClaim.get(c.versionId, c.draftId, c.claimant, c.status, c.validFrom, c.validUntil, JSON.stringify(c.geometry), c.areaKm2, JSON.stringify(c.sources), c.confidence, c.note) as Row),
    claimsAt: (instant, now, claimant) => (q.claimsAt.all({ instant, now, claimant: claimant ?? null }) as Row[]).map(toClaim),
    addPublishedItem: (p) => toPublishedItem(q.addPublishedItem.get(
      p.versionId, p.draftId, p.itemId, p.kind, p.time, JSON.stringify(p.geometry), p.settlement, JSON.stringify(p.properties), p.embargoed ? 1 : 0, p.embargoUntil,
    ) as Row),
    publishedItems: (o) => (q.publishedItems.all({ kind: o.kind, from: o.from, to: o.to, settlement: o.settlement ?? null, publicAt: o.publicAt ?? null }) as Row[]).map(toPublishedItem),
    liftPublishedItem: (itemId, at) => q.liftPublishedItem.run(at, itemId, at).changes > 0,
    publicItemsStamp: (t) => publicItemsStamp(t),
    setting: (key) => (q.setting.get(`workspace.${key}`) as string | undefined) ?? null,
    setSetting: (key, value) => { q.setSetting.run(`workspace.${key}`, value); },
    appendAudit: (e) => toAudit(q.appendAudit.get(now(), e.actor, e.action, e.target, json(e.before), json(e.after), e.address ?? null) as Row),
    audit: (o = {}) => (q.audit.all(o.afterId ?? 0, o.target ?? null, o.target ?? null, o.limit ?? 1000) as Row[]).map(toAudit),
  };
}
