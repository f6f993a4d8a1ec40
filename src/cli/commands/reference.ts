import { referenceDir } from '../../config.js';
import { FrontlineError } from '../../errors.js';
import { readReference } from '../../importers/reference.js';
import { parse } from '../args.js';
import { openStore } from '../store.js';
import { info, printJson } from '../output.js';
import type { Store } from '../../store/store.js';
import { resolve } from 'node:path';

export const usage = 'frontline reference load [--from DIR] [--json]   load boundaries, settlements and roads';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { from: { type: 'string' } }, true);
  if (positionals[0] !== 'load') throw new FrontlineError('BAD_ARGUMENT', `unknown subcommand '${positionals[0] ?? ''}': ${usage}`);
  const store = openStore();
  try {
    const summary = await loadReference(store, values.from ? resolve(values.from as string) : referenceDir());
    if (values.json) printJson(summary);
    else info(`reference loaded from ${summary.from}: ${summary.regions} regions, ${summary.settlements} settlements, ${summary.roads} road segments in ${summary.seconds.toFixed(1)} s`);
    return 0;
  } finally {
    store.close();
  }
}

export async function loadReference(store: Store, dir: string) {
  const started = performance.now();
  const ref = await readReference(dir, (step) => info(`reading ${step}…`));
  store.saveReference(ref);
  return {
    from: dir, regions: ref.regions.length, settlements: ref.settlements.length, roads: ref.roads.length,
    gazetteer: ref.provenance.gazetteer, seconds: (performance.now() - started) / 1000,
  };
}
