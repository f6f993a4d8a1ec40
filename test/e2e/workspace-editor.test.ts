/**
 * The analyst workspace's web UI (/edit) in Debian's chromium, end to end on the real test store:
 * an editor signs in, opens a draft, draws an area around Lysychansk with the mouse (terra-draw),
 * marks it occupied with a source and submits; a reviewer (another browser context) opens the
 * review — its km² must be the API's — approves and publishes; an anonymous visitor then sees the
 * change on the public map, and /stats for Luhansk oblast moved by the reviewed amount.
 * Screenshots of every step: test-artifacts/e2e/w1-…png to w9-…png.
 */
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildServer } from '../../src/server/app.js';
import { storeWithPeople, circle, login, PASSWORD, PEOPLE, SOURCE } from '../workspace-helpers.js';
import { ARTIFACTS, browserSkipReason, CHROMIUM, CHROMIUM_ARGS, editorMapIdle as mapIdle, openDraftAt, WEB_ROOT, webBuildIsStale, type EditorHook } from './browser.js';
import { execFileSync } from 'node:child_process';
import type { Feature } from 'geojson';
import { boundarySegments } from '../../web/src/edit/snapping.js';
import { mkdirSync } from 'node:fs';

const skipReason = browserSkipReason();
/** The template store's latest version (a new draft's base) and the day the change holds from. */
const BASE_DATE = '2022-06-01';
const VALID_FROM = '2022-06-03';
/** A case runs a whole day of the team (and a publication); on a busy 2-core machine that can pass 2 minutes. */
const CASE_TIMEOUT_MS = 300_000;
/** Waits on the page for answers that cost the server time (a scrypt check, a rebuilt diff). */
const POLL = { timeout: 20_000 };

interface PublicHook {
  __frontline: { whenIdle(): Promise<void>; map: { project(p: [number, number]): unknown; queryRenderedFeatures(p: unknown, o: { layers: string[] }): { properties: { status: string } }[] } };
}
interface Transition { from: string; to: string; areaKm2: number; byRegion: { code: string; areaKm2: number }[] }

