import { ChildProcess, fork } from 'node:child_process';
import { CompiledTree } from './compile';

/** The API running in a child process (bench/support/server-child.ts), compiled JavaScript. */
export interface ServerProcess {
  readonly baseUrl: string;
  readonly child: ChildProcess;
  /** Asks the server to close (graceful shutdown), kills it after 5 s. */
  close(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface ForkOptions {
  /** Called with the child as soon as it is forked, before it listens (test:chaos kills some there). */
  readonly onSpawn?: (child: ChildProcess) => void;
}

/**
 * Forks the server on `env` (DATA_DIR at least) and resolves once it listens. BENCH_CPU_PROF=<dir>
 * writes the server's CPU profile there when it closes; BENCH_NODE_ARGS adds node flags; BENCH_MEM_TRACE=<file>
 * has the server append its process.memoryUsage() there every 20 ms (server-child.ts).
 */
export const forkServer = async (
  tree: CompiledTree,
  env: NodeJS.ProcessEnv,
  options: ForkOptions = {},
): Promise<ServerProcess> => {
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  // BENCH_NODE_ARGS: more V8/node flags for the server (diagnostics, e.g. --heapsnapshot-signal=SIGUSR2).
  const extra = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '');
  const child = fork(tree.file('bench/support/server-child.ts'), [], {
    env: { ...tree.env, ...env },
    execArgv: [...profile, ...extra],
  });
  options.onSpawn?.(child);
  const close = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    if (child.connected) child.send('close');
    else child.kill();
    await Promise.race([exited, sleep(5_000).then(() => child.kill('SIGKILL'))]);
  };
  const started = await new Promise<{ port?: number; error?: string }>((resolve, reject) => {
    child.once('message', (message) => resolve(message as { port?: number; error?: string }));
    child.once('exit', (code) => reject(new Error(`the server exited with ${code} before listening`)));
  });
  if (started.port === undefined) {
    await close();
    throw new Error(`the server failed to start: ${started.error ?? 'no port'}`);
  }
  return { baseUrl: `http://127.0.0.1:${started.port}`, child, close };
};
