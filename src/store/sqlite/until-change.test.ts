import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OTHER_WRITERS_CHECK_MS, untilChange } from './until-change.js';

describe('untilChange', () => {
  const dirs: string[] = [];
  afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

  function setup(clock?: () => number) {
    const dir = mkdtempSync(join(tmpdir(), 'until-change-'));
    dirs.push(dir);
    const path = join(dir, 'db.sqlite');
    const db = new Database(path);
    db.exec('CREATE TABLE t (at TEXT)');
    let computed = 0;
    const count = untilChange(db, (now) => {
      computed++;
      return {
        value: db.prepare('SELECT count(*) FROM t WHERE at <= ?').pluck().get(now) as number,
        until: db.prepare('SELECT min(at) FROM t WHERE at > ?').pluck().get(now) as string | null,
      };
    }, clock ? { monotonicMs: clock } : {});
    return { db, path, count, computations: () => computed };
  }

  it('keeps the figure until this connection writes', () => {
    const { db, count, computations } = setup();
    expect(count('2024-01-01')).toBe(0);
    expect(count('2024-01-01')).toBe(0);
    expect(computations()).toBe(1);
    db.prepare('INSERT INTO t VALUES (?)').run('2023-06-01');
    expect(count('2024-01-01')).toBe(1);
    expect(computations()).toBe(2);
  });

  it('sees a write by another connection once the check interval has passed', () => {
    let ms = 1000;
    const { path, count } = setup(() => ms);
    expect(count('2024-01-01')).toBe(0);
    const other = new Database(path);
    other.prepare('INSERT INTO t VALUES (?)').run('2023-06-01');
    other.close();
    ms += OTHER_WRITERS_CHECK_MS - 1;
    expect(count('2024-01-01')).toBe(0);
    ms += 1;
    expect(count('2024-01-01')).toBe(1);
  });

  it('recomputes when the clock passes the next instant, and for an earlier clock', () => {
    const { db, count } = setup();
    db.prepare('INSERT INTO t VALUES (?)').run('2024-03-01');
    expect(count('2024-01-01')).toBe(0);
    expect(count('2024-02-29')).toBe(0);
    expect(count('2024-03-01')).toBe(1);
    expect(count('2024-01-01')).toBe(0);
  });
});
