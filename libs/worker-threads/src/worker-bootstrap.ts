// The first module of a worker that runWorker starts from TypeScript sources (tests, ts-node):
// resolves `@xj/*` where the parent does (a worker inherits neither ts-node's nor tsconfig-paths'
// resolution), then runs the entry. Never loaded from compiled code: there the thread runs the
// entry itself and the library stubs resolve `@xj/*`, so tsconfig-paths (a dev dependency) is
// needed only here.
import { workerData } from 'node:worker_threads';
import { register } from 'tsconfig-paths';
import type { WorkerBoot } from './worker-protocol';

const { sources } = workerData as WorkerBoot;
if (!sources)
  throw new Error(
    'worker-bootstrap: started without the sources to run (runWorker passes them from TypeScript sources only)',
  );
register({
  baseUrl: '/',
  paths: Object.fromEntries(Object.entries(sources.paths).map(([alias, dirs]) => [alias, [...dirs]])),
});
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the entry is known only now, and must load after the aliases
require(sources.entry);
