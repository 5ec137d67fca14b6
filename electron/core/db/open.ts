import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

let nativeBinding: string | undefined;

/**
 * Electron and Node need different native builds of better-sqlite3; the Electron shell points
 * here at its own build before anything opens the database (see scripts/native-sqlite.mjs).
 */
export function useNativeBinding(path: string | undefined): void {
  nativeBinding = path;
}

export interface OpenOptions {
  readonly?: boolean;
  /** Skip migrations (read-only handles and workers open a database that main already migrated). */
  migrate?: boolean;
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, {
    readonly: options.readonly ?? false,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  db.pragma('busy_timeout = 10000');
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    // NORMAL is durable against process crashes in WAL mode; only an OS crash can lose the last commit.
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -65536');
  db.pragma('mmap_size = 268435456');
  if (options.migrate ?? !options.readonly) migrate(db, MIGRATIONS);
  return db;
}
