/**
 * The analyst workspace's web UI (/edit) in Debian's chromium, end to end on the real test store:
 * an editor signs in, opens a draft, draws an area around Lysychansk with the mouse (terra-draw),
 * marks it occupied with a source and submits; a reviewer (another browser context) opens the
 * review — its km² must be the API's — approves and publishes; an anonymous visitor then sees the
 * change on the public map, and /stats for Luhansk oblast moved by the reviewed amount.
 * Screenshots of every step: test-artifacts/e2e/w1-…png to w8-…png.
 */
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildServer } from '../../src/server/app.js';
import { copyOfTemplate } from '../helpers.js';
import { addPeople, login, PASSWORD, PEOPLE, SOURCE } from '../workspace-helpers.js';
import { ARTIFACTS, browserSkipReason, CHROMIUM, CHROMIUM_ARGS, WEB_ROOT, webBuildIsStale } from './browser.js';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

const skipReason = browserSkipReason();
/** The template store's latest version (a new draft's base) and the day the change holds from. */
const BASE_DATE = '2022-06-01';
const VALID_FROM = '2022-06-03';

interface EditorHook { __editor: { ready: Promise<void>; map: { pagePoint(lon: number, lat: number): { x: number; y: number }; whenIdle(): Promise<void> } } }
interface Transition { from: string; to: string; areaKm2: number; byRegion: { code: string; areaKm2: number }[] }

