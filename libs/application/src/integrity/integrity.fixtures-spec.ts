import { randomUUID } from 'node:crypto';
import { EventStore } from '../event-store/event-store.port';
import { EventToAppend, ReadAllOptions, ReadStreamOptions, RecordedEvent } from '../event-store/event-store.types';

/** Test helpers for the integrity specs. */
export const metadata = {
  schemaVersion: 1,
  actor: { userId: 'u-1', role: 'JusticeBureau', orgId: 'panjin.justice' },
  commandId: 'cmd-1',
  correlationId: 'corr-1',
  causationId: 'cause-1',
};

export const events = (count: number, tag = 'x'): EventToAppend[] =>
  Array.from({ length: count }, (_, n) => ({ eventId: randomUUID(), type: 'Happened', data: { n, tag }, metadata }));

/** Appends `count` events to each stream, round-robin, one event per append. */
export const seed = async (store: EventStore, streams: readonly string[], count: number): Promise<void> => {
  for (let n = 0; n < count; n++) {
    for (const stream of streams) await store.append(stream, events(1), 'any');
  }
};

/**
 * The store as seen through a tampering lens: `edit` rewrites what every read returns (the
 * whole store's events in global order), standing for an edit of the database behind its back.
 * Only the EventStore port is exposed (no adapter fast path).
 */
export const tamperedView = (store: EventStore, edit: (all: RecordedEvent[]) => RecordedEvent[]): EventStore => {
  const all = async (): Promise<RecordedEvent[]> => edit(await store.readAll());
  return {
    append: (...args) => store.append(...args),
    subscribe: (options) => store.subscribe(options),
    close: () => store.close(),
    async readAll(options: ReadAllOptions = {}) {
      const from = options.fromPosition ?? -1n;
      const after = (await all()).filter((e) => e.position > from);
      return options.maxCount === undefined ? after : after.slice(0, options.maxCount);
    },
    async readStream(streamId: string, options: ReadStreamOptions = {}) {
      const from = options.fromRevision ?? 0n;
      const mine = (await all())
        .filter((e) => e.streamId === streamId && e.revision >= from)
        .sort((a, b) => (a.revision < b.revision ? -1 : 1));
      return options.maxCount === undefined ? mine : mine.slice(0, options.maxCount);
    },
    async streamRevision(streamId: string) {
      const mine = (await all()).filter((e) => e.streamId === streamId);
      return mine.length === 0 ? undefined : mine.reduce((max, e) => (e.revision > max ? e.revision : max), 0n);
    },
  };
};
