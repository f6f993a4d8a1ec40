import { salients, salientsJson } from '../../queries/salients.js';
import { parse } from '../args.js';
import { openStore } from '../store.js';
import { printJson, table } from '../output.js';

export const usage = 'frontline salients --date D [--region R] [--json|--geojson]   bulges of either side, their necks (km) and how they changed';

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, { date: { type: 'string' }, region: { type: 'string' }, geojson: { type: 'boolean', default: false } });
  const store = openStore();
  try {
    const r = await salients(store, { date: values.date as string | undefined, region: values.region as string | undefined });
    if (values.geojson) { printJson(r.geojson()); return 0; }
    if (values.json) { printJson(salientsJson(r)); return 0; }
    console.log(`Salients on ${r.date} (map of ${r.version.validAt}) in ${r.region.name}, ranked by km² per km of neck:`);
    const change = (x: number | null) => (x === null ? '–' : `${x > 0 ? '+' : ''}${x}`);
    console.log(table(['#', 'side', 'km²', 'neck km', '7d', '30d', 'front km', 'settlements'], r.salients.map((s) => [
      s.rank, s.side, s.areaKm2, s.neckWidthKm, change(s.neckChange7dKm), change(s.neckChange30dKm), s.frontKm,
      `${s.settlementCount}${s.settlements.length ? `: ${s.settlements.slice(0, 4).map((x) => x.name).join(', ')}` : ''}`,
    ])));
    return 0;
  } finally {
    store.close();
  }
}
