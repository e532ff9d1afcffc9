/**
 * `@xj/sqlite-event-store` — the embedded event store (the only importer of better-sqlite3 for
 * events): the store, its configuration for the composition roots, and its stored-row type for
 * the specs that hash stored texts.
 */
export { SqliteEventStore } from './sqlite-event-store';
export type { SqliteEventStoreOptions } from './sqlite-event-store';
export { EVENTS_DB_FILENAME, sqliteEventStoreFilename } from './sqlite-event-store.config';
export { SqliteChainRow } from './stored-row-hash';
export type { StoredChainRow } from './stored-row-hash';
