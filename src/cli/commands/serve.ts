import { dbPath } from '../../config.js';
import { FrontlineError } from '../../errors.js';
import { buildServer } from '../../server/app.js';
import { parse } from '../args.js';
import { info } from '../output.js';
import { fileURLToPath } from 'node:url';

export const usage = 'frontline serve [--port 8080] [--host 127.0.0.1]   the API, vector tiles and the web viewer';

/** The built viewer sits in dist/web beside the compiled CLI. */
export const WEB_ROOT = fileURLToPath(new URL('../../web', import.meta.url));

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, { port: { type: 'string', default: '8080' }, host: { type: 'string', default: '127.0.0.1' } });
  await serve(Number(values.port), values.host as string);
  return new Promise<number>(() => {}); // runs until interrupted
}

export async function serve(port: number, host: string): Promise<void> {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new FrontlineError('BAD_ARGUMENT', `--port '${port}' is not a port number`);
  const app = await buildServer({ dbPath: dbPath(), webRoot: WEB_ROOT });
  const address = await app.listen({ port, host });
  info(`Frontline is serving ${address}/ (API reference: ${address}/api/v1/docs)`);
  const stop = async () => { await app.close(); process.exit(0); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
