/**
 * The public side of the analyst workspace in the viewer: a team version published with an event at
 * Popasna, an attack arrow and a claim of Russia's Ministry of Defence; the viewer at its date with
 * `layers=events,claims` draws them, opens the event with its source, lists the event in Popasna's
 * history, shows the claimed km² in the region panel and the version's changelog under the timeline.
 * Debian's chromium through playwright-core; screenshots p1-…png to p6-…png in test-artifacts/e2e.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import { storeWithPeople, circle, login, PEOPLE, SOURCE } from '../workspace-helpers.js';
import { ARTIFACTS, browserSkipReason, CHROMIUM, CHROMIUM_ARGS, WEB_ROOT, webBuildIsStale } from './browser.js';

const skipReason = browserSkipReason();
if (skipReason) console.warn(`[e2e] public layers skipped: ${skipReason}`);

const DATE = '2022-06-03';
const CHANGELOG = { what: 'Popasna captured; Russian MoD claim on Sloviansk recorded', why: 'capture confirmed by ISW; the claim is not assessed' };
const MOD_SOURCE = { url: 'https://mil.ru/report/1', publisher: 'Russian Ministry of Defence', quote: 'units have taken full control of Sloviansk' };

interface PlaceHit { code: string; lon: number; lat: number }
interface Feature { properties: Record<string, unknown>; geometry: { type: string } }
/** The viewer's test hook (web/src/main.ts); the map is MapLibre's. */
interface Hook {
  analysisFeatures(source: string): number;
  whenIdle(): Promise<void>;
  map: { querySourceFeatures(source: string): Feature[]; project(p: [number, number]): { x: number; y: number } };
}
type HookWindow = Window & { __frontline: Hook };

