interface Waiter {
  readonly position: bigint;
  readonly names: readonly string[];
  settle(reached: boolean): void;
}

/**
 * Read-your-writes: callers wait until the read models reflect a global position (the one a
 * command returned), or give up after a timeout and answer with what is there.
 */
export class PositionWaiters {
  private readonly waiters = new Set<Waiter>();

  constructor(private readonly reached: (position: bigint, names: readonly string[]) => boolean) {}

  wait(position: bigint, names: readonly string[], timeoutMs: number): Promise<boolean> {
    if (this.reached(position, names)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => waiter.settle(false), timeoutMs);
      const waiter: Waiter = {
        position,
        names,
        settle: (reached) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(reached);
        },
      };
      this.waiters.add(waiter);
    });
  }

  /** Releases the waiters whose position has been reached. */
  check(): void {
    for (const waiter of this.waiters) if (this.reached(waiter.position, waiter.names)) waiter.settle(true);
  }

  /** Releases every waiter now, each with whether it was reached (on stop). */
  settleAll(): void {
    for (const waiter of this.waiters) waiter.settle(this.reached(waiter.position, waiter.names));
  }
}
