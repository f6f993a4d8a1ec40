/** The `frontline` command: dispatches to one module per command. */
import { ERRORS, FrontlineError } from '../errors.js';
import { HELP } from './help.js';

const COMMANDS: Record<string, () => Promise<{ run(argv: string[]): Promise<number> }>> = {
  start: () => import('./commands/start.js'),
  reference: () => import('./commands/reference.js'),
  import: () => import('./commands/import.js'),
  stats: () => import('./commands/stats.js'),
  series: () => import('./commands/series.js'),
  diff: () => import('./commands/diff.js'),
  settlements: () => import('./commands/settlements.js'),
  versions: () => import('./commands/versions.js'),
  regions: () => import('./commands/regions.js'),
  serve: () => import('./commands/serve.js'),
  frontline: () => import('./commands/frontline.js'),
  distance: () => import('./commands/distance.js'),
  tempo: () => import('./commands/tempo.js'),
  whatif: () => import('./commands/whatif.js'),
  salients: () => import('./commands/salients.js'),
  roads: () => import('./commands/roads.js'),
  user: () => import('./commands/user.js'),
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(HELP);
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`unknown command '${name}'\n\n${HELP}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(HELP.split('\n').filter((l) => l.includes(`frontline ${name}`)).join('\n').trim() || HELP);
    return 0;
  }
  try {
    return await (await load()).run(rest);
  } catch (e) {
    if (e instanceof FrontlineError) {
      process.stderr.write(`error: ${e.message}\n${ERRORS[e.code].hint ? `hint: ${ERRORS[e.code].hint}\n` : ''}`);
      return e.exitCode;
    }
    throw e;
  }
}
