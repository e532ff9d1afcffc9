/**
 * Phase 1 of `npm run bench:replay`: many clue cases, registered over 2026, advanced together in
 * business-time order (a min-heap of each case's next append), written into a fresh embedded
 * event store. Each append is one stream's consecutive events of one case, decided by the real
 * deciders; the store validates, hash-chains and stores them like any other append (expected
 * revision, canonical JSON, metadata). The store's clock follows business time, so `recordedAt`
 * rises with the log.
 */
import { join } from 'node:path';
import { Clock } from '@xj/application';
import { EVENTS_DB_FILENAME, SqliteEventStore } from '@xj/sqlite-event-store';
import { Chunk } from './case-recorder';
import { clueLifecycle } from './clue-lifecycle';
import { Random, epochOf } from './world';

export interface GenerateOptions {
  readonly dataDir: string;
  /** Exactly this many events are written (unless the cases run out first). */
  readonly events: number;
  /** Cases registered over the year; the log stops at `events`, so the last ones may never start. */
  readonly clues: number;
  readonly seed: number;
  readonly onProgress?: (written: number) => void;
}

export interface GenerateResult {
  readonly events: number;
  readonly appends: number;
  readonly cluesRegistered: number;
  /** Events per type. */
  readonly types: Readonly<Record<string, number>>;
  readonly lastPosition: bigint;
  /** Business date the log reached. */
  readonly reached: string;
}

interface Pending {
  readonly chunk: Chunk;
  readonly seq: number;
  readonly lifecycle: Generator<Chunk, void>;
}

/** A binary min-heap on (epoch, seq): earlier business time first, ties in insertion order. */
class Agenda {
  private readonly items: Pending[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): Pending | undefined {
    return this.items[0];
  }

  push(item: Pending): void {
    const a = this.items;
    a.push(item);
    for (let i = a.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (!before(a[i] as Pending, a[parent] as Pending)) break;
      [a[i], a[parent]] = [a[parent] as Pending, a[i] as Pending];
      i = parent;
    }
  }

  pop(): Pending | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && before(a[l] as Pending, a[m] as Pending)) m = l;
        if (r < a.length && before(a[r] as Pending, a[m] as Pending)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m] as Pending, a[i] as Pending];
        i = m;
      }
    }
    return top;
  }
}

const before = (a: Pending, b: Pending): boolean =>
  a.chunk.epoch < b.chunk.epoch || (a.chunk.epoch === b.chunk.epoch && a.seq < b.seq);

/** Registration days from 5 January to 15 December 2026, evenly spread with some jitter. */
const registrationDay = (random: Random, index: number, clues: number): number =>
  4 + Math.floor(((index + random.next()) * 344) / clues);

/** The log ends with 2026: later steps of open cases are never taken. */
const END = epochOf(365, 0);

export const generateEvents = async (options: GenerateOptions): Promise<GenerateResult> => {
  let businessNow = epochOf(0, 0);
  const clock: Clock = { now: () => new Date(businessNow) };
  const store = new SqliteEventStore({ filename: join(options.dataDir, EVENTS_DB_FILENAME), clock });
  const random = new Random(options.seed);
  const agenda = new Agenda();
  let seq = 0;
  let nextClue = 0;
  let nextStart = registrationDay(random, 0, options.clues);
  let written = 0;
  const types: Record<string, number> = {};
  let appends = 0;
  let lastPosition = 0n;
  let progressMark = 0;
  const schedule = (lifecycle: Generator<Chunk, void>): void => {
    const next = lifecycle.next();
    if (!next.done && next.value.epoch < END) agenda.push({ chunk: next.value, seq: seq++, lifecycle });
  };
  try {
    while (written < options.events) {
      // Start every case registered before the next append due.
      while (
        nextClue < options.clues &&
        (agenda.size === 0 || epochOf(nextStart, 0) <= (agenda.peek() as Pending).chunk.epoch)
      ) {
        const clueId = `2026-${String(nextClue + 1).padStart(6, '0')}`;
        schedule(clueLifecycle(new Random(options.seed * 1_000_003 + nextClue), clueId, nextStart));
        nextClue += 1;
        nextStart = registrationDay(random, nextClue, options.clues);
      }
      const due = agenda.pop();
      if (due === undefined) break;
      const { chunk } = due;
      // Exactly `events`: a case whose next append would overshoot is left where it is.
      if (written + chunk.events.length > options.events) continue;
      if (chunk.epoch > businessNow) businessNow = chunk.epoch;
      const result = await store.append(chunk.streamId, chunk.events, chunk.expected);
      lastPosition = result.position;
      written += chunk.events.length;
      for (const event of chunk.events) types[event.type] = (types[event.type] ?? 0) + 1;
      appends += 1;
      if (written >= progressMark) {
        options.onProgress?.(written);
        progressMark += 100_000;
      }
      schedule(due.lifecycle);
    }
  } finally {
    await store.close();
  }
  return {
    events: written,
    appends,
    cluesRegistered: types['ClueRegistered'] ?? 0,
    types,
    lastPosition,
    reached: new Date(businessNow + 8 * 3_600_000).toISOString().slice(0, 10),
  };
};
