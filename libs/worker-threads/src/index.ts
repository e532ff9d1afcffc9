export { runWorker } from './start-worker';
export type { RunWorkerOptions } from './start-worker';
export { serveWorker } from './serve-worker';
export type { WorkerContext } from './serve-worker';
