/** DI token for {@link ReadModelFreshness}; the composition root binds it to the projection runner. */
export const READ_MODEL_FRESHNESS = Symbol('READ_MODEL_FRESHNESS');

/**
 * Read-your-writes: a client passes the global position a command returned (`minPosition`), and
 * the query waits until the read models have applied it.
 */
export interface ReadModelFreshness {
  /** Resolves true once every projection reached `position`, false after `timeoutMs` (answer stale). */
  waitFor(position: bigint, timeoutMs: number): Promise<boolean>;
}

/** How long a query waits for its read model to catch up (the issue: "up to 2 s"). */
export const FRESHNESS_TIMEOUT_MS = 2_000;
