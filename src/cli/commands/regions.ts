import { regionsList } from '../../queries/lists.js';
import { parse } from '../args.js';
import { openStore } from '../store.js';
import { printJson, table } from '../output.js';

export const usage = 'frontline regions [--level country|oblast|raion] [--json]   regions and their codes';

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, { level: { type: 'string' } });
  const store = openStore();
  try {
    const r = regionsList(store).filter((x) => !values.level || x.level === values.level);
    if (values.json) { printJson(r); return 0; }
    console.log(table(['code', 'level', 'name', 'name (uk)', 'parent', 'km²'], r.map((x) => [x.code, x.level, x.name, x.nameUk, x.parent, x.areaKm2])));
    return 0;
  } finally {
    store.close();
  }
}
