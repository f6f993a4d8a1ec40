/**
 * The viewer in headless chromium against the server on the full archive: first render, timeline
 * step → map idle (20 steps across April–October 2022), and the bundle size. Software rendering
 * (no GPU here), so these are upper bounds for a desktop browser.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { buildServer } from '../src/server/app.js';
import { summarize } from './summarize.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'];

type HookWindow = Window & { __frontline: { nextIdle(): Promise<void>; firstRenderMs: number; firstRenderAtMs: number; readyAtMs: number; state(): { date: string | null } }; __step?: Promise<number> };

/** The build's files (not their .br/.gz copies) under `dir`. */
function builtFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? builtFiles(join(dir, e.name)) : /\.(br|gz)$/.test(e.name) ? [] : [join(dir, e.name)]));
}
const size = (file: string) => statSync(file).size;

export async function benchBrowser(dbPath: string): Promise<void> {
  if (!existsSync(CHROMIUM) || !existsSync('dist/web/index.html')) {
    console.log(`\nbrowser: skipped (${!existsSync(CHROMIUM) ? `no ${CHROMIUM}` : 'no dist/web: npm run build'})`);
    return;
  }
  const app = await buildServer({ dbPath, webRoot: 'dist/web' });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    // Each load in a fresh context, so the page's scripts and tiles come from the server, not the
    // browser's cache; the server has the tiles cached after the first load, like a published map.
    const loads = { fromNavigation: [] as number[], fromScript: [] as number[], names: [] as number[] };
    for (let i = 0; i < 7; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const fresh = await context.newPage();
      await fresh.goto(`${base}/?date=2022-04-10&map=6.30/48.80/38.40`);
      await fresh.waitForFunction(() => document.documentElement.dataset.ready === '1', null, { timeout: 60_000 });
      const hook = await fresh.evaluate(() => { const f = (window as unknown as HookWindow).__frontline; return { at: f.firstRenderAtMs, script: f.firstRenderMs, names: f.readyAtMs }; });
      loads.fromNavigation.push(hook.at);
      loads.fromScript.push(hook.script);
      loads.names.push(hook.names);
      await context.close();
    }
    await page.goto(`${base}/?date=2022-04-10&map=6.30/48.80/38.40`);
    await page.waitForFunction(() => document.documentElement.dataset.ready === '1', null, { timeout: 60_000 });
    const steps: number[] = [];
    for (let i = 0; i < 20; i++) {
      await page.evaluate(() => {
        const w = window as unknown as HookWindow;
        const t0 = performance.now();
        w.__step = w.__frontline.nextIdle().then(() => performance.now() - t0);
      });
      await page.keyboard.press('Shift+ArrowRight'); // a week
      steps.push(await page.evaluate(() => (window as unknown as HookWindow).__step!));
    }
    const last = await page.evaluate(() => (window as unknown as HookWindow).__frontline.state().date);
    console.log(`\nbrowser (headless chromium, software rendering), full archive`);
    console.log(`  first render            ${summarize(loads.fromNavigation)}   from navigation start (control areas, borders, roads drawn); target < 2 s`);
    console.log(`    from script start     ${summarize(loads.fromScript)}`);
    console.log(`    with place names      ${summarize(loads.names)}   from navigation start`);
    console.log(`  timeline week step→idle ${summarize(steps)}   2022-04-10 → ${last}; target < 150 ms`);
    const files = builtFiles('dist/web');
    const built = files.reduce((s, f) => s + size(f), 0);
    const sent = files.reduce((s, f) => s + (existsSync(`${f}.br`) ? size(`${f}.br`) : size(f)), 0);
    console.log(`  bundle dist/web         ${(built / 1e6).toFixed(2)} MB, sent as ${(sent / 1e6).toFixed(2)} MB to a browser that accepts brotli`);
  } finally {
    await browser.close();
    await app.close();
  }
}
