/** Schema migrations, applied in order; `PRAGMA user_version` records the last one applied. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE regions (
    code TEXT PRIMARY KEY, level TEXT NOT NULL, name TEXT NOT NULL, name_uk TEXT, name_ru TEXT,
    parent TEXT, area_km2 REAL NOT NULL, source_area_km2 REAL NOT NULL, aliases TEXT NOT NULL, geom BLOB NOT NULL
  );
  CREATE TABLE settlements (
    id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL, name_uk TEXT, lon REAL NOT NULL, lat REAL NOT NULL,
    population INTEGER, oblast TEXT, raion TEXT, names TEXT NOT NULL
  );
  CREATE TABLE roads (id INTEGER PRIMARY KEY, osm_id TEXT NOT NULL, category TEXT NOT NULL, geom BLOB NOT NULL);
  CREATE TABLE versions (
    id INTEGER PRIMARY KEY, valid_at TEXT NOT NULL, source TEXT NOT NULL, file TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE, imported_at TEXT NOT NULL, summary TEXT NOT NULL
  );
  CREATE INDEX versions_valid_at ON versions (valid_at);
  CREATE TABLE cell_layers (
    key TEXT PRIMARY KEY, occupied BLOB NOT NULL, occupied_before_2022 BLOB NOT NULL, contested BLOB NOT NULL, liberated BLOB NOT NULL
  ) WITHOUT ROWID;
  -- One row per version: JSON object cell id → cell_layers key (1,400 cells; a row each was the import's slowest write).
  CREATE TABLE version_cells (
    version_id INTEGER PRIMARY KEY REFERENCES versions(id) ON DELETE CASCADE, cells TEXT NOT NULL
  );
  CREATE TABLE region_figures (
    version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE, code TEXT NOT NULL,
    occupied REAL NOT NULL, occupied_before_2022 REAL NOT NULL, contested REAL NOT NULL, liberated REAL NOT NULL,
    PRIMARY KEY (code, version_id)
  ) WITHOUT ROWID;
  CREATE TABLE settlement_statuses (
    version_id INTEGER PRIMARY KEY REFERENCES versions(id) ON DELETE CASCADE, statuses BLOB NOT NULL
  );
  CREATE TABLE annotations (
    version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE, kind TEXT NOT NULL, name TEXT NOT NULL,
    lon REAL NOT NULL, lat REAL NOT NULL, style TEXT
  );
  CREATE INDEX annotations_version ON annotations (version_id);
  `,
  // Derived cache (safe to drop): km² each side gained between two versions, per region.
  `
  CREATE TABLE pair_gains (
    from_version INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
    to_version INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
    code TEXT NOT NULL, russia REAL NOT NULL, ukraine REAL NOT NULL,
    PRIMARY KEY (code, from_version, to_version)
  ) WITHOUT ROWID;
  `,
  // Derived cache (safe to drop): results computed from the reference and cell layers, by kind and key.
  `
  CREATE TABLE derived (kind TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL, PRIMARY KEY (kind, key)) WITHOUT ROWID;
  `,
  // A road's number and name when the source has them (OSM `ref` / `name`; the bundled KSE extract has neither).
  `
  ALTER TABLE roads ADD COLUMN ref TEXT;
  ALTER TABLE roads ADD COLUMN name TEXT;
  `,
];
