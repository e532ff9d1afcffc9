export * from './attempt-counter-store.port';
export * from './client-address';
export * from './login-limiter';
