import { existsSync, readdirSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { ResourceLimits, Worker } from 'node:worker_threads';
import { STOP, WorkerBoot, WorkerReply } from './worker-protocol';

export interface RunWorkerOptions<E> {
  /** For errors: "<name> failed: …", "<name> exited with code …". */
  readonly name: string;
  /** Told each event the worker posts before its result (progress, …). */
  readonly onEvent?: (event: E) => void;
  /** Aborting asks the worker to stop where it is (serveWorker's `stopped()`); its result still comes. */
  readonly signal?: AbortSignal;
  readonly resourceLimits?: ResourceLimits;
}

/**
 * `@xj/<name>` → `libs/<name>/src`, as tsconfig.json maps them, in the source tree this file is in.
 * Only runs from TypeScript sources need them: compiled trees (dist/, a benchmark's copy) carry
 * the library stubs of scripts/library-stubs.ts, which Node finds from the thread as from here.
 */
let libraryPaths: Record<string, string[]> | undefined;
const resolvedLibraryPaths = (): Record<string, string[]> => {
  const libs = resolve(__dirname, '..', '..');
  libraryPaths ??= Object.fromEntries(
    readdirSync(libs)
      .filter((name) => existsSync(join(libs, name, 'src')))
      .flatMap((name) => [
        [`@xj/${name}`, [join(libs, name, 'src')]],
        [`@xj/${name}/*`, [join(libs, name, 'src', '*')]],
      ]),
  );
  return libraryPaths;
};

/**
 * Compiled, the thread runs the entry itself, with nothing but production dependencies. From
 * TypeScript sources (tests, ts-node), it runs the bootstrap first, under ts-node as here: a thread
 * inherits neither ts-node nor the aliases, and the dev dependencies they need are there.
 */
const threadFor = (entry: string, data: unknown): { file: string; execArgv: string[]; boot: WorkerBoot } => {
  if (extname(__filename) !== '.ts') return { file: entry, execArgv: [], boot: { data } };
  return {
    file: join(__dirname, 'worker-bootstrap.ts'),
    execArgv: ['-r', require.resolve('ts-node/register/transpile-only')],
    boot: { data, sources: { entry, paths: resolvedLibraryPaths() } },
  };
};

/**
 * Runs the handler that `entry` (a module of this code base: pass `require.resolve('./x.worker')`)
 * gives serveWorker, on a new worker thread, with `data` (structured-cloned). The one way this code
 * base starts a worker: `@xj/*` resolves there as it does here, from the sources, dist/ (with
 * production dependencies only) or a compiled copy. Resolves with the handler's result; rejects
 * with its failure, or when the thread dies or exits before answering. The thread is terminated
 * once settled.
 */
export const runWorker = <R, E = never>(entry: string, data: unknown, options: RunWorkerOptions<E>): Promise<R> =>
  new Promise((resolvePromise, reject) => {
    const { file, execArgv, boot } = threadFor(entry, data);
    const worker = new Worker(file, {
      workerData: boot,
      execArgv,
      ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
    });
    const { signal } = options;
    const stop = (): void => worker.postMessage(STOP);
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', stop);
      outcome();
      void worker.terminate();
    };
    if (signal?.aborted) stop();
    else signal?.addEventListener('abort', stop);
    worker.on('message', (reply: WorkerReply) => {
      if ('event' in reply) options.onEvent?.(reply.event as E);
      else if ('result' in reply) settle(() => resolvePromise(reply.result as R));
      else settle(() => reject(new Error(`${options.name} failed: ${reply.error}`)));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`${options.name} exited with code ${code} before answering.`))),
    );
  });