describe.skipIf(skipReason !== null)('the workspace editor in a browser (draw, submit, review, publish)', () => {
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    if (webBuildIsStale()) execFileSync('npx', ['vite', 'build'], { stdio: 'inherit' });
    const copy = copyOfTemplate();
    await addPeople(copy.store);
    copy.store.close();
    app = await buildServer({ dbPath: copy.path, webRoot: WEB_ROOT, secureCookies: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });
  afterAll(async () => { await browser?.close(); await app?.close(); });

  const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  const getJson = async <T>(path: string): Promise<T> => (await fetch(`${base}${path}`)).json() as Promise<T>;
  const occupiedInLuhansk = async (date: string) =>
    (await getJson<{ byStatus: { occupied: { areaKm2: number } } }>(`/api/v1/stats?date=${date}&region=UA-09`)).byStatus.occupied.areaKm2;

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.warn(`[e2e] page error: ${e.message}`));
    return page;
  }

  async function signIn(page: Page, username: string, password = PASSWORD) {
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', password);
    await page.click('.login-form button[type=submit]');
  }

  const mapIdle = (page: Page) => page.evaluate(() => (window as unknown as EditorHook).__editor.map.whenIdle());

  it('w1–w8: an editor draws and submits a change, a reviewer publishes it, the public map shows it', async () => {
    const occupiedBefore = await occupiedInLuhansk(BASE_DATE);
    const [lysychansk] = await getJson<{ lon: number; lat: number; name: string }[]>('/api/v1/places?q=Lysychansk');
    expect(lysychansk.name).toBe('Lysychansk');

    // The editor signs in (a wrong password first: a plain message, no session).
    const editor = await newPage();
    await editor.goto(`${base}/edit`);
    await editor.waitForSelector('.login-form');
    await signIn(editor, PEOPLE.editor, 'not the password at all');
    await expect.poll(() => editor.textContent('.login-form .error')).toBe('Wrong username or password.');
    await signIn(editor, PEOPLE.editor);
    await editor.waitForSelector('#whoami');
    expect(await editor.textContent('#whoami')).toBe(`Signed in as ${PEOPLE.editor} (editor)`);
    await shot(editor, 'w1-drafts');

    // A new draft on the latest version; the map goes to Lysychansk through the place search.
    await editor.fill('input[name=title]', 'Lysychansk and its surroundings');
    await editor.click('.new-draft button[type=submit]');
    await editor.waitForSelector('.draft-screen');
    const draftId = Number(/#\/drafts\/(\d+)/.exec(editor.url())![1]);
    expect(await editor.textContent('.draft-meta')).toContain(`based on the version of ${BASE_DATE}`);
    await editor.fill('#search-input', 'Lysychansk');
    await editor.waitForSelector('#search-results li');
    await editor.press('#search-input', 'Enter');
    await editor.evaluate(() => (window as unknown as EditorHook).__editor.ready);
    await mapIdle(editor);

    // Draw an 8-point ring about 7 km around the town with the mouse, then close it on the first point.
    await editor.click('#tool-draw');
    await editor.waitForSelector('.draw-state:has-text("Draw the area")');
    const ring = Array.from({ length: 8 }, (_, i) => {
      const a = (2 * Math.PI * i) / 8;
      return [lysychansk.lon + (7 / 73) * Math.cos(a), lysychansk.lat + (7 / 111.2) * Math.sin(a)] as [number, number];
    });
    for (const [lon, lat] of [...ring, ring[0]]) {
      const p = await editor.evaluate(([x, y]) => (window as unknown as EditorHook).__editor.map.pagePoint(x, y), [lon, lat]);
      await editor.mouse.move(p.x, p.y, { steps: 3 });
      await editor.mouse.click(p.x, p.y);
    }
    await editor.waitForSelector('.change-form[data-drawn="1"]');
    await editor.selectOption('select[name=status]', 'occupied');
    await editor.fill('input[name=validFrom]', VALID_FROM);
    await editor.selectOption('select[name=confidence]', 'likely');
    await editor.fill('.source input[name=url]', SOURCE.url);
    await editor.fill('.source input[name=publisher]', SOURCE.publisher);
    await editor.fill('.source input[name=author]', SOURCE.author);
    await editor.fill('.source textarea[name=quote]', SOURCE.quote);
    await editor.fill('textarea[name=note]', 'Drawn in the browser test');
    await shot(editor, 'w2-area-drawn');
    await editor.click('.change-form button[type=submit]');
    await editor.waitForSelector('.item-change');
    expect(await editor.textContent('.item-change h4')).toContain(`Occupied from ${VALID_FROM}`);
    expect(await editor.textContent('.item-change .source-view')).toContain(SOURCE.publisher);
    const saved = (await (await login(app, PEOPLE.editor)).request('GET', `/api/v1/drafts/${draftId}`)).json();
    expect(saved.items[0].geometry.coordinates[0].length).toBeGreaterThanOrEqual(9);
    await mapIdle(editor);
    await shot(editor, 'w3-change-saved');

    await editor.click('#submit-draft');
    await editor.waitForSelector('.draft-meta .badge-submitted');
    await shot(editor, 'w4-submitted');

    // The reviewer, in a browser of their own, opens the review link and signs in.
    const reviewer = await newPage();
    await reviewer.goto(`${base}/edit#/drafts/${draftId}/review`);
    await reviewer.waitForSelector('.login-form');
    await signIn(reviewer, PEOPLE.reviewer);
    await reviewer.waitForSelector('#review-total-km2', { timeout: 60_000 });
    const review = (await (await login(app, PEOPLE.reviewer)).request('GET', `/api/v1/drafts/${draftId}/review`)).json() as { transitions: Transition[] };
    const total = Math.round(review.transitions.reduce((a, t) => a + t.areaKm2, 0) * 100) / 100;
    expect(total).toBeGreaterThan(0);
    const shown = (await reviewer.textContent('#review-total-km2'))!;
    expect(Number(shown.replace(/[^\d.]/g, ''))).toBe(total);
    for (const t of review.transitions) {
      const cell = await reviewer.textContent(`tr.transition[data-from="${t.from}"][data-to="${t.to}"] td`);
      expect(Number(cell!.replace(/[^\d.]/g, ''))).toBe(t.areaKm2);
    }
    await mapIdle(reviewer);
    await shot(reviewer, 'w5-review');

    await reviewer.click('#approve');
    await reviewer.waitForSelector('#publish');
    expect(await reviewer.inputValue('input[name=validAt]')).toBe(VALID_FROM);
    await reviewer.fill('textarea[name=what]', 'Lysychansk and its surroundings marked occupied');
    await reviewer.fill('textarea[name=why]', 'Browser test of the workspace');
    await shot(reviewer, 'w6-approved');
    await reviewer.click('#publish');
    await reviewer.waitForSelector('#published', { timeout: 120_000 });
    await shot(reviewer, 'w7-published');

    // The public: Luhansk oblast's occupied km² moved by what the review said it would.
    const intoOccupied = review.transitions.filter((t) => t.to === 'occupied').reduce((a, t) => a + (t.byRegion.find((r) => r.code === 'UA-09')?.areaKm2 ?? 0), 0);
    const outOfOccupied = review.transitions.filter((t) => t.from === 'occupied').reduce((a, t) => a + (t.byRegion.find((r) => r.code === 'UA-09')?.areaKm2 ?? 0), 0);
    expect(intoOccupied).toBeGreaterThan(0);
    const occupiedAfter = await occupiedInLuhansk(VALID_FROM);
    expect(Math.abs(occupiedAfter - occupiedBefore - (intoOccupied - outOfOccupied))).toBeLessThan(0.05);

    const visitor = await newPage();
    await visitor.goto(`${base}/?date=${VALID_FROM}&map=10.00/${lysychansk.lat.toFixed(4)}/${lysychansk.lon.toFixed(4)}&compare=${BASE_DATE}..${VALID_FROM}`);
    await visitor.waitForFunction(() => document.documentElement.dataset.ready === '1', null, { timeout: 60_000 });
    expect(await visitor.inputValue('#timeline-date')).toBe(VALID_FROM);
    await visitor.evaluate(() => (window as unknown as { __frontline: { whenIdle?: () => Promise<void> } }).__frontline.whenIdle?.());
    await shot(visitor, 'w8-public-map');
  });
});
