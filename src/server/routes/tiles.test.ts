import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { copyOfTemplate, hasData, SKIP_REASON } from '../../../test/helpers.js';
import * as geos from '../../core/geometry/geos.js';
import { inProcessTiles, type AnyTileRequest, type TileSource } from '../tiles/tile-source.js';
import { tileRoutes } from './tiles.js';

describe.skipIf(!hasData())('tile routes (real data)', () => {
  if (!hasData()) console.warn(`skipped: ${SKIP_REASON}`);
  const { store } = copyOfTemplate();
  afterAll(() => store.close());

  it('cuts a tile asked for by many clients at once only once, and serves it from memory afterwards', async () => {
    await geos.initGeometry();
    const inner = inProcessTiles(store);
    const asked: AnyTileRequest[] = [];
    const counting: TileSource = { ...inner, tile: (r) => { asked.push(r); return inner.tile(r); } };
    const app = Fastify();
    await app.register(tileRoutes, { store, tiles: counting });
    const url = '/tiles/control/2022-05-25/9/309/173.mvt';
    const answers = await Promise.all(Array.from({ length: 20 }, () => app.inject({ method: 'GET', url })));
    expect(new Set(answers.map((a) => a.statusCode))).toEqual(new Set([200]));
    expect(new Set(answers.map((a) => a.rawPayload.toString('base64'))).size).toBe(1);
    expect(answers[0].rawPayload.length).toBeGreaterThan(100);
    expect(asked).toHaveLength(1);
    await app.inject({ method: 'GET', url });
    expect(asked).toHaveLength(1);
    await app.close();
  });
});
