/**
 * `@xj/sqlite-read-models` — the embedded read-model store and login-attempt counters: the
 * stores and their files under DATA_DIR for the composition roots.
 */
export { SqliteReadModelStore } from './sqlite-read-model-store';
export type { SqliteReadModelStoreOptions } from './sqlite-read-model-store';
export { READ_MODELS_DB_FILENAME, sqliteReadModelsFilename } from './sqlite-read-models.config';
export { ATTEMPTS_DB_FILENAME, SqliteAttemptCounterStore } from './sqlite-attempt-counter-store';
export type { SqliteAttemptCounterStoreOptions } from './sqlite-attempt-counter-store';
export { SqliteTimerStore, TIMERS_DB_FILENAME } from './sqlite-timer-store';
export type { SqliteTimerStoreOptions } from './sqlite-timer-store';
