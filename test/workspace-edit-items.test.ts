/**
 * Reshaping a draft's items on real data (the 25 May 2022 map around Lysychansk): editing a saved
 * change or arrow, split along a line (the pieces' geodesic areas add up to the original), merge
 * (the union's area against an independent union, polyclip-ts + geographiclib), cutting a control
 * area of the base version, and undo/redo of each as one step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import * as polyclip from 'polyclip-ts';
import geodesic from 'geographiclib-geodesic';
import { buildServer } from '../src/server/app.js';
import { polygonsAreaKm2 } from '../src/core/geometry/area.js';
import { hasData, SKIP_REASON } from './helpers.js';
import { storeWithPeople, anonymous, circle, login, PEOPLE, SOURCE, type Client } from './workspace-helpers.js';

type Geo = { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };
const polys = (g: Geo): number[][][][] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
/** Geodesic area with the project's own formula (core/geometry/area.ts). */
const areaOf = (g: Geo) => polygonsAreaKm2(polys(g).map((p) => p.map((r) => Float64Array.from(r.flatMap(([x, y]) => [x, y])))) as never);
/** Geodesic area with geographiclib (independent of the project's code). */
const geodesicKm2 = (mp: number[][][][]) => mp.reduce((sum, poly) => sum + poly.reduce((s, ring, i) => {
  const p = geodesic.Geodesic.WGS84.Polygon(false);
  for (const [x, y] of ring.slice(0, -1)) p.AddPoint(y, x);
  const a = Math.abs(p.Compute(false, true).area ?? NaN) / 1e6;
  return s + (i === 0 ? a : -a);
}, 0), 0);

const VALID_AT = '2022-05-25T23:45:00.000Z';
type Item = { id: number; kind: string; state: string; status?: string; geometry?: Geo; line?: { coordinates: number[][] }; replaces?: number[]; [k: string]: unknown };

