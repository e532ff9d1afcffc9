export * from './decider-spec';
export * from './projection-spec';
export * from './event-fixtures';
export * from './event-store-port-only';
export * from './read-only-files';
