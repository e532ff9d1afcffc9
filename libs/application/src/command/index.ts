export * from './aggregate-definition';
export * from './command-errors';
export * from './command-executor';
export * from './deterministic-id';
export * from './idempotency';
