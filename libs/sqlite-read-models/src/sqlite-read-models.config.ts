import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SqliteReadModelStore, SqliteReadModelStoreOptions } from './sqlite-read-model-store';

export const READ_MODELS_DB_FILENAME = 'read-models.sqlite';

/** `$DATA_DIR/read-models.sqlite` (DATA_DIR defaults to `./data`), creating the directory. */
export const sqliteReadModelsFilename = (env: NodeJS.ProcessEnv = process.env): string => {
  const dataDir = resolve(env.DATA_DIR || './data');
  mkdirSync(dataDir, { recursive: true });
  return join(dataDir, READ_MODELS_DB_FILENAME);
};

/** The embedded read-model store as configured by the environment (composition roots call this). */
export const sqliteReadModelStoreFromEnv = (
  env: NodeJS.ProcessEnv = process.env,
  options: Omit<SqliteReadModelStoreOptions, 'filename'> = {},
): SqliteReadModelStore => new SqliteReadModelStore({ ...options, filename: sqliteReadModelsFilename(env) });
