import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { STOP, WorkerBoot, WorkerReply } from './worker-protocol';

/** What a worker's handler may do besides returning its result. */
export interface WorkerContext<E> {
  /** Sends an event to runWorker's `onEvent`. */
  post(event: E): void;
  /** True once runWorker's signal aborted: stop where it is, and answer. */
  stopped(): boolean;
}

/**
 * The worker side of runWorker: called once by the module runWorker was given, it runs `handler`
 * on the data runWorker was given and posts its result, or its failure as `Name: message`.
 * Loaded in the main thread (by a type or a shared module), it does nothing.
 */
export const serveWorker = <D, R, E = never>(handler: (data: D, context: WorkerContext<E>) => R | Promise<R>): void => {
  const port = parentPort;
  if (isMainThread || port === null) return;
  let stop = false;
  port.on('message', (message: unknown) => {
    if (message === STOP) stop = true;
  });
  const reply = (message: WorkerReply): void => port.postMessage(message);
  const context: WorkerContext<E> = { post: (event) => reply({ event }), stopped: () => stop };
  new Promise<R>((resolve) => resolve(handler((workerData as WorkerBoot).data as D, context))).then(
    (result) => reply({ result }),
    (error: unknown) => reply({ error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }),
  );
};
