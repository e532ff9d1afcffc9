import { EventToAppend, RecordedEvent, SubscriptionFilter } from '@xj/application';
import { testEvents } from '@xj/testing';
import { SqliteEventStore } from './sqlite-event-store';

/**
 * A subscription filtered by category on the embedded store: the rows are chosen in SQL, a window of
 * positions per page. Delivery must be what the port promises (every event of those categories, in
 * global order, none of another), however far apart the matching events lie.
 */
describe('SqliteEventStore: category-filtered subscriptions', () => {
  let store: SqliteEventStore;
  afterEach(() => store.close());

  const collect = async (
    categories: readonly string[],
    expected: number,
    fromPosition?: bigint,
    types?: SubscriptionFilter['types'],
    checkpoints: bigint[] = [],
  ): Promise<RecordedEvent[]> => {
    const received: RecordedEvent[] = [];
    let done!: () => void;
    const reached = new Promise<void>((resolve) => (done = resolve));
    if (expected === 0) done();
    const subscription = store.subscribe({
      ...(fromPosition !== undefined ? { fromPosition } : {}),
      filter: { categories, ...(types ? { types } : {}) },
      onCheckpoint: async (position) => {
        checkpoints.push(position);
      },
      handler: async (event) => {
        received.push(event);
        if (received.length === expected) done();
      },
    });
    await reached;
    // Time for anything wrongly delivered after the expected ones (two polls).
    await new Promise((resolve) => setTimeout(resolve, 30));
    await subscription.stop();
    return received;
  };

  it('delivers the events of the categories across windows of non-matching rows, and nothing else', async () => {
    store = new SqliteEventStore({ filename: ':memory:', categoryWindow: 5, pollIntervalMs: 10 });
    await store.append('calendar-main', testEvents(1), 'no_stream');
    for (let n = 0; n < 12; n += 1) await store.append(`clue-${n}`, testEvents(2), 'no_stream');
    // Names that sort next to the category's range but are not in it.
    await store.append('calendarx-1', testEvents(1), 'no_stream');
    await store.append('calendar-other', testEvents(1), 'no_stream');
    await store.append('calendar-main', testEvents(1), 0n);
    const received = await collect(['calendar'], 3);
    expect(received.map((e) => `${e.streamId}@${e.revision}`)).toEqual([
      'calendar-main@0',
      'calendar-other@0',
      'calendar-main@1',
    ]);
    const positions = received.map((e) => e.position);
    expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
  });

  it('resumes from a checkpoint and follows live appends of several categories', async () => {
    store = new SqliteEventStore({ filename: ':memory:', categoryWindow: 3, pollIntervalMs: 10 });
    await store.append('referral-1', testEvents(1), 'no_stream');
    const checkpoint = (await store.readAll()).at(-1)?.position;
    for (let n = 0; n < 10; n += 1) await store.append(`clue-${n}`, testEvents(1), 'no_stream');
    await store.append('referral-2', testEvents(1), 'no_stream');
    await store.append('rectification-1', testEvents(1), 'no_stream');
    const live = collect(['referral', 'rectification'], 3, checkpoint);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await store.append('rectification-1', testEvents(1), 0n);
    expect((await live).map((e) => `${e.streamId}@${e.revision}`)).toEqual([
      'referral-2@0',
      'rectification-1@0',
      'rectification-1@1',
    ]);
  });

  it('with no matching event delivers nothing and does not spin', async () => {
    store = new SqliteEventStore({ filename: ':memory:', categoryWindow: 2, pollIntervalMs: 10 });
    for (let n = 0; n < 6; n += 1) await store.append(`clue-${n}`, testEvents(1), 'no_stream');
    expect(await collect(['calendar'], 0)).toEqual([]);
  });

  const typed = (...types: string[]): EventToAppend[] =>
    testEvents(types.length).map((event, n) => ({ ...event, type: types[n] as string }));

  it('with types named for a category delivers only those of it, across windows, and every type of the others', async () => {
    store = new SqliteEventStore({ filename: ':memory:', categoryWindow: 3, pollIntervalMs: 10 });
    await store.append('clue-1', typed('ClueRegistered', 'ClueAnalysed', 'ClueClosed'), 'no_stream');
    for (let n = 0; n < 8; n += 1) await store.append(`clue-x${n}`, typed('ClueAnalysed'), 'no_stream');
    await store.append('referral-1', typed('ReferralSent', 'ReferralAccepted'), 'no_stream');
    await store.append('clue-2', typed('ClueClosed'), 'no_stream');
    const received = await collect(['clue', 'referral'], 5, undefined, { clue: ['ClueRegistered', 'ClueClosed'] });
    expect(received.map((e) => `${e.streamId}:${e.type}`)).toEqual([
      'clue-1:ClueRegistered',
      'clue-1:ClueClosed',
      'referral-1:ReferralSent',
      'referral-1:ReferralAccepted',
      'clue-2:ClueClosed',
    ]);
  });

  it('reports how far it searched past the rows it left out, up to the head, then follows live appends of the types', async () => {
    store = new SqliteEventStore({ filename: ':memory:', categoryWindow: 4, pollIntervalMs: 10 });
    await store.append('clue-1', typed('ClueRegistered'), 'no_stream');
    for (let n = 0; n < 9; n += 1) await store.append(`clue-x${n}`, typed('ClueAnalysed'), 'no_stream');
    const head = (await store.readAll()).at(-1)?.position as bigint;
    const checkpoints: bigint[] = [];
    const live = collect(['clue'], 2, undefined, { clue: ['ClueRegistered'] }, checkpoints);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await store.append('clue-y', typed('ClueAnalysed', 'ClueRegistered'), 'no_stream');
    const received = await live;
    expect(received.map((e) => `${e.streamId}:${e.type}`)).toEqual(['clue-1:ClueRegistered', 'clue-y:ClueRegistered']);
    // Before the live append the search had reached the head through windows holding nothing to deliver.
    expect(checkpoints).toContain(head);
    expect(checkpoints.filter((position) => position <= head)).toEqual(
      [...checkpoints.filter((position) => position <= head)].sort((a, b) => (a < b ? -1 : 1)),
    );
    expect(checkpoints.filter((position) => position < head).length).toBeGreaterThanOrEqual(1);
  });
});
