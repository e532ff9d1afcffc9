export * from './event-store';
export * from './command';
export * from './cases';
