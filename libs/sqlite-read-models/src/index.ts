export * from './sqlite-read-model-store';
export * from './sqlite-read-models.config';
export * from './sqlite-attempt-counter-store';
