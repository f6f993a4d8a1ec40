/**
 * The web viewer in a real browser (Debian's chromium through playwright-core) against the real
 * server on a copy of the template store (snapshots 2022-05-10 … 2022-06-01). Every step saves a
 * screenshot in test-artifacts/e2e/, and timings.json records first render and timeline-step → idle.
 */
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ARTIFACTS, browserSkipReason, openViewer, WEB_ROOT } from './browser.js';

/** Bakhmut, as the gazetteer has it. */
const BAKHMUT = { lon: 37.99983, lat: 48.59441 };
/** A point well inside Luhansk oblast, away from the big settlements' dots. */
const IN_LUHANSK: [number, number] = [39.3, 49.6];

const skipReason = browserSkipReason();
if (skipReason) console.warn(`[e2e] viewer tests skipped: ${skipReason}`);

/** The viewer's test hook (web/src/main.ts); only types, so it can be named inside page.evaluate. */
interface Hook {
  ready: Promise<void>;
  state: () => { date: string | null; panel: string | null; region: string | null; place: string | null; compare: { from: string; to: string } | null; view: { lon: number; lat: number; zoom: number } | null };
  map: {
    project(lngLat: [number, number]): { x: number; y: number };
    getZoom(): number;
    getSource(id: string): { tiles?: string[] } | undefined;
    querySourceFeatures(id: string): unknown[];
  };
  nextIdle: () => Promise<void>;
  whenIdle: () => Promise<void>;
  controlSummary: () => { features: number; geometrySize: number; byStatus: Record<string, number> };
  exportPng: () => Promise<string>;
  firstRenderMs: number;
  firstRenderAtMs: number;
  readyAtMs: number;
}
type HookWindow = Window & { __frontline: Hook; __stepDone?: Promise<number> };

