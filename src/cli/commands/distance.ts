import { distance } from '../../queries/analysis.js';
import { parse } from '../args.js';
import { openStore } from '../store.js';
import { printJson } from '../output.js';

export const usage = 'frontline distance --date D --to PLACE [--json]   km from the place to enemy-held ground, and its change';

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, { date: { type: 'string' }, to: { type: 'string' } });
  const store = openStore();
  try {
    const r = distance(store, { date: values.date as string | undefined, to: values.to as string | undefined });
    if (values.json) { printJson(r); return 0; }
    const change = (km: number | null, span: string) => (km === null ? `no map ${span} earlier` : km < 0 ? `${-km} km closer than ${span} ago` : km > 0 ? `${km} km farther than ${span} ago` : `unchanged since ${span} ago`);
    console.log(r.insideEnemyHeldGround
      ? `${r.place.name} is inside enemy-held ground on ${r.date}`
      : `On ${r.date} the nearest enemy-held ground is ${r.distanceKm} km from ${r.place.name} (at ${r.nearest.lat}, ${r.nearest.lon}): ${change(r.change7dKm, 'a week')}, ${change(r.change30dKm, 'a month')}.`);
    return 0;
  } finally {
    store.close();
  }
}
