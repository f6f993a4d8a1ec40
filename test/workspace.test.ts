/**
 * The analyst workspace end to end on real data: an editor draws a change around a real settlement
 * near the front of 25 May 2022 with sources, a reviewer rejects, the editor fixes, a reviewer
 * approves and publishes, and anonymous viewers see exactly that change — checked against an
 * independent computation (polyclip-ts + geographiclib).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import Database from 'better-sqlite3';
import * as polyclip from 'polyclip-ts';
import geodesic from 'geographiclib-geodesic';
import { buildServer } from '../src/server/app.js';
import { wkbToGeometry } from '../src/core/geometry/wkb.js';
import { copyOfTemplate, hasData, SKIP_REASON } from './helpers.js';
import { storeWithPeople, anonymous, circle, login, PEOPLE, SOURCE, type Client } from './workspace-helpers.js';

type Ring = number[][];
type MultiPolygon = Ring[][];
const flatten = (g: { type: string; coordinates?: unknown; geometries?: unknown[] }): MultiPolygon => {
  if (g.type === 'Polygon') return [(g.coordinates as number[][][]).map((r) => r.map((c) => [c[0], c[1]]))];
  if (g.type === 'MultiPolygon') return (g.coordinates as number[][][][]).map((p) => p.map((r) => r.map((c) => [c[0], c[1]])));
  if (g.type === 'GeometryCollection') return (g.geometries as never[]).flatMap(flatten);
  return [];
};
const km2 = (mp: MultiPolygon) => mp.reduce((sum, poly) => sum + poly.reduce((s, ring, i) => {
  const p = geodesic.Geodesic.WGS84.Polygon(false);
  for (const [x, y] of ring.slice(0, -1)) p.AddPoint(y, x);
  const a = Math.abs(p.Compute(false, true).area ?? NaN) / 1e6;
  return s + (i === 0 ? a : -a);
}, 0), 0);

const MAY_25 = '2022-05-25T23:28:53.000Z';
const VALID_AT = '2022-05-25T23:45:00.000Z';

describe.skipIf(!hasData())('analyst workspace (real data)', () => {
  if (!hasData()) console.warn(`skipped: ${SKIP_REASON}`);
  let app: FastifyInstance;
  let dbPath: string;
  let anon: Client;
  let editor: Client;
  let reviewer: Client;
  let place: { code: string; name: string; lon: number; lat: number; population: number };

  beforeAll(async () => {
    const teamDb = await storeWithPeople();
    dbPath = teamDb;
    app = await buildServer({ dbPath, webRoot: '/nonexistent', secureCookies: false });
    anon = anonymous(app);
    editor = await login(app, PEOPLE.editor);
    reviewer = await login(app, PEOPLE.reviewer);
    place = (await anon.request('GET', '/api/v1/places?q=Lysychansk')).json()[0];
  });
  afterAll(() => app?.close());

  it('runs a draft from drawing to publication, and the public sees exactly the change', async () => {
    expect(place.name).toBe('Lysychansk');
    const before = (await anon.request('GET', '/api/v1/stats?date=2022-05-25&region=UA-09')).json();
    expect(before.version.validAt).toBe(MAY_25);
    const settlementsBefore = (await anon.request('GET', '/api/v1/settlements?date=2022-05-25&region=UA-09')).json().settlements;
    expect(settlementsBefore.find((s: { code: string }) => s.code === place.code).status).toBe('ukraine');
    const nextDay = (await anon.request('GET', '/api/v1/stats?date=2022-05-26&region=UA-09')).json();

    // Open a draft on the version in force on 25 May.
    expect((await anon.request('GET', '/api/v1/drafts')).statusCode).toBe(401);
    let r = await editor.request('POST', '/api/v1/drafts', { basedOn: before.version.id, title: 'Lysychansk encircled' });
    expect(r.statusCode).toBe(201);
    let draft = r.json();
    expect(draft).toMatchObject({ status: 'open', revision: 1, basedOn: before.version.id, createdBy: PEOPLE.editor });

    // A change without a source is kept in the draft, but the draft cannot be submitted.
    // 9 km around the centre reaches across the Donets into the contested and occupied ground of Sievierodonetsk.
    const area = circle(place.lon, place.lat, 9);
    const change = { status: 'occupied', geometry: area, validFrom: VALID_AT, confidence: 'likely' };
    r = await editor.request('POST', `/api/v1/drafts/${draft.id}/changes`, { revision: draft.revision, ...change, sources: [] });
    expect(r.statusCode).toBe(200);
    draft = r.json();
    r = await editor.request('POST', `/api/v1/drafts/${draft.id}/submit`, { revision: draft.revision });
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({ code: 'INVALID_DRAFT' });
    expect(r.json().message).toMatch(/change \d+ has no source/);

    // Undo it, draw it again with a source; undo and redo that.
    draft = (await editor.request('POST', `/api/v1/drafts/${draft.id}/undo`, { revision: draft.revision })).json();
    expect(draft.items.map((i: { state: string }) => i.state)).toEqual(['undone']);
    r = await editor.request('POST', `/api/v1/drafts/${draft.id}/changes`, { revision: draft.revision, ...change, sources: [SOURCE], note: 'ISW: Russian forces advance on Lysychansk' });
    draft = r.json();
    // A new edit after an undo drops the redo stack: the sourceless change is gone for good.
    expect(draft.items.map((i: { state: string }) => i.state)).toEqual(['active']);
    expect(draft.canRedo).toBe(false);
    draft = (await editor.request('POST', `/api/v1/drafts/${draft.id}/undo`, { revision: draft.revision })).json();
    expect(draft.canRedo).toBe(true);
    draft = (await editor.request('POST', `/api/v1/drafts/${draft.id}/redo`, { revision: draft.revision })).json();
    expect(draft.items).toHaveLength(1);
    expect(draft.items[0]).toMatchObject({ kind: 'change', state: 'active', status: 'occupied', confidence: 'likely', sources: [SOURCE], author: PEOPLE.editor });

    r = await editor.request('POST', `/api/v1/drafts/${draft.id}/submit`, { revision: draft.revision });
    expect(r.statusCode).toBe(200);
    draft = r.json();
    expect(draft.status).toBe('submitted');
    // Submitted drafts are frozen for editors.
    r = await editor.request('POST', `/api/v1/drafts/${draft.id}/changes`, { revision: draft.revision, ...change, sources: [SOURCE] });
    expect(r.statusCode).toBe(409);

    // The reviewer's diff: km² per transition and oblast, computed independently here.
    const control = (await anon.request('GET', '/api/v1/control?date=2022-05-25&bbox=37.5,48.25,40.25,50.25')).json();
    const layer = (statuses: string[]) => control.features.filter((f: { properties: { status: string } }) => statuses.includes(f.properties.status)).flatMap((f: { geometry: never }) => flatten(f.geometry));
    const { store } = copyOfTemplate();
    const oblast = flatten(wkbToGeometry(store.regionWkb('UA-09')!) as never);
    const country = flatten(wkbToGeometry(store.regionWkb('UA')!) as never);
    store.close();
    const inOblast = polyclip.intersection(flatten(area) as never, oblast as never, country as never) as MultiPolygon;
    const wasOccupied = km2(polyclip.intersection(inOblast as never, polyclip.union(layer(['occupied', 'occupiedBefore2022']) as never) as never) as MultiPolygon);
    const wasContested = km2(polyclip.intersection(inOblast as never, polyclip.union(layer(['contested']) as never) as never) as MultiPolygon);
    const expectedGain = km2(inOblast) - wasOccupied;
    expect(wasContested + wasOccupied).toBeGreaterThan(1);
    expect(expectedGain).toBeGreaterThan(100);

    const review = (await reviewer.request('GET', `/api/v1/drafts/${draft.id}/review`)).json();
    const moved = review.transitions.filter((t: { to: string }) => t.to === 'occupied')
      .reduce((a: number, t: { byRegion: { code: string; areaKm2: number }[] }) => a + (t.byRegion.find((x) => x.code === 'UA-09')?.areaKm2 ?? 0), 0);
    if (process.env.DEBUG_WS) console.log({ expectedGain, wasOccupied, wasContested, moved, transitions: JSON.stringify(review.transitions), settlements: review.settlements.length });
    expect(moved).toBeCloseTo(expectedGain, 1);
    expect(review.settlements.find((s: { code: string }) => s.code === place.code)).toMatchObject({ from: 'ukraine', to: 'occupied', population: place.population });
    expect(review.items[0].sources[0].url).toBe(SOURCE.url);
    // The map's pieces of the same diff: every piece inside the drawn area, their km² the review's.
    const pieces = (await reviewer.request('GET', `/api/v1/drafts/${draft.id}/review/geojson`)).json();
    const total = review.transitions.reduce((a: number, t: { areaKm2: number }) => a + t.areaKm2, 0);
    expect(pieces.features.reduce((a: number, f: { properties: { areaKm2: number } }) => a + f.properties.areaKm2, 0)).toBeCloseTo(total, 0);
    if (process.env.DEBUG_WS) console.log(JSON.stringify(pieces.features.map((f: { properties: unknown }) => f.properties)));
    expect(new Set(pieces.features.map((f: { properties: { side: string } }) => f.properties.side))).toEqual(new Set(['russia']));

    // Reject with reasons; the editor adds an event and resubmits.
    expect((await editor.request('POST', `/api/v1/drafts/${draft.id}/reject`, { revision: draft.revision, reasons: 'x' })).statusCode).toBe(403);
    r = await reviewer.request('POST', `/api/v1/drafts/${draft.id}/comments`, { itemId: draft.items[0].id, body: 'One source is not enough for "likely": add the General Staff report' });
    expect(r.statusCode).toBe(200);
    r = await reviewer.request('POST', `/api/v1/drafts/${draft.id}/reject`, { revision: draft.revision, reasons: 'needs a second source and the capture event' });
    expect(r.statusCode).toBe(200);
    draft = r.json();
    expect(draft.status).toBe('rejected');
    expect(draft.review.rejections[0]).toMatchObject({ by: PEOPLE.reviewer, reasons: 'needs a second source and the capture event' });
    r = await editor.request('POST', `/api/v1/drafts/${draft.id}/events`, {
      revision: draft.revision, place: { settlement: place.code }, time: VALID_AT, type: 'encirclement', side: 'russia',
      sources: [SOURCE, { url: 'https://www.facebook.com/GeneralStaff.ua/posts/1', publisher: 'General Staff of the Armed Forces of Ukraine' }], confidence: 'likely', note: 'Lysychansk under threat of encirclement',
    });
    expect(r.statusCode).toBe(200);
    draft = r.json();
    expect(draft.items[1]).toMatchObject({ kind: 'event', place: { settlement: place.code, name: 'Lysychansk' }, type: 'encirclement' });
    draft = (await editor.request('POST', `/api/v1/drafts/${draft.id}/submit`, { revision: draft.revision })).json();
    expect(draft.status).toBe('submitted');

    // The author cannot approve (four eyes), editors cannot; the reviewer approves and publishes.
    expect((await editor.request('POST', `/api/v1/drafts/${draft.id}/approve`, { revision: draft.revision })).statusCode).toBe(403);
    r = await reviewer.request('POST', `/api/v1/drafts/${draft.id}/approve`, { revision: draft.revision });
    expect(r.statusCode).toBe(200);
    draft = r.json();
    expect(draft.status).toBe('approved');

    const stream = await fetch(`${await listening(app)}/api/v1/events/stream`);
    const reader = stream.body!.getReader();
    r = await reviewer.request('POST', `/api/v1/drafts/${draft.id}/publish`, {
      revision: draft.revision, validAt: VALID_AT,
      changelog: { what: 'Lysychansk marked occupied', why: 'ISW and the General Staff report Russian forces in the city' },
    });
    expect(r.statusCode, r.body).toBe(200);
    const published = r.json();
    expect(published.version).toMatchObject({ validAt: VALID_AT, source: 'frontline' });
    expect(published.draft).toMatchObject({ status: 'published', publishedVersion: published.version.id });

    // Connected viewers hear about it.
    let text = '';
    while (!text.includes('event: version')) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    const event = JSON.parse(text.split('event: version\ndata: ')[1].split('\n')[0]);
    expect(event).toMatchObject({ id: published.version.id, validAt: VALID_AT, draft: draft.id });

    // Public: the version with its changelog, the figures, the settlement.
    const versions = (await anon.request('GET', '/api/v1/versions')).json();
    const v = versions.find((x: { id: number }) => x.id === published.version.id);
    expect(v.summary.changelog).toEqual({ what: 'Lysychansk marked occupied', why: 'ISW and the General Staff report Russian forces in the city', sources: [SOURCE.url, 'https://www.facebook.com/GeneralStaff.ua/posts/1'] });
    expect(v.summary.events[0]).toMatchObject({ type: 'encirclement' });
    const after = (await anon.request('GET', '/api/v1/stats?date=2022-05-25&region=UA-09')).json();
    expect(after.version.id).toBe(published.version.id);
    expect(after.byStatus.occupied.areaKm2 - before.byStatus.occupied.areaKm2).toBeCloseTo(expectedGain, 1);
    expect(before.byStatus.contested.areaKm2 - after.byStatus.contested.areaKm2).toBeCloseTo(wasContested, 1);
    expect(after.byStatus.ukraine.areaKm2 - before.byStatus.ukraine.areaKm2).toBeCloseTo(-(expectedGain - wasContested), 1);
    // Elsewhere nothing moved: Donetsk oblast is as it was.
    const donetsk = async () => (await anon.request('GET', '/api/v1/stats?date=2022-05-25&region=UA-14')).json().byStatus;
    expect(await donetsk()).toEqual((await copyStats('2022-05-25', 'UA-14')).byStatus);
    const settlementsAfter = (await anon.request('GET', '/api/v1/settlements?date=2022-05-25&region=UA-09')).json().settlements;
    expect(settlementsAfter.find((s: { code: string }) => s.code === place.code).status).toBe('occupied');
    // Its history names the change's sources.
    const history = (await anon.request('GET', `/api/v1/places/${encodeURIComponent(place.code)}/history`)).json().history;
    expect(history.find((h: { validAt: string }) => h.validAt === VALID_AT)).toEqual({
      date: '2022-05-25', validAt: VALID_AT, status: 'occupied', source: 'frontline',
      sources: [{ url: SOURCE.url, publisher: SOURCE.publisher, publishedAt: SOURCE.publishedAt, archiveUrl: SOURCE.archiveUrl }],
    });
    // The next DeepState snapshot is a full map of its own: 26 May is unchanged.
    expect((await anon.request('GET', '/api/v1/stats?date=2022-05-26&region=UA-09')).json()).toEqual(nextDay);
    // A published draft is closed.
    expect((await reviewer.request('POST', `/api/v1/drafts/${draft.id}/publish`, { revision: published.draft.revision, changelog: { what: 'a', why: 'b' } })).statusCode).toBe(409);

    // Every step is in the audit log, with who did it.
    const audit = (await reviewer.request('GET', `/api/v1/audit?target=draft:${draft.id}`)).json();
    expect(audit.map((e: { action: string }) => e.action)).toEqual([
      'draft.create', 'draft.change.add', 'draft.undo', 'draft.change.add', 'draft.undo', 'draft.redo', 'draft.submit',
      'draft.comment', 'draft.reject', 'draft.event.add', 'draft.submit', 'draft.approve', 'draft.publish',
    ]);
    expect(audit.find((e: { action: string }) => e.action === 'draft.publish')).toMatchObject({ actor: PEOPLE.reviewer, after: { version: published.version.id } });
    expect(audit.find((e: { action: string }) => e.action === 'draft.create').actor).toBe(PEOPLE.editor);
  });

  it('refuses to publish over a version published since the draft was opened, until the draft is rebased', async () => {
    const base = (await anon.request('GET', '/api/v1/stats?date=2022-05-28&region=UA-14')).json().version;
    const at = (seconds: number) => new Date(Date.parse(base.validAt) + seconds * 1000).toISOString();
    const [lyman] = (await anon.request('GET', '/api/v1/places?q=Lyman')).json();
    const [bakhmut] = (await anon.request('GET', '/api/v1/places?q=Bakhmut')).json();
    const other = await login(app, PEOPLE.editor2);
    const statusesBefore = (await anon.request('GET', `/api/v1/settlements?date=${base.validAt.slice(0, 10)}&region=UA-14`)).json().settlements;
    const before = (code: string) => statusesBefore.find((s: { code: string }) => s.code === code).status;
    expect([before(lyman.code), before(bakhmut.code)]).toEqual(['occupied', 'ukraine']);
    const open = async (who: Client, title: string, p: { lon: number; lat: number }, status: string, validFrom: string) => {
      let d = (await who.request('POST', '/api/v1/drafts', { basedOn: base.id, title })).json();
      d = (await who.request('POST', `/api/v1/drafts/${d.id}/changes`, { revision: d.revision, status, geometry: circle(p.lon, p.lat, 2), validFrom, sources: [SOURCE], confidence: 'likely' })).json();
      return (await who.request('POST', `/api/v1/drafts/${d.id}/submit`, { revision: d.revision })).json();
    };
    const approve = async (d: { id: number; revision: number }) => (await reviewer.request('POST', `/api/v1/drafts/${d.id}/approve`, { revision: d.revision })).json();
    const publish = (d: { id: number; revision: number }, validAt: string) => reviewer.request('POST', `/api/v1/drafts/${d.id}/publish`, { revision: d.revision, validAt, changelog: { what: 'w', why: 'y' } });
    let a = await approve(await open(editor, 'Lyman', lyman, 'ukraine', at(60)));
    let b = await approve(await open(other, 'Bakhmut', bakhmut, 'contested', at(120)));
    const first = await publish(a, at(60));
    expect(first.statusCode, first.body).toBe(200);
    const refused = await publish(b, at(120));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toMatch(/rebase/);
    b = (await other.request('POST', `/api/v1/drafts/${b.id}/rebase`, { revision: b.revision, basedOn: 'latest' })).json();
    expect(b).toMatchObject({ status: 'open' }); // back to review: it was approved on another base
    expect(b.basedOn).toBeGreaterThan(base.id);
    b = (await other.request('POST', `/api/v1/drafts/${b.id}/rebase`, { revision: b.revision, basedOn: first.json().version.id })).json();
    b = (await other.request('POST', `/api/v1/drafts/${b.id}/submit`, { revision: b.revision })).json();
    b = await approve(b);
    const second = await publish(b, at(120));
    expect(second.statusCode, second.body).toBe(200);
    // Both changes hold on that day: nothing was undone by the later publication.
    const day = base.validAt.slice(0, 10);
    const settlements = (await anon.request('GET', `/api/v1/settlements?date=${day}&region=UA-14`)).json();
    expect(settlements.version.id).toBe(second.json().version.id);
    const statusOf = (code: string) => settlements.settlements.find((s: { code: string }) => s.code === code).status;
    expect(statusOf(lyman.code)).toBe('ukraine');
    expect(statusOf(bakhmut.code)).toBe('contested');
    a = (await reviewer.request('GET', `/api/v1/drafts/${a.id}`)).json();
    expect(a.status).toBe('published');
  });

  it('holds a fresh version back for the team\'s publication delay; a reviewer can release it with a logged reason', async () => {
    const admin = await login(app, PEOPLE.admin);
    expect((await editor.request('PUT', '/api/v1/settings', { publicationDelayHours: 24 })).statusCode).toBe(403);
    expect((await admin.request('PUT', '/api/v1/settings', { publicationDelayHours: 24 })).json()).toEqual({ publicationDelayHours: 24, publicPointPrecisionDeg: 0.1, publicArrows: 'rounded', publicUnits: 'rounded' });
    const publicBefore = (await anon.request('GET', '/api/v1/versions')).json();
    const latest = publicBefore[publicBefore.length - 1];
    const today = new Date().toISOString().slice(0, 10);
    const statsBefore = (await anon.request('GET', `/api/v1/stats?date=${today}&region=UA-09`)).json();
    expect(statsBefore.version.id).toBe(latest.id);
    const publicViews = async () => Promise.all([
      `/tiles/control/${today}/6/38/22.mvt`, `/api/v1/control?date=${today}&bbox=37.5,48.25,40.25,50.25`, `/api/v1/frontline?date=${today}&region=UA-09`,
      `/api/v1/diff?from=2022-06-01&to=${today}&region=UA-09`, `/api/v1/settlements?date=${today}&region=UA-09&status=contested`,
    ].map(async (url) => (await anon.request('GET', url)).rawPayload.toString('base64')));
    const viewsBefore = await publicViews();

    // A change valid an hour ago, published now: public only 23 hours from now.
    const validAt = new Date(Date.now() - 3_600_000).toISOString();
    let d = (await editor.request('POST', '/api/v1/drafts', { basedOn: 'latest', title: 'this morning' })).json();
    expect(d.basedOn).toBe(latest.id);
    d = (await editor.request('POST', `/api/v1/drafts/${d.id}/changes`, { revision: d.revision, status: 'contested', geometry: circle(place.lon, place.lat, 4), validFrom: validAt, sources: [SOURCE], confidence: 'claimed' })).json();
    d = (await editor.request('POST', `/api/v1/drafts/${d.id}/submit`, { revision: d.revision })).json();
    d = (await reviewer.request('POST', `/api/v1/drafts/${d.id}/approve`, { revision: d.revision })).json();
    const r = await reviewer.request('POST', `/api/v1/drafts/${d.id}/publish`, { revision: d.revision, changelog: { what: 'Lysychansk contested', why: 'claimed by both sides' } });
    expect(r.statusCode, r.body).toBe(200);
    const held = r.json().version;
    expect(Date.parse(held.publicFrom)).toBe(Date.parse(validAt) + 24 * 3_600_000);

    // The public sees nothing of it: not in versions or dates, not in today's figures.
    expect((await anon.request('GET', '/api/v1/versions')).json().map((v: { id: number }) => v.id)).not.toContain(held.id);
    expect((await anon.request('GET', '/api/v1/dates')).json().dates).not.toContain(today);
    expect((await anon.request('GET', `/api/v1/stats?date=${today}&region=UA-09`)).json()).toEqual(statsBefore);
    expect((await anon.request('GET', `/api/v1/series?region=UA-09&from=${today}&to=${today}`)).json().rows[0].versionId).toBe(latest.id);
    expect((await anon.request('GET', `/api/v1/places/${encodeURIComponent(place.code)}/history`)).json().history.map((h: { date: string }) => h.date)).not.toContain(today);
    // Nor in tiles, control GeoJSON, front line, diff or settlement lists.
    expect(await publicViews()).toEqual(viewsBefore);
    // The team does.
    expect((await editor.request('GET', '/api/v1/versions/held')).json().map((v: { id: number }) => v.id)).toEqual([held.id]);
    expect((await anon.request('GET', '/api/v1/versions/held')).statusCode).toBe(401);

    expect((await editor.request('POST', `/api/v1/versions/${held.id}/release`, { reason: 'x' })).statusCode).toBe(403);
    const released = await reviewer.request('POST', `/api/v1/versions/${held.id}/release`, { reason: 'the General Staff confirmed it publicly' });
    expect(released.statusCode).toBe(200);
    expect((await anon.request('GET', '/api/v1/versions')).json().map((v: { id: number }) => v.id)).toContain(held.id);
    expect((await anon.request('GET', `/api/v1/stats?date=${today}&region=UA-09`)).json().version.id).toBe(held.id);
    expect((await publicViews()).filter((v, i) => v !== viewsBefore[i])).toHaveLength(5);
    const audit = (await reviewer.request('GET', `/api/v1/audit?target=version:${held.id}`)).json();
    expect(audit).toEqual([expect.objectContaining({ action: 'version.release', actor: PEOPLE.reviewer, after: { publicFrom: null, reason: 'the General Staff confirmed it publicly' } })]);
    await admin.request('PUT', '/api/v1/settings', { publicationDelayHours: 0 });
  });

  it('keeps an embargoed change out of everything public until a reviewer lifts it', async () => {
    const [bakhmut] = (await anon.request('GET', '/api/v1/places?q=Bakhmut')).json();
    const today = new Date().toISOString().slice(0, 10);
    const statusOn = async (code: string) => (await anon.request('GET', `/api/v1/settlements?date=${today}&region=${code === place.code ? 'UA-09' : 'UA-14'}`)).json()
      .settlements.find((s: { code: string }) => s.code === code).status;
    const lysychanskBefore = await statusOn(place.code);
    expect(lysychanskBefore).not.toBe('occupied');
    expect(await statusOn(bakhmut.code)).toBe('ukraine');
    const secret = { url: 'https://intel.example/report-17', publisher: 'a unit in the field', quote: 'our positions at the plant' };
    const validFrom = new Date(Date.now() - 30 * 60_000).toISOString();
    let d = (await editor.request('POST', '/api/v1/drafts', { basedOn: 'latest', title: 'embargo' })).json();
    d = (await editor.request('POST', `/api/v1/drafts/${d.id}/changes`, { revision: d.revision, status: 'contested', geometry: circle(bakhmut.lon, bakhmut.lat, 2), validFrom, sources: [SOURCE], confidence: 'likely' })).json();
    d = (await editor.request('POST', `/api/v1/drafts/${d.id}/changes`, {
      revision: d.revision, status: 'occupied', geometry: circle(place.lon, place.lat, 3), validFrom, sources: [secret], confidence: 'confirmed',
      embargo: { until: null, reason: 'asked by the brigade until the withdrawal is complete' },
    })).json();
    const embargoedItem = d.items[1].id;
    d = (await editor.request('POST', `/api/v1/drafts/${d.id}/submit`, { revision: d.revision })).json();
    // The team's review shows both changes, the embargoed one with its embargo.
    const review = (await reviewer.request('GET', `/api/v1/drafts/${d.id}/review`)).json();
    expect(review.settlements.map((s: { code: string }) => s.code)).toEqual(expect.arrayContaining([place.code, bakhmut.code]));
    expect(review.items[1].embargo).toEqual({ until: null, reason: 'asked by the brigade until the withdrawal is complete' });
    d = (await reviewer.request('POST', `/api/v1/drafts/${d.id}/approve`, { revision: d.revision })).json();
    const r = await reviewer.request('POST', `/api/v1/drafts/${d.id}/publish`, { revision: d.revision, changelog: { what: 'Bakhmut contested', why: 'ISW' } });
    expect(r.statusCode, r.body).toBe(200);
    const version = r.json().version;

    // Public: the open change shows, the embargoed one does not — not in figures, settlements, versions or tiles.
    expect(await statusOn(bakhmut.code)).toBe('contested');
    expect(await statusOn(place.code)).toBe(lysychanskBefore);
    const everythingPublic = (await Promise.all(['/api/v1/versions', `/api/v1/diff?from=2022-06-01&to=${today}`, `/api/v1/control?date=${today}&bbox=38,48.5,39,49.2`,
      `/api/v1/events?date=${today}`, `/api/v1/arrows?date=${today}`, `/api/v1/places/${encodeURIComponent(place.code)}/history`]
      .map(async (url) => (await anon.request('GET', url)).body))).join('\n');
    for (const leak of ['intel.example', 'brigade', 'our positions']) expect(everythingPublic).not.toContain(leak);
    expect((await anon.request('GET', '/api/v1/versions')).json().find((v: { id: number }) => v.id === version.id).summary).toMatchObject({ changes: 1, changelog: { sources: [SOURCE.url] } });

    // Lifting it gives an approved draft holding that change; publishing it shows the change.
    expect((await editor.request('POST', `/api/v1/drafts/${d.id}/items/${embargoedItem}/lift`, { reason: 'x' })).statusCode).toBe(403);
    const lifted = await reviewer.request('POST', `/api/v1/drafts/${d.id}/items/${embargoedItem}/lift`, { reason: 'the brigade has withdrawn' });
    expect(lifted.statusCode, lifted.body).toBe(200);
    const follow = lifted.json();
    expect(follow).toMatchObject({ status: 'approved', basedOn: version.id, items: [expect.objectContaining({ status: 'occupied', embargo: null, sources: [expect.objectContaining(secret)] })] });
    expect((await reviewer.request('POST', `/api/v1/drafts/${d.id}/items/${embargoedItem}/lift`, { reason: 'again' })).statusCode).toBe(409);
    const published = await reviewer.request('POST', `/api/v1/drafts/${follow.id}/publish`, { revision: follow.revision, validAt: new Date().toISOString(), changelog: { what: 'Lysychansk occupied', why: 'embargo lifted' } });
    expect(published.statusCode, published.body).toBe(200);
    expect(await statusOn(place.code)).toBe('occupied');
    expect(await statusOn(bakhmut.code)).toBe('contested');
  });

  it('publishes events at a free point only as precisely as the team allows; the team keeps them exact', async () => {
    const point = { lon: 38.123456, lat: 48.987654 };
    let d = (await editor.request('POST', '/api/v1/drafts', { basedOn: 'latest', title: 'strike' })).json();
    d = (await editor.request('POST', `/api/v1/drafts/${d.id}/events`, {
      revision: d.revision, place: point, time: new Date().toISOString(), type: 'shelling', side: 'russia', sources: [SOURCE], confidence: 'confirmed', note: 'artillery strike on a bridge',
    })).json();
    d = (await editor.request('POST', `/api/v1/drafts/${d.id}/submit`, { revision: d.revision })).json();
    d = (await reviewer.request('POST', `/api/v1/drafts/${d.id}/approve`, { revision: d.revision })).json();
    const r = await reviewer.request('POST', `/api/v1/drafts/${d.id}/publish`, { revision: d.revision, changelog: { what: 'strike', why: 'reported' } });
    expect(r.statusCode, r.body).toBe(200);
    const pub = (await anon.request('GET', '/api/v1/versions')).json().find((v: { id: number }) => v.id === r.json().version.id);
    // The default grid is 0.1°: the public point is the centre of the 0.1° cell holding the exact one.
    expect(pub.summary.events[0].place).toEqual({ lon: 38.15, lat: 48.95, precisionDeg: 0.1 });
    expect(JSON.stringify(pub)).not.toContain('38.123456');
    expect((await editor.request('GET', `/api/v1/drafts/${d.id}`)).json().items[0].place).toEqual(point);
  });

  it('records a claim in its own layer, per claimant, without changing assessed control', async () => {
    const [sloviansk] = (await anon.request('GET', '/api/v1/places?q=Sloviansk')).json();
    const today = new Date().toISOString().slice(0, 10);
    const assessed = async () => (await anon.request('GET', `/api/v1/stats?date=${today}&region=UA-14`)).json();
    const before = await assessed();
    const area = circle(sloviansk.lon, sloviansk.lat, 5);
    let d = (await editor.request('POST', '/api/v1/drafts', { basedOn: 'latest', title: 'MoD claim' })).json();
    d = (await editor.request('POST', `/api/v1/drafts/${d.id}/changes`, {
      revision: d.revision, status: 'occupied', geometry: area, validFrom: new Date().toISOString(), confidence: 'claimed',
      sources: [{ url: 'https://mil.ru/report/1', publisher: 'Russian Ministry of Defence', quote: 'units have taken full control of Sloviansk' }],
      claim: { claimant: 'ru-mod' }, note: "Russia's MoD claims the capture of Sloviansk",
    })).json();
    d = (await editor.request('POST', `/api/v1/drafts/${d.id}/submit`, { revision: d.revision })).json();
    // The review shows no assessed change.
    expect((await reviewer.request('GET', `/api/v1/drafts/${d.id}/review`)).json()).toMatchObject({ transitions: [], settlements: [] });
    d = (await reviewer.request('POST', `/api/v1/drafts/${d.id}/approve`, { revision: d.revision })).json();
    const r = await reviewer.request('POST', `/api/v1/drafts/${d.id}/publish`, { revision: d.revision, changelog: { what: 'MoD claim recorded', why: 'claim, not assessed' } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().version.summary).toMatchObject({ changes: 0, claims: 1 });

    const after = await assessed();
    expect(after.version.id).toBe(r.json().version.id);
    expect(after.byStatus).toEqual(before.byStatus);
    expect(after.settlements).toEqual(before.settlements);
    const claims = (await anon.request('GET', `/api/v1/claims?date=${today}`)).json();
    expect(claims.features).toHaveLength(1);
    expect(claims.features[0].properties).toMatchObject({ claimant: 'ru-mod', status: 'occupied', confidence: 'claimed' });
    expect((await anon.request('GET', `/api/v1/claims?date=${today}&claimant=ua-gs`)).json().features).toHaveLength(0);
    expect((await anon.request('GET', '/api/v1/claims?date=2022-06-01')).json().features).toHaveLength(0);
    const counted = (await anon.request('GET', `/api/v1/claims/stats?date=${today}&region=UA-14`)).json();
    expect(counted.byClaimant).toHaveLength(1);
    expect(counted.byClaimant[0]).toMatchObject({ claimant: 'ru-mod', claims: 1 });
    // A 5 km circle well inside Donetsk oblast: its geographiclib area.
    expect(counted.byClaimant[0].byStatus.occupied).toBeCloseTo(km2(flatten(area)), 1);
    expect((await anon.request('GET', `/api/v1/claims/stats?date=${today}&region=UA-09`)).json().byClaimant[0].byStatus.occupied).toBe(0);
  });

  it('imports a GeoJSON file of polygons into a draft, and refuses a file with a bad feature or an entity bomb', async () => {
    const [popasna] = (await anon.request('GET', '/api/v1/places?q=Popasna')).json();
    let d = (await editor.request('POST', '/api/v1/drafts', { basedOn: 'latest', title: 'from QGIS' })).json();
    const fc = {
      type: 'FeatureCollection', features: [
        { type: 'Feature', properties: { name: 'Popasna', status: 'occupied' }, geometry: circle(popasna.lon, popasna.lat, 3) },
        { type: 'Feature', properties: { name: 'west of Popasna' }, geometry: circle(popasna.lon - 0.08, popasna.lat, 2) },
      ],
    };
    const common = { validFrom: new Date().toISOString(), sources: [SOURCE], confidence: 'likely' };
    const bad = await editor.request('POST', `/api/v1/drafts/${d.id}/import`, { revision: d.revision, format: 'geojson', content: JSON.stringify({ ...fc, features: [...fc.features, { type: 'Feature', properties: { name: 'pin' }, geometry: { type: 'Point', coordinates: [38, 48] } }] }), defaultStatus: 'contested', ...common });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().message).toMatch(/nothing imported: feature 2 'pin': a Point geometry/);
    const bomb = await editor.request('POST', `/api/v1/drafts/${d.id}/import`, { revision: d.revision, format: 'kml', content: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "a">]><kml/>', ...common });
    expect(bomb.statusCode).toBe(422);
    const ok = await editor.request('POST', `/api/v1/drafts/${d.id}/import`, { revision: d.revision, format: 'geojson', content: JSON.stringify(fc), defaultStatus: 'contested', ...common });
    expect(ok.statusCode, ok.body).toBe(200);
    d = ok.json();
    expect(d.revision).toBe(2);
    expect(d.items.map((i: { status: string; note: string }) => [i.status, i.note])).toEqual([
      ['occupied', "imported from geojson: feature 0 'Popasna'"], ['contested', "imported from geojson: feature 1 'west of Popasna'"],
    ]);
    expect(d.items[0].areaKm2).toBeCloseTo(km2(flatten(circle(popasna.lon, popasna.lat, 3))), 1);
  });

  it('keeps the audit log append-only: SQLite refuses UPDATE and DELETE', async () => {
    const db = new Database(dbPath);
    try {
      const n = db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
      expect(n).toBeGreaterThan(5);
      expect(() => db.prepare("UPDATE audit_log SET actor = 'nobody'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit_log WHERE id = 1').run()).toThrow(/append-only/);
      expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(n);
      expect(db.prepare('SELECT count(*) FROM audit_log WHERE actor = ?').pluck().get('nobody')).toBe(0);
    } finally {
      db.close();
    }
    expect((await anon.request('GET', '/api/v1/audit')).statusCode).toBe(401);
    expect((await editor.request('GET', '/api/v1/audit')).statusCode).toBe(403);
  });
});

async function listening(app: FastifyInstance): Promise<string> {
  if (!app.server.listening) await app.listen({ port: 0, host: '127.0.0.1' });
  const a = app.server.address() as { port: number };
  return `http://127.0.0.1:${a.port}`;
}

async function copyStats(date: string, region: string) {
  const { stats } = await import('../src/queries/stats.js');
  const { store } = copyOfTemplate();
  try { return stats(store, { date, region }); } finally { store.close(); }
}
