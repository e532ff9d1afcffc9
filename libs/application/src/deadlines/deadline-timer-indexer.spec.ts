import { SqliteEventStore } from '@xj/sqlite-event-store';
import { SqliteTimerStore } from '@xj/sqlite-read-models';
import { CommandExecutor } from '../command/command-executor';
import { FixedClock } from '../event-store/clock.port';
import { aggregates, assign, bureau, config } from './deadline.fixtures-spec';
import { DeadlineTimerIndexer } from './deadline-timer-indexer';

/**
 * The catch-up of the timer index (issue 15 §2) on a backlog: the first start after an upgrade or a
 * cleared index has the whole log to index, which folded every case once per page it appeared in
 * and held the embedded API's event loop for minutes (bench:replay: listening after 57 s).
 */
describe('DeadlineTimerIndexer.catchUp on a backlog', () => {
  const clock = new FixedClock(new Date('2026-03-02T09:00:00+08:00'));
  let events: SqliteEventStore;
  let timers: SqliteTimerStore;
  let executor: CommandExecutor;
  let loads: string[];

  beforeEach(async () => {
    events = new SqliteEventStore({ filename: ':memory:', clock });
    timers = new SqliteTimerStore({ filename: ':memory:' });
    executor = new CommandExecutor(events);
    // Three items assigned in turn, then each reported on later: every stream spans several pages of one event.
    for (const id of ['item-1', 'item-2', 'item-3']) {
      await executor.execute(aggregates.rectification, id, assign(id, '2026-03-31'), {
        commandId: `assign-${id}`,
        correlationId: `assign-${id}`,
      });
    }
    await executor.execute(
      aggregates.rectification,
      'item-2',
      {
        type: 'ReportRectification',
        actor: { ...bureau, role: 'EnforcementAgency', position: 'Head', orgId: 'dawa.emergency' },
        at: '2026-03-20T10:00:00+08:00',
        itemId: 'item-2',
        report: '已补正',
        evidence: ['整改报告'],
      },
      { commandId: 'report-2', correlationId: 'report-2' },
    );
    loads = [];
    const load = executor.load.bind(executor);
    jest.spyOn(executor, 'load').mockImplementation((definition, id) => {
      loads.push(id);
      return load(definition, id);
    });
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await timers.close();
    await events.close();
  });

  const indexer = () => new DeadlineTimerIndexer(events, timers, executor, aggregates, config);

  it('folds each case the backlog touched once, however many pages it spans', async () => {
    const handled = await indexer().catchUp({ pageSize: 1 });
    expect(handled).toBe(4);
    expect([...loads].sort()).toEqual(['item-1', 'item-2', 'item-3']);
    // item-2 was reported on: its deadline is met, so only two timers remain.
    expect((await timers.list({ limit: 10 })).map((t) => t.caseId).sort()).toEqual(['item-1', 'item-3']);
    expect(await timers.checkpoint()).toBe((await events.readAll()).at(-1)?.position);
  });

  it('a window smaller than the backlog folds per window and still reaches the head', async () => {
    await indexer().catchUp({ pageSize: 1, windowEvents: 2 });
    // Window 1: items 1 and 2 (assigned); window 2: item 3 and item 2 again (its report).
    expect(loads).toEqual(['item-1', 'item-2', 'item-3', 'item-2']);
    expect((await timers.list({ limit: 10 })).map((t) => t.caseId).sort()).toEqual(['item-1', 'item-3']);
    expect(await timers.checkpoint()).toBe((await events.readAll()).at(-1)?.position);
  });

  it('saves the checkpoint only with the last write of a window: a stop half-way is done again', async () => {
    const first = new DeadlineTimerIndexer(events, timers, executor, aggregates, config, {});
    const write = timers.replaceCases.bind(timers);
    const writes: (bigint | undefined)[] = [];
    let stopped: Promise<void> | undefined;
    jest.spyOn(timers, 'replaceCases').mockImplementation(async (cases, checkpoint) => {
      writes.push(checkpoint);
      await write(cases, checkpoint);
      // A shutdown during the catch-up, after the window's first write.
      stopped ??= first.stop();
    });
    // The catch-up in the indexer's loop, one case per write.
    (first as unknown as { catchUp: (o?: object) => Promise<number> }).catchUp = (
      (catchUp) => () =>
        catchUp({ casesPerWrite: 1 })
    )(first.catchUp.bind(first));
    first.start();
    for (let turn = 0; stopped === undefined && turn < 10_000; turn += 1) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(stopped).toBeDefined();
    await stopped;
    expect(writes).toEqual([undefined]);
    expect(await timers.checkpoint()).toBeUndefined();
    jest.restoreAllMocks();
    await indexer().catchUp({ casesPerWrite: 1 });
    expect((await timers.list({ limit: 10 })).map((t) => t.caseId).sort()).toEqual(['item-1', 'item-3']);
    expect(await timers.checkpoint()).toBe((await events.readAll()).at(-1)?.position);
  });

  it('lets the event loop run between reads and writes', async () => {
    let turns = 0;
    const tick = (): void => {
      turns += 1;
      if (turns < 1000) setImmediate(tick);
    };
    setImmediate(tick);
    await indexer().catchUp({ pageSize: 1, casesPerWrite: 1 });
    // Four pages and three writes, each followed by a turn of the event loop.
    expect(turns).toBeGreaterThanOrEqual(7);
  });
});
