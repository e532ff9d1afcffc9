export * from './case-aggregates';
export * from './case-visibility';
export * from './execute-case-command';
export * from './load-case.query';
