/**
 * The HTTP server: JSON API under /api/v1 (schemas → validation and OpenAPI), vector tiles under
 * /tiles, the web viewer at /. One store, opened read-only by the routes.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import * as geos from '../core/geometry/geos.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';
import { registerErrorHandling } from './errors.js';
import { registerResponseCache } from './response-cache.js';
import { apiRoutes } from './routes/api.js';
import { tileRoutes } from './routes/tiles.js';
import { workspaceRoutes } from './routes/workspace.js';
import { registerAuth } from './auth.js';
import { LiveHub } from './live.js';
import { Accounts, type AccountOptions } from '../workspace/accounts.js';
import { Drafts } from '../workspace/drafts.js';
import { inProcessTiles, type TileSource } from './tiles/tile-source.js';
import { threadedTiles } from './tiles/tile-worker-pool.js';

export interface ServerOptions {
  dbPath?: string;
  store?: Store;
  /** The built web viewer (vite build output); not served when missing. */
  webRoot?: string;
  logger?: boolean;
  /** Session cookies with the Secure flag: true, false, or 'auto' (when the request came over https; the default). */
  secureCookies?: boolean | 'auto';
  /** Session length and login limits of the workspace (docs/workspace.md). */
  accounts?: AccountOptions;
  /** The clock (ms since the epoch) that decides embargoes, delays and sessions; tests fix it. */
  now?: () => number;
  /** How often changes whose embargo has ended are published (ms; default one minute). */
  embargoSweepMs?: number;
  /**
   * Worker threads that cut cold tiles (default FRONTLINE_TILE_WORKERS, else 1); 0 cuts them on the
   * event loop. Workers need the store as a file (`dbPath`).
   */
  tileWorkers?: number;
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const store = options.store ?? openSqliteStore(options.dbPath ?? DEFAULT_DB);
  await geos.initGeometry();
  const app = Fastify({ logger: options.logger ?? false, ajv: { customOptions: { coerceTypes: true, removeAdditional: false } } });
  let closed = false;
  app.addHook('onClose', async () => { closed = true; if (!options.store) store.close(); });
  registerErrorHandling(app);
  const now = options.now ?? Date.now;

  await app.register(swagger, {
    openapi: {
      info: { title: 'Frontline API', version: '1', description: 'Territorial control in Ukraine over time: map versions, figures per region, settlements, vector tiles.' },
      tags: [{ name: 'versions' }, { name: 'figures' }, { name: 'analysis' }, { name: 'places' }, { name: 'tiles' }, { name: 'workspace' }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/v1/docs' });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const tiles = tileSource(options, store);
  app.addHook('onClose', async () => tiles.close());
  const regionBoxes = lazyRegionBoxes(store);
  await app.register(tileRoutes, { store, tiles });

  // The analyst workspace: accounts, drafts, review, publication (docs/workspace.md).
  const live = new LiveHub();
  app.addHook('preClose', async () => live.close());
  const accounts = new Accounts(store, { now, ...options.accounts });
  const drafts = new Drafts(store, (v) => live.broadcast('version', v), { now });
  // Changes whose embargo end date passed are published by the server (Drafts.liftExpiredEmbargoes):
  // at start-up, then every minute; one sweep at a time, and none while closing.
  let sweep: Promise<unknown> | null = null;
  const runSweep = () => { if (!closed && !sweep) sweep = drafts.liftExpiredEmbargoes().catch((err) => app.log.error({ err }, 'embargo sweep')).finally(() => { sweep = null; }); };
  const sweepTimer = setInterval(runSweep, options.embargoSweepMs ?? 60_000);
  sweepTimer.unref();
  app.addHook('onReady', async () => { runSweep(); });
  app.addHook('preClose', async () => { clearInterval(sweepTimer); closed = true; await sweep; });
  // The response cache and who-is-asking hooks concern /api/v1 alone: tiles and static files skip them.
  await app.register(async (api) => {
    registerResponseCache(api, store, now);
    await registerAuth(api, accounts);
    await api.register(apiRoutes, { store, regionBoxes, now });
    await api.register(workspaceRoutes, { store, accounts, drafts, live, secureCookies: options.secureCookies ?? 'auto', now });
  }, { prefix: '/api/v1' });

  const webRoot = resolve(options.webRoot ?? 'dist/web');
  if (existsSync(resolve(webRoot, 'index.html'))) {
    // The build writes .br and .gz beside its scripts and pages (vite.config.ts): sent when accepted.
    await app.register(fastifyStatic, { root: webRoot, prefix: '/', maxAge: '1h', preCompressed: true });
    // The analyst workspace (docs/web.md), a second page of the same build.
    if (existsSync(resolve(webRoot, 'edit.html'))) app.get('/edit', { schema: { hide: true } }, async (_req, reply) => reply.header('cache-control', 'no-cache').sendFile('edit.html'));
  } else {
    app.get('/', async (_req, reply) => reply.type('text/plain').send(`The web viewer is not built (${webRoot}): run npm run build. The API is at /api/v1/docs.`));
  }
  // Build the basemap indexes after start-up, not on the first tile request.
  app.addHook('onReady', async () => {
    setImmediate(() => { if (!closed) tiles.warm(); });
  });
  return app;
}

function tileSource(options: ServerOptions, store: Store): TileSource {
  const fromEnv = Number(process.env.FRONTLINE_TILE_WORKERS ?? NaN);
  const workers = options.tileWorkers ?? (Number.isInteger(fromEnv) && fromEnv >= 0 ? fromEnv : 1);
  const file = options.store ? null : options.dbPath ?? DEFAULT_DB;
  return workers > 0 && file && file !== ':memory:'
    ? threadedTiles(resolve(file), workers, (d) => store.saveDerived(d.kind, d.rows))
    : inProcessTiles(store);
}

const DEFAULT_DB = 'data/frontline.db';

/** Each region's bounding box, for fitting the map to a region found by search. */
function lazyRegionBoxes(store: Store): () => Map<string, [number, number, number, number]> {
  let boxes: Map<string, [number, number, number, number]> | null = null;
  return () => {
    if (boxes) return boxes;
    boxes = new Map();
    for (const r of store.regions()) {
      const g = geos.fromWkb(store.regionWkb(r.code)!);
      const e = geos.envelope(g);
      geos.free(g);
      if (e) boxes.set(r.code, [e.minX, e.minY, e.maxX, e.maxY]);
    }
    return boxes;
  };
}
