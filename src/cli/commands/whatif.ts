import { readFileSync } from 'node:fs';
import { whatif } from '../../queries/whatif.js';
import { FrontlineError } from '../../errors.js';
import { parse } from '../args.js';
import { openStore } from '../store.js';
import { printJson } from '../output.js';

export const usage = 'frontline whatif --date D --line "Bakhmut, Siversk, Sloviansk" | --line-file F.geojson [--json|--geojson]   ground ceded, settlements, front length before/after';

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, { date: { type: 'string' }, line: { type: 'string' }, 'line-file': { type: 'string' }, geojson: { type: 'boolean', default: false } });
  let line = values.line as string | undefined;
  if (values['line-file']) {
    try { line = readFileSync(values['line-file'] as string, 'utf8'); } catch (e) { throw new FrontlineError('BAD_ARGUMENT', `cannot read --line-file: ${(e as Error).message}`); }
  }
  const store = openStore();
  try {
    const { geojson, ...r } = await whatif(store, { date: values.date as string | undefined, line });
    if (values.geojson) { printJson(geojson); return 0; }
    if (values.json) { printJson(r); return 0; }
    const names = r.line.map((p) => p.name ?? `${p.lat}, ${p.lon}`).join(' – ');
    const ceded = r.settlements.filter((s) => s.side === 'ceded');
    console.log(`On ${r.date}, a line ${names} (joined to the front ${r.joins.map((j) => `${j.km} km from ${j.to}`).join(' and ')}):`);
    console.log(`  ground ceded ${r.cededKm2.toLocaleString('en-US')} km², gained ${r.gainedKm2.toLocaleString('en-US')} km²`);
    console.log(`  front ${r.frontLengthBeforeKm} km → ${r.frontLengthAfterKm} km (${r.frontLengthAfterKm <= r.frontLengthBeforeKm ? `${(r.frontLengthBeforeKm - r.frontLengthAfterKm).toFixed(1)} km shorter` : `${(r.frontLengthAfterKm - r.frontLengthBeforeKm).toFixed(1)} km longer`})`);
    console.log(`  ${ceded.length} settlements on the far side, ${r.cededPopulation.toLocaleString('en-US')} people: ${ceded.slice(0, 8).map((s) => `${s.name}${s.population ? ` (${s.population.toLocaleString('en-US')})` : ''}`).join(', ')}${ceded.length > 8 ? ', …' : ''}`);
    return 0;
  } finally {
    store.close();
  }
}
