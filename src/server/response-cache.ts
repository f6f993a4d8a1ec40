/**
 * Caches successful GET /api/v1 responses by URL. Every answer is a function of the store's
 * versions, so the cache is dropped whenever a version is added (an import while
 * serving) or a published item's embargo ends; a hot `stats` then costs a map lookup instead of a query. Answers marked `no-store` or
 * `private` (the workspace's, which depend on who asks) are never kept.
 */
import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/store.js';
import { Lru } from './tiles/lru.js';

interface Cached { body: string; type: string; cacheControl: string | undefined }

export function registerResponseCache(app: FastifyInstance, store: Store, now: () => number = Date.now, max = 5_000): void {
  let cache = new Lru<string, Cached>(max);
  let generation = '';
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' || !request.url.startsWith('/api/v1/') || request.url.startsWith('/api/v1/docs')) return;
    // An embargo that ends changes public answers (a settlement's history) without a new version.
    const stamp = `${store.versionStamp()}:${store.workspace().publicItemsStamp(new Date(now()).toISOString())}`;
    if (stamp !== generation) { cache = new Lru(max); generation = stamp; }
    const hit = cache.get(request.url);
    if (hit) {
      if (hit.cacheControl) reply.header('cache-control', hit.cacheControl);
      return reply.type(hit.type).header('x-cache', 'hit').send(hit.body);
    }
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method === 'GET' && reply.statusCode === 200 && typeof payload === 'string' && request.url.startsWith('/api/v1/')
      && !request.url.startsWith('/api/v1/docs') && reply.getHeader('x-cache') !== 'hit'
      && !/no-store|private/.test(String(reply.getHeader('cache-control') ?? ''))) {
      cache.set(request.url, { body: payload, type: String(reply.getHeader('content-type') ?? 'application/json'), cacheControl: reply.getHeader('cache-control') as string | undefined });
    }
    return payload;
  });
}
