/** The default store: one SQLite file through better-sqlite3, WAL mode. */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Layer } from '../../core/timeline/status.js';
import type {
  LayerAreas, PairGain, NewVersion, ReferenceData, RegionRecord, RoadRecord, SettlementRecord, Store, VersionRecord,
} from '../store.js';
import { MIGRATIONS } from './migrations.js';
import { untilChange } from './until-change.js';
import { sqliteWorkspaceStore } from './sqlite-workspace-store.js';
import type { WorkspaceStore } from '../workspace-store.js';

type Row = Record<string, unknown>;

function toVersion(r: Row): VersionRecord {
  return {
    id: r.id as number, validAt: r.valid_at as string, source: r.source as string, file: r.file as string,
    contentHash: r.content_hash as string, importedAt: r.imported_at as string, summary: JSON.parse(r.summary as string),
    publicFrom: (r.public_from as string | null) ?? null,
  };
}

function toAreas(r: Row): LayerAreas {
  return {
    occupied: r.occupied as number, occupiedBefore2022: r.occupied_before_2022 as number,
    contested: r.contested as number, liberated: r.liberated as number,
  };
}

const bytes = (b: unknown): Uint8Array => new Uint8Array((b as Buffer).buffer, (b as Buffer).byteOffset, (b as Buffer).byteLength);

/**
 * `readonly`: a second connection that only reads a store another connection keeps (the tile
 * workers'). It never writes, so it can never make the writer's transaction fail with
 * SQLITE_BUSY: a deferred transaction that read before another connection committed cannot write.
 */
