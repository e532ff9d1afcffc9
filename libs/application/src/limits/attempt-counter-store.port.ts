/** DI token for the configured {@link AttemptCounterStore} adapter. */
export const ATTEMPT_COUNTER_STORE = Symbol('ATTEMPT_COUNTER_STORE');

/** A fixed-window counter of attempts under one key, with an optional block. Times are ms since the epoch. */
export interface AttemptCounter {
  /** Attempts counted in the window now open. */
  readonly count: number;
  /** When that window closes; the next attempt after it starts a new window at 1. */
  readonly windowEndsAt: number;
  /** Until when the key is blocked; 0 when it is not blocked at the time asked. */
  readonly blockedUntil: number;
}

/**
 * Counters of login attempts, kept where every API replica sees them (the embedded SQLite file
 * in DATA_DIR; MongoDB in the production layout). Every operation is atomic on its key, so
 * concurrent attempts from several requests or replicas are all counted. A record is dropped by
 * the store once both its window and its block are over (MongoDB: a TTL index; SQLite: pruned
 * on write), so keys made up by an attacker do not accumulate.
 *
 * Keys are opaque to the store (the login policy hashes account names before they get here).
 * One contract suite: test/contract/attempt-counter-store.contract-spec.ts.
 */
export interface AttemptCounterStore {
  /**
   * Counts one attempt: opens a window of `windowMs` at `now` when none is open (the count
   * starts over at 1), else adds one. A block outlives the window it was set in. Returns the
   * counter after the increment.
   */
  increment(key: string, now: number, windowMs: number): Promise<AttemptCounter>;
  /** Takes one attempt back in the open window (it turned out not to be a failure); never below 0. */
  decrement(key: string, now: number): Promise<void>;
  /** Blocks the key until `until`; an existing longer block is kept. */
  block(key: string, until: number): Promise<void>;
  /** The counter as it stands at `now` (count 0 once its window is over), or undefined when nothing is counted or blocked. */
  read(key: string, now: number): Promise<AttemptCounter | undefined>;
  /** Forgets the key: its count and any block. */
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}
