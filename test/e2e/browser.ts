/** Shared by the browser tests: Debian's chromium, its flags, rebuilding dist/web when web/ changed, and the viewer session. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildServer } from '../../src/server/app.js';
import { copyOfTemplate, hasData, SKIP_REASON } from '../helpers.js';
import { storeWithPeople } from '../workspace-helpers.js';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = 'test-artifacts/e2e';
export const WEB_ROOT = 'dist/web';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'];

/** Why the browser tests cannot run here, or null. */
export const browserSkipReason = (): string | null =>
  !existsSync(CHROMIUM) ? `no browser at ${CHROMIUM} (apt-get install chromium)` : !hasData() ? SKIP_REASON : null;

/** True when dist/web is missing or older than a source under web/ or the build's config. */
export function webBuildIsStale(): boolean {
  const index = join(WEB_ROOT, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const newest = (dir: string): number => Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((d) => {
    const p = join(dir, d.name);
    return d.isDirectory() ? newest(p) : statSync(p).mtimeMs;
  }));
  return Math.max(newest('web'), statSync('vite.config.ts').mtimeMs) > built;
}

export interface ViewerSession { app: FastifyInstance; base: string; browser: Browser; context: BrowserContext; page: Page }

/** A server on a copy of the template store serving the built viewer, and a page in chromium (1280×800). */
export async function openViewer(): Promise<ViewerSession> {
  mkdirSync(ARTIFACTS, { recursive: true });
  if (webBuildIsStale()) execFileSync('npx', ['vite', 'build'], { stdio: 'inherit' });
  const copy = copyOfTemplate();
  copy.store.close();
  const app = await buildServer({ dbPath: copy.path, webRoot: WEB_ROOT });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.warn(`[e2e] page error: ${e.message}`));
  return { app, base, browser, context, page };
}

export interface TeamServer { app: FastifyInstance; base: string; browser: Browser }

/** A server on a copy of the template store with the team's accounts (workspace-helpers.ts), serving the built pages, and chromium. */
export async function openTeamServer(): Promise<TeamServer> {
  mkdirSync(ARTIFACTS, { recursive: true });
  if (webBuildIsStale()) execFileSync('npx', ['vite', 'build'], { stdio: 'inherit' });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const app = await buildServer({ dbPath: await storeWithPeople(), webRoot: WEB_ROOT, secureCookies: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, browser };
}

/** The editor's test hook (web/src/edit/main.ts); only types, so it can be named inside page.evaluate. */
export interface EditorHook { __editor: { ready: Promise<void>; map: { pagePoint(lon: number, lat: number): { x: number; y: number }; whenIdle(): Promise<void> } } }

/** Resolves when the editor's map has drawn everything it asked for. */
export const editorMapIdle = (page: Page): Promise<void> => page.evaluate(() => (window as unknown as EditorHook).__editor.map.whenIdle());

/** From the drafts screen (signed in): opens a new draft with `title`, goes to `place` through the search box; the draft's id. */
export async function openDraftAt(page: Page, title: string, place: string): Promise<number> {
  await page.fill('input[name=title]', title);
  await page.click('.new-draft button[type=submit]');
  await page.waitForSelector('.draft-screen');
  const draftId = Number(/#\/drafts\/(\d+)/.exec(page.url())![1]);
  await page.fill('#search-input', place);
  await page.waitForSelector('#search-results li');
  await page.press('#search-input', 'Enter');
  await page.evaluate(() => (window as unknown as EditorHook).__editor.ready);
  await editorMapIdle(page);
  return draftId;
}
