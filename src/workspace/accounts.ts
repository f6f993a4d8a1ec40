/** Accounts, sessions and API tokens, with every change written to the audit log. */
import { FailureLimiter, type FailureLog } from '../core/workspace/login-limiter.js';
import { isRole, lowerRole, type Role } from '../core/workspace/roles.js';
import { dummyHash, hashPassword, newSecret, passwordProblems, safeEqual, sha256, verifyPassword } from '../core/workspace/secrets.js';
import { FrontlineError } from '../errors.js';
import type { Store } from '../store/store.js';
import type { TokenRecord, UserRecord, WorkspaceStore } from '../store/workspace-store.js';
import { actorLabel, assertCan, assertLoggedIn, type Actor } from './actor.js';

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
    // Kept in SQLite: a restart does not give a guesser a fresh budget.
    const log = this.ws.loginFailures();
    this.byAccount = new FailureLimiter({ max: options.perAccount ?? 5, windowMs, now: this.now }, prefixed('account:', log));
    this.byAddress = new FailureLimiter({ max: options.perAddress ?? 20, windowMs, now: this.now }, prefixed('address:', log));
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

  private requireUser(username: string): UserRecord {
    const user = this.ws.userByName(username);
    if (!user) throw new FrontlineError('NOT_FOUND', `no user '${username}'`);
    return user;
  }

  /**
   * Disables an account: its sessions are deleted and its API tokens refused while it is disabled
   * (fromSession / fromToken check disabledAt on every request). An admin cannot disable themself.
   */
  setDisabled(actor: Actor | null, username: string, disabled: boolean, reason: string | null = null) {
    assertCan(actor, 'users.manage');
    return this.ws.transaction(() => {
      const user = this.requireUser(username);
      if (disabled && user.id === actor.userId) throw new FrontlineError('CONFLICT', 'you cannot disable your own account: ask another admin');
      if (disabled === (user.disabledAt !== null)) throw new FrontlineError('CONFLICT', `user '${user.username}' is already ${disabled ? 'disabled' : 'enabled'}`);
      const at = disabled ? new Date(this.now()).toISOString() : null;
      this.ws.setUserDisabled(user.id, at);
      const sessionsEnded = disabled ? this.ws.deleteSessionsOf(user.id) : 0;
      this.ws.appendAudit({
        actor: actorLabel(actor), action: disabled ? 'user.disable' : 'user.enable', target: `user:${user.id}`,
        before: { disabled: !disabled }, after: { disabled, ...(reason ? { reason } : {}), sessionsEnded }, address: actor.address,
      });
      return { ...publicUser({ ...user, disabledAt: at }), sessionsEnded };
    });
  }

  /** An admin sets a new password for an account; every session of that account ends. */
  async resetPassword(actor: Actor | null, username: string, password: string) {
    assertCan(actor, 'users.manage');
    const user = this.requireUser(username);
    const problems = passwordProblems(password);
    if (problems.length) throw new FrontlineError('BAD_ARGUMENT', problems.join('; '));
    const hash = await hashPassword(password);
    return this.ws.transaction(() => {
      this.ws.setPasswordHash(user.id, hash);
      const sessionsEnded = this.ws.deleteSessionsOf(user.id);
      this.ws.appendAudit({ actor: actorLabel(actor), action: 'user.password.reset', target: `user:${user.id}`, after: { sessionsEnded }, address: actor.address });
      return { ...publicUser(user), sessionsEnded };
    });
  }

  /**
   * Someone changes their own password, proving the old one. A wrong old password counts as a failed
   * login (same limits), so this is no way around them. Their other sessions end; this one stays.
   */
  async changeOwnPassword(actor: Actor | null, input: { oldPassword: string; newPassword: string }, currentSession: string | null) {
    assertLoggedIn(actor);
    if (actor.userId === null) throw new FrontlineError('FORBIDDEN', 'the command line has no password: use `frontline user passwd NAME`');
    const user = this.ws.userById(actor.userId)!;
    const accountKey = user.username.toLowerCase();
    const address = actor.address ?? 'unknown';
    const wait = Math.max(this.byAccount.retryAfterMs(accountKey), this.byAddress.retryAfterMs(address));
    if (wait > 0) throw new FrontlineError('RATE_LIMITED', `too many failed attempts: try again in ${Math.ceil(wait / 1000)} s`, { retryAfter: Math.ceil(wait / 1000) });
    if (!(await verifyPassword(input.oldPassword, user.passwordHash))) {
      this.byAccount.fail(accountKey);
      this.byAddress.fail(address);
      this.ws.appendAudit({ actor: actorLabel(actor), action: 'user.password.failed', target: `user:${user.id}`, address: actor.address });
      throw new FrontlineError('BAD_ARGUMENT', 'oldPassword is not your current password');
    }
    const problems = passwordProblems(input.newPassword);
    if (input.newPassword === input.oldPassword) problems.push('the new password is the old one');
    if (problems.length) throw new FrontlineError('BAD_ARGUMENT', problems.join('; '));
    const hash = await hashPassword(input.newPassword);
    return this.ws.transaction(() => {
      this.ws.setPasswordHash(user.id, hash);
      const sessionsEnded = this.ws.deleteSessionsOf(user.id, currentSession);
      this.ws.appendAudit({ actor: actorLabel(actor), action: 'user.password.change', target: `user:${user.id}`, after: { sessionsEnded }, address: actor.address });
      return { ...publicUser(user), sessionsEnded };
    });
  }

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

/** One failure table for both limiters, their keys kept apart. */
function prefixed(prefix: string, log: FailureLog): FailureLog {
  return {
    since: (key, since) => log.since(prefix + key, since),
    add: (key, at) => log.add(prefix + key, at),
    clear: (key, before) => log.clear(key === null ? null : prefix + key, before),
  };
}
