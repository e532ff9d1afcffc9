import { SqliteEventStore } from '@xj/sqlite-event-store';
import { SqliteTimerStore } from '@xj/sqlite-read-models';
import { CommandExecutor } from '../command/command-executor';
import { FixedClock } from '../event-store/clock.port';
import { aggregates, assign, bureau, config } from './deadline.fixtures-spec';
import { DeadlineTicker } from './deadline-ticker';
import { DeadlineTimerIndexer } from './deadline-timer-indexer';

describe('deadline timers through index and ticker (issue 15 §2)', () => {
  const clock = new FixedClock(new Date('2026-03-02T09:00:00+08:00'));
  let events: SqliteEventStore;
  let timers: SqliteTimerStore;
  let executor: CommandExecutor;
  const indexer = () => new DeadlineTimerIndexer(events, timers, executor, aggregates, config);
  const ticker = () => new DeadlineTicker(timers, executor, aggregates, config, clock, { intervalMs: 60_000 });
  const at = (instant: string) => clock.set(new Date(instant));
  const ladderOf = async (itemId: string) =>
    (await events.readStream(`rectification-${itemId}`))
      .map((e) => e.type)
      .filter((t) => t.startsWith('Deadline') || t.startsWith('EscalationRung'));

  beforeEach(async () => {
    events = new SqliteEventStore({ filename: ':memory:', clock });
    timers = new SqliteTimerStore({ filename: ':memory:' });
    executor = new CommandExecutor(events);
    at('2026-03-02T09:00:00+08:00');
    await executor.execute(aggregates.rectification, 'item-1', assign('item-1', '2026-03-31'), {
      commandId: 'assign-1',
      correlationId: 'assign-1',
    });
  });
  afterEach(async () => {
    await timers.close();
    await events.close();
  });

  it('indexes the deadline and fires nothing before the first reminder day', async () => {
    await indexer().catchUp();
    expect(await timers.count()).toBe(1);
    at('2026-03-25T23:59:59+08:00');
    expect(await ticker().tick()).toBe(0);
    expect(await ladderOf('item-1')).toEqual([]);
  });

  it('walks the ladder day by day, each step once, with two tickers at once', async () => {
    const days = ['2026-03-26', '2026-03-30', '2026-04-01', '2026-04-03', '2026-04-08'];
    for (const day of days) {
      await indexer().catchUp();
      at(`${day}T08:00:00+08:00`);
      await Promise.all([ticker().tick(), ticker().tick()]);
    }
    await indexer().catchUp();
    expect(await ladderOf('item-1')).toEqual([
      'DeadlineApproaching',
      'DeadlineApproaching',
      'DeadlineMissed',
      'DeadlineUrged',
      'EscalationRungProposed',
    ]);
    // The proposal waits for the head: the deadline stays listed, and no timer is armed for 通报.
    expect(await timers.due(Date.parse('2027-01-01T00:00:00+08:00'), 10)).toEqual([]);
    expect((await timers.list({ awaitingDecision: true, limit: 10 })).map((t) => t.caseId)).toEqual(['item-1']);
  });

  it('a ticker down for weeks climbs one rung per tick and skips the obsolete reminders', async () => {
    at('2026-04-20T08:00:00+08:00');
    for (let i = 0; i < 5; i += 1) {
      await indexer().catchUp();
      await ticker().tick();
    }
    expect(await ladderOf('item-1')).toEqual(['DeadlineMissed', 'DeadlineUrged', 'EscalationRungProposed']);
  });

  it('a deadline met before its timer fires cancels it', async () => {
    await indexer().catchUp();
    at('2026-03-20T10:00:00+08:00');
    await executor.execute(
      aggregates.rectification,
      'item-1',
      {
        type: 'ReportRectification',
        actor: { ...bureau, role: 'EnforcementAgency', position: 'Head', orgId: 'dawa.emergency' },
        at: '2026-03-20T10:00:00+08:00',
        itemId: 'item-1',
        report: '已补正',
        evidence: ['整改报告'],
      },
      { commandId: 'report-1', correlationId: 'report-1' },
    );
    await indexer().catchUp();
    expect(await timers.count()).toBe(0);
    at('2026-04-02T08:00:00+08:00');
    expect(await ticker().tick()).toBe(0);
    expect(await ladderOf('item-1')).toEqual([]);
  });

  it('rebuilding the index from position 0 re-sends nothing', async () => {
    await indexer().catchUp();
    at('2026-04-01T08:00:00+08:00');
    await ticker().tick();
    await timers.clear();
    await indexer().catchUp();
    await ticker().tick();
    expect(await ladderOf('item-1')).toEqual(['DeadlineMissed']);
  });
});
