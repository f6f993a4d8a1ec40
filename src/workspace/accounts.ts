/** Accounts, sessions and API tokens, with every change written to the audit log. */
import { FailureLimiter } from '../core/workspace/login-limiter.js';
import { isRole, lowerRole, type Role } from '../core/workspace/roles.js';
import { dummyHash, hashPassword, newSecret, passwordProblems, safeEqual, sha256, verifyPassword } from '../core/workspace/secrets.js';
import { FrontlineError } from '../errors.js';
import type { Store } from '../store/store.js';
import type { TokenRecord, UserRecord, WorkspaceStore } from '../store/workspace-store.js';
import { actorLabel, assertCan, type Actor } from './actor.js';

export const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$/;
export const TOKEN_PREFIX = 'flt_';

export interface AccountOptions {
  sessionHours?: number;
  /** Failed logins allowed per account and per address within `windowMinutes`. */
  perAccount?: number;
  perAddress?: number;
  windowMinutes?: number;
  now?: () => number;
}

export const publicUser = (u: UserRecord) => ({ id: u.id, username: u.username, role: u.role, createdAt: u.createdAt, disabled: u.disabledAt !== null });
export const publicToken = (t: TokenRecord, users: Map<number, string>) => ({
  id: t.id, name: t.name, role: t.role, username: users.get(t.userId) ?? null, createdAt: t.createdAt, revokedAt: t.revokedAt,
});

export class Accounts {
  private ws: WorkspaceStore;
  private byAccount: FailureLimiter;
  private byAddress: FailureLimiter;
  private sessionMs: number;
  private now: () => number;

  constructor(store: Store, options: AccountOptions = {}) {
    this.ws = store.workspace();
    this.now = options.now ?? Date.now;
    const windowMs = (options.windowMinutes ?? 15) * 60_000;
    this.byAccount = new FailureLimiter({ max: options.perAccount ?? 5, windowMs, now: this.now });
    this.byAddress = new FailureLimiter({ max: options.perAddress ?? 20, windowMs, now: this.now });
    this.sessionMs = (options.sessionHours ?? 12) * 3_600_000;
  }

  async addUser(actor: Actor | null, input: { username: string; role: string; password: string }): Promise<UserRecord> {
    assertCan(actor, 'users.manage');
    if (!USERNAME.test(input.username)) throw new FrontlineError('BAD_ARGUMENT', `username '${input.username}' must be 2–40 letters, digits, '.', '_' or '-'`);
    if (!isRole(input.role)) throw new FrontlineError('BAD_ARGUMENT', `unknown role '${input.role}' (viewer, editor, reviewer, admin)`);
    const problems = passwordProblems(input.password);
    if (problems.length) throw new FrontlineError('BAD_ARGUMENT', problems.join('; '));
    if (this.ws.userByName(input.username)) throw new FrontlineError('CONFLICT', `user '${input.username}' exists`);
    const passwordHash = await hashPassword(input.password);
    return this.ws.transaction(() => {
      if (this.ws.userByName(input.username)) throw new FrontlineError('CONFLICT', `user '${input.username}' exists`);
      const user = this.ws.addUser({ username: input.username, role: input.role as Role, passwordHash });
      this.ws.appendAudit({ actor: actorLabel(actor), action: 'user.add', target: `user:${user.id}`, after: publicUser(user), address: actor.address });
      return user;
    });
  }

  users() { return this.ws.users().map(publicUser); }

