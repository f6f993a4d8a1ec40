/** `frontline user …` as an operator runs it: the compiled CLI, the password piped on stdin. */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildServer } from '../src/server/app.js';
import { copyOfTemplate, hasData, SKIP_REASON } from './helpers.js';

function cli(args: string[], db: string, stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/frontline.js', ...args], { env: { ...process.env, FRONTLINE_DB: db }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe.skipIf(!hasData())('frontline user (compiled CLI)', () => {
  if (!hasData()) console.warn(`skipped: ${SKIP_REASON}`);

  it('adds the first admin with the password from stdin; the account logs in; the password is nowhere in the output', async () => {
    const { store, path } = copyOfTemplate('referenceDb');
    store.close();
    const password = 'a long enough passphrase 7';
    const added = await cli(['user', 'add', 'root', '--role', 'admin'], path, `${password}\n`);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stderr).toMatch(/user root \(admin\) added/);
    expect(added.stdout + added.stderr).not.toContain(password);
    const again = await cli(['user', 'add', 'root', '--role', 'admin'], path, `${password}\n`);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/user 'root' exists/);
    expect((await cli(['user', 'add', 'weak', '--role', 'editor'], path, 'short\n')).stderr).toMatch(/at least 12 characters/);
    expect((await cli(['user', 'add', 'x1', '--role', 'king'], path, `${password}\n`)).stderr).toMatch(/unknown role 'king'/);
    const list = JSON.parse((await cli(['user', 'list', '--json'], path)).stdout);
    expect(list).toEqual([expect.objectContaining({ username: 'root', role: 'admin', disabled: false })]);
    const token = await cli(['user', 'token', 'root', '--role', 'editor', '--name', 'bot'], path);
    expect(token.stdout.trim()).toMatch(/^flt_[\w-]{43}$/);

    const app = await buildServer({ dbPath: path, webRoot: '/nonexistent', secureCookies: false });
    try {
      const ok = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'root', password } });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().user).toEqual({ username: 'root', role: 'admin' });
      const bot = await app.inject({ method: 'GET', url: '/api/v1/session', headers: { authorization: `Bearer ${token.stdout.trim()}` } });
      expect(bot.json()).toEqual({ username: 'root', role: 'editor', via: 'token' });
      const audit = (await app.inject({ method: 'GET', url: '/api/v1/audit', headers: { cookie: String(ok.headers['set-cookie']).split(';')[0] } })).json();
      expect(audit[0]).toMatchObject({ actor: 'cli', action: 'user.add', after: { username: 'root', role: 'admin' } });
      expect(JSON.stringify(audit)).not.toContain(password);
    } finally {
      await app.close();
    }
    expect((await cli(['user', 'revoke-token', '1'], path)).code).toBe(0);
  });

  it('disables and enables an account and sets its password from stdin; sessions end, the password is nowhere in the output', async () => {
    const { store, path } = copyOfTemplate('referenceDb');
    store.close();
    const first = 'the first passphrase 1';
    const second = 'the second passphrase 2';
    expect((await cli(['user', 'add', 'olena', '--role', 'editor'], path, `${first}\n`)).code).toBe(0);
    const loginWith = async (password: string) => {
      const app = await buildServer({ dbPath: path, webRoot: '/nonexistent', secureCookies: false });
      try {
        return (await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'olena', password } })).statusCode;
      } finally {
        await app.close();
      }
    };
    expect(await loginWith(first)).toBe(200);
    const passwd = await cli(['user', 'passwd', 'olena'], path, `${second}\n`);
    expect(passwd.code, passwd.stderr).toBe(0);
    expect(passwd.stderr).toMatch(/password of olena changed \(1 session ended\)/);
    expect(passwd.stdout + passwd.stderr).not.toContain(second);
    expect([await loginWith(first), await loginWith(second)]).toEqual([401, 200]);
    expect((await cli(['user', 'passwd', 'olena'], path, 'short\n')).stderr).toMatch(/at least 12 characters/);
    expect((await cli(['user', 'passwd', 'nobody'], path, `${second}\n`)).stderr).toMatch(/no user 'nobody'/);

    const disable = await cli(['user', 'disable', 'olena', '--reason', 'left the team'], path);
    expect(disable.code, disable.stderr).toBe(0);
    expect(disable.stderr).toMatch(/user olena disabled \(1 session ended\)/);
    expect(await loginWith(second)).toBe(401);
    expect(JSON.parse((await cli(['user', 'list', '--json'], path)).stdout)).toEqual([expect.objectContaining({ username: 'olena', disabled: true })]);
    expect((await cli(['user', 'disable', 'olena'], path)).code).toBe(1); // already disabled: CONFLICT
    expect((await cli(['user', 'enable', 'olena'], path)).code).toBe(0);
    expect(await loginWith(second)).toBe(200);
  });
});
