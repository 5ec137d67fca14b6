import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, MigrationChangedError, MigrationFromFutureError, type Migration } from '../../../electron/core/db/migrate';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import { openDatabase } from '../../../electron/core/db/open';
import { tempDir } from '../helpers';

describe('migrations', () => {
  it('apply to an empty database, in WAL mode, with STRICT tables, and record a hash each', () => {
    const db = openDatabase(join(tempDir(), 'cache.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const applied = db.prepare('SELECT version, hash FROM schema_migrations').all() as { version: number; hash: string }[];
    expect(applied.map((m) => m.version)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(applied.every((m) => /^[0-9a-f]{64}$/.test(m.hash))).toBe(true);
    const tables = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string; sql: string }[];
    for (const table of tables.filter((t) => !t.name.includes('_fts'))) expect(table.sql, table.name).toMatch(/STRICT\s*$/);
    db.close();
  });

  it('are applied once: a second open changes nothing', () => {
    const file = join(tempDir(), 'cache.sqlite');
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(migrate(db, MIGRATIONS)).toEqual([]);
    db.close();
  });

  it('refuse to start when an applied migration was edited', () => {
    const db = new Database(':memory:');
    const original: Migration = { version: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER) STRICT;' };
    migrate(db, [original]);
    expect(() => migrate(db, [{ ...original, sql: 'CREATE TABLE a (x TEXT) STRICT;' }])).toThrow(MigrationChangedError);
    expect(() => migrate(db, [{ ...original, sql: 'CREATE TABLE a (x TEXT) STRICT;' }])).toThrow(/Migration 1 \(one\) was changed/);
  });

  it('refuse a database written by a newer app', () => {
    const db = new Database(':memory:');
    migrate(db, [{ version: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER) STRICT;' }, { version: 2, name: 'two', sql: 'CREATE TABLE b (x INTEGER) STRICT;' }]);
    expect(() => migrate(db, [{ version: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER) STRICT;' }])).toThrow(MigrationFromFutureError);
  });

  it('roll back a failing migration whole, leaving nothing half-applied', () => {
    const db = new Database(':memory:');
    const broken: Migration = { version: 1, name: 'broken', sql: 'CREATE TABLE a (x INTEGER) STRICT; CREATE TABLE a (y INTEGER) STRICT;' };
    expect(() => migrate(db, [broken])).toThrow();
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'a'").get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: 0 });
  });
});
