import { versionsList } from '../../queries/lists.js';
import { parse } from '../args.js';
import { openStore } from '../store.js';
import { printJson, table } from '../output.js';

export const usage = 'frontline versions [--json]   the imported map versions';

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, {});
  const store = openStore();
  try {
    const r = versionsList(store);
    if (values.json) { printJson(r); return 0; }
    console.log(table(['id', 'valid at', 'source', 'file', 'polygons'], r.map((v) => [v.id, v.validAt, v.source, v.file, (v.summary.polygons as number) ?? null])));
    return 0;
  } finally {
    store.close();
  }
}
