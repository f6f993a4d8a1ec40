import { settlementsOn } from '../../queries/lists.js';
import { parse } from '../args.js';
import { openStore } from '../store.js';
import { printJson, table } from '../output.js';

export const usage = 'frontline settlements --date D [--region R] [--status S] [--json]   settlements with their status';

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, { date: { type: 'string' }, region: { type: 'string' }, status: { type: 'string' }, limit: { type: 'string' } });
  const store = openStore();
  try {
    const r = settlementsOn(store, { date: values.date as string | undefined, region: values.region as string | undefined, status: values.status as string | undefined });
    if (values.json) { printJson(r); return 0; }
    const limit = Number(values.limit ?? 50);
    console.log(`${r.settlements.length} settlements in ${r.region.name}${r.status ? ` with status ${r.status}` : ''} on ${r.date}`);
    console.log(table(['settlement', 'status', 'population', 'raion'], r.settlements.slice(0, limit).map((s) => [s.name, s.status, s.population, s.raion])));
    return 0;
  } finally {
    store.close();
  }
}
