export * from './event-store';
export * from './command';
export * from './cases';
export * from './read-models';
export * from './audit';
export * from './projections';
export * from './integrity';
export * from './processes';