describe.skipIf(skipReason !== null)('events, arrows, claims and changelog in the viewer (browser)', () => {
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let popasna: PlaceHit;
  let sloviansk: PlaceHit;
  let versionId: number;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    if (webBuildIsStale()) execFileSync('npx', ['vite', 'build'], { stdio: 'inherit' });
    const teamDb = await storeWithPeople();
    app = await buildServer({ dbPath: teamDb, webRoot: WEB_ROOT, secureCookies: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

    const place = async (q: string) => (await app.inject({ url: `/api/v1/places?q=${q}` })).json()[0] as PlaceHit;
    popasna = await place('Popasna');
    const bakhmut = await place('Bakhmut');
    sloviansk = await place('Sloviansk');
    const editor = await login(app, PEOPLE.editor);
    const reviewer = await login(app, PEOPLE.reviewer);
    let d = (await editor.request('POST', '/api/v1/drafts', { basedOn: 'latest', title: 'Popasna' })).json();
    const add = async (what: string, body: object) => {
      const r = await editor.request('POST', `/api/v1/drafts/${d.id}/${what}`, { revision: d.revision, ...body });
      if (r.statusCode !== 200) throw new Error(`${what}: ${r.statusCode} ${r.body}`);
      d = r.json();
    };
    await add('events', { place: { settlement: popasna.code }, time: '2022-06-02T06:00:00Z', type: 'capture', side: 'russia', sources: [SOURCE], confidence: 'confirmed', note: 'Popasna taken' });
    await add('arrows', { line: { type: 'LineString', coordinates: [[popasna.lon, popasna.lat], [38.2, 48.62], [bakhmut.lon, bakhmut.lat]] }, side: 'russia', time: '2022-06-02T08:00:00Z', sources: [SOURCE], confidence: 'likely' });
    await add('changes', {
      status: 'occupied', geometry: circle(sloviansk.lon, sloviansk.lat, 6), validFrom: '2022-06-02T00:00:00Z', confidence: 'claimed',
      sources: [MOD_SOURCE], claim: { claimant: 'ru-mod' }, note: "Russia's MoD claims the capture of Sloviansk",
    });
    d = (await editor.request('POST', `/api/v1/drafts/${d.id}/submit`, { revision: d.revision })).json();
    d = (await reviewer.request('POST', `/api/v1/drafts/${d.id}/approve`, { revision: d.revision })).json();
    const r = await reviewer.request('POST', `/api/v1/drafts/${d.id}/publish`, { revision: d.revision, validAt: `${DATE}T12:00:00Z`, changelog: CHANGELOG });
    if (r.statusCode !== 200) throw new Error(`publish: ${r.statusCode} ${r.body}`);
    versionId = r.json().version.id;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });
  afterAll(async () => { await browser?.close(); await app?.close(); });

  /** A fresh context each time: the browser's HTTP cache must not carry answers from one case to the next. */
  async function open(query: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.warn(`[e2e] page error: ${e.message}`));
    await page.goto(`${base}/?${query}`);
    await page.waitForFunction(() => document.documentElement.dataset.ready === '1', null, { timeout: 60_000 });
    return page;
  }
  const features = (page: Page, source: string) => page.evaluate((s) => (window as unknown as HookWindow).__frontline.analysisFeatures(s), source);
  const drawn = async (page: Page, source: string) => {
    await page.waitForFunction((s) => (window as unknown as HookWindow).__frontline.analysisFeatures(s) > 0, source, { timeout: 30_000 });
    await page.evaluate(() => (window as unknown as HookWindow).__frontline.whenIdle());
  };

  it('draws the event, the arrow with its head and the claim, and opens the event with its source', async () => {
    const page = await open(`date=${DATE}&layers=events,claims&map=9.00/48.7000/38.1000`);
    await drawn(page, 'events');
    await drawn(page, 'arrows');
    await drawn(page, 'claims');
    const props = await page.evaluate(() => {
      const map = (window as unknown as HookWindow).__frontline.map;
      return {
        events: map.querySourceFeatures('events').map((f) => [f.properties.type, f.properties.side, f.properties.settlement]),
        arrows: [...new Set(map.querySourceFeatures('arrows').map((f) => `${f.properties.kind}:${f.geometry.type}`))].sort(),
        claims: [...new Set(map.querySourceFeatures('claims').map((f) => f.properties.claimant))],
      };
    });
    expect(props.events[0]).toEqual(['capture', 'russia', popasna.code]);
    expect(props.arrows).toEqual(['arrow:LineString', 'head:Polygon']);
    expect(props.claims).toEqual(['ru-mod']);
    // The permalink keeps both layers; the switches show them on; the legend keys what is drawn.
    expect(new URL(page.url()).searchParams.get('layers')).toBe('events,claims');
    expect(await page.isChecked('#layer-events')).toBe(true);
    expect(await page.isChecked('#layer-claims')).toBe(true);
    const legend = await page.textContent('.legend');
    expect(legend).toContain('Capture');
    expect(legend).toContain('Attack direction (Russian forces)');
    expect(legend).toContain('Claimed by Russian Ministry of Defence');
    await page.screenshot({ path: join(ARTIFACTS, 'p1-events-claims-map.png') });

    // Click the event's mark where the map draws it.
    const at = await page.evaluate(({ lon, lat }) => {
      const map = (window as unknown as HookWindow).__frontline.map;
      const box = document.getElementById('map')!.getBoundingClientRect();
      const p = map.project([lon, lat]);
      return { x: box.left + p.x, y: box.top + p.y };
    }, popasna);
    // Close-ups of the event's mark and the arrow's head, to judge them at the size they are drawn.
    await page.screenshot({ path: join(ARTIFACTS, 'p1b-event-mark.png'), clip: { x: at.x - 40, y: at.y - 25, width: 120, height: 50 } });
    await page.screenshot({ path: join(ARTIFACTS, 'p1c-arrow.png'), clip: { x: at.x - 360, y: at.y - 40, width: 360, height: 140 } });
    await page.mouse.click(at.x, at.y);
    const popup = page.locator('[data-testid=event-popup]');
    await popup.waitFor({ timeout: 10_000 });
    expect(await popup.locator('h4').textContent()).toBe('Capture');
    const text = await popup.textContent();
    expect(text).toContain('Russian forces');
    expect(text).toContain('confirmed');
    expect(text).toContain('Popasna taken');
    expect(text).toContain('2 June 2022, 06:00 UTC');
    const link = popup.locator('a.source-link');
    expect(await link.textContent()).toBe(SOURCE.publisher);
    expect(await link.getAttribute('href')).toBe(SOURCE.url);
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener');
    await page.screenshot({ path: join(ARTIFACTS, 'p2-event-popup.png') });

    // Inside the claimed circle (6 km around Sloviansk), away from the town's dot and label.
    const inClaim = await page.evaluate(({ lon, lat }) => {
      const p = (window as unknown as HookWindow).__frontline.map.project([lon, lat]);
      const box = document.getElementById('map')!.getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    }, { lon: sloviansk.lon - 0.03, lat: sloviansk.lat - 0.03 });
    await page.mouse.click(inClaim.x, inClaim.y);
    const claim = page.locator('[data-testid=claim-popup]');
    await claim.waitFor({ timeout: 10_000 });
    expect(await claim.locator('h4').textContent()).toBe('Claim by Russian Ministry of Defence');
    expect(await claim.textContent()).toContain('counted separately in the statistics');
    expect(await claim.locator('a.source-link').getAttribute('href')).toBe(MOD_SOURCE.url);
    expect(await page.locator('[data-testid=event-popup]').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'p2b-claim-popup.png') });

    // On the version before (1 June) the event of 2 June is outside the 7 days: gone, popup closed.
    await page.locator('button[aria-label="Previous map version"]').click();
    await page.waitForFunction(() => (window as unknown as HookWindow).__frontline.analysisFeatures('events') === 0, null, { timeout: 20_000 });
    expect(await page.locator('.item-popup').count()).toBe(0);
    expect(await page.textContent('.legend')).toContain('No events in these 7 days');
    await page.context().close();
  });

  it('lists the event with its source in Popasna\'s history', async () => {
    const page = await open(`date=${DATE}&layers=events&panel=place&place=${encodeURIComponent(popasna.code)}&map=10.00/48.6300/38.3800`);
    const event = page.locator('[data-testid=place-event]');
    await event.first().waitFor({ timeout: 20_000 });
    expect(await event.count()).toBe(1);
    expect(await event.getAttribute('data-type')).toBe('capture');
    expect(await event.textContent()).toContain('Capture');
    expect(await event.locator('a.source-link').textContent()).toBe(SOURCE.publisher);
    // Interleaved by date: the event's day sits between the status changes before and after it.
    const days = await page.$$eval('.history-list > li', (lis) => lis.map((li) => li.getAttribute('data-date')));
    const eventDay = await event.evaluate((e) => e.closest('li')!.getAttribute('data-date'));
    expect(eventDay).toBe('2022-06-02');
    expect(days).toEqual([...days].sort());
    await page.evaluate(() => (window as unknown as HookWindow).__frontline.whenIdle());
    await page.screenshot({ path: join(ARTIFACTS, 'p3-place-history.png') });
    await page.context().close();
  });

  it('shows the claimed km² in the region panel, counted apart', async () => {
    const page = await open(`date=${DATE}&layers=claims&panel=region&region=UA-14`);
    const row = page.locator('.region-claims li[data-claimant=ru-mod]');
    await row.waitFor({ timeout: 30_000 });
    const stats = (await app.inject({ url: `/api/v1/claims/stats?date=${DATE}&region=UA-14` })).json();
    expect(Number(await row.getAttribute('data-km2'))).toBe(stats.byClaimant[0].byStatus.occupied);
    expect(await row.textContent()).toContain('Russian Ministry of Defence');
    expect(await page.textContent('.region-claims')).toContain('counted separately in the statistics');
    await drawn(page, 'claims');
    await page.locator('.region-claims').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'p4-region-claims.png') });
    await page.context().close();
  });

  it('shows the changelog of the team version in force, opened from the keyboard', async () => {
    const page = await open(`date=${DATE}`);
    const note = page.locator('[data-testid=changelog]');
    await note.waitFor({ state: 'visible', timeout: 20_000 });
    expect(await note.getAttribute('data-version')).toBe(String(versionId));
    expect(await note.locator('summary').textContent()).toContain(CHANGELOG.what);
    await note.locator('summary').focus();
    await page.keyboard.press('Enter');
    expect(await note.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await note.textContent()).toContain(CHANGELOG.why);
    expect(await note.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')).sort())).toEqual([MOD_SOURCE.url, SOURCE.url].sort());
    await page.screenshot({ path: join(ARTIFACTS, 'p5-changelog.png') });
    await page.screenshot({ path: join(ARTIFACTS, 'p5b-timeline-mark.png'), clip: { x: 600, y: 660, width: 680, height: 60 } });
    // The version before is DeepState's: no changelog.
    await page.keyboard.press('Escape');
    await page.locator('button[aria-label="Previous map version"]').click();
    await page.waitForFunction(() => (document.querySelector('[data-testid=changelog]') as HTMLElement).hidden, null, { timeout: 10_000 });
    // The team's version is marked on the track; the mark takes the map back to it.
    const mark = page.locator(`.tl-mark[data-date="${DATE}"]`);
    expect(await mark.getAttribute('title')).toBe(`Team update, 3 June 2022: ${CHANGELOG.what}`);
    await mark.focus();
    await page.keyboard.press('Enter');
    await note.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await page.textContent('.tl-current')).toBe('3 June 2022');
    await page.context().close();
  });

  it('draws no arrows when the team withholds them, and says so in the legend', async () => {
    const admin = await login(app, PEOPLE.admin);
    const r = await admin.request('PUT', '/api/v1/settings', { publicArrows: 'hidden' });
    expect(r.statusCode, r.body).toBe(200);
    const page = await open(`date=${DATE}&layers=events&map=9.00/48.7000/38.1000`);
    await drawn(page, 'events');
    await page.waitForFunction(() => document.querySelector('.legend')?.textContent?.includes('withheld'), null, { timeout: 20_000 });
    expect(await features(page, 'arrows')).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'p6-arrows-withheld.png') });
    await page.context().close();
  });
});
