import { basename } from 'node:path';
import cliProgress from 'cli-progress';
import { FrontlineError } from '../../errors.js';
import { importDeepStateFiles, type DeepStateImportSummary } from '../../importers/deepstate-files.js';
import { importStatusGeoJSONFile } from '../../importers/status-geojson-file.js';
import type { Store } from '../../store/store.js';
import { parse } from '../args.js';
import { openStore } from '../store.js';
import { info, printJson } from '../output.js';

export const usage = [
  'frontline import deepstate <file|dir>… [--json]   DeepState snapshots (<unix-seconds>.geojson[.gz])',
  'frontline import geojson FILE --valid-at ISO [--source NAME] [--json]   GeoJSON with a status property',
].join('\n');

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { 'valid-at': { type: 'string' }, source: { type: 'string' } }, true);
  const [kind, ...paths] = positionals;
  const store = openStore();
  try {
    if (kind === 'deepstate') {
      if (paths.length === 0) throw new FrontlineError('BAD_ARGUMENT', 'name at least one snapshot file or directory');
      const summary = await importWithProgress(store, paths);
      if (values.json) printJson(summary); else printSummary(summary);
      return summary.failed.length ? 1 : 0;
    }
    if (kind === 'geojson') {
      if (paths.length !== 1) throw new FrontlineError('BAD_ARGUMENT', 'name exactly one GeoJSON file');
      const r = await importStatusGeoJSONFile(store, paths[0], values['valid-at'] as string | undefined, (values.source as string | undefined) ?? 'geojson');
      if (values.json) printJson(r);
      else info(r.created ? `imported ${paths[0]} as version ${r.version.id} valid at ${r.version.validAt}` : `${paths[0]} is already imported (version ${r.version.id}); nothing changed`);
      return 0;
    }
    throw new FrontlineError('BAD_ARGUMENT', `unknown import format '${kind ?? ''}'\n${usage}`);
  } finally {
    store.close();
  }
}

/** Imports with a progress bar on a terminal; Ctrl-C stops after the snapshot in progress. */
export async function importWithProgress(store: Store, paths: string[]): Promise<DeepStateImportSummary> {
  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar({ stream: process.stderr, format: 'importing [{bar}] {value}/{total} {file} eta {eta_formatted}', hideCursor: true }, cliProgress.Presets.shades_classic)
    : null;
  let stop = false;
  const onSigint = () => { stop = true; info('\nstopping after the current snapshot (Ctrl-C again to abort)…'); process.off('SIGINT', onSigint); };
  process.on('SIGINT', onSigint);
  let started = false;
  try {
    return await importDeepStateFiles(store, paths, {
      shouldStop: () => stop,
      onProgress: ({ done, total, file }) => {
        if (!bar) return;
        if (!started) { bar.start(total, 0, { file: '' }); started = true; }
        bar.update(done, { file: file ? basename(file) : '' });
      },
    });
  } finally {
    bar?.stop();
    process.off('SIGINT', onSigint);
  }
}

export function printSummary(s: DeepStateImportSummary): void {
  info(`${s.files} files: ${s.imported} imported, ${s.unchanged} already in the store, ${s.failed.length} failed (${s.seconds.toFixed(1)} s)${s.interrupted ? ' — interrupted; run again to continue' : ''}`);
  if (s.unmatched.count) {
    info(`${s.unmatched.count} polygons in ${s.unmatched.distinct} name variants matched no name rule (decided by fill colour, or skipped when the colour says nothing):`);
    for (const u of s.unmatched.examples) info(`  ${u.count}× ${JSON.stringify(u.name)} ${u.styleUrl ?? ''} → ${u.status ?? 'skipped'}`);
  }
  for (const f of s.failed) info(`error: ${f.error}`);
}
