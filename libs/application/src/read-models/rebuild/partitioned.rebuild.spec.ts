import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoReadModelStore } from '@xj/mongo-read-models';
import { SqliteEventStore } from '@xj/sqlite-event-store';
import { SqliteReadModelStore } from '@xj/sqlite-read-models';
import { FixedClock } from '../../event-store/clock.port';
import { EventStore } from '../../event-store/event-store.port';
import { DocumentCache } from '../document-cache';
import { Projection, ReadModelDocument } from '../projection';
import { ProjectionRunner } from '../projection-runner';
import { ProjectionRunnerOptions } from '../projection-runner.options';
import { ParkedEvent, ReadModelStore, Write } from '../read-model-store.port';
import { FakeMongoDatabase } from '@xj/testing/fake-mongo-database';
import { appendEvent, clueCounts, poison, portOnly, referralIndex } from '@xj/testing';
import { isPartitionReads } from './partition-reads.port';
import { PartitionWorkers } from './partition-workers.port';
import { buildPartitioned } from './partitioned-build';
import { PartitionedRebuild, PartitionedRebuildOptions } from './partitioned.rebuild';
import { Partitioning } from './partitioning';
import { RebuildStrategy } from './rebuild-strategy';

/** A clue's stream with the referral streams whose `Drafted` names it (the test projections keep to it). */
const byClue: Partitioning = {
  name: 'by-clue',
  partitions: async (source, through) => {
    const groups = new Map<string, string[]>();
    for (const { streamId, type, value } of await source.readDataField(['Registered', 'Drafted'], 'clueId', through)) {
      const clueId = type === 'Registered' ? streamId.slice('clue-'.length) : (value ?? streamId);
      groups.set(clueId, [...(groups.get(clueId) ?? []), streamId]);
    }
    return [...groups.keys()].sort().map((clueId) => groups.get(clueId) as string[]);
  },
};

const allDocs = async (store: ReadModelStore, projection: Projection): Promise<Record<string, ReadModelDocument[]>> => {
  const out: Record<string, ReadModelDocument[]> = {};
  for (const collection of projection.collections)
    out[collection] = (await store.find(projection.name, collection)).items;
  return out;
};

const options: ProjectionRunnerOptions = {
  batchSize: 4,
  batchDelayMs: 5,
  restartDelayMs: 5,
  liveWithin: 1,
  sleep: async () => undefined,
};

