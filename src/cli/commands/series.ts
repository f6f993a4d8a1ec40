import { series, seriesCsv } from '../../queries/series.js';
import { parse } from '../args.js';
import { openStore } from '../store.js';
import { pct, printJson, table } from '../output.js';

export const usage = 'frontline series [--region R] [--from D] [--to D] [--csv|--json]   one row per day';

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, { region: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, csv: { type: 'boolean', default: false } });
  const store = openStore();
  try {
    const r = series(store, { region: values.region as string | undefined, from: values.from as string | undefined, to: values.to as string | undefined });
    if (values.json) { printJson(r); return 0; }
    if (values.csv) { process.stdout.write(seriesCsv(r)); return 0; }
    console.log(`${r.region.name} (${r.region.code}) ${r.from} → ${r.to}`);
    console.log(table(['date', 'occupied km²', 'occupied', 'contested km²', 'ukraine km²', 'map of'], r.rows.map((x) => [
      x.date, x.byStatus?.occupied.areaKm2 ?? null, x.byStatus ? pct(x.byStatus.occupied.share) : '', x.byStatus?.contested.areaKm2 ?? null,
      x.byStatus?.ukraine.areaKm2 ?? null, x.validAt ?? 'no map yet',
    ])));
    return 0;
  } finally {
    store.close();
  }
}
