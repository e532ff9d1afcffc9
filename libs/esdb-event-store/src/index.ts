/**
 * `@xj/esdb-event-store` — the EventStoreDB adapter (the only importer of @eventstore/db-client):
 * the store, its configuration for the composition roots, and the narrow client type its fake
 * (@xj/testing/fake-esdb-client) implements.
 */
export { EsdbEventStore } from './esdb-event-store';
export type { EsdbEventStoreOptions } from './esdb-event-store';
export { esdbEventStoreFromEnv } from './esdb-event-store.config';
export type { EsdbClientLike } from './esdb-client';
