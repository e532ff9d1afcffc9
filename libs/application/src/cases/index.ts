export * from './case-aggregates';
export * from './execute-case-command';
export * from './load-case.query';
