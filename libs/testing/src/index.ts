export * from './decider-spec';
export * from './projection-spec';
export * from './event-fixtures';
export * from './event-store-port-only';
export * from './checkpoint-v1';
export * from './read-only-files';
