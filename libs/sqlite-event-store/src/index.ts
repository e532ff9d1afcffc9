export * from './sqlite-event-store';
export * from './sqlite-event-store.config';
export { SqliteChainRow } from './stored-row-hash';
export type { StoredChainRow } from './stored-row-hash';
