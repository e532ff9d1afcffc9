export * from './esdb-client';
export * from './esdb-event-store';
