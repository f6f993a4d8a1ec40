import { frontline, frontlineGeoJSON } from '../../queries/analysis.js';
import { parse } from '../args.js';
import { openStore } from '../store.js';
import { printJson, table } from '../output.js';

export const usage = 'frontline frontline --date D [--region R] [--json|--geojson]   the front line and its length (km)';

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, { date: { type: 'string' }, region: { type: 'string' }, geojson: { type: 'boolean', default: false } });
  const store = openStore();
  try {
    const r = await frontline(store, { date: values.date as string | undefined, region: values.region as string | undefined });
    if (values.geojson) { printJson(frontlineGeoJSON(r)); return 0; }
    const { lines, ...summary } = r;
    if (values.json) { printJson(summary); return 0; }
    console.log(`Front line on ${r.date} (map of ${r.version.validAt}) in ${r.region.name}: ${r.lengthKm.toLocaleString('en-US')} km in ${lines.length} pieces`);
    console.log(table(['oblast', 'code', 'km'], r.byRegion.map((x) => [x.name, x.code, x.lengthKm])));
    console.log(`(pieces under ${r.tolerance.minPieceKm} km dropped as noise: ${r.tolerance.droppedPieces}, ${r.tolerance.droppedKm} km)`);
    return 0;
  } finally {
    store.close();
  }
}
