import type { AttemptCounter, AttemptCounterStore } from '@xj/application';

interface Entry {
  count: number;
  windowEndsAt: number;
  blockedUntil: number;
}

/** The port's semantics in a Map, for unit tests of the login policy; held to the same contract suite as the adapters. */
export class InMemoryAttemptCounters implements AttemptCounterStore {
  readonly entries = new Map<string, Entry>();

  async increment(key: string, now: number, windowMs: number): Promise<AttemptCounter> {
    const entry = this.entries.get(key) ?? { count: 0, windowEndsAt: 0, blockedUntil: 0 };
    if (entry.windowEndsAt > now) entry.count += 1;
    else Object.assign(entry, { count: 1, windowEndsAt: now + windowMs });
    this.entries.set(key, entry);
    return view(entry, now);
  }

  async decrement(key: string, now: number): Promise<void> {
    const entry = this.entries.get(key);
    if (entry && entry.windowEndsAt > now && entry.count > 0) entry.count -= 1;
  }

  async block(key: string, until: number): Promise<void> {
    const entry = this.entries.get(key) ?? { count: 0, windowEndsAt: 0, blockedUntil: 0 };
    entry.blockedUntil = Math.max(entry.blockedUntil, until);
    this.entries.set(key, entry);
  }

  async read(key: string, now: number): Promise<AttemptCounter | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const counter = view(entry, now);
    return counter.count === 0 && counter.blockedUntil === 0 ? undefined : counter;
  }

  async reset(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}

const view = (entry: Entry, now: number): AttemptCounter => ({
  count: entry.windowEndsAt > now ? entry.count : 0,
  windowEndsAt: entry.windowEndsAt,
  blockedUntil: entry.blockedUntil > now ? entry.blockedUntil : 0,
});
