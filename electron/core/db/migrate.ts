import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** An applied migration whose text changed: the database no longer matches the code's history. */
export class MigrationChangedError extends Error {
  constructor(
    readonly version: number,
    readonly migrationName: string,
  ) {
    super(
      `Migration ${version} (${migrationName}) was changed after it was applied to this database. ` +
        'Applied migrations are immutable: restore its original text and add a new migration instead.',
    );
    this.name = 'MigrationChangedError';
  }
}

/** The database was written by a newer version of the app. */
export class MigrationFromFutureError extends Error {
  constructor(readonly version: number) {
    super(`The database has migration ${version}, which this version of the app does not know. Update the app.`);
    this.name = 'MigrationFromFutureError';
  }
}

export function migrationHash(migration: Migration): string {
  return createHash('sha256').update(migration.sql).digest('hex');
}

export function migrate(db: Database.Database, migrations: readonly Migration[]): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    hash TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  ) STRICT`);
  const applied = db
    .prepare('SELECT version, name, hash FROM schema_migrations ORDER BY version')
    .all() as { version: number; name: string; hash: string }[];
  const known = new Map(migrations.map((m) => [m.version, m]));
  for (const row of applied) {
    const migration = known.get(row.version);
    if (!migration) throw new MigrationFromFutureError(row.version);
    if (migrationHash(migration) !== row.hash) throw new MigrationChangedError(row.version, row.name);
  }
  const done = new Set(applied.map((row) => row.version));
  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, hash, applied_at) VALUES (?, ?, ?, ?)',
  );
  const newlyApplied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (done.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, migrationHash(migration), Date.now());
    }).immediate();
    newlyApplied.push(migration.version);
  }
  return newlyApplied;
}
