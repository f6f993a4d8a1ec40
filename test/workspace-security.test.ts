/**
 * Who may do what in the workspace: the full matrix route × role × anonymous, CSRF, API tokens,
 * login limits, secrets at rest, optimistic concurrency between two editors, and drafts and
 * sessions surviving a restart.
 */
import { readFileSync, existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../src/server/app.js';
import { copyOfTemplate, hasData, SKIP_REASON } from './helpers.js';
import { addPeople, anonymous, circle, login, PASSWORD, PEOPLE, SOURCE, storeWithPeople, withToken, type Client } from './workspace-helpers.js';

type Least = 'anonymous' | 'viewer' | 'editor' | 'reviewer' | 'admin';
const RANK: Record<Least, number> = { anonymous: 0, viewer: 1, editor: 2, reviewer: 3, admin: 4 };

describe.skipIf(!hasData())('workspace permissions and safety (real data)', () => {
  if (!hasData()) console.warn(`skipped: ${SKIP_REASON}`);
  let app: FastifyInstance;
  let dbPath: string;
  let clients: Record<'anonymous' | 'viewer' | 'editor' | 'editorToken' | 'reviewer' | 'admin', Client>;
  let lysychansk: { code: string; lon: number; lat: number };

  beforeAll(async () => {
    const teamDb = await storeWithPeople();
    dbPath = teamDb;
    app = await buildServer({ dbPath, webRoot: '/nonexistent', secureCookies: false });
    const admin = await login(app, PEOPLE.admin);
    const token = (await admin.request('POST', '/api/v1/tokens', { username: PEOPLE.editor, role: 'editor', name: 'matrix' })).json().token;
    clients = {
      anonymous: anonymous(app), viewer: await login(app, PEOPLE.viewer), editor: await login(app, PEOPLE.editor),
      editorToken: withToken(app, 'editor token', token), reviewer: await login(app, PEOPLE.reviewer), admin,
    };
    lysychansk = (await clients.anonymous.request('GET', '/api/v1/places?q=Lysychansk')).json()[0];
  });
  afterAll(() => app?.close());

  const roleOf: Record<keyof typeof clients, Least> = { anonymous: 'anonymous', viewer: 'viewer', editor: 'editor', editorToken: 'editor', reviewer: 'reviewer', admin: 'admin' };
  const auditCount = async () => (await clients.admin.request('GET', '/api/v1/audit?limit=1000')).json().length;

  it('walks every route × every role × anonymous: denied is 401/403 and changes nothing, allowed gets past the check', async () => {
    const draft = (await clients.editor.request('POST', '/api/v1/drafts', { basedOn: 'latest', title: 'matrix' })).json();
    expect((await clients.admin.request('POST', '/api/v1/users', { username: 'victim', role: 'editor', password: PASSWORD })).statusCode).toBe(201);
    const victim = (await clients.admin.request('POST', '/api/v1/tokens', { username: PEOPLE.editor, role: 'editor', name: 'to revoke' })).json();
    const rev = async () => (await clients.editor.request('GET', `/api/v1/drafts/${draft.id}`)).json().revision as number;
    // A draft of its own for the routes that reshape saved items: two changes to edit, split and merge.
    let shaped = (await clients.editor.request('POST', '/api/v1/drafts', { basedOn: 'latest', title: 'matrix shapes' })).json();
    for (const dx of [0, 0.05]) {
      shaped = (await clients.editor.request('POST', `/api/v1/drafts/${shaped.id}/changes`, { revision: shaped.revision, status: 'contested', geometry: circle(lysychansk.lon + dx, lysychansk.lat, 3), validFrom: '2022-06-02T00:00:00Z', sources: [SOURCE], confidence: 'claimed' })).json();
    }
    const [c1, c2] = shaped.items.map((i: { id: number }) => i.id);
    const shapedRev = async () => (await clients.editor.request('GET', `/api/v1/drafts/${shaped.id}`)).json().revision as number;
    const across = (lon: number) => ({ type: 'LineString', coordinates: [[lon, lysychansk.lat - 0.1], [lon, lysychansk.lat + 0.1]] });
    let n = 0;
    const routes: [string, string, () => Promise<unknown> | unknown, Least][] = [
      ['GET', '/api/v1/versions', () => undefined, 'anonymous'],
      ['GET', '/api/v1/stats?date=2022-05-25&region=UA-09', () => undefined, 'anonymous'],
      ['GET', '/api/v1/drafts', () => undefined, 'editor'],
      ['POST', '/api/v1/drafts', () => ({ basedOn: 'latest', title: `m${n++}` }), 'editor'],
      ['GET', `/api/v1/drafts/${draft.id}`, () => undefined, 'editor'],
      ['POST', `/api/v1/drafts/${draft.id}/changes`, async () => ({ revision: await rev(), status: 'contested', geometry: circle(lysychansk.lon, lysychansk.lat, 1), validFrom: '2022-06-02T00:00:00Z', sources: [SOURCE], confidence: 'claimed' }), 'editor'],
      ['POST', `/api/v1/drafts/${draft.id}/events`, async () => ({ revision: await rev(), place: { lon: lysychansk.lon, lat: lysychansk.lat }, time: '2022-06-02T00:00:00Z', type: 'shelling', side: 'russia', sources: [SOURCE], confidence: 'confirmed' }), 'editor'],
      ['POST', `/api/v1/drafts/${draft.id}/arrows`, async () => ({ revision: await rev(), line: { type: 'LineString', coordinates: [[lysychansk.lon, lysychansk.lat], [lysychansk.lon + 0.1, lysychansk.lat]] }, side: 'russia', time: '2022-06-02T00:00:00Z', sources: [SOURCE], confidence: 'likely' }), 'editor'],
      ['POST', `/api/v1/drafts/${draft.id}/units`, async () => ({ revision: await rev(), unit: '3rd Assault Brigade', side: 'ukraine', place: { lon: lysychansk.lon, lat: lysychansk.lat }, time: '2022-06-02T00:00:00Z', sources: [SOURCE], confidence: 'likely' }), 'editor'],
      ['GET', '/api/v1/units?date=2022-05-25', () => undefined, 'anonymous'],
      ['GET', '/api/v1/embargoes', () => undefined, 'editor'],
      ['GET', '/api/v1/events?date=2022-05-25', () => undefined, 'anonymous'],
      ['GET', '/api/v1/arrows?date=2022-05-25', () => undefined, 'anonymous'],
      ['GET', '/api/v1/claims?date=2022-05-25', () => undefined, 'anonymous'],
      ['GET', '/api/v1/claims/stats?date=2022-05-25&region=UA-09', () => undefined, 'anonymous'],
      ['POST', `/api/v1/drafts/${draft.id}/rebase`, async () => ({ revision: await rev(), basedOn: 'latest' }), 'editor'],
      ['POST', `/api/v1/drafts/${draft.id}/import`, async () => ({ revision: await rev(), format: 'geojson', content: JSON.stringify({ type: 'Feature', properties: {}, geometry: circle(lysychansk.lon, lysychansk.lat, 1) }), defaultStatus: 'contested', validFrom: '2022-06-02T00:00:00Z', sources: [SOURCE], confidence: 'claimed' }), 'editor'],
      // Once the first allowed caller has reshaped an item it is replaced, and the next ones get 404 or 422: past the check all the same.
      ['PUT', `/api/v1/drafts/${shaped.id}/items/${c1}`, async () => ({ revision: await shapedRev(), note: `edited ${n++}` }), 'editor'],
      ['POST', `/api/v1/drafts/${shaped.id}/merge`, async () => ({ revision: await shapedRev(), items: [c1, c2] }), 'editor'],
      ['POST', `/api/v1/drafts/${shaped.id}/items/${c2}/split`, async () => ({ revision: await shapedRev(), line: across(lysychansk.lon + 0.05) }), 'editor'],
      ['POST', `/api/v1/drafts/${shaped.id}/split-base`, async () => ({ revision: await shapedRev(), line: { type: 'LineString', coordinates: [[38.25, 49.15], [38.25, 48.55]] }, point: { lon: lysychansk.lon, lat: lysychansk.lat }, status: 'occupied', validFrom: '2022-06-02T00:00:00Z', sources: [SOURCE], confidence: 'likely' }), 'editor'],
      ['POST', `/api/v1/drafts/${draft.id}/undo`, async () => ({ revision: await rev() }), 'editor'],
      ['POST', `/api/v1/drafts/${draft.id}/redo`, async () => ({ revision: await rev() }), 'editor'],
      ['GET', `/api/v1/drafts/${draft.id}/review`, () => undefined, 'editor'],
      ['GET', `/api/v1/drafts/${draft.id}/review/geojson`, () => undefined, 'editor'],
      ['POST', `/api/v1/drafts/${draft.id}/comments`, () => ({ body: 'a comment' }), 'editor'],
      ['POST', `/api/v1/drafts/${draft.id}/reject`, async () => ({ revision: await rev(), reasons: 'no' }), 'reviewer'],
      ['POST', `/api/v1/drafts/${draft.id}/approve`, async () => ({ revision: await rev() }), 'reviewer'],
      ['POST', `/api/v1/drafts/${draft.id}/publish`, async () => ({ revision: await rev(), changelog: { what: 'w', why: 'y' } }), 'reviewer'],
      ['POST', `/api/v1/drafts/${draft.id}/submit`, async () => ({ revision: await rev() }), 'editor'],
      ['GET', '/api/v1/audit', () => undefined, 'reviewer'],
      ['GET', '/api/v1/settings', () => undefined, 'editor'],
      ['PUT', '/api/v1/settings', () => ({ publicationDelayHours: 0 }), 'admin'],
      ['GET', '/api/v1/versions/held', () => undefined, 'editor'],
      ['POST', '/api/v1/versions/1/release', () => ({ reason: 'r' }), 'reviewer'],
      ['POST', `/api/v1/drafts/${draft.id}/items/1/lift`, () => ({ reason: 'r' }), 'reviewer'],
      ['GET', '/api/v1/users', () => undefined, 'admin'],
      ['POST', '/api/v1/users', () => ({ username: `user${n++}`, role: 'editor', password: PASSWORD }), 'admin'],
      ['GET', '/api/v1/tokens', () => undefined, 'admin'],
      ['POST', '/api/v1/tokens', () => ({ username: PEOPLE.editor2, role: 'editor', name: `t${n++}` }), 'admin'],
      ['DELETE', `/api/v1/tokens/${victim.id}`, () => undefined, 'admin'],
      ['GET', '/api/v1/session', () => undefined, 'viewer'],
      // A wrong old password: allowed callers get 400, and nobody's password changes here.
      ['POST', '/api/v1/session/password', () => ({ oldPassword: 'not the password', newPassword: 'another long password' }), 'viewer'],
      ['POST', '/api/v1/users/victim/disable', () => ({ reason: 'left the team' }), 'admin'],
      ['POST', '/api/v1/users/victim/enable', () => ({}), 'admin'],
      ['POST', '/api/v1/users/victim/password', () => ({ password: 'a new password for victim' }), 'admin'],
    ];
    // Every workspace route of the OpenAPI document, and every public layer of the team's data, is in this walk.
    const openapi = (await clients.anonymous.request('GET', '/api/v1/openapi.json')).json() as { paths: Record<string, Record<string, { tags?: string[] }>> };
    const operations = Object.entries(openapi.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, tags: op.tags ?? [] })))
      .filter((o) => o.tags.includes('workspace') || ['/api/v1/events', '/api/v1/arrows', '/api/v1/units', '/api/v1/claims', '/api/v1/claims/stats'].includes(o.path))
      // Logging in and out are everyone's and no one's: the CSRF case below covers them.
      .filter((o) => !(o.path === '/api/v1/session' && ['POST', 'DELETE'].includes(o.method)));
    const walked = (o: { method: string; path: string }) => routes.some(([m, url]) => m === o.method && new RegExp(`^${o.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(url.split('?')[0]));
    expect(operations.filter((o) => !walked(o)).map((o) => `${o.method} ${o.path}`)).toEqual([]);
    expect(operations.length).toBeGreaterThan(35);
    const seen: string[] = [];
    for (const [method, url, body, least] of routes) {
      for (const [key, client] of Object.entries(clients) as [keyof typeof clients, Client][]) {
        const role = roleOf[key];
        const allowed = RANK[role] >= RANK[least];
        const before = await auditCount();
        const r = await client.request(method, url, await body());
        const label = `${method} ${url} as ${key}: ${r.statusCode} ${r.body.slice(0, 200)}`;
        if (allowed) {
          expect([401, 403], label).not.toContain(r.statusCode);
          expect(r.statusCode, label).toBeLessThan(500);
        } else {
          expect(r.statusCode, label).toBe(role === 'anonymous' ? 401 : 403);
          expect(r.json().code, label).toBe(role === 'anonymous' ? 'UNAUTHORIZED' : 'FORBIDDEN');
          expect(await auditCount(), `${label}: nothing logged, nothing done`).toBe(before);
        }
        seen.push(`${method} ${url.split('?')[0]} ${key} ${allowed ? 'allow' : 'deny'} ${r.statusCode}`);
      }
    }
    expect(seen).toHaveLength(routes.length * 6);
    // The allowed writes did happen (editor, its token, reviewer, admin), and only those.
    const d = (await clients.editor.request('GET', `/api/v1/drafts/${draft.id}`)).json();
    expect(d.items.filter((i: { kind: string }) => i.kind === 'change').length).toBeGreaterThanOrEqual(2);
    expect(new Set(d.items.map((i: { author: string }) => i.author))).toEqual(new Set([PEOPLE.editor, PEOPLE.reviewer, PEOPLE.admin]));
    expect(d.comments.map((c: { author: string }) => c.author)).toEqual([PEOPLE.editor, PEOPLE.editor, PEOPLE.reviewer, PEOPLE.admin]);
    const tokens = (await clients.admin.request('GET', '/api/v1/tokens')).json();
    expect(tokens.find((t: { id: number }) => t.id === victim.id).revokedAt).not.toBeNull();
    expect(JSON.stringify(tokens)).not.toContain(victim.token);
  });

  it('requires the CSRF token on cookie writes, not on token writes; cookies are httpOnly and SameSite=Strict', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: PEOPLE.editor2, password: PASSWORD } });
    const setCookie = String(r.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\//);
    const cookie = setCookie.split(';')[0];
    const body = { basedOn: 'latest', title: 'csrf' };
    const before = await auditCount();
    for (const headers of [{ cookie }, { cookie, 'x-csrf-token': clients.editor.csrf! }, { cookie, 'x-csrf-token': '' }]) {
      const w = await app.inject({ method: 'POST', url: '/api/v1/drafts', payload: body, headers });
      expect(w.statusCode).toBe(403);
      expect(w.json().message).toMatch(/x-csrf-token/);
    }
    expect(await auditCount()).toBe(before);
    expect((await app.inject({ method: 'GET', url: '/api/v1/drafts', headers: { cookie } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/api/v1/drafts', payload: body, headers: { cookie, 'x-csrf-token': r.json().csrfToken } })).statusCode).toBe(201);
    expect((await clients.editorToken.request('POST', '/api/v1/drafts', body)).statusCode).toBe(201);
    expect((await app.inject({ method: 'DELETE', url: '/api/v1/session' })).statusCode).toBe(401);
    // Logging out ends the session on the server: the old cookie is worth nothing.
    expect((await app.inject({ method: 'DELETE', url: '/api/v1/session', headers: { cookie, 'x-csrf-token': r.json().csrfToken } })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/v1/drafts', headers: { cookie } })).statusCode).toBe(401);
  });

  it('never serves a private answer from the public response cache', async () => {
    expect((await clients.editor.request('GET', '/api/v1/drafts')).statusCode).toBe(200);
    const again = await clients.anonymous.request('GET', '/api/v1/drafts');
    expect(again.statusCode).toBe(401);
    expect((await clients.editor.request('GET', '/api/v1/drafts')).headers['cache-control']).toBe('no-store');
  });

  it('scopes API tokens: a token never exceeds its role, and a revoked or unknown token is refused', async () => {
    const admin = clients.admin;
    const created = (await admin.request('POST', '/api/v1/tokens', { username: PEOPLE.reviewer, role: 'editor', name: 'bot' })).json();
    expect(created.token).toMatch(/^flt_/);
    const bot = withToken(app, 'bot', created.token);
    expect((await bot.request('GET', '/api/v1/drafts')).statusCode).toBe(200);
    expect((await bot.request('GET', '/api/v1/audit')).statusCode).toBe(403); // the reviewer could; the editor token cannot
    expect((await bot.request('GET', '/api/v1/session')).json()).toEqual({ username: PEOPLE.reviewer, role: 'editor', via: 'token' });
    // More than the owner's role is refused.
    expect((await admin.request('POST', '/api/v1/tokens', { username: PEOPLE.editor, role: 'admin', name: 'x' })).statusCode).toBe(400);
    expect((await admin.request('DELETE', `/api/v1/tokens/${created.id}`)).statusCode).toBe(204);
    const revoked = await bot.request('GET', '/api/v1/drafts');
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().message).toMatch(/revoked/);
    expect((await withToken(app, 'forged', 'flt_' + 'A'.repeat(43)).request('GET', '/api/v1/drafts')).statusCode).toBe(401);
  });

  it('keeps no password, session id or token in clear in the database', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: PEOPLE.admin, password: PASSWORD } });
    const sessionId = String(r.headers['set-cookie']).split(';')[0].split('=')[1];
    const token = (await clients.admin.request('POST', '/api/v1/tokens', { username: PEOPLE.admin, role: 'admin', name: 'secret' })).json().token;
    const bytes = [dbPath, `${dbPath}-wal`].filter(existsSync).map((p) => readFileSync(p).toString('latin1')).join('');
    expect(bytes).toContain('scrypt$'); // the hashes are there …
    for (const secret of [PASSWORD, sessionId, token.slice(4)]) expect(bytes.includes(secret), secret.slice(0, 6)).toBe(false);
  });

  it('gives the second of two editors a 409 with the current draft, and loses nothing', async () => {
    const a = clients.editor;
    const b = await login(app, PEOPLE.editor2);
    const draft = (await a.request('POST', '/api/v1/drafts', { basedOn: 'latest', title: 'two editors' })).json();
    const seenByB = (await b.request('GET', `/api/v1/drafts/${draft.id}`)).json();
    const change = (status: string, km: number) => ({ status, geometry: circle(lysychansk.lon, lysychansk.lat, km), validFrom: '2022-06-02T00:00:00Z', sources: [SOURCE], confidence: 'likely' });
    const first = await a.request('POST', `/api/v1/drafts/${draft.id}/changes`, { revision: draft.revision, ...change('occupied', 2) });
    expect(first.statusCode).toBe(200);
    const stale = await b.request('POST', `/api/v1/drafts/${draft.id}/changes`, { revision: seenByB.revision, ...change('contested', 5) });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT');
    const current = stale.json().current;
    expect(current.revision).toBe(first.json().revision);
    expect(current.items).toHaveLength(1);
    expect(current.items[0]).toMatchObject({ status: 'occupied', author: PEOPLE.editor });
    // B merges by retrying on the current revision: both edits are kept, in order.
    const retry = await b.request('POST', `/api/v1/drafts/${draft.id}/changes`, { revision: current.revision, ...change('contested', 5) });
    expect(retry.statusCode).toBe(200);
    expect(retry.json().items.map((i: { status: string; author: string }) => [i.status, i.author])).toEqual([['occupied', PEOPLE.editor], ['contested', PEOPLE.editor2]]);
    // A reviewer approving what they saw: a stale approval is refused too.
    const submitted = (await a.request('POST', `/api/v1/drafts/${draft.id}/submit`, { revision: retry.json().revision })).json();
    expect((await clients.reviewer.request('POST', `/api/v1/drafts/${draft.id}/approve`, { revision: submitted.revision - 1 })).statusCode).toBe(409);

    // Drafts and sessions are in SQLite: a restart keeps both.
    await app.close();
    app = await buildServer({ dbPath, webRoot: '/nonexistent', secureCookies: false });
    const afterRestart = await app.inject({ method: 'GET', url: `/api/v1/drafts/${draft.id}`, headers: { cookie: b.cookie! } });
    expect(afterRestart.statusCode).toBe(200);
    expect(afterRestart.json()).toMatchObject({ status: 'submitted', revision: submitted.revision });
    expect(afterRestart.json().items).toHaveLength(2);
  });
});

describe.skipIf(!hasData())('login limits (real data store)', () => {
  it('blocks an account after repeated failures, and an address after more, until the window passes', async () => {
    const copy = copyOfTemplate();
    await addPeople(copy.store);
    let now = Date.now();
    const app = await buildServer({ store: copy.store, webRoot: '/nonexistent', secureCookies: false, accounts: { perAccount: 3, perAddress: 5, windowMinutes: 15, now: () => now } });
    const tryLogin = (username: string, password: string) => app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password } });
    try {
      for (let i = 0; i < 3; i++) expect((await tryLogin(PEOPLE.editor, 'wrong password!!')).statusCode).toBe(401);
      const blocked = await tryLogin(PEOPLE.editor, PASSWORD); // even the right password
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().code).toBe('RATE_LIMITED');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
      // Another account from the same address still may, until the address has failed 5 times.
      expect((await tryLogin(PEOPLE.reviewer, PASSWORD)).statusCode).toBe(200);
      for (let i = 0; i < 2; i++) expect((await tryLogin('nobody', 'wrong password!!')).statusCode).toBe(401);
      expect((await tryLogin(PEOPLE.reviewer, PASSWORD)).statusCode).toBe(429);
      now += 16 * 60_000;
      expect((await tryLogin(PEOPLE.editor, PASSWORD)).statusCode).toBe(200);
      // Unknown accounts and wrong passwords get the same answer.
      expect((await tryLogin('nobody', 'x')).json()).toEqual((await tryLogin(PEOPLE.editor, 'x')).json());
      const actions = copy.store.workspace().audit().map((e) => e.action);
      expect(actions.filter((a) => a === 'session.failed')).toHaveLength(7);
      expect(actions.filter((a) => a === 'session.refused')).toHaveLength(2);
    } finally {
      await app.close();
      copy.store.close();
    }
  });
});

describe.skipIf(!hasData())('failed logins across a restart (real data store)', () => {
  it('still blocks an account after the server restarts: the failures are in SQLite', async () => {
    const teamDb = await storeWithPeople();
    let now = Date.now();
    const options = { dbPath: teamDb, webRoot: '/nonexistent', secureCookies: false, accounts: { perAccount: 3, perAddress: 50, windowMinutes: 15, now: () => now } };
    let app = await buildServer(options);
    const tryLogin = (username: string, password: string) => app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password } });
    try {
      for (let i = 0; i < 3; i++) expect((await tryLogin(PEOPLE.editor, 'wrong password!!')).statusCode).toBe(401);
      await app.close();
      app = await buildServer(options);
      const blocked = await tryLogin(PEOPLE.editor, PASSWORD);
      expect(blocked.statusCode).toBe(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
      expect((await tryLogin(PEOPLE.reviewer, PASSWORD)).statusCode).toBe(200);
      now += 16 * 60_000;
      expect((await tryLogin(PEOPLE.editor, PASSWORD)).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe.skipIf(!hasData())('disabling accounts and changing passwords (real data store)', () => {
  it('disables an account (its sessions and tokens stop working), lets people change their password with the old one, and lets an admin reset one', async () => {
    const teamDb = await storeWithPeople();
    const app = await buildServer({ dbPath: teamDb, webRoot: '/nonexistent', secureCookies: false });
    try {
      const admin = await login(app, PEOPLE.admin);
      const token = (await admin.request('POST', '/api/v1/tokens', { username: PEOPLE.editor, role: 'editor', name: 'bot' })).json().token;
      const bot = withToken(app, 'bot', token);
      const phone = await login(app, PEOPLE.editor);
      const laptop = await login(app, PEOPLE.editor);
      const status = async (c: Client) => (await c.request('GET', '/api/v1/drafts')).statusCode;
      expect([await status(phone), await status(bot)]).toEqual([200, 200]);

      // Disabled: every session and token refused at once, and no new login.
      const disabled = await admin.request('POST', `/api/v1/users/${PEOPLE.editor}/disable`, { reason: 'left the team' });
      expect(disabled.statusCode, disabled.body).toBe(200);
      expect(disabled.json()).toMatchObject({ username: PEOPLE.editor, disabled: true, sessionsEnded: 2 });
      expect([await status(phone), await status(laptop), await status(bot)]).toEqual([401, 401, 401]);
      expect((await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: PEOPLE.editor, password: PASSWORD } })).statusCode).toBe(401);
      expect((await admin.request('POST', `/api/v1/users/${PEOPLE.editor}/disable`, {})).statusCode).toBe(409);
      expect((await admin.request('POST', `/api/v1/users/${PEOPLE.admin}/disable`, {})).statusCode).toBe(409); // not oneself
      expect((await admin.request('GET', '/api/v1/users')).json().find((u: { username: string }) => u.username === PEOPLE.editor).disabled).toBe(true);
      // Enabled again: the password works; the old sessions stay ended; the token (not revoked) works again.
      expect((await admin.request('POST', `/api/v1/users/${PEOPLE.editor}/enable`, {})).json()).toMatchObject({ disabled: false });
      expect(await status(phone)).toBe(401);
      expect(await status(bot)).toBe(200);
      const desk = await login(app, PEOPLE.editor);
      const other = await login(app, PEOPLE.editor);

      // Changing one's own password needs the old one; the other sessions end, this one stays.
      const next = 'a brand new passphrase 9';
      const wrong = await desk.request('POST', '/api/v1/session/password', { oldPassword: 'not my password', newPassword: next });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().message).toMatch(/oldPassword/);
      expect((await desk.request('POST', '/api/v1/session/password', { oldPassword: PASSWORD, newPassword: 'short' })).statusCode).toBe(400);
      expect((await app.inject({ method: 'POST', url: '/api/v1/session/password', payload: { oldPassword: PASSWORD, newPassword: next }, headers: { cookie: desk.cookie! } })).statusCode).toBe(403); // CSRF
      const changed = await desk.request('POST', '/api/v1/session/password', { oldPassword: PASSWORD, newPassword: next });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(changed.json()).toMatchObject({ username: PEOPLE.editor, sessionsEnded: 1 });
      expect([await status(desk), await status(other)]).toEqual([200, 401]);
      expect((await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: PEOPLE.editor, password: PASSWORD } })).statusCode).toBe(401);
      await login(app, PEOPLE.editor, next);

      // An admin resets it: every session of the account ends; the new password works.
      const reset = await admin.request('POST', `/api/v1/users/${PEOPLE.editor}/password`, { password: 'set by the admin 12' });
      expect(reset.json()).toMatchObject({ sessionsEnded: 2 });
      expect(await status(desk)).toBe(401);
      await login(app, PEOPLE.editor, 'set by the admin 12');
      expect((await login(app, PEOPLE.viewer).then((v) => v.request('POST', `/api/v1/users/${PEOPLE.editor}/password`, { password: 'viewer tries this 1' }))).statusCode).toBe(403);

      const audit = (await admin.request('GET', '/api/v1/audit?limit=1000')).json() as { action: string; after: unknown }[];
      expect(audit.map((e) => e.action).filter((a) => a.startsWith('user.'))).toEqual([
        'user.add', 'user.add', 'user.add', 'user.add', 'user.add', 'user.disable', 'user.enable', 'user.password.failed', 'user.password.change', 'user.password.reset',
      ]);
      expect(JSON.stringify(audit)).not.toMatch(/brand new passphrase|set by the admin/);
    } finally {
      await app.close();
    }
  });
});
