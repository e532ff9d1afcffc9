export * from './mongo-database';
export * from './mongo-mapping';
export * from './mongo-read-model-store';
export * from './mongo-connection';
export * from './mongo-attempt-counter-store';
