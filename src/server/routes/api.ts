/** The JSON API: the same queries as the CLI (src/queries), the same JSON. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { stats } from '../../queries/stats.js';
import { series } from '../../queries/series.js';
import { diff, diffGeoJSON } from '../../queries/diff.js';
import { regionsList, settlementsOn, versionsList } from '../../queries/lists.js';
import { searchPlaces, statusHistory } from '../../queries/places.js';
import { controlGeoJSON } from '../../queries/control.js';
import { distance, frontline, frontlineGeoJSON } from '../../queries/analysis.js';
import { tempo, tempoJson } from '../../queries/tempo.js';
import { whatif } from '../../queries/whatif.js';
import { salients, salientsJson } from '../../queries/salients.js';
import { roads, roadsGeoJSON } from '../../queries/roads.js';
import type { Store } from '../../store/store.js';
import * as S from '../schemas.js';

export async function apiRoutes(app: FastifyInstance, opts: { store: Store; regionBoxes: () => Map<string, [number, number, number, number]>; now: () => number }): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { store } = opts;
  // Figures of a version never change; the newest version may be joined by later ones.
  const cacheable = { 'cache-control': 'public, max-age=300' };
  // The list of versions changes the moment the team publishes: browsers ask again every time
  // (a reloaded viewer showed a timeline up to 5 minutes old); the server answers from its cache.
  const revalidate = { 'cache-control': 'no-cache' };

  api.get('/versions', { schema: { summary: 'Published map versions', tags: ['versions'], response: { 200: S.VersionsBody } } },
    async (_req, reply) => reply.headers(revalidate).send(versionsList(store)));

  api.get('/dates', { schema: { summary: 'UTC dates with a map version (for a timeline)', tags: ['versions'], response: { 200: S.DatesBody } } },
    async (_req, reply) => reply.headers(revalidate).send({ dates: [...new Set(store.versions().map((v) => v.validAt.slice(0, 10)))] }));

  api.get('/control', { schema: { summary: 'Control areas in force on a date as GeoJSON (status per feature: occupied since 2022, occupiedBefore2022, contested, liberated)', tags: ['figures'], querystring: S.ControlQuery, response: { 200: Type.Object({ type: Type.Literal('FeatureCollection'), date: Type.String(), version: Type.Object({ id: Type.Integer(), validAt: Type.String() }), features: Type.Array(Type.Unknown()) }), ...S.errors } } },
    async (req, reply) => reply.headers(cacheable).type('application/geo+json').send(await controlGeoJSON(store, req.query)));

  api.get('/stats', { schema: { summary: 'Area and share per status of a region on a date (= frontline stats --json)', tags: ['figures'], querystring: S.StatsQuery, response: { 200: S.StatsBody, ...S.errors } } },
    async (req, reply) => reply.headers(cacheable).send(stats(store, req.query)));

  api.get('/series', { schema: { summary: 'One row per day (= frontline series --json)', tags: ['figures'], querystring: S.SeriesQuery, response: { 200: S.SeriesBody, ...S.errors } } },
    async (req, reply) => reply.headers(cacheable).send(series(store, req.query)));

  api.get('/diff', { schema: { summary: 'Ground and settlements that changed status (= frontline diff --json)', tags: ['figures'], querystring: S.DiffQuery, response: { 200: S.DiffBody, ...S.errors } } },
    async (req, reply) => reply.headers(cacheable).send(await diff(store, req.query)));

  api.get('/diff/geojson', { schema: { summary: 'The ground that changed hands, as GeoJSON (side: russia | ukraine)', tags: ['figures'], querystring: S.DiffGeoJSONQuery, response: { 200: S.FeatureCollectionBody, ...S.errors } } },
    async (req, reply) => reply.headers(cacheable).type('application/geo+json').send(await diffGeoJSON(store, req.query)));

  api.get('/settlements', { schema: { summary: 'Settlements with their status on a date', tags: ['figures'], querystring: S.SettlementsQuery, response: { 200: S.SettlementsBody, ...S.errors } } },
    async (req, reply) => reply.headers(cacheable).send(settlementsOn(store, req.query)));

  api.get('/regions', { schema: { summary: 'Country, oblasts and raions', tags: ['places'], response: { 200: S.RegionsBody, ...S.errors } } },
    async (_req, reply) => reply.headers(cacheable).send(regionsList(store)));

  api.get('/places', { schema: { summary: 'Find settlements and regions by any spelling', tags: ['places'], querystring: S.PlacesQuery, response: { 200: S.PlacesBody, ...S.errors } } },
    async (req, reply) => reply.headers(cacheable).send(searchPlaces(store, req.query.q, req.query.limit ?? 10, opts.regionBoxes())));

  api.get('/places/:code/history', { schema: { summary: 'The dates a settlement changed status, and the events published there, with sources', tags: ['places'], params: S.HistoryParams, response: { 200: S.HistoryBody, ...S.errors } } },
    async (req, reply) => reply.headers(cacheable).send(statusHistory(store, req.params.code, new Date(opts.now()).toISOString())));

  api.get('/frontline', { schema: { summary: 'Length of the front line on a date, total and per oblast (= frontline frontline --json); definitions in docs/analysis.md', tags: ['analysis'], querystring: S.FrontlineQuery, response: { 200: S.FrontlineBody, ...S.errors } } },
    async (req, reply) => {
      const { lines: _lines, ...summary } = await frontline(store, req.query);
      return reply.headers(cacheable).send(summary);
    });

  api.get('/frontline/geojson', { schema: { summary: 'The front line on a date as GeoJSON lines', tags: ['analysis'], querystring: S.FrontlineQuery, response: { 200: S.FeatureCollectionBody, ...S.errors } } },
    async (req, reply) => reply.headers(cacheable).type('application/geo+json').send(frontlineGeoJSON(await frontline(store, req.query))));

  api.get('/tempo', { schema: { summary: 'Ground gained per side with 7- and 30-day figures, depth of advance and its class (= frontline tempo --json); definitions in docs/analysis.md', tags: ['analysis'], querystring: S.TempoQuery, response: { 200: S.TempoBody, ...S.errors } } },
    async (req, reply) => reply.headers(cacheable).send(tempoJson(await tempo(store, req.query))));

  api.get('/tempo/geojson', { schema: { summary: 'The patches of ground each side gained between two dates, with depth lines, as GeoJSON', tags: ['analysis'], querystring: S.TempoQuery, response: { 200: S.FeatureCollectionBody, ...S.errors } } },
    async (req, reply) => reply.headers(cacheable).type('application/geo+json').send((await tempo(store, req.query)).advance.geojson()));

  api.get('/whatif', { schema: { summary: 'Falling back (or advancing) to a proposed line: ground ceded and gained, settlements, front length before and after (= frontline whatif --json)', tags: ['analysis'], querystring: S.WhatifQuery, response: { 200: S.WhatifBody, ...S.errors } } },
    async (req, reply) => { const { geojson: _g, ...r } = await whatif(store, req.query); return reply.headers(cacheable).send(r); });

  api.get('/whatif/geojson', { schema: { summary: 'The proposed line, the front it replaces and the ground that changes hands, as GeoJSON', tags: ['analysis'], querystring: S.WhatifQuery, response: { 200: S.FeatureCollectionBody, ...S.errors } } },
    async (req, reply) => reply.headers(cacheable).type('application/geo+json').send((await whatif(store, req.query)).geojson));

  api.get('/salients', { schema: { summary: 'Salients of either side with their necks, ranked, and how the necks changed (= frontline salients --json)', tags: ['analysis'], querystring: S.SalientsQuery, response: { 200: S.SalientsBody, ...S.errors } } },
    async (req, reply) => reply.headers(cacheable).send(salientsJson(await salients(store, req.query))));

  api.get('/salients/geojson', { schema: { summary: 'Salients as polygons and their necks as lines, as GeoJSON', tags: ['analysis'], querystring: S.SalientsQuery, response: { 200: S.FeatureCollectionBody, ...S.errors } } },
    async (req, reply) => reply.headers(cacheable).type('application/geo+json').send((await salients(store, req.query)).geojson()));

  api.get('/distance', { schema: { summary: 'How far enemy-held ground is from a place, and its 7- and 30-day change (= frontline distance --json)', tags: ['analysis'], querystring: S.DistanceQuery, response: { 200: S.DistanceBody, ...S.errors } } },
    async (req, reply) => reply.headers(cacheable).send(distance(store, req.query)));

  api.get('/roads', { schema: { summary: 'Roads cut or within artillery range of Russian-held ground on a date, and the roads into an area (= frontline roads --json); definitions in docs/analysis.md', tags: ['analysis'], querystring: S.RoadsQuery, response: { 200: S.RoadsBody, ...S.errors } } },
    async (req, reply) => reply.headers(cacheable).send(await roads(store, req.query)));

  api.get('/roads/geojson', { schema: { summary: 'Road stretches on a date as GeoJSON, one feature per stretch and status (cut, in-range with rangeKm, open)', tags: ['analysis'], querystring: S.RoadsGeoJSONQuery, response: { 200: S.FeatureCollectionBody, ...S.errors } } },
    async (req, reply) => reply.headers(cacheable).type('application/geo+json').send(await roadsGeoJSON(store, req.query)));

  api.get('/health', { schema: { hide: true, response: { 200: Type.Object({ ok: Type.Boolean(), versions: Type.Integer() }) } } },
    async () => ({ ok: true, versions: store.versions().length }));
}
