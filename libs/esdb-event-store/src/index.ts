/**
 * `@xj/esdb-event-store` — the EventStoreDB adapter (the only importer of @eventstore/db-client):
 * the store (`EsdbEventStore.connect`, called by @xj/composition's adapter selection) and the
 * narrow client type its fake (@xj/testing/fake-esdb-client) implements.
 */
export { EsdbEventStore } from './esdb-event-store';
export type { EsdbEventStoreOptions } from './esdb-event-store';
export type { EsdbClientLike } from './esdb-client';
