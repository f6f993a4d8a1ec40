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
  // The analyst workspace (docs/workspace.md): accounts, sessions, API tokens, drafts, comments, audit log.
  `
  CREATE TABLE users (
    id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE COLLATE NOCASE, role TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'reviewer', 'admin')),
    password_hash TEXT NOT NULL, created_at TEXT NOT NULL, disabled_at TEXT
  );
  -- Session ids and API tokens are kept only as SHA-256 hashes.
  CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id), csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL, expires_at TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id), name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'reviewer', 'admin')), token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL, revoked_at TEXT
  );
  CREATE TABLE drafts (
    id INTEGER PRIMARY KEY, title TEXT NOT NULL, based_on INTEGER NOT NULL REFERENCES versions(id),
    status TEXT NOT NULL CHECK (status IN ('open', 'submitted', 'rejected', 'approved', 'published')),
    revision INTEGER NOT NULL, created_by INTEGER NOT NULL REFERENCES users(id), created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
    published_version INTEGER REFERENCES versions(id), review TEXT NOT NULL DEFAULT '{}'
  );
  -- Changes and events of a draft, in the order they were made; undo marks the last active one 'undone'.
  CREATE TABLE draft_items (
    id INTEGER PRIMARY KEY, draft_id INTEGER NOT NULL REFERENCES drafts(id), kind TEXT NOT NULL CHECK (kind IN ('change', 'event')),
    state TEXT NOT NULL CHECK (state IN ('active', 'undone', 'discarded')), undo_order INTEGER,
    body TEXT NOT NULL, author INTEGER NOT NULL REFERENCES users(id), created_at TEXT NOT NULL
  );
  CREATE INDEX draft_items_draft ON draft_items (draft_id, id);
  CREATE TABLE draft_comments (
    id INTEGER PRIMARY KEY, draft_id INTEGER NOT NULL REFERENCES drafts(id), item_id INTEGER REFERENCES draft_items(id),
    author INTEGER NOT NULL REFERENCES users(id), body TEXT NOT NULL, created_at TEXT NOT NULL
  );
  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, target TEXT,
    before TEXT, after TEXT, address TEXT
  );
  -- Append-only: the application can add entries, never change or remove them.
  CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  `,
  // Publication delay (docs/workspace.md): a version is public from `public_from` (NULL: as soon as it is stored).
  `
  ALTER TABLE versions ADD COLUMN public_from TEXT;
  `,
  // Claims (docs/workspace.md): what a party claims, published beside assessed control without changing it.
  `
  CREATE TABLE claims (
    id INTEGER PRIMARY KEY, version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE, draft_id INTEGER REFERENCES drafts(id),
    claimant TEXT NOT NULL, status TEXT NOT NULL, valid_from TEXT NOT NULL, valid_until TEXT, geometry TEXT NOT NULL, area_km2 REAL NOT NULL,
    sources TEXT NOT NULL, confidence TEXT NOT NULL, note TEXT
  );
  CREATE INDEX claims_valid_from ON claims (valid_from);
  `,
  // Issue 5 (docs/workspace.md): arrows as a kind of draft item. SQLite cannot widen a CHECK, so
  // draft_items is rebuilt, and draft_comments with it: its rows point at draft_items, and dropping a
  // parent under them fails with foreign keys on; the new comments table points at the new items
  // table, whose rename carries the reference along. Then the published events and arrows, exact,
  // with their embargo (filtered for the public when read), and failed logins kept across restarts.
  `
  CREATE TABLE draft_items_next (
    id INTEGER PRIMARY KEY, draft_id INTEGER NOT NULL REFERENCES drafts(id), kind TEXT NOT NULL CHECK (kind IN ('change', 'event', 'arrow')),
    state TEXT NOT NULL CHECK (state IN ('active', 'undone', 'discarded')), undo_order INTEGER,
    body TEXT NOT NULL, author INTEGER NOT NULL REFERENCES users(id), created_at TEXT NOT NULL
  );
  INSERT INTO draft_items_next SELECT id, draft_id, kind, state, undo_order, body, author, created_at FROM draft_items;
  CREATE TABLE draft_comments_next (
    id INTEGER PRIMARY KEY, draft_id INTEGER NOT NULL REFERENCES drafts(id), item_id INTEGER REFERENCES draft_items_next(id),
    author INTEGER NOT NULL REFERENCES users(id), body TEXT NOT NULL, created_at TEXT NOT NULL
  );
  INSERT INTO draft_comments_next SELECT id, draft_id, item_id, author, body, created_at FROM draft_comments;
  DROP TABLE draft_comments;
  DROP TABLE draft_items;
  ALTER TABLE draft_items_next RENAME TO draft_items;
  ALTER TABLE draft_comments_next RENAME TO draft_comments;
  CREATE INDEX draft_items_draft ON draft_items (draft_id, id);
  -- embargoed: 1 while under an embargo without an end (until a reviewer lifts it); embargo_until: public from then on.
  CREATE TABLE published_items (
    id INTEGER PRIMARY KEY, version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE, draft_id INTEGER NOT NULL REFERENCES drafts(id),
    item_id INTEGER NOT NULL REFERENCES draft_items(id), kind TEXT NOT NULL CHECK (kind IN ('event', 'arrow')), time TEXT NOT NULL,
    geometry TEXT NOT NULL, settlement TEXT, properties TEXT NOT NULL, embargoed INTEGER NOT NULL DEFAULT 0, embargo_until TEXT
  );
  CREATE INDEX published_items_time ON published_items (kind, time);
  CREATE INDEX published_items_settlement ON published_items (settlement) WHERE settlement IS NOT NULL;
  CREATE TABLE login_failures (key TEXT NOT NULL, at INTEGER NOT NULL);
  CREATE INDEX login_failures_key ON login_failures (key, at);
  CREATE INDEX login_failures_at ON login_failures (at);
  `,
  // Unit positions (docs/workspace.md) as a kind of draft item and of published item. The CHECKs are
  // widened the only way SQLite allows, by rebuilding the tables: draft_items with the two tables
  // whose rows point at it (comments and published items), so no parent is dropped under them; the
  // renames carry the references along, as in the migration above.
  `
  CREATE TABLE draft_items_next (
    id INTEGER PRIMARY KEY, draft_id INTEGER NOT NULL REFERENCES drafts(id), kind TEXT NOT NULL CHECK (kind IN ('change', 'event', 'arrow', 'unit')),
    state TEXT NOT NULL CHECK (state IN ('active', 'undone', 'discarded')), undo_order INTEGER,
    body TEXT NOT NULL, author INTEGER NOT NULL REFERENCES users(id), created_at TEXT NOT NULL
  );
  INSERT INTO draft_items_next SELECT id, draft_id, kind, state, undo_order, body, author, created_at FROM draft_items;
  CREATE TABLE draft_comments_next (
    id INTEGER PRIMARY KEY, draft_id INTEGER NOT NULL REFERENCES drafts(id), item_id INTEGER REFERENCES draft_items_next(id),
    author INTEGER NOT NULL REFERENCES users(id), body TEXT NOT NULL, created_at TEXT NOT NULL
  );
  INSERT INTO draft_comments_next SELECT id, draft_id, item_id, author, body, created_at FROM draft_comments;
  CREATE TABLE published_items_next (
    id INTEGER PRIMARY KEY, version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE, draft_id INTEGER NOT NULL REFERENCES drafts(id),
    item_id INTEGER NOT NULL REFERENCES draft_items_next(id), kind TEXT NOT NULL CHECK (kind IN ('event', 'arrow', 'unit')), time TEXT NOT NULL,
    geometry TEXT NOT NULL, settlement TEXT, properties TEXT NOT NULL, embargoed INTEGER NOT NULL DEFAULT 0, embargo_until TEXT
  );
  INSERT INTO published_items_next SELECT id, version_id, draft_id, item_id, kind, time, geometry, settlement, properties, embargoed, embargo_until FROM published_items;
  DROP TABLE published_items;
  DROP TABLE draft_comments;
  DROP TABLE draft_items;
  ALTER TABLE draft_items_next RENAME TO draft_items;
  ALTER TABLE draft_comments_next RENAME TO draft_comments;
  ALTER TABLE published_items_next RENAME TO published_items;
  CREATE INDEX draft_items_draft ON draft_items (draft_id, id);
  CREATE INDEX published_items_time ON published_items (kind, time);
  CREATE INDEX published_items_settlement ON published_items (settlement) WHERE settlement IS NOT NULL;
  `,
];