  /** Checks the password (rate-limited per account and per address) and opens a session. */
  async login(username: string, password: string, address: string): Promise<{ sessionId: string; csrfToken: string; user: UserRecord; expiresAt: string }> {
    const accountKey = username.toLowerCase();
    const wait = Math.max(this.byAccount.retryAfterMs(accountKey), this.byAddress.retryAfterMs(address));
    if (wait > 0) {
      this.ws.appendAudit({ actor: username, action: 'session.refused', target: null, after: { reason: 'rate limited' }, address });
      throw new FrontlineError('RATE_LIMITED', `too many failed logins: try again in ${Math.ceil(wait / 1000)} s`, { retryAfter: Math.ceil(wait / 1000) });
    }
    const user = this.ws.userByName(username);
    const ok = user && !user.disabledAt ? await verifyPassword(password, user.passwordHash) : (await verifyPassword(password, await dummyHash()), false);
    if (!ok || !user) {
      this.byAccount.fail(accountKey);
      this.byAddress.fail(address);
      this.ws.appendAudit({ actor: username, action: 'session.failed', target: user ? `user:${user.id}` : null, address });
      throw new FrontlineError('UNAUTHORIZED', 'wrong username or password');
    }
    this.byAccount.reset(accountKey);
    const sessionId = newSecret();
    const csrfToken = newSecret();
    const createdAt = new Date(this.now()).toISOString();
    const expiresAt = new Date(this.now() + this.sessionMs).toISOString();
    this.ws.transaction(() => {
      this.ws.deleteExpiredSessions(createdAt);
      this.ws.addSession({ idHash: sha256(sessionId), userId: user.id, csrfToken, createdAt, expiresAt });
      this.ws.appendAudit({ actor: user.username, action: 'session.create', target: `user:${user.id}`, after: { expiresAt }, address });
    });
    return { sessionId, csrfToken, user, expiresAt };
  }

  /** The actor behind a session cookie, with the session's CSRF token; null when unknown or expired. */
  fromSession(sessionId: string): { actor: Actor; csrfToken: string; idHash: string } | null {
    const idHash = sha256(sessionId);
    const s = this.ws.session(idHash);
    if (!s || s.expiresAt <= new Date(this.now()).toISOString()) return null;
    const user = this.ws.userById(s.userId);
    if (!user || user.disabledAt) return null;
    return { actor: { userId: user.id, username: user.username, role: user.role, via: 'session' }, csrfToken: s.csrfToken, idHash };
  }

  logout(actor: Actor, idHash: string): void {
    this.ws.transaction(() => {
      this.ws.deleteSession(idHash);
      this.ws.appendAudit({ actor: actorLabel(actor), action: 'session.delete', target: `user:${actor.userId}`, address: actor.address });
    });
  }

  /** The actor behind an API token: its role, but never more than its owner's role now. */
  fromToken(token: string): Actor | null {
    if (!token.startsWith(TOKEN_PREFIX)) return null;
    const t = this.ws.tokenByHash(sha256(token));
    if (!t || t.revokedAt) return null;
    const user = this.ws.userById(t.userId);
    if (!user || user.disabledAt) return null;
    return { userId: user.id, username: user.username, role: lowerRole(t.role, user.role), via: 'token', tokenId: t.id };
  }

  /** A new API token; the secret is returned once and kept only as its hash. */
  createToken(actor: Actor | null, input: { username: string; role: string; name: string }): { token: string; record: TokenRecord } {
    assertCan(actor, 'tokens.manage');
    const user = this.ws.userByName(input.username);
    if (!user) throw new FrontlineError('NOT_FOUND', `no user '${input.username}'`);
    if (!isRole(input.role)) throw new FrontlineError('BAD_ARGUMENT', `unknown role '${input.role}' (viewer, editor, reviewer, admin)`);
    if (lowerRole(input.role, user.role) !== input.role) throw new FrontlineError('BAD_ARGUMENT', `a token cannot have more than its owner's role (${user.role})`);
    const token = TOKEN_PREFIX + newSecret();
    const record = this.ws.transaction(() => {
      const r = this.ws.addToken({ userId: user.id, name: input.name, role: input.role as Role, tokenHash: sha256(token) });
      this.ws.appendAudit({ actor: actorLabel(actor), action: 'token.create', target: `token:${r.id}`, after: { name: r.name, role: r.role, user: user.username }, address: actor.address });
      return r;
    });
    return { token, record };
  }

  tokens() {
    const names = new Map(this.ws.users().map((u) => [u.id, u.username]));
    return this.ws.tokens().map((t) => publicToken(t, names));
  }

  revokeToken(actor: Actor | null, id: number): void {
    assertCan(actor, 'tokens.manage');
    this.ws.transaction(() => {
      const at = new Date(this.now()).toISOString();
      if (!this.ws.revokeToken(id, at)) throw new FrontlineError('NOT_FOUND', `no active token ${id}`);
      this.ws.appendAudit({ actor: actorLabel(actor), action: 'token.revoke', target: `token:${id}`, after: { revokedAt: at }, address: actor.address });
    });
  }

  /** Constant-time check of a CSRF header against the session's token. */
  static csrfMatches(expected: string, given: string | undefined): boolean {
    return typeof given === 'string' && safeEqual(expected, given);
  }
}
