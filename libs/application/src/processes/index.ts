export * from './rectification-assignment';
export * from './rectification-plan.process-manager';
