import { stats } from '../../queries/stats.js';
import { parse } from '../args.js';
import { openStore } from '../store.js';
import { pct, printJson, table } from '../output.js';

export const usage = 'frontline stats --date YYYY-MM-DD [--region NAME|CODE] [--json]   area and share per status';

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, { date: { type: 'string' }, region: { type: 'string' } });
  const store = openStore();
  try {
    const r = stats(store, { date: values.date as string | undefined, region: values.region as string | undefined });
    if (values.json) { printJson(r); return 0; }
    console.log(`${r.region.name} (${r.region.code}), ${r.region.areaKm2.toLocaleString('en-US')} km², on ${r.date} (map of ${r.version.validAt})`);
    console.log(table(['status', 'km²', 'share', 'settlements', 'population'], Object.entries(r.byStatus).map(([s, f]) => [
      s, f.areaKm2, pct(f.share), r.settlements[s as keyof typeof r.settlements].count, r.settlements[s as keyof typeof r.settlements].population,
    ])));
    console.log('occupied includes occupiedBefore2022; ukraine includes liberated');
    return 0;
  } finally {
    store.close();
  }
}
