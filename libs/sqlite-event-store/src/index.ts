export * from './sqlite-event-store';
export * from './sqlite-event-store.config';
export { computeStoredRowHash, SqliteChainRow, storedRowHashMatches } from './stored-row-hash';
export type { StoredChainRow } from './stored-row-hash';
