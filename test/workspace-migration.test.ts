/**
 * The issue-5 migration rebuilds draft_items (SQLite cannot widen a CHECK): a database made by the
 * previous release, with drafts, items and comments on them, must come through with every row and
 * every foreign key intact, and take arrows afterwards.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../src/store/sqlite/migrations.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';

describe('migrating a workspace database of the previous release', () => {
  it('keeps drafts, items and the comments pointing at them, and accepts arrows', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'frontline-migrate-')), 'old.db');
    const before = MIGRATIONS.findIndex((m) => m.includes("CHECK (kind IN ('change', 'event', 'arrow'))"));
    const old = new Database(path);
    old.pragma('foreign_keys = ON');
    for (const m of MIGRATIONS.slice(0, before)) old.exec(m);
    old.pragma(`user_version = ${before}`);
    old.exec(`
      INSERT INTO users (id, username, role, password_hash, created_at) VALUES (1, 'olena', 'editor', 'scrypt$x', '2022-06-01T00:00:00Z');
      INSERT INTO versions (id, valid_at, source, file, content_hash, imported_at, summary) VALUES (1, '2022-06-01T00:00:00Z', 'deepstate', 'f', 'h', '2022-06-01T00:00:00Z', '{}');
      INSERT INTO drafts (id, title, based_on, status, revision, created_by, created_at, updated_at) VALUES (1, 'old draft', 1, 'open', 3, 1, 't', 't');
      INSERT INTO draft_items (id, draft_id, kind, state, body, author, created_at) VALUES (7, 1, 'change', 'active', '{"status":"occupied"}', 1, 't'), (8, 1, 'event', 'undone', '{"type":"capture"}', 1, 't');
      INSERT INTO draft_comments (draft_id, item_id, author, body, created_at) VALUES (1, 8, 1, 'source?', 't');
    `);
    expect(() => old.exec(`INSERT INTO draft_items (draft_id, kind, state, body, author, created_at) VALUES (1, 'arrow', 'active', '{}', 1, 't')`)).toThrow(/CHECK/);
    old.close();

    const store = openSqliteStore(path);
    const ws = store.workspace();
    expect(ws.items(1).map((i) => [i.id, i.kind, i.state, i.body])).toEqual([[7, 'change', 'active', { status: 'occupied' }], [8, 'event', 'undone', { type: 'capture' }]]);
    expect(ws.comments(1).map((c) => [c.itemId, c.body])).toEqual([[8, 'source?']]);
    expect(ws.addItem({ draftId: 1, kind: 'arrow', body: { side: 'russia' }, author: 1 }).kind).toBe('arrow');
    store.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'draft_items_draft'").pluck().get()).toMatch(/draft_id, id/);
    const comments = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'draft_comments'").pluck().get() as string;
    expect(comments).toMatch(/REFERENCES "?draft_items"?\(id\)/);
    expect(comments).not.toMatch(/_next/);
    db.close();
  });
});

describe('migrating a workspace database without unit positions', () => {
  it('keeps items, comments and published items with their references, and accepts units in both tables', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'frontline-migrate-')), 'units.db');
    const before = MIGRATIONS.findIndex((m) => m.includes("CHECK (kind IN ('change', 'event', 'arrow', 'unit'))"));
    expect(before).toBe(MIGRATIONS.length - 1);
    const old = new Database(path);
    old.pragma('foreign_keys = ON');
    for (const m of MIGRATIONS.slice(0, before)) old.exec(m);
    old.pragma(`user_version = ${before}`);
    old.exec(`
      INSERT INTO users (id, username, role, password_hash, created_at) VALUES (1, 'olena', 'editor', 'scrypt$x', '2022-06-01T00:00:00Z');
      INSERT INTO versions (id, valid_at, source, file, content_hash, imported_at, summary) VALUES (1, '2022-06-01T00:00:00Z', 'deepstate', 'f', 'h', '2022-06-01T00:00:00Z', '{}');
      INSERT INTO drafts (id, title, based_on, status, revision, created_by, created_at, updated_at) VALUES (1, 'old draft', 1, 'published', 5, 1, 't', 't');
      INSERT INTO draft_items (id, draft_id, kind, state, body, author, created_at) VALUES (7, 1, 'arrow', 'active', '{"side":"russia"}', 1, 't'), (8, 1, 'event', 'active', '{"type":"capture"}', 1, 't');
      INSERT INTO draft_comments (draft_id, item_id, author, body, created_at) VALUES (1, 8, 1, 'source?', 't');
      INSERT INTO published_items (version_id, draft_id, item_id, kind, time, geometry, settlement, properties, embargoed, embargo_until)
        VALUES (1, 1, 8, 'event', '2022-06-01T06:00:00Z', '{"type":"Point","coordinates":[38,48]}', NULL, '{}', 1, NULL);
    `);
    expect(() => old.exec(`INSERT INTO draft_items (draft_id, kind, state, body, author, created_at) VALUES (1, 'unit', 'active', '{}', 1, 't')`)).toThrow(/CHECK/);
    old.close();

    const store = openSqliteStore(path);
    const ws = store.workspace();
    expect(ws.items(1).map((i) => [i.id, i.kind])).toEqual([[7, 'arrow'], [8, 'event']]);
    expect(ws.comments(1).map((c) => [c.itemId, c.body])).toEqual([[8, 'source?']]);
    expect(ws.publishedItems({ kind: 'event', from: '0000', to: '9999' })).toMatchObject([{ itemId: 8, embargoed: true }]);
    const u = ws.addItem({ draftId: 1, kind: 'unit', body: { unit: '3rd Assault Brigade' }, author: 1 });
    ws.addPublishedItem({ versionId: 1, draftId: 1, itemId: u.id, kind: 'unit', time: '2022-06-01T07:00:00Z', geometry: { type: 'Point', coordinates: [38, 48] }, settlement: null, properties: {}, embargoed: false, embargoUntil: null });
    expect(ws.publishedItems({ kind: 'unit', from: '0000', to: '9999' })).toHaveLength(1);
    store.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    for (const table of ['draft_comments', 'published_items']) {
      const sql = db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').pluck().get(table) as string;
      expect(sql, table).toMatch(/REFERENCES "?draft_items"?\(id\)/);
      expect(sql, table).not.toMatch(/_next/);
    }
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name IN ('draft_items_draft', 'published_items_time', 'published_items_settlement')").pluck().get()).toBe(3);
    db.close();
  });
});
