/**
 * Reshaping a draft in the editor (/edit) with the mouse, in Debian's chromium on the real test
 * store: an editor draws an attack arrow and saves it (and selects it by a click on the map), drags a vertex of a saved change and saves
 * the shape, splits that change with a drawn line and merges the pieces back, and moves the front
 * of the base map to a drawn line — each checked through the API.
 * Screenshots: test-artifacts/e2e/g1-…png to g9-…png.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { polygonsAreaKm2 } from '../../src/core/geometry/area.js';
import { login, PASSWORD, PEOPLE, SOURCE, type Client } from '../workspace-helpers.js';
import { ARTIFACTS, browserSkipReason, editorMapIdle as mapIdle, openDraftAt, openTeamServer, type EditorHook } from './browser.js';

const skipReason = browserSkipReason();
const CASE_TIMEOUT_MS = 300_000;
const POLL = { timeout: 20_000 };

type Ring = [number, number][];
interface Item { id: number; kind: string; state: string; replaces?: number[]; geometry?: { type: 'Polygon'; coordinates: Ring[] }; line?: { coordinates: Ring }; side?: string }

const areaOf = (rings: Ring[]) => polygonsAreaKm2([rings.map((r) => Float64Array.from(r.flat()))] as never);

describe.skipIf(skipReason !== null)('reshaping a draft in the editor (arrow, vertex edit, split)', () => {
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let api: Client;

  beforeAll(async () => {
    ({ app, base, browser } = await openTeamServer());
    api = await login(app, PEOPLE.editor);
  });
  afterAll(async () => { await browser?.close(); await app?.close(); });

  const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  const pagePoint = (page: Page, lonLat: [number, number]) => page.evaluate(([x, y]) => (window as unknown as EditorHook).__editor.map.pagePoint(x, y), lonLat);
  const activeItems = async (draftId: number): Promise<Item[]> => ((await api.request('GET', `/api/v1/drafts/${draftId}`)).json().items as Item[]).filter((i) => i.state === 'active');
  const click = async (page: Page, p: { x: number; y: number }) => { await page.mouse.move(p.x, p.y, { steps: 3 }); await page.mouse.click(p.x, p.y); };
  /** Clicks a line's points, then its last point again: terra-draw ends a line there. */
  async function clickLine(page: Page, points: [number, number][]) {
    const clicks = [];
    for (const p of points) clicks.push(await pagePoint(page, p));
    for (const p of clicks) await click(page, p);
    await click(page, clicks[clicks.length - 1]);
  }
  const fillSource = async (page: Page, form: string) => {
    await page.fill(`${form} .source input[name=url]`, SOURCE.url);
    await page.fill(`${form} .source input[name=publisher]`, SOURCE.publisher);
  };

  it('g1–g9: draws an arrow, drags a vertex of a saved change, splits it with a line, merges it back, moves the front to a line', async () => {
    const [town] = (await api.request('GET', '/api/v1/places?q=Lysychansk')).json() as { lon: number; lat: number }[];
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    page.on('pageerror', (e) => console.warn(`[e2e] page error: ${e.message}`));
    await page.goto(`${base}/edit`);
    await page.waitForSelector('.login-form');
    await page.fill('input[name=username]', PEOPLE.editor);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('.login-form button[type=submit]');
    await page.waitForSelector('.new-draft');
    const draftId = await openDraftAt(page, 'Reshaping around Lysychansk', 'Lysychansk');

    // 1. An attack arrow drawn with the mouse: from the south-east towards the town and past it.
    await page.click('#tool-arrow');
    await page.waitForSelector('.arrow-form .draw-state:has-text("Draw the arrow")');
    const arrowPoints: [number, number][] = [[town.lon + 0.12, town.lat - 0.08], [town.lon + 0.02, town.lat - 0.02], [town.lon - 0.08, town.lat + 0.03]];
    await clickLine(page, arrowPoints);
    await page.waitForSelector('.arrow-form[data-drawn="1"]');
    await page.selectOption('.arrow-form select[name=side]', 'russia');
    await fillSource(page, '.arrow-form');
    await page.fill('.arrow-form textarea[name=note]', 'Drawn in the browser');
    await shot(page, 'g1-arrow-drawn');
    await page.click('#save-arrow');
    await page.waitForSelector('.item-arrow');
    await mapIdle(page);
    await shot(page, 'g2-arrow-saved');
    let items = await activeItems(draftId);
    const arrow = items.find((i) => i.kind === 'arrow')!;
    expect(arrow.side).toBe('russia');
    expect(arrow.line!.coordinates).toHaveLength(3);
    // Each point where it was clicked (within a few pixels at this zoom: 0.003°).
    arrow.line!.coordinates.forEach((c, i) => {
      expect(Math.abs(c[0] - arrowPoints[i][0])).toBeLessThan(0.003);
      expect(Math.abs(c[1] - arrowPoints[i][1])).toBeLessThan(0.003);
    });
    expect(await page.textContent('.item-arrow h4')).toContain('Russian attack direction');
    // Clicking the arrow on the map selects it for editing (its line loaded with draggable points); Discard leaves it as it was.
    await click(page, await pagePoint(page, arrowPoints[1]));
    await page.waitForSelector(`.arrow-form.edit-form[data-drawn="1"]`);
    expect(await page.textContent('.arrow-form h3')).toBe(`Edit arrow #${arrow.id}`);
    expect(await page.inputValue('.arrow-form select[name=side]')).toBe('russia');
    await shot(page, 'g2b-arrow-selected');
    await page.click('.arrow-form button:has-text("Discard")');
    await page.waitForSelector('.arrow-form', { state: 'detached' });

    // 2. A saved change (a square through the API, then the page reads the draft again), its vertex dragged.
    const d = (lon: number, lat: number): [number, number] => [town.lon + lon, town.lat + lat];
    const square: Ring = [d(-0.1, -0.06), d(0.1, -0.06), d(0.1, 0.06), d(-0.1, 0.06), d(-0.1, -0.06)];
    const rev = (await api.request('GET', `/api/v1/drafts/${draftId}`)).json().revision;
    const added = await api.request('POST', `/api/v1/drafts/${draftId}/changes`, { revision: rev, status: 'occupied', geometry: { type: 'Polygon', coordinates: [square] }, validFrom: '2022-06-03T00:00:00Z', sources: [SOURCE], confidence: 'likely' });
    expect(added.statusCode, added.body).toBe(200);
    // Through the drafts list and back (a reload would ask for the password again: the CSRF token lives in memory only).
    await page.evaluate(() => { location.hash = '#/drafts'; });
    await page.waitForSelector('.new-draft');
    await page.evaluate((id) => { location.hash = `#/drafts/${id}`; }, draftId);
    await page.waitForSelector('.item-change');
    await page.evaluate(() => (window as unknown as EditorHook).__editor.ready);
    await page.click('.item-change [data-action=edit]');
    await page.waitForSelector('.change-form.edit-form[data-drawn="1"]');
    await mapIdle(page);
    const before = (await activeItems(draftId)).find((i) => i.kind === 'change')!;
    // Drag the north-east corner 60 px right and 40 px up.
    const corner = await pagePoint(page, square[2]);
    await page.mouse.move(corner.x, corner.y, { steps: 3 });
    await page.mouse.down();
    await page.mouse.move(corner.x + 30, corner.y - 20, { steps: 5 });
    await page.mouse.move(corner.x + 60, corner.y - 40, { steps: 5 });
    await page.mouse.up();
    await page.fill('.edit-form textarea[name=note]', 'Corner moved in the browser');
    await shot(page, 'g3-vertex-dragged');
    await page.click('#save-edit');
    await expect.poll(async () => (await activeItems(draftId)).some((i) => i.kind === 'change' && i.replaces?.includes(before.id)), POLL).toBe(true);
    items = await activeItems(draftId);
    const edited = items.find((i) => i.kind === 'change')!;
    const ring = edited.geometry!.coordinates[0];
    expect(ring).toHaveLength(5);
    // The corner moved north-east, the other corners stayed.
    const moved = ring.find((c) => c[0] > square[2][0] + 0.005 && c[1] > square[2][1] + 0.002);
    expect(moved, JSON.stringify(ring)).toBeDefined();
    for (const c of [square[0], square[1], square[3]]) expect(ring.some((v) => Math.hypot(v[0] - c[0], v[1] - c[1]) < 1e-6)).toBe(true);
    expect(areaOf(edited.geometry!.coordinates)).toBeGreaterThan(areaOf(before.geometry!.coordinates));
    await page.waitForSelector('.item-change [data-action=split]');
    await mapIdle(page);
    await shot(page, 'g4-shape-saved');

    // 3. Split it with a line drawn north–south through the middle.
    await page.click('.item-change [data-action=split]');
    await page.waitForSelector('.split-form .draw-state:has-text("Draw the cutting line")');
    await mapIdle(page);
    await clickLine(page, [d(0.01, -0.068), d(-0.01, 0.078)]);
    await page.waitForSelector('.split-form[data-drawn="1"]');
    await shot(page, 'g5-cut-drawn');
    await page.click('#save-split');
    await expect.poll(async () => (await activeItems(draftId)).filter((i) => i.kind === 'change').length, POLL).toBe(2);
    const parts = (await activeItems(draftId)).filter((i) => i.kind === 'change');
    for (const p of parts) expect(p.replaces).toEqual([edited.id]);
    const sum = parts.reduce((s, p) => s + areaOf(p.geometry!.coordinates), 0);
    const whole = areaOf(edited.geometry!.coordinates);
    console.log(`browser split: ${whole.toFixed(3)} km² → ${parts.map((p) => areaOf(p.geometry!.coordinates).toFixed(3)).join(' + ')} km²`);
    expect(Math.abs(sum - whole) / whole).toBeLessThan(1e-4);
    await page.waitForSelector('.item-change + .item-change, .item-change ~ .item-change');
    await mapIdle(page);
    await shot(page, 'g6-split');

    // 4. Tick both pieces and merge them: one change again, of the whole area.
    for (const p of parts) await page.check(`.item-change[data-item="${p.id}"] input[name=merge]`);
    await page.click('#merge');
    await expect.poll(async () => (await activeItems(draftId)).filter((i) => i.kind === 'change').length, POLL).toBe(1);
    const merged = (await activeItems(draftId)).find((i) => i.kind === 'change')!;
    expect([...merged.replaces!].sort()).toEqual(parts.map((p) => p.id).sort());
    expect(Math.abs(areaOf(merged.geometry!.coordinates) - whole) / whole).toBeLessThan(1e-4);
    await page.waitForSelector(`.item-change[data-item="${merged.id}"]`);
    await shot(page, 'g7-merged');

    // 5. "The front moved to this road": a north–south line west of the town across the Ukrainian-held
    // ground of the base map, the town's side picked; that piece becomes an occupied change.
    await page.evaluate(() => (window as unknown as { __editor: { map: { flyTo(lon: number, lat: number, z: number): void } } }).__editor.map.flyTo(38.35, 48.85, 8.3));
    await mapIdle(page);
    await page.click('#tool-front');
    await page.waitForSelector('.base-split-form .draw-state:has-text("Draw the cutting line")');
    await clickLine(page, [[38.25, 49.15], [38.25, 48.55]]);
    await page.waitForSelector('.base-split-form[data-drawn="1"]');
    await page.click('#pick-side');
    await click(page, await pagePoint(page, [town.lon, town.lat]));
    await expect.poll(() => page.textContent('.base-split-form .picked'), POLL).toContain('That side:');
    await page.selectOption('.base-split-form select[name=status]', 'occupied');
    await fillSource(page, '.base-split-form');
    await shot(page, 'g8-front-line-drawn');
    await page.click('#save-base-split');
    await expect.poll(async () => (await activeItems(draftId)).filter((i) => i.kind === 'change').length, { timeout: 60_000 }).toBe(2);
    const piece = (await activeItems(draftId)).filter((i) => i.kind === 'change').find((i) => i.id !== merged.id)!;
    expect(piece.replaces).toBeUndefined();
    for (const [x] of piece.geometry!.coordinates[0]) expect(x).toBeGreaterThan(38.25 - 1e-6);
    console.log(`front moved: a piece of ${areaOf(piece.geometry!.coordinates).toFixed(1)} km² east of 38.25° E`);
    await mapIdle(page);
    await shot(page, 'g9-front-moved');
  }, CASE_TIMEOUT_MS);
});
