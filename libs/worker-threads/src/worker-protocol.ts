// What crosses between runWorker (start-worker.ts) and serveWorker (serve-worker.ts). Loaded on both
// sides, in the worker before any `@xj/*` alias resolves: it imports nothing.

/** The worker's data as runWorker hands it to the thread. */
export interface WorkerBoot {
  /** What serveWorker hands the handler. */
  readonly data: unknown;
  /** Run from TypeScript sources only: what worker-bootstrap.ts needs before it loads the entry. */
  readonly sources?: {
    /** `@xj/*` alias → directories, as tsconfig-paths takes them. */
    readonly paths: Readonly<Record<string, readonly string[]>>;
    /** The module to run once the aliases resolve (it calls serveWorker). */
    readonly entry: string;
  };
}

/** Posted by the worker: events while it runs, then its result or its failure. */
export type WorkerReply = { readonly event: unknown } | { readonly result: unknown } | { readonly error: string };

/** Posted to the worker: stop where it is (its result still comes). */
export const STOP = 'stop';
