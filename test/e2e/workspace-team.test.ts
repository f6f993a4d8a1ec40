/**
 * The team's publication controls in the editor (/edit) in Debian's chromium, on the real test
 * store: an editor places a unit by clicking the map; an admin sets the publication delay and the
 * public precision on the team screen; the draft is published (through the API) and held back; a
 * reviewer sees the settings read-only, releases the held version with a reason, finds that entry
 * in the audit log screen, and lifts the embargoes of a unit on the team screen (public at once, on
 * the grid) and of an area change in the published draft's view (a draft to publish, linked). Last, an anonymous visitor
 * sees the unit on the public map's units layer. Screenshots: test-artifacts/e2e/t1-…png to t9-…png.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { circle, login, PASSWORD, PEOPLE, SOURCE } from '../workspace-helpers.js';
import { ARTIFACTS, browserSkipReason, openDraftAt, openTeamServer, type EditorHook } from './browser.js';

const skipReason = browserSkipReason();
const POLL = { timeout: 30_000 };

interface PublicHook { __frontline: { analysisFeatures(source: string): number; whenIdle(): Promise<void>; map: { project(p: [number, number]): { x: number; y: number } } } }

describe.skipIf(skipReason !== null)('the team screens in a browser (settings, held versions, audit log, embargoes, units)', () => {
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    ({ app, base, browser } = await openTeamServer());
  });
  afterAll(async () => { await browser?.close(); await app?.close(); });

  const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  async function signedIn(username: string, hash = ''): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.warn(`[e2e] page error: ${e.message}`));
    await page.goto(`${base}/edit${hash}`);
    await page.waitForSelector('.login-form');
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('.login-form button[type=submit]');
    await page.waitForSelector('#whoami');
    return page;
  }

  it('t1–t9: units placed on the map and at a settlement, settings changed by an admin, a held version released and audited, embargoes lifted, the public units layer', async () => {
    const [bakhmut] = (await (await fetch(`${base}/api/v1/places?q=Bakhmut`)).json()) as { lon: number; lat: number }[];
    const unitAt = { lon: bakhmut.lon + 0.0712, lat: bakhmut.lat + 0.0234 };
    // The version is published as of a minute ago (so the delay holds it) and the unit dated that day,
    // so the public map, which opens on a version's date, shows the unit in its week.
    const validAt = new Date(Date.now() - 60_000).toISOString();

    // t1: the editor opens a draft and places an embargoed unit by clicking the map.
    const editor = await signedIn(PEOPLE.editor);
    const draftId = await openDraftAt(editor, 'Positions east of Bakhmut', 'Bakhmut');
    await editor.click('#tool-unit');
    await editor.waitForSelector('.unit-form');
    await expect.poll(() => editor.textContent('#unit-place'), POLL).toContain('Click the map');
    const click = await editor.evaluate(([x, y]) => (window as unknown as EditorHook).__editor.map.pagePoint(x, y), [unitAt.lon, unitAt.lat]);
    await editor.mouse.click(click.x, click.y);
    await expect.poll(() => editor.textContent('#unit-place'), POLL).toMatch(/^At 48\.\d{4} N, 38\.\d{4} E\.$/);
    await editor.fill('.unit-form input[name=unit]', '93rd Mechanised Brigade');
    await editor.fill('.unit-form input[name=time]', validAt.slice(0, 10));
    await editor.selectOption('.unit-form select[name=side]', 'ukraine');
    await editor.fill('.unit-form .source input[name=url]', SOURCE.url);
    await editor.fill('.unit-form .source input[name=publisher]', SOURCE.publisher);
    await editor.check('.unit-form input[name=embargo]');
    await editor.fill('.unit-form input[name=embargoReason]', 'asked by the brigade');
    await shot(editor, 't1-unit-form');
    await editor.click('.unit-form button[type=submit]');
    await editor.waitForSelector('.item-unit');
    expect(await editor.textContent('.item-unit h4')).toContain(`93rd Mechanised Brigade at 48.`);
    expect(await editor.textContent('.item-unit h4')).toContain(validAt.slice(0, 10));
    expect(await editor.textContent('.item-unit .meta')).toContain('embargo until lifted: asked by the brigade');
    // A second unit, at a settlement found by name, without embargo.
    await editor.click('#tool-unit');
    await editor.waitForSelector('.unit-form');
    await editor.fill('.unit-form input[name=settlement]', 'Soledar');
    await editor.press('.unit-form input[name=settlement]', 'Enter');
    await editor.locator('.unit-form .choices button').first().click();
    await expect.poll(() => editor.textContent('#unit-place'), POLL).toMatch(/^At Soledar/);
    await editor.fill('.unit-form input[name=unit]', '46th Airmobile Brigade');
    await editor.selectOption('.unit-form select[name=side]', 'ukraine');
    await editor.fill('.unit-form input[name=time]', validAt.slice(0, 10));
    await editor.fill('.unit-form .source input[name=url]', SOURCE.url);
    await editor.fill('.unit-form .source input[name=publisher]', SOURCE.publisher);
    await editor.click('.unit-form button[type=submit]');
    await expect.poll(() => editor.locator('.item-unit').count(), POLL).toBe(2);
    expect(await editor.locator('.item-unit h4').nth(1).textContent()).toContain('46th Airmobile Brigade at Soledar');
    // Its Edit opens the form filled in; a note added is saved as an edit that replaces it.
    const soledarBefore = (await editor.locator('.item-unit').nth(1).getAttribute('data-item'))!;
    await editor.locator('.item-unit').nth(1).locator('[data-action=edit]').click();
    await editor.waitForSelector('.unit-form');
    expect(await editor.textContent('.unit-form h3')).toBe(`Edit unit position #${soledarBefore}`);
    expect(await editor.inputValue('.unit-form input[name=unit]')).toBe('46th Airmobile Brigade');
    expect(await editor.textContent('#unit-place')).toBe('At Soledar.');
    await editor.fill('.unit-form textarea[name=note]', 'seen on a video from the town');
    await editor.click('.unit-form button[type=submit]');
    await expect.poll(() => editor.locator('.item-unit .note').allTextContents(), POLL).toEqual(['seen on a video from the town']);

    const asEditor = await login(app, PEOPLE.editor);
    let draft = (await asEditor.request('GET', `/api/v1/drafts/${draftId}`)).json();
    expect(draft.items[0]).toMatchObject({ kind: 'unit', unit: '93rd Mechanised Brigade', side: 'ukraine', embargo: { until: null, reason: 'asked by the brigade' } });
    const placed = draft.items[0].place as { lon: number; lat: number };
    expect(draft.items[1]).toMatchObject({ kind: 'unit', unit: '46th Airmobile Brigade', note: 'seen on a video from the town', replaces: [Number(soledarBefore)], sources: [expect.objectContaining({ url: SOURCE.url, publisher: SOURCE.publisher })] });
    expect(draft.items[1].place.name).toBe('Soledar');
    // The click lands within a pixel or two of the point aimed at (zoom ~11: a pixel is ~50 m).
    expect(Math.abs(placed.lon - unitAt.lon)).toBeLessThan(0.002);
    expect(Math.abs(placed.lat - unitAt.lat)).toBeLessThan(0.002);
    await editor.evaluate(() => (window as unknown as EditorHook).__editor.map.whenIdle());
    await shot(editor, 't2-unit-saved');

    // t3: the admin sets a 48-hour delay and a 0.25° grid on the team screen.
    const admin = await signedIn(PEOPLE.admin, '#/team');
    await admin.waitForSelector('.settings-form');
    await admin.fill('input[name=publicationDelayHours]', '48');
    await admin.fill('input[name=publicPointPrecisionDeg]', '0.25');
    await admin.click('#save-settings');
    await expect.poll(() => admin.textContent('.settings-form .outcome'), POLL).toContain('Settings saved');
    await shot(admin, 't3-settings-saved');
    const asAdmin = await login(app, PEOPLE.admin);
    expect((await asAdmin.request('GET', '/api/v1/settings')).json()).toEqual({ publicationDelayHours: 48, publicPointPrecisionDeg: 0.25, publicArrows: 'rounded', publicUnits: 'rounded' });

    // Through the API: an embargoed change joins the draft; it is submitted, approved and published an hour ago — held for 48 hours.
    draft = (await asEditor.request('POST', `/api/v1/drafts/${draftId}/changes`, {
      revision: draft.revision, status: 'contested', geometry: circle(bakhmut.lon, bakhmut.lat, 2), validFrom: '2022-06-02T00:00:00Z', sources: [SOURCE], confidence: 'likely',
      embargo: { until: null, reason: 'until the brigade has rotated' },
    })).json();
    draft = (await asEditor.request('POST', `/api/v1/drafts/${draftId}/submit`, { revision: draft.revision })).json();
    const asReviewer = await login(app, PEOPLE.reviewer);
    draft = (await asReviewer.request('POST', `/api/v1/drafts/${draftId}/approve`, { revision: draft.revision })).json();
    const published = await asReviewer.request('POST', `/api/v1/drafts/${draftId}/publish`, { revision: draft.revision, validAt, changelog: { what: 'positions', why: 'reports' } });
    expect(published.statusCode, published.body).toBe(200);
    const version = published.json().version as { id: number; publicFrom: string };
    expect(version.publicFrom).not.toBeNull();
    const unitItem = draft.items.find((i: { kind: string }) => i.kind === 'unit').id as number;
    const unitDay = (draft.items.find((i: { kind: string }) => i.kind === 'unit').time as string).slice(0, 10);
    const changeItem = draft.items.find((i: { kind: string }) => i.kind === 'change').id as number;

    // t4: the reviewer sees the settings read-only and the held version; releases it with a reason.
    const reviewer = await signedIn(PEOPLE.reviewer, '#/team');
    await reviewer.waitForSelector(`#held-versions tr[data-version="${version.id}"]`);
    expect(await reviewer.isDisabled('input[name=publicationDelayHours]')).toBe(true);
    expect(await reviewer.textContent('#settings-read-only')).toContain('Only an admin');
    expect(await reviewer.textContent(`#held-versions tr[data-version="${version.id}"]`)).toContain(version.publicFrom.slice(0, 16).replace('T', ' '));
    await reviewer.click(`[data-release="${version.id}"]`);
    await reviewer.fill('#held-versions textarea[name=reason]', 'the brigade confirmed it publicly');
    await shot(reviewer, 't4-release-reason');
    await reviewer.click('#held-versions .reason-form button[type=submit]');
    await expect.poll(() => reviewer.textContent('#held-versions'), POLL).toContain('No version is held back');
    expect(((await (await fetch(`${base}/api/v1/versions`)).json()) as { id: number }[]).map((v) => v.id)).toContain(version.id);
    await shot(reviewer, 't5-released');

    // t6: the audit log screen, filtered on the version, shows who released it, and why.
    await reviewer.click('a[href="#/audit"]');
    await reviewer.waitForSelector('.audit-filter');
    await reviewer.fill('.audit-filter input[name=target]', `version:${version.id}`);
    await reviewer.click('.audit-filter button[type=submit]');
    const row = `#audit-entries tbody[data-action="version.release"]`;
    // The unfiltered first page holds the entry too: wait for the filtered answer.
    await expect.poll(() => reviewer.locator('#audit-entries tbody[data-entry]').count(), POLL).toBe(1);
    await reviewer.waitForSelector(row);
    expect(await reviewer.textContent(row)).toContain(PEOPLE.reviewer);
    await reviewer.click(`${row} summary`);
    expect(await reviewer.textContent(`${row} details`)).toContain('"reason": "the brigade confirmed it publicly"');
    await shot(reviewer, 't6-audit-release');

    // t7: the embargoes: the unit is lifted (public at once, on the 0.25° grid), then the change (a draft to publish, linked).
    await reviewer.click('a[href="#/team"]');
    await reviewer.waitForSelector(`#embargoes tr[data-item="${unitItem}"]`);
    expect(await reviewer.textContent(`#embargoes tr[data-item="${unitItem}"]`)).toContain('asked by the brigade');
    // Before the lift the public has only the other unit, on the grid rather than at Soledar, and without the settlement.
    const soledar = draft.items.find((i: { unit?: string }) => i.unit === '46th Airmobile Brigade').place as { settlement: string; lon: number; lat: number };
    const before = (await (await fetch(`${base}/api/v1/units?date=${unitDay}`)).json()) as { features: { geometry: { coordinates: number[] }; properties: Record<string, unknown> }[] };
    expect(before.features.map((f) => f.properties.unit)).toEqual(['46th Airmobile Brigade']);
    expect(before.features[0].geometry.coordinates).not.toEqual([soledar.lon, soledar.lat]);
    expect(JSON.stringify(before)).not.toContain(soledar.settlement);
    expect(JSON.stringify(before)).not.toContain('93rd');
    await reviewer.click(`[data-lift="${unitItem}"]`);
    await reviewer.fill('#embargoes textarea[name=reason]', 'the brigade has moved on');
    await reviewer.click('#embargoes .reason-form button[type=submit]');
    await expect.poll(() => reviewer.locator(`#embargoes tr[data-item="${unitItem}"]`).count(), POLL).toBe(0);
    expect(await reviewer.textContent('.team-screen')).toContain(`Embargo on unit #${unitItem} lifted: it is public now.`);
    const publicUnits = (await (await fetch(`${base}/api/v1/units?date=${unitDay}`)).json()) as { features: { geometry: { coordinates: number[] }; properties: Record<string, unknown> }[] };
    expect(publicUnits.features.map((f) => f.properties.unit)).toEqual(['93rd Mechanised Brigade', '46th Airmobile Brigade']);
    // East of Bakhmut and Soledar fall in one 0.25° cell: the public sees both at its centre.
    expect(publicUnits.features[1].geometry.coordinates).toEqual(publicUnits.features[0].geometry.coordinates);
    const [lon, lat] = publicUnits.features[0].geometry.coordinates;
    expect([(lon - 0.125) / 0.25, (lat - 0.125) / 0.25].map((x) => Math.abs(x - Math.round(x)))).toEqual([expect.closeTo(0, 6), expect.closeTo(0, 6)]);
    expect([lon, lat]).not.toEqual([placed.lon, placed.lat]);

    // The change is lifted from the published draft's own view.
    await reviewer.goto(`${base}/edit#/drafts/${draftId}`);
    await reviewer.waitForSelector(`#embargoes tr[data-item="${changeItem}"]`);
    expect(await reviewer.locator('#embargoes tbody tr').count()).toBe(1);
    await reviewer.click(`[data-lift="${changeItem}"]`);
    await reviewer.fill('#embargoes textarea[name=reason]', 'the brigade has rotated');
    await reviewer.click('#embargoes .reason-form button[type=submit]');
    await reviewer.waitForSelector('#lift-draft-link');
    const liftDraft = Number(/#\/drafts\/(\d+)\/review/.exec((await reviewer.getAttribute('#lift-draft-link', 'href'))!)![1]);
    expect((await asReviewer.request('GET', `/api/v1/drafts/${liftDraft}`)).json()).toMatchObject({ status: 'approved', review: { liftedFrom: { draft: draftId, item: changeItem, reason: 'the brigade has rotated' } } });
    expect(await reviewer.textContent('#embargoes')).toContain('Nothing is under embargo.');
    await shot(reviewer, 't7-embargoes-lifted');

    // t8: the audit log of the draft: both lifts, by the reviewer.
    await reviewer.goto(`${base}/edit#/audit?target=draft:${draftId}`);
    await reviewer.waitForSelector('#audit-entries tbody[data-action="draft.embargo.lift"]');
    expect(await reviewer.locator('#audit-entries tbody[data-action="draft.embargo.lift"]').count()).toBe(2);
    await reviewer.click('#audit-entries tbody[data-action="draft.embargo.lift"] summary');
    await shot(reviewer, 't8-audit-draft');

    // t9: an anonymous visitor switches the units layer on: the unit is drawn on the grid, and a click opens it with its source.
    const visitor = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await visitor.goto(`${base}/?date=${unitDay}&layers=units&map=9.00/${lat.toFixed(4)}/${lon.toFixed(4)}`);
    await visitor.waitForFunction(() => (window as unknown as PublicHook).__frontline.analysisFeatures('units') > 0, undefined, { timeout: 30_000 });
    await visitor.evaluate(() => (window as unknown as PublicHook).__frontline.whenIdle());
    expect(await visitor.isChecked('#layer-units')).toBe(true);
    expect(await visitor.textContent('.legend')).toContain('Unit (Ukrainian forces)');
    expect(await visitor.textContent('.legend')).not.toContain('Unit (Russian forces)');
    const at = await visitor.evaluate(([x, y]) => {
      const p = (window as unknown as PublicHook).__frontline.map.project([x, y]);
      const box = document.getElementById('map')!.getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    }, [lon, lat]);
    await visitor.mouse.click(at.x, at.y);
    // Two units at the point: one popup lists both.
    const popups = visitor.locator('[data-testid=units-popups]');
    await popups.waitFor({ timeout: 10_000 });
    expect(await popups.textContent()).toContain('2 units at this point');
    expect(await popups.locator('[data-testid=unit-popup] h4').allTextContents()).toEqual(['93rd Mechanised Brigade', '46th Airmobile Brigade']);
    const popup = popups.locator('[data-testid=unit-popup]').first();
    expect(await popup.textContent()).toContain('to within 0.25°');
    expect(await popup.locator('a.source-link').getAttribute('href')).toBe(SOURCE.url);
    await visitor.screenshot({ path: join(ARTIFACTS, 't9-public-unit.png') });
  }, 300_000);
});
