import { fork } from 'node:child_process';
import { CompiledTree } from './compile';

// A benchmark's measured phase runs in a child process on compiled JavaScript (compile.ts), and
// reports one result over IPC. Both ends of that here.

/** Forks the compiled `source` and resolves with the report it sends (rejects with its error). */
export const runReportingChild = <R>(
  tree: CompiledTree,
  source: string,
  env: NodeJS.ProcessEnv,
  execArgv: readonly string[] = [],
): Promise<R> =>
  new Promise((resolve, reject) => {
    const child = fork(tree.file(source), [], { env: { ...tree.env, ...env }, execArgv: [...execArgv] });
    child.once('message', (message: { report?: R; error?: string }) =>
      message.report ? resolve(message.report) : reject(new Error(`${source} failed: ${message.error ?? 'unknown'}`)),
    );
    // After a report this settles nothing: the promise is already resolved.
    child.once('exit', (code) => reject(new Error(`${source} exited with ${code} before reporting`)));
  });

/** In the child: runs `work` and sends its report (or its error) to the parent, then exits. */
export const reportToParent = <R>(work: () => Promise<R>): void => {
  work().then(
    (report) => process.send?.({ report }, () => process.exit(0)),
    (error: unknown) =>
      process.send?.({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, () =>
        process.exit(1),
      ),
  );
};
