export * from './esdb-client';
export * from './esdb-event-store';
export * from './esdb-event-store.config';
