/** Reads a file, gunzipping `.gz`, with errors that name the file. */
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';

export async function readMaybeGzip(path: string): Promise<Buffer> {
  let raw: Buffer;
  try {
    raw = await readFile(path);
  } catch (e) {
    throw new Error(`${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  if (!path.endsWith('.gz')) return raw;
  try {
    return gunzipSync(raw);
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message}`);
  }
}

export async function readJson(path: string): Promise<unknown> {
  const text = (await readMaybeGzip(path)).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${path}: invalid JSON (${(e as Error).message})`);
  }
}
