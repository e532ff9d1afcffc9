// The first module of every worker started by runWorker: resolves `@xj/*` where the parent does (a
// worker inherits neither ts-node's nor scripts/run.js's alias resolution), then runs the entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsconfig-paths';
import type { WorkerBoot } from './worker-protocol';

const boot = workerData as WorkerBoot;
register({ baseUrl: '/', paths: Object.fromEntries(Object.entries(boot.paths).map(([alias, dirs]) => [alias, [...dirs]])) });
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the entry is known only now, and must load after the aliases
require(boot.entry);
