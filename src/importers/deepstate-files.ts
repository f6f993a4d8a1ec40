/** `frontline import deepstate`: snapshot files and directories → versions in the store. */
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseDeepStateSnapshot, validAtFromFileName, type UnmatchedName } from '../core/ingest/deepstate.js';
import type { Store } from '../store/store.js';
import { openImportSession, sha256 } from './import-session.js';
import { readMaybeGzip } from './read-file.js';

export interface ImportProgress { done: number; total: number; file: string }

export interface DeepStateImportSummary {
  files: number;
  imported: number;
  unchanged: number;
  failed: { file: string; error: string }[];
  /** Names that matched no rule, summed over the files imported. */
  unmatched: { count: number; distinct: number; examples: { name: string; styleUrl: string | null; count: number; decidedBy: string; status: string | null }[] };
  interrupted: boolean;
  seconds: number;
}

const SNAPSHOT = /^\d{9,11}\.geojson(\.gz)?$/;

/** Expands directories to their snapshot files, sorted by publication time. */
export async function snapshotFiles(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths) {
    let s;
    try { s = await stat(p); } catch { throw new Error(`${p}: no such file or directory`); }
    if (s.isDirectory()) {
      for (const name of await readdir(p)) if (SNAPSHOT.test(name)) files.push(join(p, name));
    } else files.push(p);
  }
  const time = (f: string) => validAtFromFileName(f)?.getTime() ?? Number.MAX_SAFE_INTEGER;
  return [...new Set(files)].sort((a, b) => time(a) - time(b) || a.localeCompare(b));
}

export async function importDeepStateFiles(
  store: Store,
  paths: string[],
  opts: { onProgress?: (p: ImportProgress) => void; shouldStop?: () => boolean; workers?: number } = {},
): Promise<DeepStateImportSummary> {
  const started = performance.now();
  const files = await snapshotFiles(paths);
  const session = await openImportSession(store, { workers: opts.workers });
  const summary: DeepStateImportSummary = {
    files: files.length, imported: 0, unchanged: 0, failed: [],
    unmatched: { count: 0, distinct: 0, examples: [] }, interrupted: false, seconds: 0,
  };
  const unmatched = new Map<string, UnmatchedName>();
  // Read and parse the next file while the engines compute the current one, and compute the
  // next version while the current one is written: at most one version waits to be stored.
  let next: Promise<LoadedSnapshot> | null = files.length ? loadSnapshot(files[0], store) : null;
  let waiting: Promise<void> | null = null;
  const record = (file: string, e: unknown) => {
    const message = (e as Error).message.startsWith(file) ? (e as Error).message : `${file}: ${(e as Error).message}`;
    summary.failed.push({ file, error: message });
  };
  try {
    for (const [i, file] of files.entries()) {
      if (opts.shouldStop?.()) { summary.interrupted = true; break; }
      opts.onProgress?.({ done: i, total: files.length, file });
      const loaded = await next!;
      next = i + 1 < files.length ? loadSnapshot(files[i + 1], store) : null;
      if ('error' in loaded) { record(file, new Error(loaded.error)); continue; }
      if (loaded.known) { summary.unchanged++; continue; }
      const { parsed, validAt, contentHash } = loaded;
      const storing = session.importVersion({
        validAt, source: 'deepstate', file: basename(file), contentHash,
        polygons: parsed.polygons, annotations: parsed.annotations,
        summary: {
          polygons: parsed.polygons.length, annotations: parsed.annotations.length, outside: parsed.outside,
          skippedGeometry: parsed.skippedGeometry, unmatched: parsed.unmatched,
        },
      }).then(({ created }) => {
        if (created) summary.imported++; else summary.unchanged++;
        for (const u of parsed.unmatched) {
          const key = `${u.name}\u0000${u.styleUrl}`;
          const acc = unmatched.get(key);
          if (acc) acc.count += u.count; else unmatched.set(key, { ...u });
        }
      }, (e) => record(file, e));
      if (waiting) await waiting;
      waiting = storing;
    }
    if (waiting) await waiting;
    await next?.catch(() => undefined);
    opts.onProgress?.({ done: files.length, total: files.length, file: '' });
  } finally {
    await session.close();
  }
  const all = [...unmatched.values()].sort((a, b) => b.count - a.count);
  summary.unmatched = { count: all.reduce((s, u) => s + u.count, 0), distinct: all.length, examples: all.slice(0, 10) };
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

type LoadedSnapshot =
  | { error: string }
  | { known: true; contentHash: string }
  | { known: false; contentHash: string; validAt: Date; parsed: ReturnType<typeof parseDeepStateSnapshot> };

async function loadSnapshot(file: string, store: Store): Promise<LoadedSnapshot> {
  try {
    const validAt = validAtFromFileName(file);
    if (!validAt) throw new Error('the file name must be <unix-seconds>.geojson or .geojson.gz (the publication time)');
    const bytes = await readMaybeGzip(file);
    const contentHash = sha256(bytes);
    if (store.versionByHash(contentHash)) return { known: true, contentHash };
    let doc: unknown;
    try { doc = JSON.parse(bytes.toString('utf8')); } catch (e) { throw new Error(`invalid JSON (${(e as Error).message})`); }
    return { known: false, contentHash, validAt, parsed: parseDeepStateSnapshot(doc) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}
