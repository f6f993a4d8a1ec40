/** Test helpers: a private copy of the template store, and the data directory. */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { dataDir } from '../src/config.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';

export const DATA = dataDir();
export const hasData = (): boolean => inject('templateDb') !== '';
export const SKIP_REASON = `no data at ${DATA}: set FRONTLINE_DATA`;

/** A fresh copy of the template store (reference + 2022-05-10…06-01 snapshots, or the reference only); returns its path too. */
export function copyOfTemplate(which: 'templateDb' | 'referenceDb' = 'templateDb'): { store: Store; path: string } {
  const path = join(mkdtempSync(join(tmpdir(), 'frontline-case-')), 'frontline.db');
  copyFileSync(inject(which), path);
  return { store: openSqliteStore(path), path };
}

export function snapshot(unixSeconds: number): string {
  return join(DATA, 'deepstate', `${unixSeconds}.geojson.gz`);
}
