/** `frontline import geojson FILE --valid-at …`: one GeoJSON file with a status per feature → one version. */
import { basename } from 'node:path';
import { parseStatusGeoJSON } from '../core/ingest/status-geojson.js';
import { FrontlineError } from '../errors.js';
import type { Store, VersionRecord } from '../store/store.js';
import { openImportSession, sha256 } from './import-session.js';
import { readMaybeGzip } from './read-file.js';

export async function importStatusGeoJSONFile(store: Store, path: string, validAtText: string | undefined, source: string): Promise<{ version: VersionRecord; created: boolean }> {
  if (!validAtText) throw new FrontlineError('BAD_ARGUMENT', '--valid-at is required (ISO 8601, e.g. 2022-05-25T18:00:00Z)');
  const validAt = new Date(validAtText);
  if (Number.isNaN(validAt.getTime())) throw new FrontlineError('BAD_DATE', `--valid-at '${validAtText}' is not an ISO 8601 date`);
  const bytes = await readMaybeGzip(path);
  let doc: unknown;
  try { doc = JSON.parse(bytes.toString('utf8')); } catch (e) { throw new FrontlineError('IMPORT_FAILED', `${path}: invalid JSON (${(e as Error).message})`); }
  const parsed = parseStatusGeoJSON(doc);
  if (!parsed.ok) throw new FrontlineError('IMPORT_FAILED', `${path}: ${parsed.errors.slice(0, 10).join('; ')}${parsed.errors.length > 10 ? ` (and ${parsed.errors.length - 10} more)` : ''}`);
  // The valid time is part of the version's identity: the same file at another time is another version.
  const contentHash = sha256(Buffer.concat([bytes, Buffer.from(`\u0000${validAt.toISOString()}`)]));
  const session = await openImportSession(store, { workers: 1 });
  try {
    return await session.importVersion({
      validAt, source, file: basename(path), contentHash, polygons: parsed.value.polygons, annotations: [],
      summary: { polygons: parsed.value.polygons.length, ukraineFeatures: parsed.value.ukraineFeatures },
    });
  } finally {
    await session.close();
  }
}
