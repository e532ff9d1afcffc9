import { Logger } from '@nestjs/common';

/** What a stop has left to do after the HTTP drain: the application's own shutdown hooks. */
export interface ShutdownOptions {
  /** The whole stop (drain, projections, stores); past it the process exits with code 1. */
  readonly deadlineMs: number;
  readonly logger?: Logger;
  /** For tests; process.exit otherwise. */
  readonly exit?: (code: number) => void;
}

/**
 * Runs `stop` once on SIGTERM or SIGINT (or when the returned trigger is called), then exits with
 * code 0 — or 1 when it fails or outlasts its deadline. A second signal while stopping exits at
 * once with 1 (Ctrl-C twice). The process exits explicitly because a timer or a driver's socket
 * would otherwise keep it alive after everything was closed; Nest's own shutdown hooks re-raise
 * the signal instead, which ends the process with the signal, not 0.
 */
export const exitGracefully = (
  stop: (reason: string) => Promise<void>,
  options: ShutdownOptions,
): ((reason: string) => void) => {
  const logger = options.logger ?? new Logger('shutdown');
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const trigger = (reason: string): void => {
    if (stopping) {
      logger.warn(`${reason} while stopping: exiting now`);
      exit(1);
      return;
    }
    stopping = true;
    logger.log(`${reason}: shutting down`);
    const deadline = setTimeout(() => {
      logger.error(`shutdown did not finish within ${options.deadlineMs} ms: exiting`);
      exit(1);
    }, options.deadlineMs);
    deadline.unref();
    stop(reason).then(
      () => {
        clearTimeout(deadline);
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(deadline);
        logger.error({ err: error }, 'shutdown failed');
        exit(1);
      },
    );
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => trigger(signal));
  return trigger;
};

/** Time left for the shutdown hooks (projections, process managers, checkpoint signing, stores) after the HTTP grace. */
export const HOOKS_DEADLINE_MS = 30_000;
