/**
 * A viewer left open while the team publishes: the server-sent `version` event extends the
 * timeline to the new date without a reload (Debian's chromium through playwright-core).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser } from 'playwright-core';
import { buildServer } from '../../src/server/app.js';
import { hasData, SKIP_REASON } from '../helpers.js';
import { storeWithPeople, circle, login, PEOPLE, SOURCE } from '../workspace-helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = 'test-artifacts/e2e';
const skipReason = !existsSync(CHROMIUM) ? `no browser at ${CHROMIUM}` : !hasData() ? SKIP_REASON : null;

describe.skipIf(skipReason !== null)('a published version reaches an open viewer (browser)', () => {
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    if (!existsSync('dist/web/index.html')) execFileSync('npx', ['vite', 'build'], { stdio: 'inherit' });
    const teamDb = await storeWithPeople();
    app = await buildServer({ dbPath: teamDb, webRoot: 'dist/web', secureCookies: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  });
  afterAll(async () => { await browser?.close(); await app?.close(); });

  it('extends the timeline to the new date when a reviewer publishes', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${base}/`);
    await page.waitForFunction(() => document.documentElement.dataset.ready === '1', null, { timeout: 60_000 });
    expect(await page.getAttribute('#timeline-date', 'max')).toBe('2022-06-01');
    const sliderMax = Number(await page.getAttribute('#timeline-slider', 'max'));

    const editor = await login(app, PEOPLE.editor);
    const reviewer = await login(app, PEOPLE.reviewer);
    const [bakhmut] = (await (await fetch(`${base}/api/v1/places?q=Bakhmut`)).json()) as { lon: number; lat: number }[];
    let d = (await editor.request('POST', '/api/v1/drafts', { basedOn: 'latest', title: 'live' })).json();
    d = (await editor.request('POST', `/api/v1/drafts/${d.id}/changes`, { revision: d.revision, status: 'contested', geometry: circle(bakhmut.lon, bakhmut.lat, 4), validFrom: '2022-06-05T12:00:00Z', sources: [SOURCE], confidence: 'likely' })).json();
    d = (await editor.request('POST', `/api/v1/drafts/${d.id}/submit`, { revision: d.revision })).json();
    d = (await reviewer.request('POST', `/api/v1/drafts/${d.id}/approve`, { revision: d.revision })).json();
    const r = await reviewer.request('POST', `/api/v1/drafts/${d.id}/publish`, { revision: d.revision, changelog: { what: 'Bakhmut contested', why: 'test' } });
    expect(r.statusCode, r.body).toBe(200);

    await page.waitForFunction(() => document.querySelector('#timeline-date')?.getAttribute('max') === '2022-06-05', null, { timeout: 20_000 });
    expect(Number(await page.getAttribute('#timeline-slider', 'max'))).toBe(sliderMax + 1);
    await page.screenshot({ path: join(ARTIFACTS, 'workspace-live-timeline.png') });
    await page.close();
  });
});
