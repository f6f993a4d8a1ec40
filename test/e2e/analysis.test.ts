/**
 * The viewer's analysis tools in a real browser (Debian's chromium through playwright-core)
 * against the real server on a copy of the template store (snapshots 2022-05-10 … 2022-06-01):
 * front line layer, front length and tempo in the region panel, salients, what-if lines (typed and
 * drawn), distance in the place panel, and their permalink. Every figure the panels show is
 * checked against the API's answer; every step saves a screenshot in test-artifacts/e2e/.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ARTIFACTS, browserSkipReason, openViewer } from './browser.js';

const DATE = '2022-05-25';
const WEEK_BEFORE = '2022-05-18';
const LUHANSK = 'UA-09';
const WHATIF = 'Bakhmut, Siversk, Sloviansk';
/** A point well inside Luhansk oblast, away from the big settlements' dots. */
const IN_LUHANSK: [number, number] = [39.3, 49.6];

const skipReason = browserSkipReason();
if (skipReason) console.warn(`[e2e] analysis tests skipped: ${skipReason}`);

/** The parts of the viewer's test hook (web/src/main.ts) used here. */
interface Hook {
  state: () => { date: string | null; panel: string | null; region: string | null; place: string | null; layers: string[]; whatif: string | null; view: { lon: number; lat: number; zoom: number } | null };
  map: { project(lngLat: [number, number]): { x: number; y: number } };
  whenIdle: () => Promise<void>;
  analysisFeatures: (source: string) => number;
  exportPng: () => Promise<string>;
}
type HookWindow = Window & { __frontline: Hook };

interface TempoAnswer { gains: { russiaKm2: number; ukraineKm2: number }; statements: string[]; advance: Record<'russia' | 'ukraine', { class: string }> }
interface SalientAnswer { rank: number; side: string; neckWidthKm: number; settlements: { name: string }[] }

