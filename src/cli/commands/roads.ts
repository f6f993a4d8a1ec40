import { roads, roadsGeoJSON, type RoadsResult } from '../../queries/roads.js';
import { parse } from '../args.js';
import { openStore } from '../store.js';
import { printJson, table } from '../output.js';

export const usage = 'frontline roads --date D [--range 10,20,30] [--region R] [--into REGION|PLACE] [--radius KM] [--json|--geojson]   roads cut or within range of Russian-held ground, and the roads into an area';

/** How many stretches the text output lists (the JSON has them all). */
const TEXT_ROWS = 25;

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    date: { type: 'string' }, range: { type: 'string' }, region: { type: 'string' }, into: { type: 'string' }, radius: { type: 'string' },
    geojson: { type: 'boolean', default: false },
  });
  const params = {
    date: values.date as string | undefined, range: values.range as string | undefined, region: values.region as string | undefined,
    into: values.into as string | undefined, radius: values.radius as string | undefined,
  };
  const store = openStore();
  try {
    if (values.geojson) { printJson(await roadsGeoJSON(store, params)); return 0; }
    const r = await roads(store, params);
    if (values.json) { printJson(r); return 0; }
    printText(r);
    return 0;
  } finally {
    store.close();
  }
}

function printText(r: RoadsResult): void {
  const ranges = r.rangesKm.map(String);
  const within = (w: Record<string, number>) => ranges.map((k) => w[k]);
  console.log(`Roads of international and national importance on ${r.date} (map of ${r.version.validAt}) in ${r.region.name}: ${r.lengthKm.toLocaleString('en-US')} km`);
  console.log(`  cut (through Russian-held ground): ${r.cutKm} km; on Ukrainian-held ground within ${ranges.map((k) => `${k} km: ${r.withinKm[k]}`).join(', ')} km`);
  if (r.byOblast.length) {
    console.log('');
    console.log(table(['oblast', 'code', 'km', 'cut', ...ranges.map((k) => `≤${k} km`)], r.byOblast.map((o) => [o.name, o.code, o.lengthKm, o.cutKm, ...within(o.withinKm)])));
  }
  console.log('');
  console.log(`Stretches cut or within ${ranges[ranges.length - 1]} km: ${r.stretches.length} (${r.openStretches} more are open)`);
  if (r.stretches.length) {
    console.log(table(['stretch', 'status', 'nearest km', 'cut', ...ranges.map((k) => `≤${k} km`), 'km'],
      r.stretches.slice(0, TEXT_ROWS).map((s) => [s.ref ? `${s.name} (${s.ref})` : s.name, label(s), s.nearestKm, s.cutKm, ...within(s.withinKm), s.lengthKm])));
    if (r.stretches.length > TEXT_ROWS) console.log(`… ${r.stretches.length - TEXT_ROWS} more (--json lists all)`);
  }
  if (!r.into) return;
  const a = r.into.area;
  console.log('');
  console.log(`Into ${a.kind === 'place' ? `${a.name} (${a.radiusKm} km around it)` : `${a.name} (${a.code})`}: ${r.into.roadKmInside} km of these roads inside`);
  if (r.into.roads.length === 0) {
    console.log('  no road of international or national importance enters the area (regional roads are not in the data)');
    return;
  }
  console.log(table(['road in', 'status outside the area', 'nearest km', 'cut', ...ranges.map((k) => `≤${k} km`)],
    r.into.roads.map((s) => [s.ref ? `${s.name} (${s.ref})` : s.name, label(s), s.nearestKm, s.cutKm, ...within(s.withinKm)])));
  for (const k of ranges) console.log(`  every road in is cut or within ${k} km: ${r.into.allWithinKm[k] ? 'yes' : 'no'}`);
  for (const s of r.into.supply) {
    const what = s.rangeKm === 0 ? 'a way in from the rear on roads that are not cut' : `a way in from the rear staying farther than ${s.rangeKm} km from Russian-held ground`;
    console.log(`  ${what}: ${s.exists ? `yes, ${s.lengthKm} km via ${s.via.join(', ')}` : 'no'}`);
  }
}

function label(s: { status: string; rangeKm: number | null }): string {
  return s.status === 'cut' ? 'cut' : s.status === 'in-range' ? `within ${s.rangeKm} km` : 'open';
}
