import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeadlineTimer, TimerStore } from '@xj/application';
import { MongoTimerStore, connectMongoTimerStore } from '@xj/mongo-read-models';
import { SqliteTimerStore } from '@xj/sqlite-read-models';
import { FakeMongoDatabase } from '@xj/testing/fake-mongo-database';

/**
 * The timer index's contract (issue 15 §2), run against the embedded SQLite store and the MongoDB
 * adapter over the typed fake driver always, and against a real MongoDB when MONGO_URL is set.
 */
interface AdapterUnderTest {
  readonly name: string;
  open(): Promise<TimerStore>;
  reopen(): Promise<TimerStore>;
  cleanup(): void;
}

const sqliteAdapter = (): AdapterUnderTest => {
  let dir = '';
  return {
    name: 'sqlite (temp file)',
    open: async () => {
      dir = mkdtempSync(join(tmpdir(), 'xj-timers-contract-'));
      return new SqliteTimerStore({ filename: join(dir, 'deadline-timers.sqlite') });
    },
    reopen: async () => new SqliteTimerStore({ filename: join(dir, 'deadline-timers.sqlite') }),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
};

const fakeMongoAdapter = (): AdapterUnderTest => {
  let db = new FakeMongoDatabase();
  return {
    name: 'mongodb (typed fake driver)',
    open: async () => new MongoTimerStore((db = new FakeMongoDatabase())),
    reopen: async () => new MongoTimerStore(db),
    cleanup: () => undefined,
  };
};

const mongoAdapter = (url: string): AdapterUnderTest => {
  let dbName = '';
  const connect = () => connectMongoTimerStore(url, { dbName, serverSelectionTimeoutMs: 5000 });
  return {
    name: 'mongodb (MONGO_URL)',
    open: async () => {
      dbName = `xj_timers_contract_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
      return connect();
    },
    reopen: connect,
    cleanup: () => undefined,
  };
};

const ADAPTERS = [
  sqliteAdapter,
  fakeMongoAdapter,
  ...(process.env.MONGO_URL ? [() => mongoAdapter(process.env.MONGO_URL ?? '')] : []),
];

const timer = (caseId: string, fireAt: number | undefined, over: Partial<DeadlineTimer> = {}): DeadlineTimer => ({
  caseKind: 'rectification',
  caseId,
  rule: 'InspectionFeedbackRectification',
  from: '2026-03-02',
  dueOn: '2026-03-31',
  responsibleOrgId: 'dawa.emergency',
  regionId: 'panjin/dawa',
  progress: { fired: [] },
  ...(fireAt === undefined ? {} : { fireAt }),
  ...over,
});
const one = (t: DeadlineTimer) => ({ caseKind: t.caseKind, caseId: t.caseId, timers: [t] });

describe.each(ADAPTERS.map((make) => make()))('TimerStore contract: $name', (adapter) => {
  let store: TimerStore;
  beforeEach(async () => {
    store = await adapter.open();
  });
  afterEach(async () => {
    await store.close();
    adapter.cleanup();
  });

  it('due: at or before the instant, oldest first, at most the limit', async () => {
    await store.replaceCases([one(timer('c', 300)), one(timer('a', 100)), one(timer('b', 200)), one(timer('d', 400))]);
    expect((await store.due(300, 10)).map((t) => t.caseId)).toEqual(['a', 'b', 'c']);
    expect((await store.due(300, 2)).map((t) => t.caseId)).toEqual(['a', 'b']);
    expect(await store.due(99, 10)).toEqual([]);
  });

  it('round-trips every field', async () => {
    const t = timer('a', 100, { progress: { fired: ['reminder-3', 'missed'], proposalDecision: 'Confirmed' } });
    await store.replaceCases([one(t)]);
    expect(await store.due(100, 1)).toEqual([t]);
  });

  it('upsert per case and rule: a moved deadline replaces the timer, and it is due again', async () => {
    await store.replaceCases([one(timer('a', 100))]);
    await store.markFired([timer('a', 100)]);
    expect(await store.due(1_000, 10)).toEqual([]);
    await store.replaceCases([one(timer('a', 500, { dueOn: '2026-04-10' }))]);
    expect(await store.due(1_000, 10)).toEqual([timer('a', 500, { dueOn: '2026-04-10' })]);
    expect(await store.count()).toBe(1);
  });

  it('an unchanged timer keeps its fired mark; a timer changed since is not marked', async () => {
    await store.replaceCases([one(timer('a', 100))]);
    await store.markFired([timer('a', 100)]);
    await store.replaceCases([one(timer('a', 100))]);
    expect(await store.due(1_000, 10)).toEqual([]);
    await store.replaceCases([one(timer('b', 100, { progress: { fired: ['missed'] } }))]);
    await store.markFired([timer('b', 100)]);
    expect((await store.due(1_000, 10)).map((t) => t.caseId)).toEqual(['b']);
  });

  it("cancels the case's timers it no longer lists, and no other case's", async () => {
    await store.replaceCases([
      {
        caseKind: 'clue',
        caseId: 'a',
        timers: [
          timer('a', 100, { caseKind: 'clue' }),
          timer('a', 200, { caseKind: 'clue', rule: 'RectificationPlan' }),
        ],
      },
      one(timer('b', 100)),
    ]);
    await store.replaceCases([
      { caseKind: 'clue', caseId: 'a', timers: [timer('a', 200, { caseKind: 'clue', rule: 'RectificationPlan' })] },
    ]);
    expect((await store.due(1_000, 10)).map((t) => `${t.caseId}:${t.rule}`)).toEqual([
      'b:InspectionFeedbackRectification',
      'a:RectificationPlan',
    ]);
    await store.replaceCases([{ caseKind: 'clue', caseId: 'a', timers: [] }]);
    expect(await store.count()).toBe(1);
  });

  it('keeps timers and checkpoint across a restart; clear() drops both', async () => {
    await store.replaceCases([one(timer('a', 100))], 42n);
    await store.close();
    store = await adapter.reopen();
    expect(await store.checkpoint()).toBe(42n);
    expect(await store.count()).toBe(1);
    await store.clear();
    expect(await store.checkpoint()).toBeUndefined();
    expect(await store.count()).toBe(0);
  });

  it('marks a batch fired in one call; an empty batch is a no-op', async () => {
    await store.replaceCases([one(timer('a', 100)), one(timer('b', 200)), one(timer('c', 300))]);
    await store.markFired([]);
    await store.markFired([timer('a', 100), timer('c', 300)]);
    expect((await store.due(1_000, 10)).map((t) => t.caseId)).toEqual(['b']);
  });

  it('keeps an open deadline with nothing to fire: never due, still listed', async () => {
    const waiting = timer('a', undefined, { progress: { fired: ['missed', 'urge', 'proposal'] } });
    await store.replaceCases([one(waiting), one(timer('b', 100))]);
    expect((await store.due(Number.MAX_SAFE_INTEGER, 10)).map((t) => t.caseId)).toEqual(['b']);
    expect(await store.list({ limit: 10 })).toEqual([waiting, timer('b', 100)]);
    // Its proposal waits for the head; decided, it no longer does.
    expect(await store.list({ awaitingDecision: true, limit: 10 })).toEqual([waiting]);
    const decided = { ...waiting, progress: { ...waiting.progress, proposalDecision: 'Waived' as const } };
    await store.replaceCases([one(decided)]);
    expect(await store.list({ awaitingDecision: true, limit: 10 })).toEqual([]);
  });

  it('lists open deadlines by organisation, region and due date, by due date, in pages', async () => {
    await store.replaceCases([
      one(timer('a', 100, { dueOn: '2026-03-10' })),
      one(timer('b', 100, { dueOn: '2026-03-20', responsibleOrgId: 'other', regionId: 'panjin/panshan' })),
      one(timer('c', 100, { dueOn: '2026-04-20' })),
      one(timer('d', 100, { dueOn: '2026-03-05', regionId: 'panjin/dawa_x' })),
    ]);
    const ids = async (query: Parameters<TimerStore['list']>[0]) => (await store.list(query)).map((t) => t.caseId);
    expect(await ids({ responsibleOrgIds: ['dawa.emergency', 'other'], dueBefore: '2026-04-01', limit: 10 })).toEqual([
      'd',
      'a',
      'b',
    ]);
    expect(await ids({ responsibleOrgIds: [], limit: 10 })).toEqual([]);
    expect(await ids({ region: 'panjin/dawa', limit: 10 })).toEqual(['a', 'c']);
    expect(await ids({ region: 'panjin', dueBefore: '2026-04-01', limit: 10 })).toEqual(['d', 'a', 'b']);
    expect(await ids({ limit: 2, skip: 1 })).toEqual(['a', 'b']);
  });
});
