import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SqliteEventStore, SqliteEventStoreOptions } from './sqlite-event-store';

export const EVENTS_DB_FILENAME = 'events.sqlite';

/** `$DATA_DIR/events.sqlite` (DATA_DIR defaults to `./data`), creating the directory. */
export const sqliteEventStoreFilename = (env: NodeJS.ProcessEnv = process.env): string => {
  const dataDir = resolve(env.DATA_DIR || './data');
  mkdirSync(dataDir, { recursive: true });
  return join(dataDir, EVENTS_DB_FILENAME);
};

/** The embedded store as configured by the environment (composition roots call this). */
export const sqliteEventStoreFromEnv = (
  env: NodeJS.ProcessEnv = process.env,
  options: Omit<SqliteEventStoreOptions, 'filename'> = {},
): SqliteEventStore => new SqliteEventStore({ ...options, filename: sqliteEventStoreFilename(env) });
