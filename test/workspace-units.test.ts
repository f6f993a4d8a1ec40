/**
 * Unit positions (issue 5: "unit positions and attack directions rounded or dropped on public
 * outputs; the team sees them exact"), on real data and a fixed clock: checked where they enter,
 * undone and audited like events, published to their own layer, which the public gets on the
 * precision grid (a settlement too, without its name) or not at all, and the team exact; the team's
 * list of embargoes names them until a reviewer lifts them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../src/server/app.js';
import { hasData, SKIP_REASON } from './helpers.js';
import { storeWithPeople, anonymous, login, PEOPLE, SOURCE, type Client } from './workspace-helpers.js';

const DAY = '2022-06-02';
const T = (hhmm: string) => `${DAY}T${hhmm}:00.000Z`;
type Feature = { geometry: { type: string; coordinates: number[] }; properties: Record<string, unknown> };

describe.skipIf(!hasData())('unit positions (real data, fixed clock)', () => {
  if (!hasData()) console.warn(`skipped: ${SKIP_REASON}`);
  let app: FastifyInstance;
  const clock = Date.parse(T('12:00'));
  let anon: Client;
  let editor: Client;
  let reviewer: Client;
  let admin: Client;
  let popasna: { code: string; name: string; lon: number; lat: number };

  beforeAll(async () => {
    app = await buildServer({ dbPath: await storeWithPeople(), webRoot: '/nonexistent', secureCookies: false, now: () => clock, accounts: { sessionHours: 24 * 365 * 10 } });
    anon = anonymous(app);
    [editor, reviewer, admin] = [await login(app, PEOPLE.editor), await login(app, PEOPLE.reviewer), await login(app, PEOPLE.admin)];
    [popasna] = (await anon.request('GET', '/api/v1/places?q=Popasna')).json();
  });
  afterAll(() => app?.close());

  const unit = (d: { revision: number }, over: Record<string, unknown> = {}) => ({
    revision: d.revision, unit: '3rd Assault Brigade', side: 'ukraine', place: { lon: 38.012345, lat: 48.634567 }, time: T('06:00'), sources: [SOURCE], confidence: 'likely', ...over,
  });

  it('checks a unit where it enters, undoes and redoes it, audits it, and will not submit it without a source', async () => {
    let d = (await editor.request('POST', '/api/v1/drafts', { basedOn: 'latest', title: 'units' })).json();
    const refused = async (body: Record<string, unknown>, status: number, message: RegExp) => {
      const r = await editor.request('POST', `/api/v1/drafts/${d.id}/units`, unit(d, body));
      expect(r.statusCode, r.body).toBe(status);
      expect(r.json().message).toMatch(message);
    };
    await refused({ unit: 'x'.repeat(121) }, 400, /unit|120/);
    await refused({ unit: '   ' }, 400, /unit is empty/);
    await refused({ place: { lon: 48.63, lat: 38.01 } }, 400, /place \[48\.63, 38\.01\] is not a longitude, latitude/); // swapped
    await refused({ place: { settlement: 'UA-NOWHERE' } }, 404, /unknown settlement/);
    await refused({ time: 'yesterday' }, 400, /time 'yesterday' is not an ISO 8601/);
    await refused({ sources: [{ url: 'ftp://x', publisher: 'p' }] }, 400, /sources\[0\]\.url/);
    await refused({ embargo: { until: 'soon', reason: 'r' } }, 400, /embargo\.until/);
    expect((await editor.request('GET', `/api/v1/drafts/${d.id}`)).json().items).toHaveLength(0);

    d = (await editor.request('POST', `/api/v1/drafts/${d.id}/units`, unit(d, { unit: '  3rd Assault Brigade ', sources: [] }))).json();
    expect(d.items[0]).toMatchObject({ kind: 'unit', state: 'active', unit: '3rd Assault Brigade', side: 'ukraine', place: { lon: 38.012345, lat: 48.634567 }, time: T('06:00'), embargo: null });
    const submit = await editor.request('POST', `/api/v1/drafts/${d.id}/submit`, { revision: d.revision });
    expect(submit.statusCode).toBe(422);
    expect(submit.json().message).toMatch(new RegExp(`unit ${d.items[0].id} has no source`));
    d = (await editor.request('POST', `/api/v1/drafts/${d.id}/undo`, { revision: d.revision })).json();
    expect(d.items.map((i: { state: string }) => i.state)).toEqual(['undone']);
    d = (await editor.request('POST', `/api/v1/drafts/${d.id}/redo`, { revision: d.revision })).json();
    expect(d.items.map((i: { state: string }) => i.state)).toEqual(['active']);
    // At a settlement: kept with its code and name for the team.
    d = (await editor.request('POST', `/api/v1/drafts/${d.id}/units`, unit(d, { place: { settlement: popasna.code } }))).json();
    expect(d.items[1].place).toEqual({ settlement: popasna.code, name: popasna.name, lon: popasna.lon, lat: popasna.lat });
    // A stale revision is a conflict, as for every write.
    expect((await editor.request('POST', `/api/v1/drafts/${d.id}/units`, unit({ revision: d.revision - 1 }))).statusCode).toBe(409);
    const audit = (await reviewer.request('GET', `/api/v1/audit?target=draft:${d.id}`)).json() as { action: string; after: Record<string, unknown> }[];
    expect(audit.map((e) => e.action)).toEqual(['draft.create', 'draft.unit.add', 'draft.undo', 'draft.redo', 'draft.unit.add']);
    expect(audit[1].after).toMatchObject({ item: d.items[0].id, unit: '3rd Assault Brigade' });
  });

  it('publishes units to their own layer: on the grid for the public (settlements too), exact for the team, hidden when the team says so', async () => {
    let d = (await editor.request('POST', '/api/v1/drafts', { basedOn: 'latest', title: 'positions' })).json();
    d = (await editor.request('POST', `/api/v1/drafts/${d.id}/units`, unit(d))).json();
    d = (await editor.request('POST', `/api/v1/drafts/${d.id}/units`, unit(d, { unit: '1st Guards Tank Army', side: 'russia', place: { settlement: popasna.code }, time: T('07:00'), confidence: 'claimed', note: 'seen moving west' }))).json();
    d = (await editor.request('POST', `/api/v1/drafts/${d.id}/units`, unit(d, { unit: 'Secret Battalion 77', time: T('08:00'), embargo: { until: null, reason: 'asked by the brigade' } }))).json();
    const ids = d.items.map((i: { id: number }) => i.id) as number[];
    d = (await editor.request('POST', `/api/v1/drafts/${d.id}/submit`, { revision: d.revision })).json();
    d = (await reviewer.request('POST', `/api/v1/drafts/${d.id}/approve`, { revision: d.revision })).json();
    const published = await reviewer.request('POST', `/api/v1/drafts/${d.id}/publish`, { revision: d.revision, changelog: { what: 'units', why: 'reports' } });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().version.summary).toMatchObject({ changes: 0, units: 2 });
    expect(JSON.stringify(published.json().version.summary)).not.toMatch(/Brigade|Tank Army|Battalion/);

    const pub = (await anon.request('GET', `/api/v1/units?date=${DAY}`));
    expect(pub.statusCode).toBe(200);
    expect(pub.headers['cache-control']).toBe('no-store');
    const features = pub.json().features as Feature[];
    expect(features.map((f) => f.properties.unit)).toEqual(['3rd Assault Brigade', '1st Guards Tank Army']);
    expect(features[0].geometry.coordinates).toEqual([38.05, 48.65]);
    const [plon, plat] = features[1].geometry.coordinates;
    expect(Math.abs(plon - popasna.lon)).toBeLessThanOrEqual(0.05 + 1e-9);
    expect(Math.abs(plat - popasna.lat)).toBeLessThanOrEqual(0.05 + 1e-9);
    expect([plon, plat]).not.toEqual([popasna.lon, popasna.lat]);
    expect(features[1].properties).toMatchObject({ side: 'russia', confidence: 'claimed', note: 'seen moving west', precisionDeg: 0.1, time: T('07:00') });
    for (const hidden of ['settlement', 'place', 'itemId', 'draftId', 'embargoed', 'embargoUntil']) expect(features[1].properties).not.toHaveProperty(hidden);
    expect(pub.body).not.toMatch(/Battalion|brigade'|asked by|38\.012345|48\.634567/);

    // The team: every unit, exact, with the settlement and embargo state.
    const team = (await editor.request('GET', `/api/v1/units?date=${DAY}`)).json().features as Feature[];
    expect(team.map((f) => [f.properties.unit, f.properties.embargoed, f.properties.itemId])).toEqual([
      ['3rd Assault Brigade', false, ids[0]], ['1st Guards Tank Army', false, ids[1]], ['Secret Battalion 77', true, ids[2]],
    ]);
    expect(team[0].geometry.coordinates).toEqual([38.012345, 48.634567]);
    expect(team[1]).toMatchObject({ geometry: { coordinates: [popasna.lon, popasna.lat] }, properties: { settlement: popasna.code, place: popasna.name } });

    // A coarser grid applies to what was published before; 'hidden' withholds every unit.
    expect((await admin.request('PUT', '/api/v1/settings', { publicPointPrecisionDeg: 0.25 })).json()).toMatchObject({ publicPointPrecisionDeg: 0.25, publicUnits: 'rounded' });
    expect(((await anon.request('GET', `/api/v1/units?date=${DAY}`)).json().features as Feature[])[0].geometry.coordinates).toEqual([38.125, 48.625]);
    expect((await reviewer.request('PUT', '/api/v1/settings', { publicUnits: 'hidden' })).statusCode).toBe(403);
    expect((await admin.request('PUT', '/api/v1/settings', { publicUnits: 'exact' })).statusCode).toBe(400);
    expect((await admin.request('PUT', '/api/v1/settings', { publicUnits: 'hidden', publicPointPrecisionDeg: 0.1 })).json()).toMatchObject({ publicUnits: 'hidden' });
    expect((await anon.request('GET', `/api/v1/units?date=${DAY}`)).json()).toEqual({ type: 'FeatureCollection', from: DAY, to: DAY, hidden: true, features: [] });
    expect((await editor.request('GET', `/api/v1/units?date=${DAY}`)).json().features).toHaveLength(3);
    expect((await admin.request('GET', '/api/v1/audit?target=settings')).json().map((e: { after: Record<string, unknown> }) => e.after)).toContainEqual({ publicUnits: 'hidden', publicPointPrecisionDeg: 0.1 });
    await admin.request('PUT', '/api/v1/settings', { publicUnits: 'rounded' });

    // The embargoed one is in the team's list of embargoes with its reason; a reviewer lifts it.
    const held = (await editor.request('GET', '/api/v1/embargoes')).json();
    expect(held).toContainEqual({ draftId: d.id, draftTitle: 'positions', itemId: ids[2], kind: 'unit', until: null, reason: 'asked by the brigade', time: T('08:00'), needsPublication: false });
    expect((await anon.request('GET', '/api/v1/embargoes')).statusCode).toBe(401);
    expect((await editor.request('POST', `/api/v1/drafts/${d.id}/items/${ids[2]}/lift`, { reason: 'x' })).statusCode).toBe(403);
    expect((await reviewer.request('POST', `/api/v1/drafts/${d.id}/items/${ids[2]}/lift`, { reason: 'the battalion has moved on' })).statusCode).toBe(200);
    expect((await editor.request('GET', '/api/v1/embargoes')).json().filter((h: { itemId: number }) => h.itemId === ids[2])).toEqual([]);
    const after = (await anon.request('GET', `/api/v1/units?date=${DAY}`)).json().features as Feature[];
    expect(after.map((f) => f.properties.unit)).toEqual(['3rd Assault Brigade', '1st Guards Tank Army', 'Secret Battalion 77']);
    expect(after[2].geometry.coordinates).toEqual([38.05, 48.65]);
    expect((await anon.request('GET', '/api/v1/units')).statusCode).toBe(400);
  });
});
