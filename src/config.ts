/** Where data and the store live: `FRONTLINE_DATA` (default ../shared/data) and `FRONTLINE_DB` (default ./data/frontline.db). */
import { resolve } from 'node:path';

export function dataDir(): string {
  return resolve(process.env.FRONTLINE_DATA ?? '../shared/data');
}

export function referenceDir(): string {
  return resolve(dataDir(), 'reference');
}

export function dbPath(): string {
  return process.env.FRONTLINE_DB ? resolve(process.env.FRONTLINE_DB) : resolve('data/frontline.db');
}