describe.skipIf(skipReason !== null)('web viewer (browser)', () => {
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const timings: { firstRenderMs?: number; firstRenderAtMs?: number; readyAtMs?: number; loadToReadyMs?: number; steps: { key: string; from: string; to: string; toIdleMs: number }[] } = { steps: [] };

  beforeAll(async () => {
    ({ app, base, browser, context, page } = await openViewer());
  });

  afterAll(async () => {
    writeFileSync(join(ARTIFACTS, 'timings.json'), `${JSON.stringify(timings, null, 2)}\n`);
    console.log(`[e2e] timings: ${JSON.stringify(timings)}`);
    await browser?.close();
    await app?.close();
  });

  const shot = (name: string, p: Page = page) => p.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  const state = (p: Page = page) => p.evaluate(() => (window as unknown as HookWindow).__frontline.state());
  const whenIdle = (p: Page = page) => p.evaluate(() => (window as unknown as HookWindow).__frontline.whenIdle());
  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${base}${path}`);
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };

  async function open(url: string, p: Page = page) {
    const started = Date.now();
    await p.goto(`${base}${url}`);
    await p.waitForFunction(() => document.documentElement.dataset.ready === '1', null, { timeout: 60_000 });
    return Date.now() - started;
  }

  /** Presses a key and measures, in the page, the time until the map's next idle. */
  async function timedStep(key: string): Promise<number> {
    const from = (await state()).date!;
    await page.evaluate(() => {
      const w = window as unknown as HookWindow;
      const t0 = performance.now();
      const timeout = new Promise<number>((r) => setTimeout(() => r(-1), 30_000));
      w.__stepDone = Promise.race([w.__frontline.nextIdle().then(() => performance.now() - t0), timeout]);
    });
    await page.keyboard.press(key);
    const toIdleMs = await page.evaluate(() => (window as unknown as HookWindow).__stepDone!);
    const to = (await state()).date!;
    timings.steps.push({ key, from, to, toIdleMs: Math.round(toIdleMs) });
    return toIdleMs;
  }

  it('01 loads the map of Ukraine', async () => {
    const loadToReadyMs = await open('/?date=2022-05-10&map=6.30/48.80/38.40');
    const hook = await page.evaluate(() => {
      const f = (window as unknown as HookWindow).__frontline;
      return { firstRenderMs: f.firstRenderMs, firstRenderAtMs: f.firstRenderAtMs, readyAtMs: f.readyAtMs };
    });
    Object.assign(timings, { loadToReadyMs, firstRenderMs: Math.round(hook.firstRenderMs), firstRenderAtMs: Math.round(hook.firstRenderAtMs), readyAtMs: Math.round(hook.readyAtMs) });
    // The place names are held back until the map is first drawn (labelsAfterFirstFrame), then shown:
    // by the time the viewer says it is ready they are on the map.
    expect(hook.firstRenderAtMs).toBeLessThanOrEqual(hook.readyAtMs);
    const names = await page.evaluate(() => {
      const map = (window as unknown as HookWindow).__frontline.map as unknown as { queryRenderedFeatures(o: { layers: string[] }): { properties: { name?: string } }[] };
      return map.queryRenderedFeatures({ layers: ['place-label-capital', 'place-label-major'] }).map((f) => f.properties.name);
    });
    expect(names).toEqual(expect.arrayContaining(['Dnipro', 'Luhansk', 'Bakhmut']));
    // The page's script travels brotli-compressed (vite.config.ts writes the .br, @fastify/static sends it)
    // and arrives whole: as many bytes as the built file.
    const script = await page.evaluate(async () => {
      const src = document.querySelector<HTMLScriptElement>('script[type=module]')!.src;
      const r = await fetch(src, { cache: 'no-store' });
      return { path: new URL(src).pathname, encoding: r.headers.get('content-encoding'), bytes: (await r.arrayBuffer()).byteLength };
    });
    expect(script.encoding).toBe('br');
    expect(script.bytes).toBe(statSync(join(WEB_ROOT, script.path)).size);
    expect((await state()).date).toBe('2022-05-10');
    await expect(page.locator('.tl-current').getAttribute('data-date')).resolves.toBe('2022-05-10');
    await expect(page.locator('.maplibregl-canvas').count()).resolves.toBe(1);
    await expect(page.locator('.maplibregl-ctrl-attrib').textContent()).resolves.toContain('DeepState');
    const summary = await page.evaluate(() => (window as unknown as HookWindow).__frontline.controlSummary());
    expect(summary.features).toBeGreaterThan(0);
    await shot('01-map');
  });

  it('02 moves the timeline from 2022-05-10 to 2022-05-31 and the control layer follows', async () => {
    const before = await page.evaluate(() => (window as unknown as HookWindow).__frontline.controlSummary());
    // Keyboard steps work anywhere but in text fields and on the map canvas (which pans).
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await timedStep('ArrowRight');
    await timedStep('ArrowLeft');
    expect((await state()).date).toBe('2022-05-10');
    for (let i = 0; i < 3; i++) await timedStep('Shift+ArrowRight');
    // Shift+→ lands on the version in force a week later; finish on the exact date with the picker.
    if ((await state()).date !== '2022-05-31') {
      await page.fill('#timeline-date', '2022-05-31');
      await page.locator('#timeline-date').dispatchEvent('change');
    }
    await expect.poll(async () => (await state()).date).toBe('2022-05-31');
    await whenIdle();
    const tiles = await page.evaluate(() => (window as unknown as HookWindow).__frontline.map.getSource('control')?.tiles?.[0]);
    expect(tiles).toContain('/tiles/control/2022-05-31/');
    const after = await page.evaluate(() => (window as unknown as HookWindow).__frontline.controlSummary());
    expect(after.features).toBeGreaterThan(0);
    expect(after).not.toEqual(before);
    await expect(page.locator('.tl-current').textContent()).resolves.toBe('31 May 2022');
    await shot('02-timeline-2022-05-31');
  });

  it('03 opens the Luhansk oblast panel by clicking the map; its occupied share is the API figure', async () => {
    expect(await page.evaluate(() => (window as unknown as HookWindow).__frontline.map.getZoom())).toBeLessThan(7);
    const point = await page.evaluate((lngLat) => (window as unknown as HookWindow).__frontline.map.project(lngLat), IN_LUHANSK);
    const box = (await page.locator('#map').boundingBox())!;
    await page.mouse.click(box.x + point.x, box.y + point.y);
    await page.waitForSelector('[data-testid=share-occupied]');
    await expect(page.locator('.panel-title').textContent()).resolves.toBe('Luhansk');
    const stats = await api<{ byStatus: { occupied: { share: number } } }>('/api/v1/stats?date=2022-05-31&region=UA-09');
    const cell = page.locator('[data-testid=share-occupied]');
    expect(Number(await cell.getAttribute('data-value'))).toBeCloseTo(stats.byStatus.occupied.share, 9);
    expect(await cell.textContent()).toBe(`${(stats.byStatus.occupied.share * 100).toFixed(2)} %`);
    await page.waitForSelector('.share-chart canvas');
    await page.waitForSelector('.change-list, .region-recent .empty');
    const s = await state();
    expect([s.panel, s.region]).toEqual(['region', 'UA-09']);
    await whenIdle();
    await shot('03-region-luhansk');
  });

  it('04 compares 2022-05-18 → 2022-05-25: the map shows the changes and the table has a Luhansk row', async () => {
    await page.click('#open-compare');
    await page.fill('#compare-from', '2022-05-18');
    await page.fill('#compare-to', '2022-05-25');
    await page.click('.compare-form button[type=submit]');
    const row = page.locator('.compare-table tr[data-code="UA-09"]');
    await row.waitFor({ timeout: 60_000 });
    await expect(row.locator('th').textContent()).resolves.toBe('Luhansk');
    const diff = await api<{ transitions: { from: string; to: string; byRegion: { code: string; areaKm2: number }[] }[] }>('/api/v1/diff?from=2022-05-18&to=2022-05-25');
    const rank: Record<string, number> = { ukraine: 0, contested: 1, occupied: 2 };
    const russia = diff.transitions.filter((t) => rank[t.to] > rank[t.from]).flatMap((t) => t.byRegion).filter((r) => r.code === 'UA-09').reduce((a, r) => a + r.areaKm2, 0);
    expect(Number(await row.getAttribute('data-russia-km2'))).toBeCloseTo(russia, 6);
    await expect.poll(() => page.evaluate(() => (window as unknown as HookWindow).__frontline.map.querySourceFeatures('diff').length), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect(page.locator('.legend').textContent()).resolves.toContain('Gained by Russia');
    expect((await state()).compare).toEqual({ from: '2022-05-18', to: '2022-05-25' });
    await whenIdle();
    await shot('04-compare');
  });

  it('05 searches "Bahmut" and lands on Bakhmut with its status history', async () => {
    await page.fill('#search-input', 'Bahmut');
    const first = page.locator('#search-results li').first();
    await first.waitFor();
    await expect(first.textContent()).resolves.toContain('Bakhmut');
    await shot('05-search-list');
    await page.press('#search-input', 'Enter');
    await expect.poll(async () => page.locator('[data-testid=place-name]').textContent().catch(() => null)).toBe('Bakhmut');
    await expect(page.locator('.panel-title').textContent()).resolves.toBe('Bakhmut');
    await expect(page.locator('[data-testid=place-status]').textContent()).resolves.toMatch(/Ukrainian since/);
    await expect.poll(async () => (await state()).view?.zoom ?? 0, { timeout: 20_000 }).toBeGreaterThan(9.9);
    await whenIdle();
    // Bakhmut is in view, left of the side panel.
    const point = await page.evaluate((b) => (window as unknown as HookWindow).__frontline.map.project([b.lon, b.lat]), BAKHMUT);
    const panel = (await page.locator('.panel').boundingBox())!;
    expect(point.x).toBeGreaterThan(0);
    expect(point.x).toBeLessThan(panel.x);
    expect(point.y).toBeGreaterThan(0);
    expect(point.y).toBeLessThan(panel.height);
    await shot('06-bakhmut');
  });

  it('07 restores date, compare, zoom and panel from the permalink', async () => {
    await expect.poll(() => page.url()).toContain('place=');
    const url = new URL(page.url());
    const saved = await state();
    const other = await context.newPage();
    await open(`${url.pathname}${url.search}`, other);
    const restored = await state(other);
    expect(restored.date).toBe(saved.date);
    expect(restored.compare).toEqual(saved.compare);
    expect([restored.panel, restored.place]).toEqual(['place', saved.place]);
    expect(restored.view!.zoom).toBeCloseTo(saved.view!.zoom, 1);
    expect(await other.evaluate(() => (window as unknown as HookWindow).__frontline.map.getZoom())).toBeCloseTo(saved.view!.zoom, 1);
    await expect.poll(() => other.locator('[data-testid=place-name]').textContent().catch(() => null)).toBe('Bakhmut');
    await whenIdle(other);
    await shot('07-permalink-place', other);

    await open('/?date=2022-05-25&map=7.50/48.9000/38.8000&panel=region&region=UA-09', other);
    await other.waitForSelector('[data-testid=share-occupied]');
    await expect(other.locator('.panel-title').textContent()).resolves.toBe('Luhansk');
    await expect(other.locator('#timeline-date').inputValue()).resolves.toBe('2022-05-25');
    expect(await other.evaluate(() => (window as unknown as HookWindow).__frontline.map.getZoom())).toBeCloseTo(7.5, 2);
    await whenIdle(other);
    await shot('08-permalink-region', other);
    await other.close();
  });

  it('09 exports the view as a PNG', async () => {
    const dataUrl = await page.evaluate(() => (window as unknown as HookWindow).__frontline.exportPng());
    expect(dataUrl.startsWith('data:image/png;base64,')).toBe(true);
    const png = Buffer.from(dataUrl.slice('data:image/png;base64,'.length), 'base64');
    expect(png.length).toBeGreaterThan(10_000);
    writeFileSync(join(ARTIFACTS, '09-export.png'), png);
  });

  it('10 embed mode shows only map, legend and timeline', async () => {
    const embed = await context.newPage();
    await open('/?date=2022-05-31&embed=1', embed);
    await expect(embed.locator('.app-header').isVisible()).resolves.toBe(false);
    await expect(embed.locator('.legend').isVisible()).resolves.toBe(true);
    await expect(embed.locator('.timeline').isVisible()).resolves.toBe(true);
    await whenIdle(embed);
    await shot('10-embed', embed);
    await embed.close();
  });

  it('11 on a phone the panel is a bottom sheet that collapses', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await open('/?date=2022-05-31&map=5.00/48.60/36.50&panel=region&region=UA-14', phone);
    await phone.waitForSelector('[data-testid=share-occupied]');
    const panel = (await phone.locator('.panel').boundingBox())!;
    expect(panel.width).toBeCloseTo(390, 0);
    await whenIdle(phone);
    await shot('11-phone-panel', phone);
    await phone.click('.panel-collapse');
    await expect(phone.locator('.panel-body').isVisible()).resolves.toBe(false);
    await shot('12-phone-collapsed', phone);
    await phone.close();
  });

  it('13 shows an error banner when the API fails', async () => {
    const failing = await context.newPage();
    await open('/?date=2022-05-31', failing);
    await failing.route('**/api/v1/stats**', (route) => route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ code: 'INTERNAL', message: 'simulated failure' }) }));
    await failing.click('#open-regions');
    await failing.locator('.banner').waitFor({ state: 'visible' });
    await expect(failing.locator('.banner').textContent()).resolves.toContain('simulated failure');
    await expect(failing.locator('.region-figures .error').textContent()).resolves.toContain('simulated failure');
    // The chart does not depend on /stats, so it still draws.
    await failing.waitForSelector('.share-chart canvas');
    await shot('13-api-error', failing);
    await failing.close();
  });
});
