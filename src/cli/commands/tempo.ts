import { existsSync, readFileSync } from 'node:fs';
import { tempo, tempoJson } from '../../queries/tempo.js';
import { parse } from '../args.js';
import { openStore } from '../store.js';
import { printJson, table } from '../output.js';

export const usage = 'frontline tempo --from D1 --to D2 [--region R | --sector W,S,E,N | --sector FILE.geojson] [--json|--geojson]   gains per side, 7/30-day rates, depth of advance, breakthrough or not';

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, { from: { type: 'string' }, to: { type: 'string' }, region: { type: 'string' }, sector: { type: 'string' }, geojson: { type: 'boolean', default: false } });
  let sector = values.sector as string | undefined;
  // A sector is a bounding box or a GeoJSON file (e.g. drawn in QGIS or the viewer).
  if (sector !== undefined && existsSync(sector)) sector = readFileSync(sector, 'utf8');
  const store = openStore();
  try {
    // The first call on a store computes the whole series once (cached in the store): show progress.
    const progress = process.stderr.isTTY ? (done: number, total: number) => {
      process.stderr.write(`\rgains between versions: ${done}/${total}${done === total ? '\n' : ''}`);
    } : undefined;
    const r = await tempo(store, { from: values.from as string | undefined, to: values.to as string | undefined, region: values.region as string | undefined, sector }, progress);
    if (values.geojson) { printJson(r.advance.geojson()); return 0; }
    if (values.json) { printJson(tempoJson(r)); return 0; }
    const where = r.region.name;
    console.log(`${where}, ${r.from.date} → ${r.to.date} (${r.days} days): Russia gained ${r.gains.russiaKm2} km² (${r.gains.russiaKm2PerDay}/day), Ukraine ${r.gains.ukraineKm2} km² (${r.gains.ukraineKm2PerDay}/day).`);
    console.log(`Classification: ${r.classification.class}${r.classification.side ? ` (${r.classification.side})` : ''}`);
    for (const side of ['russia', 'ukraine'] as const) {
      const a = r.advance[side];
      console.log(`  ${side}: ${a.class} — ${a.reason}`);
    }
    const rows = (['russia', 'ukraine'] as const).flatMap((side) => r.advance[side].top.slice(0, 3).map((p) => [
      side, p.areaKm2, p.depthKm, p.widthKm, `${p.farthest.lat}, ${p.farthest.lon}`, p.settlements.slice(0, 3).map((s) => s.name).join(', '),
    ]));
    if (rows.length) console.log(table(['side', 'km²', 'depth km', 'width km', 'farthest point', 'settlements'], rows));
    for (const s of r.statements) console.log(`• ${s}`);
    return 0;
  } finally {
    store.close();
  }
}
