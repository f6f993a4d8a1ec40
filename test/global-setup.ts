/**
 * Builds, once per test run, a store with the reference geography and the DeepState snapshots of
 * 2022-05-10 … 2022-06-01 (the weeks of the seed article), and one with the reference only.
 * Tests copy them before writing.
 * Without ../shared/data the data-dependent suites skip and say why.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { dataDir } from '../src/config.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { readReference } from '../src/importers/reference.js';
import { importDeepStateFiles } from '../src/importers/deepstate-files.js';

export const FIRST = Date.UTC(2022, 4, 10) / 1000;
export const LAST = Date.UTC(2022, 5, 2) / 1000;

export default async function setup(project: TestProject) {
  const data = dataDir();
  if (!existsSync(join(data, 'reference')) || !existsSync(join(data, 'deepstate'))) {
    console.warn(`[frontline tests] no data at ${data} (set FRONTLINE_DATA): data-dependent tests are skipped`);
    project.provide('templateDb', '');
    project.provide('referenceDb', '');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'frontline-test-'));
  const path = join(dir, 'template.db');
  const started = performance.now();
  const refStore = openSqliteStore(path);
  refStore.saveReference(await readReference(join(data, 'reference')));
  refStore.close();
  const referenceOnly = join(dir, 'reference.db');
  copyFileSync(path, referenceOnly);
  const store = openSqliteStore(path);
  const files = readdirSync(join(data, 'deepstate'))
    .filter((f) => { const t = Number(f.split('.')[0]); return t >= FIRST && t < LAST; })
    .map((f) => join(data, 'deepstate', f));
  const summary = await importDeepStateFiles(store, files);
  store.close();
  console.warn(`[frontline tests] template store: reference + ${summary.imported} snapshots in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  project.provide('templateDb', path);
  project.provide('referenceDb', referenceOnly);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext { templateDb: string; referenceDb: string }
}