describe.skipIf(skipReason !== null)('the workspace editor in a browser (draw, submit, review, publish)', () => {
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    if (webBuildIsStale()) execFileSync('npx', ['vite', 'build'], { stdio: 'inherit' });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });
  afterAll(async () => { await browser?.close(); });
  afterEach(async () => { await app?.close(); });

  /** Each case gets its own server on a fresh copy of the template store, with the test accounts. */
  async function startServer() {
    const teamDb = await storeWithPeople();
    app = await buildServer({ dbPath: teamDb, webRoot: WEB_ROOT, secureCookies: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  }

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


  /**
   * Opens the draw tool and clicks an 8-point ring `radiusKm` around a place, closing it on its first
   * point. `snapTo` replaces the ring's point nearest to it by a click 5 px off it, to be snapped.
   */
  async function drawRing(page: Page, at: { lon: number; lat: number }, radiusKm: number, snapTo?: [number, number]) {
    await page.click('#tool-draw');
    await page.waitForSelector('.draw-state:has-text("Draw the area")');
    const ring = Array.from({ length: 8 }, (_, i) => {
      const a = (2 * Math.PI * i) / 8;
      return [at.lon + (radiusKm / (111.2 * Math.cos((at.lat * Math.PI) / 180))) * Math.cos(a), at.lat + (radiusKm / 111.2) * Math.sin(a)] as [number, number];
    });
    const pagePoint = (lonLat: [number, number]) => page.evaluate(([x, y]) => (window as unknown as EditorHook).__editor.map.pagePoint(x, y), lonLat);
    const clicks = await Promise.all(ring.map(pagePoint));
    if (snapTo) {
      const target = await pagePoint(snapTo);
      const nearest = clicks.slice(1).reduce((best, p, i) => (Math.hypot(p.x - target.x, p.y - target.y) < Math.hypot(clicks[best].x - target.x, clicks[best].y - target.y) ? i + 1 : best), 1);
      clicks[nearest] = { x: target.x + 4, y: target.y + 3 };
    }
    // Let the snapping targets of the view arrive before the first click.
    await page.waitForTimeout(500);
    for (const p of [...clicks, clicks[0]]) {
      await page.mouse.move(p.x, p.y, { steps: 3 });
      await page.mouse.click(p.x, p.y);
    }
    await page.waitForSelector('.change-form[data-drawn="1"]');
  }

  /** Signs in at /edit, opens a new draft and goes to a place through the search box. */
  async function newDraftAt(page: Page, username: string, title: string, place: string): Promise<number> {
    await page.goto(`${base}/edit`);
    await page.waitForSelector('.login-form');
    await signIn(page, username);
    await page.waitForSelector('.new-draft');
    return openDraftAt(page, title, place);
  }

  it('w1–w9: an editor draws and submits a change, a reviewer publishes it, the public map shows it', async () => {
    await startServer();
    const occupiedBefore = await occupiedInLuhansk(BASE_DATE);
    const [lysychansk] = await getJson<{ lon: number; lat: number; name: string }[]>('/api/v1/places?q=Lysychansk');
    expect(lysychansk.name).toBe('Lysychansk');

    // The editor signs in (a wrong password first: a plain message, no session).
    const editor = await newPage();
    await editor.goto(`${base}/edit`);
    await editor.waitForSelector('.login-form');
    await signIn(editor, PEOPLE.editor, 'not the password at all');
    await expect.poll(() => editor.textContent('.login-form .error'), POLL).toBe('Wrong username or password.');
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

    // Draw an 8-point ring about 7 km around the town with the mouse, then close it on the first
    // point; one click lands 5 px off a vertex of the control boundary and must snap onto it.
    const control = await getJson<{ features: Feature[] }>(`/api/v1/control?date=${BASE_DATE}&bbox=${[-0.3, -0.2, 0.3, 0.2].map((d, i) => ((i % 2 ? lysychansk.lat : lysychansk.lon) + d).toFixed(4)).join(',')}&zoom=11`);
    const km = (p: [number, number]) => Math.hypot((p[0] - lysychansk.lon) * 73, (p[1] - lysychansk.lat) * 111.2);
    const boundaryVertex = boundarySegments(control.features).map((seg) => seg.a).sort((a, b) => Math.abs(km(a) - 7) - Math.abs(km(b) - 7))[0];
    expect(km(boundaryVertex)).toBeGreaterThan(5);
    expect(km(boundaryVertex)).toBeLessThan(9);
    await drawRing(editor, lysychansk, 7, boundaryVertex);
    await editor.waitForSelector('.change-form[data-drawn="1"]');
    await editor.selectOption('select[name=status]', 'occupied');
    await editor.fill('input[name=validFrom]', VALID_FROM);
    await editor.selectOption('select[name=confidence]', 'likely');
    await editor.fill('.source input[name=url]', SOURCE.url);
    await editor.fill('.source input[name=publisher]', SOURCE.publisher);
    await editor.fill('.source input[name=author]', SOURCE.author);
    await editor.fill('.source textarea[name=quote]', SOURCE.quote);
    await editor.fill('textarea[name=note]', 'Drawn in the browser test');
    await editor.$eval('.change-form', (e) => e.scrollIntoView());
    await shot(editor, 'w2-area-drawn');
    await editor.click('.change-form button[type=submit]');
    await editor.waitForSelector('.item-change');
    expect(await editor.textContent('.item-change h4')).toContain(`Occupied from ${VALID_FROM}`);
    expect(await editor.textContent('.item-change .source-view')).toContain(SOURCE.publisher);
    const saved = (await (await login(app, PEOPLE.editor)).request('GET', `/api/v1/drafts/${draftId}`)).json();
    const vertices = saved.items[0].geometry.coordinates[0] as [number, number][];
    expect(vertices.length).toBeGreaterThanOrEqual(9);
    // Vertices 5 px apart are common on a boundary at this zoom: the click snaps to the nearest one.
    const boundaryVertices = boundarySegments(control.features).flatMap((seg) => [seg.a, seg.b]);
    const gap = (v: [number, number]) => Math.min(...boundaryVertices.map((b) => Math.hypot(b[0] - v[0], b[1] - v[1])));
    const snapped = vertices.filter((v) => gap(v) < 1e-8);
    expect(snapped.length, `gaps to the boundary: ${vertices.map((v) => gap(v).toExponential(1))}`).toBeGreaterThanOrEqual(1);
    expect(Math.min(...snapped.map((v) => Math.hypot((v[0] - boundaryVertex[0]) * 73, (v[1] - boundaryVertex[1]) * 111.2)))).toBeLessThan(0.2);
    await mapIdle(editor);
    await shot(editor, 'w3-change-saved');

    await editor.click('#submit-draft');
    await editor.waitForSelector('.draft-meta .badge-submitted');
    await shot(editor, 'w4-submitted');
    // Signing out ends the session on the server too.
    await editor.click('#logout');
    await editor.waitForSelector('.login-form');
    expect(await editor.evaluate(async () => (await fetch('/api/v1/session')).status)).toBe(401);

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

    // A comment on the change itself, then the approval.
    const itemId = String(saved.items[0].id);
    await reviewer.selectOption('select[name=commentOn]', itemId);
    await reviewer.fill('textarea[name=comment]', 'Checked against the ISW map of 3 June');
    await reviewer.click('form[aria-label="Add a comment"] button[type=submit]');
    await expect.poll(() => reviewer.textContent('.comments'), POLL).toContain(`on #${itemId}Checked against the ISW map of 3 June`);
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

    // The public map: Lysychansk is drawn occupied from the published date on, not before.
    const visitor = await newPage();
    const view = `map=10.00/${lysychansk.lat.toFixed(4)}/${lysychansk.lon.toFixed(4)}`;
    const statusAtTown = async (query: string) => {
      await visitor.goto(`${base}/?${query}&${view}`);
      await visitor.waitForFunction(() => document.documentElement.dataset.ready === '1', null, { timeout: 60_000 });
      await visitor.evaluate(() => (window as unknown as PublicHook).__frontline.whenIdle());
      return visitor.evaluate(([lon, lat]) => {
        const map = (window as unknown as PublicHook).__frontline.map;
        return map.queryRenderedFeatures(map.project([lon, lat]), { layers: ['control-fill'] }).map((f) => f.properties.status);
      }, [lysychansk.lon, lysychansk.lat]);
    };
    expect(await statusAtTown(`date=${BASE_DATE}`)).toEqual([]);
    expect(await statusAtTown(`date=${VALID_FROM}`)).toEqual(['occupied']);
    expect(await visitor.inputValue('#timeline-date')).toBe(VALID_FROM);
    await shot(visitor, 'w8-public-map');
    await statusAtTown(`date=${VALID_FROM}&compare=${BASE_DATE}..${VALID_FROM}&panel=compare`);
    await visitor.waitForSelector('.compare-settlements');
    await shot(visitor, 'w9-public-compare');
  }, CASE_TIMEOUT_MS);

  it('w10–w14: an embargo, a conflicting edit (409), a missing source (422), undo/redo, an event, an import refused and accepted, four eyes, a rebase, a phone', async () => {
    await startServer();
    const [bakhmut] = await getJson<{ lon: number; lat: number; code: string }[]>('/api/v1/places?q=Bakhmut');
    const editor = await newPage();
    const draftId = await newDraftAt(editor, PEOPLE.editor, 'Checks', 'Bakhmut');

    // The form does not save a change without a source (the browser's own check on the required fields).
    await drawRing(editor, bakhmut, 3);
    await editor.click('.change-form button[type=submit]');
    expect(await editor.$eval('.change-form .source input[name=url]', (e) => (e as HTMLInputElement).validity.valueMissing)).toBe(true);
    expect(await editor.locator('.item-change').count()).toBe(0);
    await editor.fill('.change-form .source input[name=url]', SOURCE.url);
    await editor.fill('.change-form .source input[name=publisher]', SOURCE.publisher);
    // Held back from the public until a reviewer lifts it.
    await editor.check('.change-form input[name=embargo]');
    await editor.fill('.change-form input[name=embargoReason]', 'Asked to hold it back for 48 hours');
    await editor.click('.change-form button[type=submit]');
    await editor.waitForSelector('.item-change');
    expect(await editor.textContent('.item-change .embargo')).toBe(' · embargo until lifted: Asked to hold it back for 48 hours');
    const held = (await (await login(app, PEOPLE.editor)).request('GET', `/api/v1/drafts/${draftId}`)).json();
    expect(held.items[0].embargo).toMatchObject({ until: null, reason: 'Asked to hold it back for 48 hours' });

    // Someone else writes to the draft meanwhile (through the API, a change without a source):
    // submitting gets 409, the page reloads the draft and says so; submitting again gets the
    // server's 422, which names what lacks a source.
    const other = await login(app, PEOPLE.editor2);
    const now = (await other.request('GET', `/api/v1/drafts/${draftId}`)).json();
    const r = await other.request('POST', `/api/v1/drafts/${draftId}/changes`, { revision: now.revision, status: 'contested', geometry: circle(bakhmut.lon, bakhmut.lat, 1), validFrom: '2022-06-02T00:00:00Z', sources: [], confidence: 'claimed' });
    expect(r.statusCode, r.body).toBe(200);
    await editor.click('#submit-draft');
    await editor.waitForSelector('.draft-screen > .outcome .error');
    expect(await editor.textContent('.draft-screen > .outcome')).toMatch(/Not saved — draft \d+ is at revision 3, not 2.*reloaded \(now revision 3\)\. Check the list/s);
    await expect.poll(() => editor.locator('.item-change').count(), POLL).toBe(2);
    expect(await editor.textContent('.item-list')).toContain('No source yet');
    await shot(editor, 'w10-conflict');
    await editor.click('#submit-draft');
    await expect.poll(() => editor.textContent('.draft-screen > .outcome'), POLL).toMatch(/cannot be submitted: .*source/);
    expect(await editor.textContent('.draft-meta .badge')).toBe('Open');
    await shot(editor, 'w11-missing-source');

    // Undo takes back the last change (the one without a source), redo returns it, undo again.
    await editor.click('#undo');
    await editor.waitForSelector('.item-change.undone');
    await editor.click('#redo');
    await expect.poll(() => editor.locator('.item-change.undone').count(), POLL).toBe(0);
    await editor.click('#undo');
    await editor.waitForSelector('.item-change.undone');

    // An event at a settlement found by name.
    await editor.click('#tool-event');
    await editor.fill('.event-form input[name=settlement]', 'Bakhmut');
    await editor.click('.event-form .find-row button');
    await editor.click('.event-form .choices button');
    await editor.selectOption('.event-form select[name=type]', 'counterattack');
    await editor.selectOption('.event-form select[name=side]', 'ukraine');
    await editor.fill('.event-form .source input[name=url]', SOURCE.url);
    await editor.fill('.event-form .source input[name=publisher]', SOURCE.publisher);
    await editor.click('.event-form button[type=submit]');
    await editor.waitForSelector('.item-event');
    expect(await editor.textContent('.item-event h4')).toContain('counterattack at Bakhmut');

    // An import the server refuses names the refused feature; a polygon file is imported.
    const importFile = async (name: string, content: object) => {
      await editor.click('#tool-import');
      await editor.setInputFiles('.import-form input[type=file]', { name, mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(content)) });
      await editor.fill('.import-form .source input[name=url]', SOURCE.url);
      await editor.fill('.import-form .source input[name=publisher]', SOURCE.publisher);
      await editor.click('.import-form button[type=submit]');
    };
    await importFile('pin.geojson', { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'pin' }, geometry: { type: 'Point', coordinates: [bakhmut.lon, bakhmut.lat] } }] });
    await editor.waitForSelector('.import-form .outcome .error');
    expect(await editor.textContent('.import-form .outcome .error')).toMatch(/nothing imported: feature .*'pin'.*Point/);
    await shot(editor, 'w12-import-refused');
    await importFile('area.geojson', { type: 'Feature', properties: { status: 'contested' }, geometry: circle(bakhmut.lon, bakhmut.lat, 2) });
    // (The undone change is gone: a new edit after an undo discards the redo stack.)
    await expect.poll(() => editor.locator('.item-change').count(), POLL).toBe(2);
    expect(await editor.textContent('.item-list')).toContain('Contested from');

    // Four eyes: a reviewer cannot approve their own draft; the page shows the server's refusal.
    const own = await login(app, PEOPLE.reviewer);
    let d = (await own.request('POST', '/api/v1/drafts', { basedOn: 'latest', title: 'My own' })).json();
    d = (await own.request('POST', `/api/v1/drafts/${d.id}/changes`, { revision: d.revision, status: 'contested', geometry: circle(bakhmut.lon, bakhmut.lat, 2), validFrom: '2022-06-02T00:00:00Z', sources: [SOURCE], confidence: 'likely' })).json();
    d = (await own.request('POST', `/api/v1/drafts/${d.id}/submit`, { revision: d.revision })).json();
    expect(d.status).toBe('submitted');
    const reviewer = await newPage();
    await reviewer.goto(`${base}/edit#/drafts/${d.id}/review`);
    await reviewer.waitForSelector('.login-form');
    await signIn(reviewer, PEOPLE.reviewer);
    await reviewer.click('#approve');
    await reviewer.waitForSelector('.review-screen .outcome .error');
    expect(await reviewer.textContent('.review-screen .outcome .error')).toBe('Not approved: a draft is approved by someone other than its author');
    await shot(reviewer, 'w13-four-eyes');

    // Someone else (the admin) approves and publishes it: the editor's draft is now based on an
    // older version, the page offers to move it onto the new one, and then it can be submitted.
    const admin = await login(app, PEOPLE.admin);
    d = (await admin.request('POST', `/api/v1/drafts/${d.id}/approve`, { revision: d.revision })).json();
    expect((await admin.request('POST', `/api/v1/drafts/${d.id}/publish`, { revision: d.revision, changelog: { what: 'Bakhmut contested', why: 'test' } })).statusCode).toBe(200);
    await editor.click('nav a[href="#/drafts"]');
    await editor.click(`a[href="#/drafts/${draftId}"]`);
    await editor.waitForSelector('#rebase');
    await editor.click('#rebase');
    await expect.poll(() => editor.textContent('.draft-meta'), POLL).toContain('based on the version of 2022-06-02');
    expect(await editor.locator('#rebase').count()).toBe(0);
    await editor.click('#submit-draft');
    await editor.waitForSelector('.draft-meta .badge-submitted');

    // On a phone the map is on top and the working column below.
    const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 })).newPage();
    await phone.goto(`${base}/edit#/drafts/${draftId}`);
    await phone.waitForSelector('.login-form');
    await signIn(phone, PEOPLE.editor);
    await phone.waitForSelector('.item-change');
    await phone.evaluate(() => (window as unknown as EditorHook).__editor.map.whenIdle());
    await shot(phone, 'w14-phone');
  }, CASE_TIMEOUT_MS);

  it('w15–w16: sign-in lock-out message, the admin screen (accounts and tokens), an ended session, a viewer account', async () => {
    await startServer();
    const page = await newPage();
    await page.goto(`${base}/edit`);
    await page.waitForSelector('.login-form');
    // Five failures lock the account (core/workspace/login-limiter.ts): the sixth attempt says when to retry.
    for (let i = 0; i < 5; i++) {
      await signIn(page, PEOPLE.viewer, `wrong password ${i}`);
      await expect.poll(() => page.locator('.login-form .error').count(), POLL).toBe(1);
      await page.waitForSelector('.login-form button[type=submit]:not([disabled])');
    }
    await signIn(page, PEOPLE.viewer);
    await expect.poll(() => page.textContent('.login-form .error'), POLL).toMatch(/^Too many failed sign-ins for this account or address\. Try again in \d+ minutes?\.$/);
    await shot(page, 'w15-locked-out');

    // The admin adds a viewer, creates a token (shown once) and revokes it; the viewer can sign in and is told what it can do.
    await page.reload();
    await page.waitForSelector('.login-form');
    await signIn(page, PEOPLE.admin);
    await page.click('nav a[href="#/admin"]');
    await page.waitForSelector('.admin-form');
    await page.fill('input[name=username]', 'mykola');
    await page.selectOption('select[name=role]', 'viewer');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('form[aria-label="Add an account"] button[type=submit]');
    await expect.poll(() => page.textContent('form[aria-label="Add an account"] .outcome'), POLL).toBe('Account mykola (viewer) added.');
    // The message comes before the list is read again: wait for the list.
    await expect.poll(() => page.textContent('table'), POLL).toContain('mykola');
    await page.fill('input[name=tokenUser]', PEOPLE.editor);
    await page.selectOption('select[name=tokenRole]', 'editor');
    await page.fill('input[name=tokenName]', 'nightly import');
    await page.click('form[aria-label="Create an API token"] button[type=submit]');
    await page.waitForSelector('code.secret');
    const token = (await page.textContent('code.secret'))!;
    expect(token).toMatch(/^flt_/);
    expect((await fetch(`${base}/api/v1/drafts`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    await shot(page, 'w16-admin');
    page.once('dialog', (d) => void d.accept());
    await page.click('text=Revoke');
    await page.waitForSelector('text=/revoked \\d{4}/');
    expect((await fetch(`${base}/api/v1/drafts`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);

    // The session ends under the page (here: its cookie is gone): the next request brings back the sign-in, with a message.
    await page.context().clearCookies();
    await page.click('nav a[href="#/drafts"]');
    await page.waitForSelector('.login-form');
    expect(await page.textContent('.banner-text')).toMatch(/^Your session has ended/);
    await signIn(page, 'mykola');
    await expect.poll(() => page.textContent('.screen-title'), POLL).toBe('Nothing to edit');
  }, CASE_TIMEOUT_MS);
});
