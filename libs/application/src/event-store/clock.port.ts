/** DI token for the {@link Clock}. */
export const CLOCK = Symbol('CLOCK');

/**
 * The only way application and adapters learn the time (the event store's `recordedAt`,
 * deadlines). Injected so tests and replays can fix it.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that returns a set instant until moved; for tests and deterministic tooling. */
export class FixedClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(at: Date): void {
    this.current = at;
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
