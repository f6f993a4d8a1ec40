/** Vector tiles (MVT): the control layer of a date and the reference basemap, with ETags and a memory cache. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { FrontlineError } from '../../errors.js';
import { requireDate, requireVersionOn } from '../../queries/context.js';
import type { Store, VersionRecord } from '../../store/store.js';
import { TILE_MAX_ZOOM } from '../tiles/control-tiles.js';
import { Lru } from '../tiles/lru.js';
import type { AnyTileRequest, TileSource } from '../tiles/tile-source.js';
import * as S from '../schemas.js';

const MVT = 'application/vnd.mapbox-vector-tile';
const EMPTY = new Uint8Array(0);

export async function tileRoutes(app: FastifyInstance, opts: { store: Store; tiles: TileSource }): Promise<void> {
  const tiles = app.withTypeProvider<TypeBoxTypeProvider>();
  const cache = new Lru<string, Uint8Array>(50_000);
  const referenceTag = `"ref-${opts.store.versions().length}-${Date.now().toString(36)}"`;

  // Date → version, remembered until a version is added (a query per tile would halve throughput).
  let byDate = new Map<string, VersionRecord>();
  let stamp = -1;
  const versionOn = (date: string): VersionRecord => {
    const now = opts.store.versionStamp();
    if (now !== stamp) { byDate = new Map(); stamp = now; }
    let v = byDate.get(date);
    if (!v) { v = requireVersionOn(opts.store, requireDate(date, 'date')); byDate.set(date, v); }
    return v;
  };

  // A tile asked for again while it is being cut waits for that cut (a burst of viewers after a
  // publication asks for the same new tiles), instead of queueing a second job for the worker.
  const cutting = new Map<string, Promise<Uint8Array>>();
  const cut = (key: string, request: AnyTileRequest): Promise<Uint8Array> => {
    let job = cutting.get(key);
    if (!job) {
      job = opts.tiles.tile(request).then((bytes) => { cache.set(key, bytes ?? EMPTY); return bytes ?? EMPTY; })
        .finally(() => cutting.delete(key));
      cutting.set(key, job);
    }
    return job;
  };

  const send = (req: FastifyRequest, reply: FastifyReply, etag: string, body: Uint8Array, maxAge: number) => {
    reply.header('etag', etag).header('cache-control', `public, max-age=${maxAge}`).header('vary', 'accept-encoding');
    if (req.headers['if-none-match'] === etag) return reply.status(304).send();
    if (body.length === 0) return reply.status(204).send();
    return reply.type(MVT).send(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
  };
  const checkTile = (z: number, x: number, y: number) => {
    if (z > TILE_MAX_ZOOM) throw new FrontlineError('BAD_ARGUMENT', `zoom ${z} is above the tiles' maximum ${TILE_MAX_ZOOM} (the map overzooms)`);
    if (x >= 2 ** z || y >= 2 ** z) throw new FrontlineError('BAD_ARGUMENT', `tile ${z}/${x}/${y} does not exist`);
  };

  tiles.get('/tiles/control/:date/:z/:x/:y.mvt', {
    schema: { summary: 'Control tile of the map in force on a date', tags: ['tiles'], params: S.ControlTileParams, response: { ...S.errors, 200: Type.Unknown() } },
  }, async (req, reply) => {
    const { date, z, x, y } = req.params;
    checkTile(z, x, y);
    const version = versionOn(date);
    // A version's content hash names its tiles: the same bytes for as long as the version exists.
    const etag = `"${version.contentHash.slice(0, 16)}-${z}-${x}-${y}"`;
    const key = `${version.id}/${z}/${x}/${y}`;
    const body = cache.get(key) ?? await cut(key, { kind: 'control', versionId: version.id, z, x, y });
    return send(req, reply, etag, body, 3600);
  });

  tiles.get('/tiles/reference/:z/:x/:y.mvt', {
    schema: { summary: 'Basemap tile: country, oblasts, raions, settlements, villages (z ≥ 10), roads', tags: ['tiles'], params: S.TileParams, response: { ...S.errors, 200: Type.Unknown() } },
  }, async (req, reply) => {
    const { z, x, y } = req.params;
    checkTile(z, x, y);
    const key = `ref/${z}/${x}/${y}`;
    const body = cache.get(key) ?? await cut(key, { kind: 'reference', z, x, y });
    return send(req, reply, `${referenceTag.slice(0, -1)}-${z}-${x}-${y}"`, body, 86400);
  });
}