describe.skipIf(!hasData())('editing, splitting and merging draft items (real data)', () => {
  if (!hasData()) console.warn(`skipped: ${SKIP_REASON}`);
  let app: FastifyInstance;
  let editor: Client;
  let reviewer: Client;
  let place: { code: string; lon: number; lat: number };
  let baseId: number;

  beforeAll(async () => {
    app = await buildServer({ dbPath: await storeWithPeople(), webRoot: '/nonexistent', secureCookies: false });
    editor = await login(app, PEOPLE.editor);
    reviewer = await login(app, PEOPLE.reviewer);
    const anon = anonymous(app);
    place = (await anon.request('GET', '/api/v1/places?q=Lysychansk')).json()[0];
    baseId = (await anon.request('GET', '/api/v1/stats?date=2022-05-25&region=UA-09')).json().version.id;
  });
  afterAll(() => app?.close());

  const open = async (title: string) => (await editor.request('POST', '/api/v1/drafts', { basedOn: baseId, title })).json();
  const addChange = async (draft: { id: number; revision: number }, extra: Record<string, unknown>) => {
    const r = await editor.request('POST', `/api/v1/drafts/${draft.id}/changes`, { revision: draft.revision, status: 'occupied', geometry: circle(place.lon, place.lat, 9), validFrom: VALID_AT, sources: [SOURCE], confidence: 'likely', ...extra });
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };
  /** Undo or redo, which must succeed: the answer's message is in the failure. */
  const step = async (draft: { id: number; revision: number }, what: 'undo' | 'redo') => {
    const r = await editor.request('POST', `/api/v1/drafts/${draft.id}/${what}`, { revision: draft.revision });
    expect(r.statusCode, `${what}: ${r.body}`).toBe(200);
    return r.json();
  };
  const active = (d: { items: Item[] }) => d.items.filter((i) => i.state === 'active');
  const audit = async (draftId: number) => (await reviewer.request('GET', `/api/v1/audit?target=draft:${draftId}&limit=100`)).json() as { action: string; before: any; after: any }[];

  it('edits a saved change: new geometry and attributes, checked like a new one, audited before/after, undo brings the old one back', async () => {
    let draft = await addChange(await open('edit'), { note: 'first draw' });
    const old = active(draft)[0];
    // A vertex moved 2 km east, and a bow-tie ring elsewhere is repaired as when adding.
    const moved = structuredClone(old.geometry!) as { type: 'Polygon'; coordinates: number[][][] };
    moved.coordinates[0][0][0] += 0.03;
    moved.coordinates[0][moved.coordinates[0].length - 1][0] += 0.03;
    let r = await editor.request('PUT', `/api/v1/drafts/${draft.id}/items/${old.id}`, { revision: draft.revision, geometry: moved, status: 'contested', confidence: 'confirmed', note: 'moved east' });
    expect(r.statusCode, r.body).toBe(200);
    draft = r.json();
    const [edited] = active(draft);
    expect(edited).toMatchObject({ kind: 'change', status: 'contested', confidence: 'confirmed', note: 'moved east', replaces: [old.id], validFrom: VALID_AT, sources: [SOURCE] });
    expect(edited.geometry!.coordinates).not.toEqual(old.geometry!.coordinates);
    expect(edited.areaKm2).toBeGreaterThan(old.areaKm2 as number);
    // The old item is set aside, out of the view.
    expect(draft.items.map((i: Item) => i.id)).toEqual([edited.id]);
    const entry = (await audit(draft.id)).find((a) => a.action === 'draft.change.edit')!;
    expect(entry.before.items[0]).toMatchObject({ item: old.id, status: 'occupied', note: 'first draw' });
    expect(entry.after.items[0]).toMatchObject({ item: edited.id, status: 'contested', replaces: [old.id] });

    // Refused like a new change: coordinates that are not lon/lat, a bad source, an arrow's field.
    r = await editor.request('PUT', `/api/v1/drafts/${draft.id}/items/${edited.id}`, { revision: draft.revision, geometry: circle(500000, 6000000, 1) });
    expect(r.statusCode).toBe(400);
    r = await editor.request('PUT', `/api/v1/drafts/${draft.id}/items/${edited.id}`, { revision: draft.revision, sources: [{ url: 'ftp://x', publisher: 'p' }] });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toMatch(/not an http\(s\) URL/);
    r = await editor.request('PUT', `/api/v1/drafts/${draft.id}/items/${edited.id}`, { revision: draft.revision, side: 'russia' });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toMatch(/a change has no field side/);
    // A stale revision is a conflict carrying the draft as it is; the item is unchanged.
    r = await editor.request('PUT', `/api/v1/drafts/${draft.id}/items/${edited.id}`, { revision: draft.revision - 1, note: 'stale' });
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ code: 'CONFLICT', current: { revision: draft.revision } });
    // The replaced item cannot be edited any more.
    r = await editor.request('PUT', `/api/v1/drafts/${draft.id}/items/${old.id}`, { revision: draft.revision, note: 'x' });
    expect(r.statusCode).toBe(404);
    // …and a client still on the revision before the edit gets the conflict with the draft as it is, not a bare 404.
    r = await editor.request('PUT', `/api/v1/drafts/${draft.id}/items/${old.id}`, { revision: draft.revision - 1, note: 'x' });
    expect(r.statusCode).toBe(409);
    expect(r.json().current.items.map((i: Item) => i.id)).toEqual([edited.id]);

    // Undo restores the previous content; redo the edit; undo twice leaves nothing.
    draft = await step(draft, 'undo');
    expect(active(draft)).toHaveLength(1);
    expect(active(draft)[0]).toMatchObject({ id: old.id, status: 'occupied', note: 'first draw', geometry: old.geometry });
    expect(draft.canRedo).toBe(true);
    draft = await step(draft, 'redo');
    expect(active(draft).map((i) => i.id)).toEqual([edited.id]);
    draft = await step(draft, 'undo');
    draft = await step(draft, 'undo');
    expect(active(draft)).toHaveLength(0);
    expect(draft.canUndo).toBe(false);
    // Redo twice comes back to the edited state.
    draft = await step(draft, 'redo');
    draft = await step(draft, 'redo');
    expect(active(draft).map((i) => i.id)).toEqual([edited.id]);
    // An edit after an undo drops the redo stack but keeps the restored item.
    draft = await step(draft, 'undo');
    r = await editor.request('PUT', `/api/v1/drafts/${draft.id}/items/${old.id}`, { revision: draft.revision, note: 'second thoughts' });
    draft = r.json();
    expect(active(draft)).toHaveLength(1);
    expect(active(draft)[0]).toMatchObject({ note: 'second thoughts', replaces: [old.id], status: 'occupied' });
    expect(draft.canRedo).toBe(false);
  });

  it('edits an arrow: its line and side, checked; undo restores it', async () => {
    let draft = await open('arrow');
    const line = { type: 'LineString', coordinates: [[38.38, 48.63], [38.2, 48.75]] };
    draft = (await editor.request('POST', `/api/v1/drafts/${draft.id}/arrows`, { revision: draft.revision, line, side: 'russia', time: VALID_AT, sources: [SOURCE], confidence: 'likely' })).json();
    const arrow = active(draft)[0];
    const next = { type: 'LineString', coordinates: [[38.38, 48.63], [38.25, 48.7], [38.0, 48.6]] };
    let r = await editor.request('PUT', `/api/v1/drafts/${draft.id}/items/${arrow.id}`, { revision: draft.revision, line: next, confidence: 'confirmed' });
    expect(r.statusCode, r.body).toBe(200);
    draft = r.json();
    expect(active(draft)[0]).toMatchObject({ kind: 'arrow', line: next, side: 'russia', confidence: 'confirmed', replaces: [arrow.id] });
    r = await editor.request('PUT', `/api/v1/drafts/${draft.id}/items/${active(draft)[0].id}`, { revision: draft.revision, line: { type: 'LineString', coordinates: [[38, 48], [38, 48]] } });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toMatch(/starts where it ends/);
    r = await editor.request('PUT', `/api/v1/drafts/${draft.id}/items/${active(draft)[0].id}`, { revision: draft.revision, status: 'occupied' });
    expect(r.statusCode).toBe(400);
    draft = await step(draft, 'undo');
    expect(active(draft)[0]).toMatchObject({ id: arrow.id, line, confidence: 'likely' });
  });

  it('edits an event and a unit: place, type and designation, checked as when adding; undo restores them', async () => {
    let draft = await open('event and unit');
    let r = await editor.request('POST', `/api/v1/drafts/${draft.id}/events`, { revision: draft.revision, place: { settlement: place.code }, time: VALID_AT, type: 'capture', side: 'russia', sources: [SOURCE], confidence: 'claimed' });
    expect(r.statusCode, r.body).toBe(200);
    draft = r.json();
    const event = active(draft)[0];
    r = await editor.request('PUT', `/api/v1/drafts/${draft.id}/items/${event.id}`, { revision: draft.revision, type: 'counterattack', side: 'ukraine', note: 'corrected' });
    expect(r.statusCode, r.body).toBe(200);
    draft = r.json();
    // The settlement is kept, resolved again from its code.
    expect(active(draft)[0]).toMatchObject({ kind: 'event', type: 'counterattack', side: 'ukraine', note: 'corrected', confidence: 'claimed', place: { settlement: place.code }, replaces: [event.id] });
    r = await editor.request('PUT', `/api/v1/drafts/${draft.id}/items/${active(draft)[0].id}`, { revision: draft.revision, place: { lon: 10, lat: 48 } });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toMatch(/not a longitude, latitude in or near Ukraine/);
    r = await editor.request('PUT', `/api/v1/drafts/${draft.id}/items/${active(draft)[0].id}`, { revision: draft.revision, unit: '3rd brigade' });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toMatch(/an event has no field unit/);

    r = await editor.request('POST', `/api/v1/drafts/${draft.id}/units`, { revision: draft.revision, unit: '3rd Assault Brigade', side: 'ukraine', place: { lon: 38.3, lat: 48.9 }, time: VALID_AT, sources: [SOURCE], confidence: 'likely' });
    expect(r.statusCode, r.body).toBe(200);
    draft = r.json();
    const unit = draft.items.find((i: Item) => i.kind === 'unit' && i.state === 'active');
    r = await editor.request('PUT', `/api/v1/drafts/${draft.id}/items/${unit.id}`, { revision: draft.revision, unit: '  4th Brigade ', place: { lon: 38.35, lat: 48.85 } });
    expect(r.statusCode, r.body).toBe(200);
    draft = r.json();
    const edited = draft.items.find((i: Item) => i.kind === 'unit' && i.state === 'active');
    expect(edited).toMatchObject({ unit: '4th Brigade', place: { lon: 38.35, lat: 48.85 }, replaces: [unit.id] });
    r = await editor.request('PUT', `/api/v1/drafts/${draft.id}/items/${edited.id}`, { revision: draft.revision, unit: 'x'.repeat(121) });
    expect(r.statusCode).toBe(400);

    draft = await step(draft, 'undo');
    expect(draft.items.find((i: Item) => i.kind === 'unit' && i.state === 'active')).toMatchObject({ id: unit.id, unit: '3rd Assault Brigade' });
    expect((await audit(draft.id)).map((a) => a.action)).toEqual(expect.arrayContaining(['draft.event.edit', 'draft.unit.edit']));
  });

  it('splits a change along a line: the pieces keep the attributes and their areas add up to the original; undo is one step', async () => {
    let draft = await addChange(await open('split'), { note: 'to split', embargo: { until: null, reason: 'ops' } });
    const whole = active(draft)[0];
    // A bent line across the circle, from outside to outside, through the centre.
    const line = { type: 'LineString', coordinates: [[place.lon - 0.2, place.lat - 0.02], [place.lon, place.lat + 0.01], [place.lon + 0.2, place.lat - 0.03]] };
    // A line that only goes in (ending at the centre) is refused, with a reason, and nothing changes.
    const stub = { type: 'LineString', coordinates: [[place.lon - 0.2, place.lat], [place.lon, place.lat]] };
    let r = await editor.request('POST', `/api/v1/drafts/${draft.id}/items/${whole.id}/split`, { revision: draft.revision, line: stub });
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({ code: 'INVALID_DRAFT' });
    expect(r.json().message).toMatch(/does not cut the polygon in two/);
    const far = { type: 'LineString', coordinates: [[30, 50], [30.1, 50.1]] };
    r = await editor.request('POST', `/api/v1/drafts/${draft.id}/items/${whole.id}/split`, { revision: draft.revision, line: far });
    expect(r.statusCode).toBe(422);

    r = await editor.request('POST', `/api/v1/drafts/${draft.id}/items/${whole.id}/split`, { revision: draft.revision, line });
    expect(r.statusCode, r.body).toBe(200);
    draft = r.json();
    const parts = active(draft);
    expect(parts).toHaveLength(2);
    for (const p of parts) expect(p).toMatchObject({ status: 'occupied', validFrom: VALID_AT, sources: [SOURCE], confidence: 'likely', note: 'to split', embargo: { until: null, reason: 'ops' }, replaces: [whole.id] });
    const original = areaOf(whole.geometry!);
    const sum = parts.reduce((s, p) => s + areaOf(p.geometry!), 0);
    console.log(`split: ${original.toFixed(4)} km² → ${parts.map((p) => areaOf(p.geometry!).toFixed(4)).join(' + ')} = ${sum.toFixed(4)} km² (${((Math.abs(sum - original) / original) * 100).toExponential(2)} %)`);
    expect(Math.abs(sum - original) / original).toBeLessThan(1e-4);
    // Both pieces are real halves, not a sliver.
    for (const p of parts) expect(areaOf(p.geometry!)).toBeGreaterThan(original * 0.3);

    draft = await step(draft, 'undo');
    expect(active(draft).map((i) => i.id)).toEqual([whole.id]);
    draft = await step(draft, 'redo');
    expect(active(draft).map((i) => i.id).sort()).toEqual(parts.map((p) => p.id).sort());
    expect((await audit(draft.id)).some((a) => a.action === 'draft.change.split' && a.after.items.length === 2)).toBe(true);
  });

  it('merges changes of one status: the union\'s area matches an independent union; sources once, weakest confidence, latest date; different statuses are refused', async () => {
    let draft = await open('merge');
    const a = circle(place.lon - 0.05, place.lat, 6);
    const b = circle(place.lon + 0.05, place.lat, 6);
    const other = { url: 'https://t.me/some_channel/123', publisher: 'A channel' };
    draft = await addChange(draft, { geometry: a, confidence: 'confirmed', validFrom: '2022-05-24T00:00:00Z', note: 'west' });
    draft = await addChange(draft, { geometry: b, confidence: 'claimed', sources: [SOURCE, other], note: 'east' });
    draft = await addChange(draft, { geometry: circle(place.lon, place.lat + 0.2, 3), status: 'contested' });
    const [ia, ib, ic] = active(draft);
    let r = await editor.request('POST', `/api/v1/drafts/${draft.id}/merge`, { revision: draft.revision, items: [ia.id, ic.id] });
    expect(r.statusCode).toBe(422);
    expect(r.json().message).toMatch(/different statuses \(occupied, contested\)/);
    r = await editor.request('POST', `/api/v1/drafts/${draft.id}/merge`, { revision: draft.revision, items: [ia.id, ib.id] });
    expect(r.statusCode, r.body).toBe(200);
    draft = r.json();
    const merged = active(draft).find((i) => i.replaces)!;
    expect(active(draft)).toHaveLength(2);
    expect(merged).toMatchObject({ status: 'occupied', confidence: 'claimed', validFrom: VALID_AT, sources: [SOURCE, other], note: 'west / east', replaces: [ia.id, ib.id] });
    expect(merged.geometry!.type).toBe('Polygon');
    const union = polyclip.union(polys(ia.geometry!) as never, polys(ib.geometry!) as never) as unknown as number[][][][];
    const expected = geodesicKm2(union);
    const got = areaOf(merged.geometry!);
    console.log(`merge: ${areaOf(ia.geometry!).toFixed(3)} + ${areaOf(ib.geometry!).toFixed(3)} km² → ${got.toFixed(4)} km² (independent union ${expected.toFixed(4)} km²)`);
    expect(Math.abs(got - expected) / expected).toBeLessThan(1e-4);
    expect(got).toBeLessThan(areaOf(ia.geometry!) + areaOf(ib.geometry!));

    draft = await step(draft, 'undo');
    expect(active(draft).map((i) => i.id)).toEqual([ia.id, ib.id, ic.id]);
  });

  it('cuts a control area of the base version: the piece beyond the line becomes an ordinary change', async () => {
    let draft = await open('front moved');
    // The Lysychansk–Sievierodonetsk ground held by Ukraine on 25 May, cut by a north–south line west of Lysychansk.
    const line = { type: 'LineString', coordinates: [[38.25, 49.15], [38.25, 48.55]] };
    const body = { line, point: { lon: place.lon, lat: place.lat }, status: 'occupied', validFrom: VALID_AT, sources: [SOURCE], confidence: 'likely' };
    let r = await editor.request('POST', `/api/v1/drafts/${draft.id}/split-base`, { revision: draft.revision, ...body });
    console.log('split-base', r.statusCode, r.statusCode === 200 ? active(r.json()).map((i) => i.areaKm2) : r.body);
    expect(r.statusCode, r.body).toBe(200);
    draft = r.json();
    const [piece] = active(draft);
    expect(piece).toMatchObject({ kind: 'change', status: 'occupied', sources: [SOURCE] });
    expect(piece.replaces).toBeUndefined();
    // Every vertex is east of the line (within the noding of the crossing points).
    for (const p of polys(piece.geometry!)) for (const [x] of p[0]) expect(x).toBeGreaterThan(38.25 - 1e-9);
    // The review counts the piece's ukraine → occupied ground.
    const review = (await editor.request('GET', `/api/v1/drafts/${draft.id}/review`)).json();
    const gained = review.transitions.filter((t: { to: string }) => t.to === 'occupied').reduce((s: number, t: { areaKm2: number }) => s + t.areaKm2, 0);
    expect(gained).toBeGreaterThan(0);
    expect(review.settlements.some((s: { name: string }) => s.name === 'Lysychansk')).toBe(true);
    // The piece has the DeepState archive's real edges: split it along the latitude of Lysychansk, the parts add up.
    r = await editor.request('POST', `/api/v1/drafts/${draft.id}/items/${piece.id}/split`, { revision: draft.revision, line: { type: 'LineString', coordinates: [[38.2, place.lat], [38.8, place.lat + 0.02]] } });
    expect(r.statusCode, r.body).toBe(200);
    draft = r.json();
    const parts = active(draft);
    expect(parts.length).toBeGreaterThanOrEqual(2);
    const sum = parts.reduce((s, p) => s + areaOf(p.geometry!), 0);
    const original = areaOf(piece.geometry!);
    console.log(`split of the real piece (${polys(piece.geometry!).flat().reduce((n, ring) => n + ring.length, 0)} vertices): ${original.toFixed(4)} km² → ${parts.map((p) => areaOf(p.geometry!).toFixed(4)).join(' + ')} = ${sum.toFixed(4)} km²`);
    expect(Math.abs(sum - original) / original).toBeLessThan(1e-4);
    // Already the status there: refused; a line that does not cut near the point: refused.
    r = await editor.request('POST', `/api/v1/drafts/${draft.id}/split-base`, { revision: draft.revision, ...body, status: 'ukraine' });
    expect(r.statusCode).toBe(422);
    r = await editor.request('POST', `/api/v1/drafts/${draft.id}/split-base`, { revision: draft.revision, ...body, line: { type: 'LineString', coordinates: [[38.3, 48.95], [38.36, 48.93]] } });
    expect(r.statusCode).toBe(422);
    expect(r.json().message).toMatch(/does not cut the area next to the point/);
    console.log('split-base refusal:', r.json().message);
    // A line across half the country is refused before any area is read.
    r = await editor.request('POST', `/api/v1/drafts/${draft.id}/split-base`, { revision: draft.revision, ...body, line: { type: 'LineString', coordinates: [[34, 49], [39.5, 48.9]] } });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toMatch(/span more than 2°/);
  });
});
