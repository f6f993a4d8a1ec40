import { describe, expect, it } from 'vitest';
import { CellEnginePool } from './cell-engine-pool.js';

describe('CellEnginePool', () => {
  it('rejects, and leaves no thread running, when a worker cannot start', async () => {
    const open = CellEnginePool.open({ countryWkb: new Uint8Array([1, 3, 0, 0, 0, 9]), regions: [], points: [] }, 2);
    await expect(open).rejects.toThrow(/reading WKB failed/);
  });
});