export function openSqliteStore(path: string, options: { readonly?: boolean } = {}): Store {
  if (options.readonly) {
    if (!existsSync(path)) throw new Error(`no store at ${path}`);
  } else if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { readonly: options.readonly ?? false });
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
  }

  const q = {
    // A version is public once its publication delay has passed (public_from NULL or reached); @all includes held ones.
    versions: db.prepare('SELECT * FROM versions WHERE (@all OR public_from IS NULL OR public_from <= @now) ORDER BY valid_at, id'),
    versionStamp: db.prepare('SELECT max(id) FROM versions WHERE public_from IS NULL OR public_from <= ?').pluck(),
    nextPublicFrom: db.prepare('SELECT min(public_from) FROM versions WHERE public_from > ?').pluck(),
    versionByHash: db.prepare('SELECT * FROM versions WHERE content_hash = ?'),
    versionAt: db.prepare('SELECT * FROM versions WHERE valid_at <= @instant AND (@all OR public_from IS NULL OR public_from <= @now) ORDER BY valid_at DESC, id DESC LIMIT 1'),
    insertVersion: db.prepare('INSERT INTO versions (valid_at, source, file, content_hash, imported_at, summary, public_from) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    setPublicFrom: db.prepare('UPDATE versions SET public_from = ? WHERE id = ?'),
    hasCell: db.prepare('SELECT 1 FROM cell_layers WHERE key = ?').pluck(),
    insertCell: db.prepare('INSERT OR IGNORE INTO cell_layers (key, occupied, occupied_before_2022, contested, liberated) VALUES (?, ?, ?, ?, ?)'),
    insertVersionCells: db.prepare('INSERT INTO version_cells (version_id, cells) VALUES (?, ?)'),
    insertFigures: db.prepare('INSERT INTO region_figures (version_id, code, occupied, occupied_before_2022, contested, liberated) VALUES (?, ?, ?, ?, ?, ?)'),
    insertStatuses: db.prepare('INSERT INTO settlement_statuses (version_id, statuses) VALUES (?, ?)'),
    insertAnnotation: db.prepare('INSERT INTO annotations (version_id, kind, name, lon, lat, style) VALUES (?, ?, ?, ?, ?, ?)'),
    figures: db.prepare('SELECT * FROM region_figures WHERE version_id = ? AND code = ?'),
    series: db.prepare('SELECT f.*, v.valid_at FROM region_figures f JOIN versions v ON v.id = f.version_id WHERE f.code = ? AND (v.public_from IS NULL OR v.public_from <= ?) ORDER BY v.valid_at, v.id'),
    statuses: db.prepare('SELECT statuses FROM settlement_statuses WHERE version_id = ?').pluck(),
    versionCells: db.prepare('SELECT cells FROM version_cells WHERE version_id = ?').pluck(),
    cellLayers: db.prepare('SELECT * FROM cell_layers WHERE key = ?'),
    regionWkb: db.prepare('SELECT geom FROM regions WHERE code = ?').pluck(),
    pairGains: db.prepare('SELECT from_version, to_version, russia, ukraine FROM pair_gains WHERE code = ?'),
    derived: db.prepare('SELECT value FROM derived WHERE kind = ? AND key = ?').pluck(),
    insertDerived: db.prepare('INSERT OR REPLACE INTO derived (kind, key, value) VALUES (?, ?, ?)'),
    insertPairGain: db.prepare('INSERT OR REPLACE INTO pair_gains (from_version, to_version, code, russia, ukraine) VALUES (?, ?, ?, ?, ?)'),
  };
  const saveDerived = db.transaction((kind: string, entries: [string, Uint8Array][]) => {
    for (const [key, value] of entries) q.insertDerived.run(kind, key, value);
  });
  const savePairGains = db.transaction((rows: PairGain[]) => {
    for (const r of rows) q.insertPairGain.run(r.fromVersion, r.toVersion, r.code, r.russiaKm2, r.ukraineKm2);
  });

  const addVersion = db.transaction((v: NewVersion): VersionRecord => {
    const importedAt = new Date().toISOString();
    const id = Number(q.insertVersion.run(v.validAt, v.source, v.file, v.contentHash, importedAt, JSON.stringify(v.summary), v.publicFrom ?? null).lastInsertRowid);
    for (const [key, l] of v.cellLayers) q.insertCell.run(key, l.occupied, l.occupiedBefore2022, l.contested, l.liberated);
    q.insertVersionCells.run(id, JSON.stringify(Object.fromEntries(v.cells)));
    for (const [code, a] of v.figures) q.insertFigures.run(id, code, a.occupied, a.occupiedBefore2022, a.contested, a.liberated);
    q.insertStatuses.run(id, v.settlementStatuses);
    for (const a of v.annotations) q.insertAnnotation.run(id, a.kind, a.name, a.lon, a.lat, a.style);
    return { id, validAt: v.validAt, source: v.source, file: v.file, contentHash: v.contentHash, importedAt, summary: v.summary, publicFrom: v.publicFrom ?? null };
  });

  const saveReference = db.transaction((ref: ReferenceData) => {
    // Derived results depend on the reference (the outline, the regions): they go with it.
    db.exec('DELETE FROM regions; DELETE FROM settlements; DELETE FROM roads; DELETE FROM derived; DELETE FROM pair_gains;');
    const r = db.prepare('INSERT INTO regions (code, level, name, name_uk, name_ru, parent, area_km2, source_area_km2, aliases, geom) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    for (const { record: x, wkb } of ref.regions) r.run(x.code, x.level, x.name, x.nameUk, x.nameRu, x.parent, x.areaKm2, x.sourceAreaKm2, JSON.stringify(x.aliases), wkb);
    const s = db.prepare('INSERT INTO settlements (id, code, name, name_uk, lon, lat, population, oblast, raion, names) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    for (const x of ref.settlements) s.run(x.id, x.code, x.name, x.nameUk, x.lon, x.lat, x.population, x.oblast, x.raion, JSON.stringify(x.names));
    const rd = db.prepare('INSERT INTO roads (osm_id, category, geom, ref, name) VALUES (?, ?, ?, ?, ?)');
    for (const x of ref.roads) rd.run(x.osmId, x.category, x.wkb, x.ref, x.name);
    db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run('reference', JSON.stringify({ loadedAt: new Date().toISOString(), ...ref.provenance }));
  });

  const versionStamp = untilChange(db, (now) => ({
    value: (q.versionStamp.get(now) as number | null) ?? 0,
    until: q.nextPublicFrom.get(now) as string | null,
  }));

  let regionCache: RegionRecord[] | null = null;
  let settlementCache: SettlementRecord[] | null = null;
  let workspace: WorkspaceStore | null = null;

  return {
    hasReference: () => db.prepare("SELECT 1 FROM meta WHERE key = 'reference'").get() !== undefined,
    saveReference: (ref) => { saveReference(ref); regionCache = null; settlementCache = null; },
    regions: () => (regionCache ??= (db.prepare('SELECT code, level, name, name_uk, name_ru, parent, area_km2, source_area_km2, aliases FROM regions ORDER BY level, code').all() as Row[]).map((x) => ({
      code: x.code as string, level: x.level as RegionRecord['level'], name: x.name as string, nameUk: x.name_uk as string | null,
      nameRu: x.name_ru as string | null, parent: x.parent as string | null, areaKm2: x.area_km2 as number,
      sourceAreaKm2: x.source_area_km2 as number, aliases: JSON.parse(x.aliases as string),
    }))),
    regionWkb: (code) => {
      const geom = q.regionWkb.get(code);
      return geom ? bytes(geom) : null;
    },
    settlements: () => (settlementCache ??= (db.prepare('SELECT * FROM settlements ORDER BY id').all() as Row[]).map((x) => ({
      id: x.id as number, code: x.code as string, name: x.name as string, nameUk: x.name_uk as string | null,
      lon: x.lon as number, lat: x.lat as number, population: x.population as number | null,
      oblast: x.oblast as string | null, raion: x.raion as string | null, names: JSON.parse(x.names as string),
    }))),
    roads: () => (db.prepare('SELECT osm_id, category, geom, ref, name FROM roads ORDER BY id').all() as Row[]).map((x): RoadRecord => ({
      osmId: x.osm_id as string, category: x.category as RoadRecord['category'], wkb: bytes(x.geom),
      ref: (x.ref as string | null) ?? null, name: (x.name as string | null) ?? null,
    })),
    versions: (o = {}) => (q.versions.all({ all: o.includeHeld ? 1 : 0, now: new Date().toISOString() }) as Row[]).map(toVersion),
    versionStamp: () => versionStamp(),
    versionByHash: (h) => { const r = q.versionByHash.get(h) as Row | undefined; return r ? toVersion(r) : null; },
    versionAt: (instant, o = {}) => { const r = q.versionAt.get({ instant, all: o.includeHeld ? 1 : 0, now: new Date().toISOString() }) as Row | undefined; return r ? toVersion(r) : null; },
    setVersionPublicFrom: (id, publicFrom) => { q.setPublicFrom.run(publicFrom, id); },
    addVersion: (v) => addVersion(v),
    hasCellLayers: (key) => q.hasCell.get(key) !== undefined,
    regionFigures: (versionId, code) => { const r = q.figures.get(versionId, code) as Row | undefined; return r ? toAreas(r) : null; },
    figureSeries: (code) => (q.series.all(code, new Date().toISOString()) as Row[]).map((r) => ({ versionId: r.version_id as number, validAt: r.valid_at as string, areas: toAreas(r) })),
    settlementStatuses: (versionId) => { const b = q.statuses.get(versionId); return b ? bytes(b) : null; },
    versionCells: (versionId) => {
      const json = q.versionCells.get(versionId) as string | undefined;
      return new Map(json ? Object.entries(JSON.parse(json) as Record<string, string>).map(([c, k]) => [Number(c), k]) : []);
    },
    cellLayers: (key) => {
      const r = q.cellLayers.get(key) as Row | undefined;
      if (!r) return null;
      const layers: Record<Layer, Uint8Array> = {
        occupied: bytes(r.occupied), occupiedBefore2022: bytes(r.occupied_before_2022), contested: bytes(r.contested), liberated: bytes(r.liberated),
      };
      return layers;
    },
    pairGains: (code) => new Map((q.pairGains.all(code) as Row[]).map((r) => [`${r.from_version}>${r.to_version}`, {
      fromVersion: r.from_version as number, toVersion: r.to_version as number, code, russiaKm2: r.russia as number, ukraineKm2: r.ukraine as number,
    }])),
    savePairGains: (rows) => savePairGains(rows),
    derived: (kind, key) => { const b = q.derived.get(kind, key); return b === undefined ? null : bytes(b); },
    saveDerived: (kind, entries) => { if (entries.length) saveDerived(kind, entries); },
    clearDerived: (kind) => { db.prepare('DELETE FROM derived WHERE kind = ?').run(kind); },
    workspace: () => (workspace ??= sqliteWorkspaceStore(db)),
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
    close: () => db.close(),
  };
}

function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let i = current; i < MIGRATIONS.length; i++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[i]);
      db.pragma(`user_version = ${i + 1}`);
    })();
  }
}
