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
    const before = MIGRATIONS.length - 1;
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
