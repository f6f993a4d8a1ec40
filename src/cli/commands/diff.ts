import { diff } from '../../queries/diff.js';
import { parse } from '../args.js';
import { openStore } from '../store.js';
import { fmt, printJson, table } from '../output.js';

export const usage = 'frontline diff --from D1 --to D2 [--region R] [--json]   ground and settlements that changed status';

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, { from: { type: 'string' }, to: { type: 'string' }, region: { type: 'string' } });
  const store = openStore();
  try {
    const r = await diff(store, { from: values.from as string | undefined, to: values.to as string | undefined, region: values.region as string | undefined });
    if (values.json) { printJson(r); return 0; }
    console.log(`${r.region.name}: ${r.from.date} (map of ${r.from.validAt}) → ${r.to.date} (map of ${r.to.validAt})`);
    console.log(table(['from', 'to', 'km²', 'where (km²)'], r.transitions.filter((t) => t.areaKm2 > 0).map((t) => [
      t.from, t.to, t.areaKm2, t.byRegion.slice(0, 4).map((x) => `${x.code} ${fmt(x.areaKm2)}`).join(', '),
    ])));
    console.log(`\n${r.settlements.length} settlements changed status`);
    if (r.settlements.length) {
      console.log(table(['settlement', 'from', 'to', 'population', 'oblast'], r.settlements.slice(0, 40).map((s) => [s.name, s.from, s.to, s.population, s.oblast])));
      if (r.settlements.length > 40) console.log(`… ${r.settlements.length - 40} more (--json lists all)`);
    }
    return 0;
  } finally {
    store.close();
  }
}
