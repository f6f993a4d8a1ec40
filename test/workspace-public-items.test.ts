/**
 * Events, attack arrows and unit positions once published, on real data and a fixed clock: the public layers
 * (`GET /events`, `GET /arrows`, `GET /units`) and a settlement's history show what was published, coarsened to
 * the team's precision, and nothing embargoed, held back or unpublished; an embargo with an end date
 * lifts itself when the clock passes it; the team sees everything exact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../src/server/app.js';
import { hasData, SKIP_REASON } from './helpers.js';
import { storeWithPeople, anonymous, circle, login, PEOPLE, SOURCE, type Client } from './workspace-helpers.js';

// The template's last DeepState snapshot is of 1 June 2022: the team publishes on the 2nd.
const DAY = '2022-06-02';
const T = (hhmm: string) => `${DAY}T${hhmm}:00.000Z`;
const EMBARGO_ENDS = '2022-06-03T00:00:00.000Z';
const SECRET = (n: number) => ({ url: `https://intel.example/secret-${n}`, publisher: 'a unit in the field', quote: `our positions ${n}` });

type Feature = { geometry: { type: string; coordinates: number[] | number[][] }; properties: Record<string, unknown> };

describe.skipIf(!hasData())('published events and arrows (real data, fixed clock)', () => {
  if (!hasData()) console.warn(`skipped: ${SKIP_REASON}`);
  let app: FastifyInstance;
  let clock = Date.parse(T('12:00'));
  let anon: Client;
  let editor: Client;
  let reviewer: Client;
  let admin: Client;
  let popasna: { code: string; lon: number; lat: number };
  let bakhmut: { code: string; lon: number; lat: number };

  beforeAll(async () => {
    const teamDb = await storeWithPeople();
    app = await buildServer({ dbPath: teamDb, webRoot: '/nonexistent', secureCookies: false, now: () => clock, embargoSweepMs: 100, accounts: { sessionHours: 24 * 365 * 10 } }); // sessions outlive the clock's jumps
    anon = anonymous(app);
    [editor, reviewer, admin] = [await login(app, PEOPLE.editor), await login(app, PEOPLE.reviewer), await login(app, PEOPLE.admin)];
    [popasna] = (await anon.request('GET', '/api/v1/places?q=Popasna')).json();
    [bakhmut] = (await anon.request('GET', '/api/v1/places?q=Bakhmut')).json();
  });
  afterAll(() => app?.close());

  /** Every public answer that could carry an event or arrow, as one text to search for leaks. */
  const everythingPublic = async (day = DAY) => (await Promise.all([
    '/api/v1/versions', `/api/v1/events?date=${day}`, `/api/v1/events?from=2022-05-01&to=2022-06-30`, `/api/v1/arrows?date=${day}`,
    `/api/v1/units?date=${day}`, `/api/v1/units?from=2022-05-01&to=2022-06-30`,
    `/api/v1/places/${encodeURIComponent(popasna.code)}/history`, `/api/v1/places/${encodeURIComponent(bakhmut.code)}/history`, `/api/v1/claims?date=${day}`,
  ].map(async (url) => {
    const r = await anon.request('GET', url);
    expect(r.statusCode, `${url}: ${r.body.slice(0, 200)}`).toBe(200);
    return r.body;
  }))).join('\n');
  const publicEvents = async (query = `date=${DAY}`) => (await anon.request('GET', `/api/v1/events?${query}`)).json().features as Feature[];
  const publicArrows = async () => (await anon.request('GET', `/api/v1/arrows?date=${DAY}`)).json() as { hidden?: boolean; features: Feature[] };
  const history = async () => (await anon.request('GET', `/api/v1/places/${encodeURIComponent(popasna.code)}/history`)).json();

  const publicUnits = async () => (await anon.request('GET', `/api/v1/units?date=${DAY}`)).json() as { hidden?: boolean; features: Feature[] };
  const add = async (d: { id: number; revision: number }, what: 'events' | 'arrows' | 'units', body: Record<string, unknown>) => {
    const r = await editor.request('POST', `/api/v1/drafts/${d.id}/${what}`, { revision: d.revision, ...body });
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };
  const publish = async (d: { id: number; revision: number }, validAt?: string) => {
    d = (await editor.request('POST', `/api/v1/drafts/${d.id}/submit`, { revision: d.revision })).json();
    d = (await reviewer.request('POST', `/api/v1/drafts/${d.id}/approve`, { revision: d.revision })).json();
    const r = await reviewer.request('POST', `/api/v1/drafts/${d.id}/publish`, { revision: d.revision, validAt, changelog: { what: 'events', why: 'reports' } });
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };

  it('checks an arrow where it enters, undoes and redoes it, and will not submit it without a source', async () => {
    let d = (await editor.request('POST', '/api/v1/drafts', { basedOn: 'latest', title: 'arrows' })).json();
    const arrow = (line: number[][], sources: unknown[] = [SOURCE]) => ({ revision: d.revision, line: { type: 'LineString', coordinates: line }, side: 'russia', time: T('07:00'), sources, confidence: 'likely' });
    const refused = async (line: number[][], message: RegExp) => {
      const r = await editor.request('POST', `/api/v1/drafts/${d.id}/arrows`, arrow(line));
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().code).toBe('BAD_ARGUMENT');
      expect(r.json().message).toMatch(message);
    };
    await refused([[popasna.lon, popasna.lat]], /line|coordinates/);
    await refused([[popasna.lat, popasna.lon], [bakhmut.lat, bakhmut.lon]], /position \[48\.\d+, 38\.\d+\] is outside/); // lat/lon swapped
    await refused([[popasna.lon, popasna.lat], [bakhmut.lon, bakhmut.lat], [popasna.lon, popasna.lat]], /starts where it ends/);
    await refused(Array.from({ length: 51 }, (_, i) => [38 + i / 100, 48.5]), /coordinates|51/);
    expect((await editor.request('GET', `/api/v1/drafts/${d.id}`)).json().items).toHaveLength(0);

    d = (await editor.request('POST', `/api/v1/drafts/${d.id}/arrows`, arrow([[popasna.lon, popasna.lat, 120], [bakhmut.lon, bakhmut.lat]], []))).json();
    expect(d.items[0]).toMatchObject({ kind: 'arrow', state: 'active', side: 'russia', line: { type: 'LineString', coordinates: [[popasna.lon, popasna.lat], [bakhmut.lon, bakhmut.lat]] } });
    const submit = await editor.request('POST', `/api/v1/drafts/${d.id}/submit`, { revision: d.revision });
    expect(submit.statusCode).toBe(422);
    expect(submit.json().message).toMatch(new RegExp(`arrow ${d.items[0].id} has no source`));
    d = (await editor.request('POST', `/api/v1/drafts/${d.id}/undo`, { revision: d.revision })).json();
    expect(d.items.map((i: { state: string }) => i.state)).toEqual(['undone']);
    d = (await editor.request('POST', `/api/v1/drafts/${d.id}/redo`, { revision: d.revision })).json();
    expect(d.items.map((i: { state: string }) => i.state)).toEqual(['active']);
    const actions = (await reviewer.request('GET', `/api/v1/audit?target=draft:${d.id}`)).json().map((e: { action: string }) => e.action);
    expect(actions).toEqual(['draft.create', 'draft.arrow.add', 'draft.undo', 'draft.redo']);
  });

  it('publishes events and arrows in their own public layers, coarse for the public and exact for the team, embargoed ones held until their date', async () => {
    const free = { lon: 37.561234, lat: 48.723456 }; // near Kramatorsk, Donetsk oblast
    const unpublished = (await editor.request('POST', '/api/v1/drafts', { basedOn: 'latest', title: 'not yet' })).json();
    await add(unpublished, 'events', { place: { settlement: popasna.code }, time: T('05:00'), type: 'counterattack', side: 'ukraine', sources: [SECRET(9)], confidence: 'claimed' });

    let d = (await editor.request('POST', '/api/v1/drafts', { basedOn: 'latest', title: 'Popasna' })).json();
    d = await add(d, 'events', { place: { settlement: popasna.code }, time: T('06:00'), type: 'capture', side: 'russia', sources: [SOURCE], confidence: 'confirmed', note: 'Popasna taken' });
    d = await add(d, 'events', { place: free, time: T('06:30'), type: 'shelling', side: 'russia', sources: [SOURCE], confidence: 'confirmed' });
    d = await add(d, 'events', { place: { settlement: popasna.code }, time: T('07:00'), type: 'withdrawal', side: 'ukraine', sources: [SECRET(1)], confidence: 'likely', embargo: { until: EMBARGO_ENDS, reason: 'asked by the brigade' } });
    d = await add(d, 'events', { place: { lon: 38.3, lat: 48.6 }, time: T('07:30'), type: 'evacuation', side: 'ukraine', sources: [SECRET(2)], confidence: 'likely', embargo: { until: null, reason: 'until lifted' } });
    d = await add(d, 'arrows', { line: { type: 'LineString', coordinates: [[popasna.lon, popasna.lat], [38.2, 48.62], [bakhmut.lon, bakhmut.lat]] }, side: 'russia', time: T('08:00'), sources: [SOURCE], confidence: 'likely' });
    d = await add(d, 'arrows', { line: { type: 'LineString', coordinates: [[38.0, 48.5], [37.8, 48.45]] }, side: 'ukraine', time: T('08:30'), sources: [SECRET(3)], confidence: 'likely', embargo: { until: EMBARGO_ENDS, reason: 'asked by the brigade' } });
    const ids = d.items.map((i: { id: number }) => i.id) as number[];
    const review = (await editor.request('GET', `/api/v1/drafts/${d.id}/review`)).json();
    expect(review.items.map((i: { kind: string }) => i.kind)).toEqual(['event', 'event', 'event', 'event', 'arrow', 'arrow']);
    const published = await publish(d);
    expect(published.version.summary).toMatchObject({ changes: 0, arrows: 1 });

    // Public: the two open events, the free one on the 0.1° grid (centre of the cell 37.5–37.6 × 48.7–48.8).
    let events = await publicEvents();
    expect(events.map((f) => f.properties.type)).toEqual(['capture', 'shelling']);
    expect(events[0]).toMatchObject({ geometry: { type: 'Point', coordinates: [popasna.lon, popasna.lat] }, properties: { settlement: popasna.code, side: 'russia', confidence: 'confirmed', time: T('06:00'), sources: [expect.objectContaining({ url: SOURCE.url })] } });
    expect(events[1].geometry.coordinates).toEqual([37.55, 48.75]);
    expect(events[1].properties.precisionDeg).toBe(0.1);
    for (const hidden of ['embargoed', 'itemId', 'id', 'draftId']) expect(events[0].properties).not.toHaveProperty(hidden);
    // Region: Popasna is in Luhansk oblast, the free point in Donetsk oblast.
    expect((await publicEvents(`date=${DAY}&region=UA-09`)).map((f) => f.properties.type)).toEqual(['capture']);
    expect((await publicEvents(`date=${DAY}&region=UA-14`)).map((f) => f.properties.type)).toEqual(['shelling']);
    expect(await publicEvents('date=2022-06-01')).toEqual([]);
    expect((await anon.request('GET', '/api/v1/events?from=2022-06-03&to=2022-06-01')).statusCode).toBe(400);
    expect((await anon.request('GET', '/api/v1/events')).statusCode).toBe(400);

    // Public arrows: every vertex moved to the centre of its 0.1° cell (at most 0.05° away), the embargoed arrow absent.
    const arrows = await publicArrows();
    expect(arrows.features).toHaveLength(1);
    const line = arrows.features[0].geometry.coordinates as number[][];
    const exact = [[popasna.lon, popasna.lat], [38.2, 48.62], [bakhmut.lon, bakhmut.lat]];
    expect(line).toHaveLength(3);
    line.forEach(([x, y], i) => {
      expect(Math.abs(x - exact[i][0])).toBeLessThanOrEqual(0.05 + 1e-9);
      expect(Math.abs(y - exact[i][1])).toBeLessThanOrEqual(0.05 + 1e-9);
      expect((x * 10 - 0.5) % 1).toBeCloseTo(0, 6);
      expect((y * 10 - 0.5) % 1).toBeCloseTo(0, 6);
    });
    expect(arrows.features[0].properties).toMatchObject({ side: 'russia', precisionDeg: 0.1 });

    // The team sees all of it, exact, with the embargo state.
    const team = (await editor.request('GET', `/api/v1/events?date=${DAY}`)).json().features as Feature[];
    expect(team.map((f) => [f.properties.type, f.properties.embargoed])).toEqual([['capture', false], ['shelling', false], ['withdrawal', true], ['evacuation', true]]);
    expect(team[1].geometry.coordinates).toEqual([free.lon, free.lat]);
    expect(team.map((f) => f.properties.itemId)).toEqual(ids.slice(0, 4));
    const teamArrows = (await editor.request('GET', `/api/v1/arrows?date=${DAY}`)).json().features as Feature[];
    expect(teamArrows.map((f) => f.geometry.coordinates)).toEqual([exact, [[38.0, 48.5], [37.8, 48.45]]]);

    // The settlement's history names the capture with its source, not the embargoed withdrawal.
    const h = await history();
    expect(h.events).toEqual([{ time: T('06:00'), date: DAY, type: 'capture', side: 'russia', confidence: 'confirmed', note: 'Popasna taken', versionId: published.version.id,
      sources: [{ url: SOURCE.url, publisher: SOURCE.publisher, publishedAt: SOURCE.publishedAt, archiveUrl: SOURCE.archiveUrl }] }]);

    // Nothing embargoed or unpublished anywhere public: not the sources, the reasons, the exact points.
    let text = await everythingPublic();
    for (const leak of ['intel.example', 'brigade', 'our positions', 'counterattack', 'withdrawal', 'evacuation', '37.561234', '48.723456']) expect(text, leak).not.toContain(leak);

    // The team hides arrows from the public: none at all; the team still has them.
    expect((await admin.request('PUT', '/api/v1/settings', { publicArrows: 'hidden' })).json()).toMatchObject({ publicArrows: 'hidden' });
    expect(await publicArrows()).toMatchObject({ hidden: true, features: [] });
    expect((await editor.request('GET', `/api/v1/arrows?date=${DAY}`)).json().features).toHaveLength(2);
    await admin.request('PUT', '/api/v1/settings', { publicArrows: 'rounded' });

    // The clock passes the embargo's end: the withdrawal and the second arrow are public, no one had to act;
    // the history (a cached answer) follows at once. The open-ended embargo holds.
    clock = Date.parse(EMBARGO_ENDS) - 1;
    expect((await publicEvents()).map((f) => f.properties.type)).toEqual(['capture', 'shelling']);
    expect((await history()).events).toHaveLength(1);
    clock = Date.parse(EMBARGO_ENDS);
    events = await publicEvents();
    expect(events.map((f) => f.properties.type)).toEqual(['capture', 'shelling', 'withdrawal']);
    expect((await history()).events.map((e: { type: string }) => e.type)).toEqual(['capture', 'withdrawal']);
    expect((await publicArrows()).features).toHaveLength(2);
    text = await everythingPublic();
    for (const leak of ['intel.example/secret-2', 'evacuation', 'counterattack', 'secret-9', 'brigade']) expect(text, leak).not.toContain(leak);

    // A reviewer lifts the open-ended one; an editor may not.
    expect((await editor.request('POST', `/api/v1/drafts/${d.id}/items/${ids[3]}/lift`, { reason: 'x' })).statusCode).toBe(403);
    const lifted = await reviewer.request('POST', `/api/v1/drafts/${d.id}/items/${ids[3]}/lift`, { reason: 'the evacuation is over' });
    expect(lifted.statusCode, lifted.body).toBe(200);
    expect((await reviewer.request('POST', `/api/v1/drafts/${d.id}/items/${ids[3]}/lift`, { reason: 'again' })).statusCode).toBe(404);
    expect((await publicEvents()).map((f) => f.properties.type)).toEqual(['capture', 'shelling', 'withdrawal', 'evacuation']);
    expect((await publicEvents()).find((f) => f.properties.type === 'evacuation')!.geometry.coordinates).toEqual([38.35, 48.65]);
    const audit = (await reviewer.request('GET', `/api/v1/audit?target=draft:${d.id}`)).json();
    expect(audit.map((e: { action: string }) => e.action)).toEqual([
      'draft.create', 'draft.event.add', 'draft.event.add', 'draft.event.add', 'draft.event.add', 'draft.arrow.add', 'draft.arrow.add',
      'draft.submit', 'draft.approve', 'draft.publish', 'draft.embargo.lift',
    ]);
    expect(JSON.stringify(await everythingPublic())).not.toContain('secret-9'); // the unpublished draft, still
  });

  it('shows the public no unit of an unpublished draft or under embargo, and the others only on the grid', async () => {
    clock = Date.parse(T('12:00'));
    const unit = (name: string, place: Record<string, unknown>, time: string, extra: Record<string, unknown> = {}) => ({ unit: name, side: 'ukraine', place, time, sources: [SOURCE], confidence: 'likely', ...extra });
    const unpublished = (await editor.request('POST', '/api/v1/drafts', { basedOn: 'latest', title: 'units not yet' })).json();
    await add(unpublished, 'units', unit('Unpublished Regiment', { lon: 38.11, lat: 48.61 }, T('09:00'), { sources: [SECRET(10)] }));
    let d = (await editor.request('POST', '/api/v1/drafts', { basedOn: 'latest', title: 'units' })).json();
    d = await add(d, 'units', unit('Open Brigade', { lon: 38.012345, lat: 48.634567 }, T('09:00')));
    d = await add(d, 'units', unit('Dated Battalion', { settlement: bakhmut.code }, T('09:10'), { sources: [SECRET(11)], embargo: { until: EMBARGO_ENDS, reason: 'rotation under way' } }));
    d = await add(d, 'units', unit('Lifted Company', { lon: 38.2, lat: 48.7 }, T('09:20'), { sources: [SECRET(12)], embargo: { until: null, reason: 'until lifted' } }));
    const ids = d.items.map((i: { id: number }) => i.id) as number[];
    await publish(d);

    let units = await publicUnits();
    expect(units.features.map((f) => f.properties.unit)).toEqual(['Open Brigade']);
    expect(units.features[0].geometry.coordinates).toEqual([38.05, 48.65]);
    let text = await everythingPublic();
    for (const leak of ['Unpublished Regiment', 'Dated Battalion', 'Lifted Company', 'secret-10', 'secret-11', 'secret-12', 'rotation under way', '38.012345', '48.634567']) expect(text, leak).not.toContain(leak);
    expect((await editor.request('GET', `/api/v1/units?date=${DAY}`)).json().features.map((f: Feature) => f.properties.unit)).toEqual(['Open Brigade', 'Dated Battalion', 'Lifted Company']);

    // The end date passes: the dated one is public, on the grid rather than at Bakhmut; the open-ended one waits for a reviewer.
    clock = Date.parse(EMBARGO_ENDS);
    units = await publicUnits();
    expect(units.features.map((f) => f.properties.unit)).toEqual(['Open Brigade', 'Dated Battalion']);
    expect(units.features[1].geometry.coordinates).not.toEqual([bakhmut.lon, bakhmut.lat]);
    expect(units.features[1].properties).not.toHaveProperty('settlement');
    expect(JSON.stringify(units)).not.toContain(bakhmut.code);
    expect((await reviewer.request('POST', `/api/v1/drafts/${d.id}/items/${ids[2]}/lift`, { reason: 'the company has left' })).statusCode).toBe(200);
    expect((await publicUnits()).features.map((f) => f.properties.unit)).toEqual(['Open Brigade', 'Dated Battalion', 'Lifted Company']);
    text = await everythingPublic();
    for (const leak of ['Unpublished Regiment', 'secret-10', 'rotation under way', 'until lifted']) expect(text, leak).not.toContain(leak);
  });

  it('publishes a change by itself once its embargo end date passes, as a version valid at that date, once', async () => {
    clock = Date.parse(T('13:00'));
    const settlement = async (code: string) => (await anon.request('GET', `/api/v1/settlements?date=${DAY}&region=UA-14`)).json().settlements.find((s: { code: string }) => s.code === code).status;
    expect(await settlement(bakhmut.code)).toBe('ukraine');
    const until = T('18:00');
    let d = (await editor.request('POST', '/api/v1/drafts', { basedOn: 'latest', title: 'Bakhmut outskirts' })).json();
    d = (await editor.request('POST', `/api/v1/drafts/${d.id}/changes`, {
      revision: d.revision, status: 'contested', geometry: circle(bakhmut.lon, bakhmut.lat, 2), validFrom: T('12:30'), sources: [SECRET(6)], confidence: 'likely',
      embargo: { until, reason: 'until the brigade has rotated' },
    })).json();
    // Its only change is held back, so the version needs a valid time of its own.
    const held = await publish(d, T('12:30'));
    expect(held.version.summary).toMatchObject({ changes: 0 });
    const sweeps = async () => { await new Promise((r) => setTimeout(r, 600)); }; // several sweeps at 100 ms
    clock = Date.parse(until) - 1;
    await sweeps();
    expect(await settlement(bakhmut.code)).toBe('ukraine');
    expect(await everythingPublic()).not.toContain('secret-6');

    clock = Date.parse(until);
    const deadline = Date.now() + 60_000;
    while (await settlement(bakhmut.code) !== 'contested' && Date.now() < deadline) await sweeps();
    expect(await settlement(bakhmut.code)).toBe('contested');
    const versions = (await anon.request('GET', '/api/v1/versions')).json() as { id: number; validAt: string; source: string; summary: Record<string, unknown> }[];
    const lifted = versions[versions.length - 1];
    expect(lifted).toMatchObject({ validAt: until, source: 'frontline', summary: { changes: 1, publishedBy: 'embargo-expiry', changelog: { sources: [SECRET(6).url] } } });
    // Before the end date the map is as it was published: the held change never shows earlier.
    expect((await anon.request('GET', `/api/v1/versions`)).json().filter((v: { validAt: string }) => v.validAt > T('12:00') && v.validAt < until).map((v: { id: number }) => v.id)).toContain(held.version.id);
    const audit = (await reviewer.request('GET', `/api/v1/audit?target=draft:${d.id}`)).json() as { action: string; actor: string }[];
    expect(audit.slice(-1)[0]).toMatchObject({ action: 'draft.embargo.lift', actor: 'embargo-expiry' });
    // Once only: later sweeps find nothing more to publish.
    await sweeps();
    expect((await anon.request('GET', '/api/v1/versions')).json()).toHaveLength(versions.length);
  });

  it('shows nothing of a version held back by the publication delay until it is released', async () => {
    // The store reads the real clock for publication delays: this case runs at the real time.
    clock = Date.now();
    const time = new Date(clock - 3_600_000).toISOString();
    // The items' day, not the clock's: between 00:00 and 01:00 UTC they are a day apart.
    const today = time.slice(0, 10);
    await admin.request('PUT', '/api/v1/settings', { publicationDelayHours: 48 });
    try {
      let d = (await editor.request('POST', '/api/v1/drafts', { basedOn: 'latest', title: 'held' })).json();
      d = await add(d, 'events', { place: { settlement: bakhmut.code }, time, type: 'road_cut', side: 'russia', sources: [SECRET(4)], confidence: 'likely' });
      d = await add(d, 'arrows', { line: { type: 'LineString', coordinates: [[38.5, 48.7], [38.1, 48.6]] }, side: 'russia', time, sources: [SECRET(5)], confidence: 'likely' });
      d = await add(d, 'units', { unit: 'Held Regiment', side: 'russia', place: { lon: 38.31, lat: 48.52 }, time, sources: [SECRET(13)], confidence: 'likely' });
      const held = await publish(d);
      expect(Date.parse(held.version.publicFrom)).toBe(Date.parse(time) + 48 * 3_600_000);
      const text = await everythingPublic(today);
      for (const leak of ['secret-4', 'secret-5', 'secret-13', 'road_cut', 'Held Regiment']) expect(text, leak).not.toContain(leak);
      expect((await editor.request('GET', `/api/v1/events?date=${today}`)).json().features.map((f: Feature) => f.properties.type)).toEqual(['road_cut']);
      expect((await reviewer.request('POST', `/api/v1/versions/${held.version.id}/release`, { reason: 'confirmed publicly' })).statusCode).toBe(200);
      expect((await publicEvents(`date=${today}`)).map((f) => f.properties.type)).toEqual(['road_cut']);
      expect((await anon.request('GET', `/api/v1/arrows?date=${today}`)).json().features).toHaveLength(1);
      expect((await anon.request('GET', `/api/v1/units?date=${today}`)).json().features.map((f: Feature) => [f.properties.unit, f.geometry.coordinates])).toEqual([['Held Regiment', [38.35, 48.55]]]);
    } finally {
      await admin.request('PUT', '/api/v1/settings', { publicationDelayHours: 0 });
    }
  });
});