describe.skipIf(skipReason !== null)('viewer analysis tools (browser)', () => {
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ app, base, browser, context, page } = await openViewer());
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const shot = (name: string, p: Page = page) => p.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  const state = (p: Page = page) => p.evaluate(() => (window as unknown as HookWindow).__frontline.state());
  const whenIdle = (p: Page = page) => p.evaluate(() => (window as unknown as HookWindow).__frontline.whenIdle());
  const features = (source: string, p: Page = page) => p.evaluate((s) => (window as unknown as HookWindow).__frontline.analysisFeatures(s), source);
  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${base}${path}`);
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };
  const value = async (selector: string, p: Page = page) => Number(await p.locator(selector).getAttribute('data-value'));

  async function open(url: string, p: Page = page) {
    await p.goto(`${base}${url}`);
    await p.waitForFunction(() => document.documentElement.dataset.ready === '1', null, { timeout: 60_000 });
  }

  it('a1 draws the front line of 2022-05-25 and follows the timeline', async () => {
    await open(`/?date=${DATE}&map=6.80/48.60/37.60`);
    await page.click('#layer-front');
    await expect.poll(() => features('front'), { timeout: 30_000 }).toBeGreaterThan(0);
    expect((await state()).layers).toEqual(['front']);
    await expect.poll(() => page.url()).toContain('layers=front');
    const geojson = await api<{ features: unknown[] }>(`/api/v1/frontline/geojson?date=${DATE}`);
    expect(geojson.features.length).toBeGreaterThan(0);
    await expect(page.locator('.legend').textContent()).resolves.toContain('Front line');
    await whenIdle();
    await shot('a1-front-line');
    // One version on, that version's front is fetched and drawn; one back, the first is drawn again.
    const fetched = page.waitForResponse((r) => r.url().includes('/api/v1/frontline/geojson?date=') && !r.url().includes(DATE) && r.status() === 200, { timeout: 30_000 });
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('ArrowRight');
    const next = new URL((await fetched).url()).searchParams.get('date');
    await expect.poll(async () => (await state()).date).toBe(next);
    expect(next! > DATE).toBe(true);
    await expect.poll(() => features('front'), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => (await state()).date).toBe(DATE);
    await whenIdle();
  });

  it('a2 shows the front length and the tempo of Luhansk as the API gives them, and draws the movement', async () => {
    // A click on the oblast opens its panel (the Regions button would first load the whole country).
    const point = await page.evaluate((lngLat) => (window as unknown as HookWindow).__frontline.map.project(lngLat), IN_LUHANSK);
    const box = (await page.locator('#map').boundingBox())!;
    await page.mouse.click(box.x + point.x, box.y + point.y);
    await expect.poll(async () => (await state()).region).toBe(LUHANSK);
    await page.waitForSelector('[data-testid=front-length]', { timeout: 60_000 });
    const front = await api<{ lengthKm: number }>(`/api/v1/frontline?date=${DATE}&region=${LUHANSK}`);
    expect(await value('[data-testid=front-length]')).toBe(front.lengthKm);
    await expect(page.locator('[data-testid=front-length]').textContent()).resolves.toBe(`${front.lengthKm.toLocaleString('en-GB', { maximumFractionDigits: 1 })} km`);

    await page.waitForSelector('[data-testid=tempo-russia-km2]', { timeout: 60_000 });
    const tempo = await api<TempoAnswer>(`/api/v1/tempo?from=${WEEK_BEFORE}&to=${DATE}&region=${LUHANSK}`);
    expect(await value('[data-testid=tempo-russia-km2]')).toBe(tempo.gains.russiaKm2);
    expect(await value('[data-testid=tempo-ukraine-km2]')).toBe(tempo.gains.ukraineKm2);
    await expect(page.locator('[data-testid=tempo-russia-class]').textContent()).resolves.toBe(tempo.advance.russia.class);
    await expect(page.locator('[data-testid=tempo-ukraine-class]').textContent()).resolves.toBe(tempo.advance.ukraine.class);
    if (tempo.statements.length) await expect(page.locator('[data-testid=tempo-statements] li').allTextContents()).resolves.toEqual(tempo.statements);

    await page.click('#show-movement');
    await expect.poll(() => features('movement'), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(async () => (await state()).view?.zoom ?? 0, { timeout: 20_000 }).toBeGreaterThan(8);
    await expect(page.locator('#show-movement').textContent()).resolves.toBe('Hide movement');
    await page.locator('.region-analysis').evaluate((e) => e.scrollIntoView());
    await whenIdle();
    await shot('a2-luhansk-tempo-movement');
  });

  it('a3 lists the salients of Luhansk with the Sievierodonetsk salient and the API\'s neck width', async () => {
    await page.click('#layer-movement'); // off: the salients read better alone
    await page.click('#layer-salients');
    expect((await state()).layers).toEqual(['front', 'salients']);
    await page.waitForSelector('.salient-list li', { timeout: 60_000 });
    const { salients } = await api<{ salients: SalientAnswer[] }>(`/api/v1/salients?date=${DATE}&region=${LUHANSK}`);
    const sievierodonetsk = salients.find((s) => s.settlements.some((x) => x.name === 'Sievierodonetsk'));
    expect(sievierodonetsk).toBeDefined();
    const item = page.locator(`.salient-list li[data-rank="${sievierodonetsk!.rank}"]`);
    expect(Number(await item.getAttribute('data-neck-km'))).toBe(sievierodonetsk!.neckWidthKm);
    await expect(item.getAttribute('data-side')).resolves.toBe(sievierodonetsk!.side);
    await expect(item.textContent()).resolves.toContain('Sievierodonetsk');
    await expect(item.locator('.neck').textContent()).resolves.toBe(`${sievierodonetsk!.neckWidthKm.toLocaleString('en-GB', { maximumFractionDigits: 1 })} km`);
    expect(await page.locator('.salient-list li').count()).toBe(salients.length);
    await expect.poll(() => features('salients'), { timeout: 30_000 }).toBeGreaterThan(0);
    // Clicking the item flies to the salient: its neck ends up in view, left of the panel.
    await item.locator('.salient-link').click();
    await expect.poll(async () => (await state()).view?.zoom ?? 0, { timeout: 20_000 }).toBeGreaterThan(7.5);
    await whenIdle();
    const neck = await api<{ salients: { rank: number; neck: { from: { lon: number; lat: number } } }[] }>(`/api/v1/salients?date=${DATE}&region=${LUHANSK}`);
    const from = neck.salients.find((s) => s.rank === sievierodonetsk!.rank)!.neck.from;
    const point = await page.evaluate((p) => (window as unknown as HookWindow).__frontline.map.project(p), [from.lon, from.lat] as [number, number]);
    const panel = (await page.locator('.panel').boundingBox())!;
    expect(point.x).toBeGreaterThan(0);
    expect(point.x).toBeLessThan(panel.x);
    await page.locator('.region-salients').evaluate((e) => e.scrollIntoView());
    await shot('a3-luhansk-salients');
  });

  it('a4 runs the what-if "Bakhmut, Siversk, Sloviansk": ceded km² as the API gives it, and its error message for a line far from the front', async () => {
    await page.click('#layer-salients');
    await page.click('#open-whatif');
    await page.fill('#whatif-line', WHATIF);
    await page.press('#whatif-line', 'Enter');
    await page.waitForSelector('[data-testid=whatif-ceded]', { timeout: 60_000 });
    const whatif = await api<{ cededKm2: number; gainedKm2: number; frontLengthBeforeKm: number; frontLengthAfterKm: number; settlements: { name: string }[] }>(
      `/api/v1/whatif?date=${DATE}&line=${encodeURIComponent(WHATIF)}`);
    expect(await value('[data-testid=whatif-ceded]')).toBe(whatif.cededKm2);
    expect(await value('[data-testid=whatif-gained]')).toBe(whatif.gainedKm2);
    await expect(page.locator('[data-testid=whatif-front]').getAttribute('data-before')).resolves.toBe(String(whatif.frontLengthBeforeKm));
    await expect(page.locator('[data-testid=whatif-front]').getAttribute('data-after')).resolves.toBe(String(whatif.frontLengthAfterKm));
    await expect(page.locator('.whatif-settlements caption').textContent()).resolves.toContain(`(${whatif.settlements.length})`);
    await expect(page.locator('.whatif-settlements tbody').textContent()).resolves.toContain('Sievierodonetsk');
    await expect.poll(() => features('whatif'), { timeout: 30_000 }).toBeGreaterThan(0);
    expect((await state()).whatif).toBe(WHATIF);
    await whenIdle();
    await shot('a4-whatif');

    await page.fill('#whatif-line', 'Lviv, Kyiv');
    await page.press('#whatif-line', 'Enter');
    const error = page.locator('.whatif-result .error');
    await error.waitFor({ timeout: 60_000 });
    const res = await fetch(`${base}/api/v1/whatif?date=${DATE}&line=${encodeURIComponent('Lviv, Kyiv')}`);
    expect(res.status).toBe(400);
    await expect(error.textContent()).resolves.toBe(((await res.json()) as { message: string }).message);
    await expect.poll(() => features('whatif')).toBe(0);
    await shot('a5-whatif-error');
  });

  it('a6 draws a what-if line on the map (terra-draw) and gets the API\'s answer for it', async () => {
    await open(`/?date=${DATE}&map=8.50/48.75/38.00&panel=whatif`);
    // terra-draw loads on first use: slow it down, and a click meanwhile must not open a raion.
    await page.route('**/assets/terra-draw*.js', async (route) => { await new Promise((r) => setTimeout(r, 1500)); await route.continue(); });
    await page.click('#whatif-draw');
    const points: [number, number][] = [[38.0, 48.6], [38.1, 48.87], [37.6, 48.85]];
    const box = (await page.locator('#map').boundingBox())!;
    const early = await page.evaluate((lngLat) => (window as unknown as HookWindow).__frontline.map.project(lngLat), [37.8, 48.7] as [number, number]);
    await page.mouse.click(box.x + early.x, box.y + early.y);
    await page.waitForSelector('.whatif-drawing:not([hidden])');
    expect((await state()).panel).toBe('whatif');
    for (const p of points) {
      const xy = await page.evaluate((lngLat) => (window as unknown as HookWindow).__frontline.map.project(lngLat), p);
      await page.mouse.move(box.x + xy.x, box.y + xy.y, { steps: 3 });
      await page.mouse.click(box.x + xy.x, box.y + xy.y);
    }
    await shot('a6-whatif-drawing');
    await page.click('#whatif-finish');
    await page.waitForSelector('[data-testid=whatif-ceded]', { timeout: 60_000 });
    const drawn = (await state()).whatif!;
    const coords = drawn.split(';').map((p) => p.split(',').map(Number));
    expect(coords).toHaveLength(3);
    coords.forEach(([lon, lat], i) => {
      expect(lon).toBeCloseTo(points[i][0], 2);
      expect(lat).toBeCloseTo(points[i][1], 2);
    });
    const line = JSON.stringify({ type: 'LineString', coordinates: coords });
    const whatif = await api<{ cededKm2: number }>(`/api/v1/whatif?date=${DATE}&line=${encodeURIComponent(line)}`);
    expect(await value('[data-testid=whatif-ceded]')).toBe(whatif.cededKm2);
    await expect.poll(() => features('whatif'), { timeout: 30_000 }).toBeGreaterThan(0);
    await whenIdle();
    await shot('a7-whatif-drawn');
  });

  it('a8 restores the layers and the what-if line from the permalink', async () => {
    const other = await context.newPage();
    await open(`/?date=${DATE}&map=8.20/48.80/38.20&panel=whatif&layers=front,salients&region=${LUHANSK}&whatif=${encodeURIComponent(WHATIF)}`, other);
    const s = await state(other);
    expect(s.layers).toEqual(['front', 'salients']);
    expect(s.whatif).toBe(WHATIF);
    await expect(other.locator('#layer-front').isChecked()).resolves.toBe(true);
    await expect(other.locator('#layer-salients').isChecked()).resolves.toBe(true);
    await other.waitForSelector('[data-testid=whatif-ceded]', { timeout: 60_000 });
    await expect.poll(() => features('whatif', other), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => features('front', other), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => features('salients', other), { timeout: 60_000 }).toBeGreaterThan(0);
    // The view comes from the permalink, not from fitting the what-if line.
    expect((await state(other)).view!.zoom).toBeCloseTo(8.2, 1);
    await whenIdle(other);
    await shot('a8-permalink-analysis', other);
    // The PNG export keys the analysis layers too.
    const dataUrl = await other.evaluate(() => (window as unknown as HookWindow).__frontline.exportPng());
    writeFileSync(join(ARTIFACTS, 'a8-export.png'), Buffer.from(dataUrl.slice('data:image/png;base64,'.length), 'base64'));
    await other.close();
  });

  it('a9 shows the distance from Bakhmut to the front and its 7/30-day change', async () => {
    await page.fill('#search-input', 'Bakhmut');
    await page.locator('#search-results li').first().waitFor();
    await page.press('#search-input', 'Enter');
    await page.waitForSelector('[data-testid=distance-km]', { timeout: 60_000 });
    const code = (await state()).place!;
    const d = await api<{ distanceKm: number; change7dKm: number | null; change30dKm: number | null }>(`/api/v1/distance?date=${DATE}&to=${encodeURIComponent(code)}`);
    expect(await value('[data-testid=distance-km]')).toBe(d.distanceKm);
    const signed = (v: number | null) => (v == null ? '—' : `${v > 0 ? '+' : v < 0 ? '−' : '±'}${Math.abs(v).toLocaleString('en-GB', { maximumFractionDigits: 1 })} km`);
    await expect(page.locator('[data-testid=distance-7d]').textContent()).resolves.toBe(`7 days: ${signed(d.change7dKm)}`);
    await expect(page.locator('[data-testid=distance-30d]').textContent()).resolves.toBe(`30 days: ${signed(d.change30dKm)}`);
    // The map draws the distance as a line from the place to the nearest Russian-held ground.
    await expect.poll(() => features('distance'), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(async () => (await state()).view?.zoom ?? 0, { timeout: 20_000 }).toBeGreaterThan(9.9);
    await whenIdle();
    await shot('a9-distance');
  });
});
