export * from './case-visibility.types';
export * from './case-visibility.rules';
export * from './case-visibility';