describe('partitioned builds (embedded event store in memory, embedded read models in temp files)', () => {
  let dir: string;
  let events: SqliteEventStore;
  let stores: SqliteReadModelStore[];
  let clock: FixedClock;
  const runners: ProjectionRunner[] = [];

  const readModels = (name: string): SqliteReadModelStore => {
    const store = new SqliteReadModelStore({ filename: join(dir, `${name}.sqlite`) });
    stores.push(store);
    return store;
  };
  /** A runner whose projections are all declared to keep to the by-clue partitioning. */
  const runner = (
    source: EventStore,
    store: ReadModelStore,
    projections: readonly Projection[],
    extra: ProjectionRunnerOptions = {},
    rebuild: PartitionedRebuildOptions = {},
  ): ProjectionRunner => {
    const rebuildStrategy = new PartitionedRebuild(
      { partitioning: byClue, projections },
      { partitionsPerCommit: 2, ...rebuild },
    );
    const created = new ProjectionRunner(source, store, projections, { ...options, rebuildStrategy, ...extra });
    runners.push(created);
    return created;
  };

  /** Partition workers that build each share here (three shares of a log through position 10 or more); the first `failing` shares throw. */
  const inThisThread = (
    store: ReadModelStore,
    projections: readonly Projection[],
    shares: string[][][],
    failing = 0,
  ): PartitionWorkers => ({
    sharesFor: (through) => (through >= 10n ? 3 : 1),
    build: async (share, signal, listener) => {
      shares.push(share.partitions.map((streams) => [...streams]));
      if (failing-- > 0) throw new Error('thread crashed');
      const contexts = share.projections.map(({ name, version }) => ({
        store,
        projection: projections.find((projection) => projection.name === name) as Projection,
        version,
        cache: new DocumentCache(0),
        retry: share.retry,
        clock,
        sleep: async () => undefined,
        onParked: (entry: ParkedEvent) => listener.parked({ projection: name, entry }),
      }));
      return buildPartitioned(events, share.partitions, contexts, BigInt(share.through), {
        partitionsPerCommit: share.partitionsPerCommit,
        running: () => !signal.aborted,
        onProgress: (count) => listener.progress(count),
      });
    },
  });

  /** The store, with `before` awaited ahead of each commit (it may throw, failing the commit). */
  const beforeCommits = (
    store: SqliteReadModelStore,
    before: (writes: readonly Write[], checkpoint: bigint | undefined) => Promise<void>,
  ): ReadModelStore =>
    Object.assign(Object.create(store) as SqliteReadModelStore, {
      commit: async (...args: Parameters<ReadModelStore['commit']>) => {
        await before(args[2], args[3]);
        return store.commit(...args);
      },
    });

  /** `store` holds what a build in global order (the runner on the event store's port alone) makes of the same log. */
  const expectAsBuiltInOrder = async (
    store: ReadModelStore,
    projections: readonly Projection[],
    last: bigint,
  ): Promise<void> => {
    const reference = readModels('reference');
    const inOrder = runner(portOnly(events), reference, projections);
    await inOrder.start();
    expect(await inOrder.waitFor(last, 5000)).toBe(true);
    for (const projection of projections)
      expect(await allDocs(store, projection)).toEqual(await allDocs(reference, projection));
  };

  /** Seven clues with interleaved events, referrals drafted for some of them, one referral naming no clue. */
  const writeLog = async (): Promise<bigint> => {
    const types = ['Analysed', 'Referred', 'Amended', 'Analysed'];
    for (let n = 0; n < 7; n++)
      await appendEvent(events, `clue-${n}`, 'Registered', { county: n % 2 ? 'dawa' : 'panshan' });
    for (let n = 0; n < 70; n++) {
      clock.advance(60_000);
      // Clue 5 is withdrawn (its document deleted) halfway, and then has events again.
      await appendEvent(events, `clue-${(n * 3) % 7}`, n === 31 ? 'Withdrawn' : (types[n % types.length] as string));
      if (n % 6 === 0) await appendEvent(events, `referral-${n}`, 'Drafted', { clueId: String(n % 7) });
      if (n % 6 === 3) await appendEvent(events, `referral-${n - 3}`, n % 12 === 3 ? 'Accepted' : 'Returned');
    }
    await appendEvent(events, 'referral-orphan', 'Drafted', {});
    return appendEvent(events, 'referral-orphan', 'Accepted');
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'xj-partitioned-'));
    clock = new FixedClock(new Date('2026-03-02T01:00:00.000Z'));
    events = new SqliteEventStore({ filename: ':memory:', clock, pollIntervalMs: 5 });
    stores = [];
    poison.cured = false;
  });

  afterEach(async () => {
    for (const created of runners.splice(0)) await created.stop();
    for (const store of stores) await store.close();
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is offered by the embedded event store and not by a store without its reads', () => {
    expect(isPartitionReads(events)).toBe(true);
    expect(isPartitionReads(portOnly(events))).toBe(false);
  });

  it('builds the same documents as a build in global order, then follows new events live like it', async () => {
    const last = await writeLog();
    const projections = [clueCounts(), referralIndex()];
    const byPartition = readModels('by-partition');
    const inOrder = readModels('in-order');
    const fast = runner(events, byPartition, projections);
    const reference = runner(portOnly(events), inOrder, projections);
    await Promise.all([fast.start(), reference.start()]);
    expect(await fast.waitFor(last, 5000)).toBe(true);
    expect(await reference.waitFor(last, 5000)).toBe(true);

    for (const projection of projections) {
      const built = await allDocs(byPartition, projection);
      expect(built).toEqual(await allDocs(inOrder, projection));
      expect(Object.values(built).flat().length).toBeGreaterThanOrEqual(7);
      expect(await byPartition.checkpoint(projection.name, 1)).toBe(last);
    }
    // The orphan referral (a partition of its own) was applied too.
    expect(await byPartition.get('referral-index', 'referrals', 'orphan')).toBeUndefined();
    expect(await byPartition.get('referral-index', 'referrals', '0')).toMatchObject({ clueId: '0' });

    const live = [
      await appendEvent(events, 'clue-1', 'Amended'),
      await appendEvent(events, 'referral-6', 'Accepted'),
    ].at(-1) as bigint;
    expect(await fast.waitFor(live, 5000)).toBe(true);
    expect(await reference.waitFor(live, 5000)).toBe(true);
    for (const projection of projections)
      expect(await allDocs(byPartition, projection)).toEqual(await allDocs(inOrder, projection));
    expect(await byPartition.get('clue-counts', 'clues', '1')).toMatchObject({
      lastType: 'Amended',
      _position: (live - 1n).toString(),
    });
  });

  it('builds only the projections declared to keep to the partitioning, and leaves the others to the feed', async () => {
    const last = await writeLog();
    const store = readModels('declared');
    const strategy = new PartitionedRebuild({ partitioning: byClue, projections: [clueCounts()] });
    const built: string[] = [];
    const rebuildStrategy: RebuildStrategy = {
      rebuild: (targets, session) =>
        strategy.rebuild(targets, {
          ...session,
          built: async (target, ...rest) => (built.push(target.projection.name), session.built(target, ...rest)),
        }),
    };
    const running = new ProjectionRunner(events, store, [clueCounts(), referralIndex()], {
      ...options,
      rebuildStrategy,
    });
    runners.push(running);
    await running.start();
    expect(await running.waitFor(last, 5000)).toBe(true);
    expect(built).toEqual(['clue-counts']);
    await expectAsBuiltInOrder(store, [clueCounts(), referralIndex()], last);
  });

  it('parks an event that keeps failing and builds the rest; the parked event applies once retried after a fix', async () => {
    await appendEvent(events, 'clue-1', 'Registered', { county: 'dawa' });
    await appendEvent(events, 'clue-1', 'Analysed', { poison: true });
    await appendEvent(events, 'clue-2', 'Registered', { county: 'panshan' });
    const last = await appendEvent(events, 'clue-1', 'Referred');
    const store = readModels('parked');
    const parkedLog: string[] = [];
    const running = runner(events, store, [clueCounts()], { onError: (error) => parkedLog.push(String(error)) });
    await running.start();
    expect(await running.waitFor(last, 5000)).toBe(true);
    expect((await running.status())[0]).toMatchObject({
      parkedCount: 1,
      state: 'degraded',
      checkpoint: last.toString(),
    });
    expect(parkedLog.join()).toContain('(Analysed) of clue-counts v1');
    expect(await store.get('clue-counts', 'clues', '1')).toMatchObject({
      count: 2,
      history: ['Registered', 'Referred'],
    });
    poison.cured = true;
    expect(await running.retryParked('clue-counts')).toEqual({ retried: 1, succeeded: 1, stillParked: 0 });
    expect(await store.get('clue-counts', 'clues', '1')).toMatchObject({ count: 3 });
  });

  it('drops what a build cut short left behind before building again', async () => {
    const last = await writeLog();
    const store = readModels('leftovers');
    // A cut-short build commits documents without a checkpoint; this one is not in the log at all.
    await store.commit(
      'clue-counts',
      1,
      [{ collection: 'clues', id: 'gone', doc: { _id: 'gone', _position: '999999', count: 1 } }],
      undefined,
    );
    const running = runner(events, store, [clueCounts()]);
    await running.start();
    expect(await running.waitFor(last, 5000)).toBe(true);
    expect(await store.get('clue-counts', 'clues', 'gone', 1)).toBeUndefined();
    await expectAsBuiltInOrder(store, [clueCounts()], last);
  });

  it('keeps the indexes a projection declares, which MongoDB drops with the collections of what a build cut short left', async () => {
    const last = await writeLog();
    const db = new FakeMongoDatabase();
    const running = runner(events, new MongoReadModelStore(db), [clueCounts()]);
    await running.start();
    expect(await running.waitFor(last, 5000)).toBe(true);
    expect(db.log).toContain('drop rm_clue-counts__v1__clues');
    expect(db.collection('rm_clue-counts__v1__clues').indexes).toEqual([{ county: 1, count: -1 }]);
    expect(db.collection('rm_clue-counts__v1__clues').docs.size).toBe(7);
  });

  it('starts over when the store fails during the build, and ends with the same documents', async () => {
    const last = await writeLog();
    const store = readModels('flaky');
    let failures = 2;
    const flaky = beforeCommits(store, async (writes, checkpoint) => {
      if (checkpoint === undefined && writes.length > 0 && failures-- > 0) throw new Error('disk full');
    });
    const errors: unknown[] = [];
    const running = runner(events, flaky, [clueCounts()], { onError: (error) => errors.push(error) });
    await running.start();
    expect(await running.waitFor(last, 5000)).toBe(true);
    expect(errors).toEqual([new Error('disk full'), new Error('disk full')]);

    await expectAsBuiltInOrder(store, [clueCounts()], last);
  });

  it('stops between commits when asked, leaving documents written but no checkpoint', async () => {
    const last = await writeLog();
    const store = readModels('stopped');
    let asked = 0;
    const context = {
      store,
      projection: clueCounts(),
      version: 1,
      cache: new DocumentCache(10),
      retry: { attempts: 1, baseDelayMs: 0 },
      clock,
      sleep: async () => undefined,
    };
    const partitions = await byClue.partitions(events, last);
    const parked = await buildPartitioned(events, partitions, [context], last, {
      partitionsPerCommit: 3,
      running: () => asked++ < 1,
    });
    expect(parked).toBeUndefined();
    // The first commit: the first three partitions in order (clues 0, 1, 2).
    expect((await store.find('clue-counts', 'clues', {}, 1)).items.map((doc) => doc._id)).toEqual(['0', '1', '2']);
    expect(await store.checkpoint('clue-counts', 1)).toBeUndefined();

    expect(
      await buildPartitioned(events, partitions, [context], last, { partitionsPerCommit: 3, running: () => true }),
    ).toEqual([0]);
    expect((await store.find('clue-counts', 'clues', {}, 1)).total).toBe(7);
  });

  it("deals the partitions out to the partition workers' shares in turn and adds up what they parked", async () => {
    await appendEvent(events, 'clue-9', 'Registered', { county: 'dawa' });
    await appendEvent(events, 'clue-9', 'Analysed', { poison: true });
    const last = await writeLog();
    const store = readModels('shares');
    const projections = [clueCounts(), referralIndex()];
    const shares: string[][][] = [];
    const workers = inThisThread(store, projections, shares);
    const errors: string[] = [];
    const running = runner(events, store, projections, { onError: (error) => errors.push(String(error)) }, { workers });
    await running.start();
    expect(await running.waitFor(last, 5000)).toBe(true);

    const partitions = await byClue.partitions(events, last);
    // Every third partition to each share, in order.
    expect(shares).toEqual([0, 1, 2].map((n) => partitions.filter((_, index) => index % 3 === n)));
    expect(partitions.length).toBeGreaterThan(6);
    expect(errors).toEqual(['Error: Parked event 2 (Analysed) of clue-counts v1: Error: cannot project Analysed']);
    expect((await running.status()).map((status) => [status.name, status.parkedCount, status.checkpoint])).toEqual([
      ['clue-counts', 1, last.toString()],
      ['referral-index', 0, last.toString()],
    ]);
    await expectAsBuiltInOrder(store, projections, last);
  });

  it('stops the other shares when one fails, and builds again in its own thread', async () => {
    await appendEvent(events, 'clue-9', 'Registered', { county: 'dawa' });
    await appendEvent(events, 'clue-9', 'Analysed', { poison: true });
    const last = await writeLog();
    const store = readModels('shares');
    const projections = [clueCounts(), referralIndex()];
    const shares: string[][][] = [];
    const workers = inThisThread(store, projections, shares, 1);
    const errors: string[] = [];
    const running = runner(events, store, projections, { onError: (error) => errors.push(String(error)) }, { workers });
    await running.start();
    expect(await running.waitFor(last, 5000)).toBe(true);

    // One attempt on the threads (three shares, the first failed), the next in the runner's thread.
    expect(shares).toHaveLength(3);
    expect(errors).toContain('Error: thread crashed');
    // Told once per attempt that got to it (the failed attempt's other shares may have); the store keeps one.
    expect(
      errors.filter((error) => error.includes('Parked event 2 (Analysed) of clue-counts v1')).length,
    ).toBeGreaterThanOrEqual(1);
    expect(await store.parked('clue-counts', 1)).toHaveLength(1);
    expect((await running.status()).map((status) => [status.name, status.parkedCount, status.checkpoint])).toEqual([
      ['clue-counts', 1, last.toString()],
      ['referral-index', 0, last.toString()],
    ]);
    await expectAsBuiltInOrder(store, projections, last);
  });

  it('reports a partitioned build under way in its status: the position it reads through and the events committed so far', async () => {
    const last = await writeLog();
    const store = readModels('progress');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let commits = 0;
    // Holds the build at its second commit, so that the status can be read half-way.
    const held = beforeCommits(store, async (_writes, checkpoint) => {
      if (checkpoint === undefined && ++commits === 2) await gate;
    });
    const running = runner(events, held, [clueCounts()], {}, { partitionsPerCommit: 3 });
    await running.start();
    const firstCommit = (
      await events.readStreamsThrough((await byClue.partitions(events, last)).slice(0, 3).flat(), last)
    ).length;
    for (let waited = 0; commits < 2 && waited < 5000; waited += 5)
      await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await running.status())[0]).toMatchObject({
      state: 'catching-up',
      build: { through: last.toString(), events: firstCommit },
    });
    expect((await running.status())[0]?.checkpoint).toBeUndefined();
    release();
    expect(await running.waitFor(last, 5000)).toBe(true);
    expect((await running.status())[0]?.build).toBeUndefined();
  });

  it('builds a bumped version case by case beside the active one, and switches over only once it is built', async () => {
    const last = await writeLog();
    const store = readModels('versions');
    const v1 = runner(events, store, [referralIndex(1)]);
    await v1.start();
    expect(await v1.waitFor(last, 5000)).toBe(true);
    await v1.stop();
    const served = await allDocs(store, referralIndex(1));

    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held = beforeCommits(store, async (_writes, checkpoint) => {
      if (checkpoint === undefined) await gate;
    });
    const v2 = runner(events, held, [referralIndex(2)]);
    await v2.start();
    const switched = v2.rebuild('referral-index');
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Ticks ran meanwhile; version 1 still serves while version 2 is being built.
    expect(await store.activeVersion('referral-index')).toBe(1);
    expect((await v2.status())[0]).toMatchObject({ state: 'catching-up', activeVersion: 1, build: { events: 0 } });
    release();
    await switched;
    expect(await store.activeVersion('referral-index')).toBe(2);
    expect(await allDocs(store, referralIndex(2))).toEqual(served);
    expect(await store.checkpoint('referral-index', 1)).toBeUndefined();
  });

  it("lets the event loop run within a commit's partitions once they have taken a while", async () => {
    const last = await writeLog();
    const store = readModels('yields');
    const partitions = await byClue.partitions(events, last);
    // Each partition's read keeps the thread busy for 8 ms.
    const slow = Object.assign(Object.create(events) as SqliteEventStore, {
      readStreamsThrough: (...args: Parameters<SqliteEventStore['readStreamsThrough']>) => {
        for (const until = Date.now() + 8; Date.now() < until;);
        return events.readStreamsThrough(...args);
      },
    });
    const context = {
      store,
      projection: clueCounts(),
      version: 1,
      cache: new DocumentCache(0),
      retry: { attempts: 1, baseDelayMs: 0 },
      clock,
      sleep: async () => undefined,
    };
    const turns: number[] = [];
    const started = Date.now();
    const ticker = setInterval(() => turns.push(Date.now() - started), 1);
    try {
      await buildPartitioned(slow, partitions, [context], last, {
        partitionsPerCommit: partitions.length,
        running: () => true,
      });
    } finally {
      clearInterval(ticker);
    }
    expect(partitions.length).toBeGreaterThanOrEqual(8);
    // One commit of all partitions (64 ms and more of reads), yet timers ran in between: without
    // the yields, nothing but microtasks would run until the build returned.
    expect(turns.length).toBeGreaterThanOrEqual(2);
  });

  it('leaves an empty log to the feed, which builds from the first event', async () => {
    const store = readModels('empty');
    const running = runner(events, store, [clueCounts()]);
    await running.start();
    const first = await appendEvent(events, 'clue-1', 'Registered', { county: 'dawa' });
    expect(await running.waitFor(first, 5000)).toBe(true);
    expect(await store.get('clue-counts', 'clues', '1')).toMatchObject({ count: 1 });
  });
});
