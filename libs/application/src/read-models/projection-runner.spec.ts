import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@xj/sqlite-event-store';
import { SqliteReadModelStore } from '@xj/sqlite-read-models';
import { FixedClock } from '../event-store/clock.port';
import { Projection, ReadModelDocument } from './projection';
import { ProjectionRunner } from './projection-runner';
import { SubscribeOptions } from '../event-store/event-store.types';
import { ProjectionRunnerOptions, ProjectionStatus } from './projection-runner.options';
import { ReadModelStore } from './read-model-store.port';
import { appendEvent, clueCounts, poison, referralIndex } from '@xj/testing';

/** Polls `check` until it holds (fails the test after 5 s): for states the runner reaches on its own. */
const eventually = async (check: () => Promise<boolean>): Promise<void> => {
  for (let waited = 0; !(await check()); waited += 10) {
    if (waited > 5000) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

const allDocs = async (
  store: ReadModelStore,
  projection: Projection,
  version?: number,
): Promise<Record<string, ReadModelDocument[]>> => {
  const out: Record<string, ReadModelDocument[]> = {};
  for (const collection of projection.collections)
    out[collection] = (await store.find(projection.name, collection, {}, version)).items;
  return out;
};

describe('ProjectionRunner (embedded event store in memory, embedded read models in a temp file)', () => {
  let dir: string;
  let events: SqliteEventStore;
  let readModels: SqliteReadModelStore;
  let clock: FixedClock;
  const runners: ProjectionRunner[] = [];
  const sleeps: number[] = [];
  const options: ProjectionRunnerOptions = {
    batchSize: 4,
    batchDelayMs: 5,
    restartDelayMs: 5,
    liveWithin: 1,
    sleep: async (ms) => void sleeps.push(ms),
  };
  const runner = (
    projections: readonly Projection[],
    store: ReadModelStore = readModels,
    extra: ProjectionRunnerOptions = {},
  ): ProjectionRunner => {
    const created = new ProjectionRunner(events, store, projections, { ...options, ...extra });
    runners.push(created);
    return created;
  };
  const statusOf = async (of: ProjectionRunner, name: string): Promise<ProjectionStatus> => {
    const found = (await of.status()).find((status) => status.name === name);
    if (!found) throw new Error(`no status for ${name}`);
    return found;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'xj-runner-'));
    clock = new FixedClock(new Date('2026-03-02T01:00:00.000Z'));
    events = new SqliteEventStore({ filename: ':memory:', clock, pollIntervalMs: 5 });
    readModels = new SqliteReadModelStore({ filename: join(dir, 'read-models.sqlite') });
    poison.cured = false;
    sleeps.length = 0;
  });

  afterEach(async () => {
    for (const created of runners.splice(0)) await created.stop();
    await readModels.close();
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('catches up on existing events, then follows new ones live, and reports live with no lag', async () => {
    await appendEvent(events, 'clue-1', 'Registered', { county: 'dawa' });
    await appendEvent(events, 'clue-2', 'Registered', { county: 'panshan' });
    const caughtUp = await appendEvent(events, 'clue-1', 'Analysed');
    const running = runner([clueCounts()]);
    await running.start();
    expect(await running.waitFor(caughtUp, 5000)).toBe(true);
    expect(await readModels.get('clue-counts', 'clues', '1')).toMatchObject({
      _id: '1',
      count: 2,
      county: 'dawa',
      lastType: 'Analysed',
      _position: caughtUp.toString(),
    });

    const live = await appendEvent(events, 'clue-2', 'Referred');
    expect(await running.waitFor(live, 5000)).toBe(true);
    expect(await readModels.get('clue-counts', 'clues', '2')).toMatchObject({
      count: 2,
      history: ['Registered', 'Referred'],
    });
    await eventually(async () => (await statusOf(running, 'clue-counts')).state === 'live');
    expect(await statusOf(running, 'clue-counts')).toMatchObject({
      version: 1,
      activeVersion: 1,
      checkpoint: live.toString(),
      lag: 0,
      parkedCount: 0,
    });
  });

  it('resumes from its checkpoint after a restart: no event is applied twice, none is handed to the projection again', async () => {
    await appendEvent(events, 'clue-1', 'Registered');
    const first = await appendEvent(events, 'clue-1', 'Analysed');
    const before = runner([clueCounts()]);
    await before.start();
    expect(await before.waitFor(first, 5000)).toBe(true);
    await before.stop();

    const second = await appendEvent(events, 'clue-1', 'Referred');
    const seen: bigint[] = [];
    const spied = clueCounts();
    const counting: Projection = {
      ...spied,
      keys: (event, read) => (seen.push(event.position), spied.keys(event, read)),
    };
    const after = runner([counting]);
    await after.start();
    expect(await after.waitFor(second, 5000)).toBe(true);
    expect(seen).toEqual([second]);
    expect(await readModels.get('clue-counts', 'clues', '1')).toMatchObject({
      count: 3,
      history: ['Registered', 'Analysed', 'Referred'],
    });
  });

  it('is harmless to run twice: redelivering every event (a lost checkpoint) leaves the documents as they were', async () => {
    await appendEvent(events, 'clue-1', 'Registered');
    await appendEvent(events, 'referral-9', 'Drafted', { clueId: '1' });
    const last = await appendEvent(events, 'clue-1', 'Analysed');
    const once = runner([clueCounts(), referralIndex()]);
    await once.start();
    expect(await once.waitFor(last, 5000)).toBe(true);
    await once.stop();
    const snapshot = {
      counts: await allDocs(readModels, clueCounts()),
      index: await allDocs(readModels, referralIndex()),
    };

    // A store that lost its checkpoint's progress: every event after the first comes again.
    const first = (await events.readAll({ maxCount: 1 }))[0]?.position;
    const forgetful: ReadModelStore = Object.assign(Object.create(readModels) as SqliteReadModelStore, {
      checkpoint: async () => first,
    });
    const twice = runner([clueCounts(), referralIndex()], forgetful);
    await twice.start();
    expect(await twice.waitFor(last, 5000)).toBe(true);
    await twice.stop();
    expect({
      counts: await allDocs(readModels, clueCounts()),
      index: await allDocs(readModels, referralIndex()),
    }).toEqual(snapshot);
    expect(snapshot.counts.clues?.[0]).toMatchObject({ count: 2 });
  });

  it('retries a failing event with backoff, parks it (where and why, not its data) and carries on', async () => {
    await appendEvent(events, 'clue-1', 'Registered');
    const bad = await appendEvent(events, 'clue-1', 'Amended', { poison: true, summary: '某局长收受红包' });
    const after = await appendEvent(events, 'clue-1', 'Analysed');
    const reported: [string, string | undefined][] = [];
    const onError = (error: unknown, projection?: string): number =>
      reported.push([(error as Error).message, projection]);
    const running = runner([clueCounts()], readModels, { retry: { attempts: 3, baseDelayMs: 20 }, clock, onError });
    await running.start();
    expect(await running.waitFor(after, 5000)).toBe(true);

    expect(sleeps).toEqual([20, 40]);
    const parked = await readModels.parked('clue-counts', 1);
    expect(parked).toEqual([
      {
        position: bad.toString(),
        streamId: 'clue-1',
        type: 'Amended',
        error: 'Error: cannot project Amended',
        attempts: 3,
        parkedAt: '2026-03-02T01:00:00.000Z',
      },
    ]);
    expect(JSON.stringify(parked)).not.toContain('红包');
    expect(reported).toEqual([
      [`Parked event ${bad} (Amended) of clue-counts v1: Error: cannot project Amended`, 'clue-counts'],
    ]);
    expect(await readModels.get('clue-counts', 'clues', '1')).toMatchObject({
      count: 2,
      history: ['Registered', 'Analysed'],
    });
    expect(await statusOf(running, 'clue-counts')).toMatchObject({ state: 'degraded', parkedCount: 1 });
  });

  it('retries parked events after a fix and unparks those that now succeed', async () => {
    await appendEvent(events, 'clue-1', 'Registered');
    const bad = await appendEvent(events, 'clue-1', 'Amended', { poison: true });
    const last = await appendEvent(events, 'clue-1', 'Analysed');
    const running = runner([clueCounts()], readModels, { retry: { attempts: 1, baseDelayMs: 1 } });
    await running.start();
    expect(await running.waitFor(last, 5000)).toBe(true);
    expect(await running.retryParked('clue-counts')).toEqual({ retried: 1, succeeded: 0, stillParked: 1 });
    expect((await readModels.parked('clue-counts', 1))[0]).toMatchObject({ position: bad.toString(), attempts: 2 });

    poison.cured = true;
    expect(await running.retryParked('clue-counts')).toEqual({ retried: 1, succeeded: 1, stillParked: 0 });
    expect(await readModels.parked('clue-counts', 1)).toEqual([]);
    // Re-applied on top of the later event; the document keeps the newer position.
    expect(await readModels.get('clue-counts', 'clues', '1')).toMatchObject({
      count: 3,
      lastType: 'Amended',
      _position: last.toString(),
    });
    await eventually(async () => (await statusOf(running, 'clue-counts')).state === 'live');
    expect(await statusOf(running, 'clue-counts')).toMatchObject({ parkedCount: 0 });
  });

  it('waitFor: true once reached (also for events of categories a projection does not consume), false after the timeout', async () => {
    const running = runner([clueCounts(), referralIndex()]);
    await running.start();
    const referral = await appendEvent(events, 'referral-1', 'Drafted', { clueId: '7' });
    expect(await running.waitFor(referral, 5000, ['clue-counts'])).toBe(true);
    const other = await appendEvent(events, 'audit-1', 'Viewed');
    expect(await running.waitFor(other, 5000)).toBe(true);
    expect(await running.waitFor(other + 1000n, 30)).toBe(false);
    await expect(running.waitFor(other, 10, ['nope'])).rejects.toThrow('No projection named nope');
  });

  it('builds a copy from position 0 that equals the incrementally built model, also as of an earlier position or instant', async () => {
    const types = ['Registered', 'Analysed', 'Referred', 'Amended', 'Withdrawn'];
    let asOfPosition = 0n;
    for (let n = 0; n < 60; n++) {
      clock.advance(60_000);
      const clue = `clue-${n % 7}`;
      await appendEvent(events, clue, types[(n * 3) % types.length] as string, { county: n % 2 ? 'dawa' : 'panshan' });
      if (n % 5 === 0)
        await appendEvent(
          events,
          `referral-${n % 4}`,
          n % 10 ? 'Accepted' : 'Drafted',
          n % 10 ? {} : { clueId: String(n % 7) },
        );
      if (n === 29) asOfPosition = (await events.readAll()).at(-1)?.position ?? 0n;
    }
    const last = (await events.readAll()).at(-1)?.position ?? 0n;
    const running = runner([clueCounts(), referralIndex()], readModels, { batchSize: 7 });
    await running.start();
    expect(await running.waitFor(last, 5000)).toBe(true);

    for (const projection of [clueCounts(), referralIndex()]) {
      expect(await running.buildInto(projection.name, 99)).toEqual({ version: 99, checkpoint: last, parked: 0 });
      const rebuilt = await allDocs(readModels, projection, 99);
      expect(rebuilt).toEqual(await allDocs(readModels, projection));
      expect(Object.values(rebuilt).flat().length).toBeGreaterThan(3);
      await readModels.dropVersion(projection.name, 99, projection.collections);
    }

    const past = runner([clueCounts()]);
    await expect(past.buildInto('clue-counts', 1)).rejects.toThrow('is live');
    const byPosition = await past.buildInto('clue-counts', 50, { untilPosition: asOfPosition });
    const byInstant = await past.buildInto('clue-counts', 51, { untilRecordedAt: '2026-03-02T01:30:00.000Z' });
    expect(byPosition.checkpoint).toBe(asOfPosition);
    expect(byInstant.checkpoint).toBe(asOfPosition);
    const asOf = await allDocs(readModels, clueCounts(), 50);
    expect(asOf).toEqual(await allDocs(readModels, clueCounts(), 51));
    expect(asOf).not.toEqual(await allDocs(readModels, clueCounts()));
    expect(asOf.clues?.every((doc) => BigInt(doc._position) <= asOfPosition)).toBe(true);
  });

  it('builds a bumped version beside the active one, switches queries over and drops the old version', async () => {
    await appendEvent(events, 'clue-1', 'Registered', { county: 'dawa' });
    await appendEvent(events, 'clue-2', 'Registered', { county: 'panshan' });
    const last = await appendEvent(events, 'clue-1', 'Analysed');
    const v1 = runner([clueCounts(1)]);
    await v1.start();
    expect(await v1.waitFor(last, 5000)).toBe(true);
    await v1.stop();
    const served = await allDocs(readModels, clueCounts(1));

    const v2 = runner([clueCounts(2)]);
    await v2.start();
    // Right after start the old version still serves.
    expect(await readModels.activeVersion('clue-counts')).toBe(1);
    expect(await readModels.find('clue-counts', 'clues')).toMatchObject({ total: 2 });
    await v2.rebuild('clue-counts');

    expect(await readModels.activeVersion('clue-counts')).toBe(2);
    expect(await allDocs(readModels, clueCounts(2))).toEqual(served);
    expect(await readModels.find('clue-counts', 'clues', {}, 1)).toEqual({ items: [], total: 0 });
    expect(await readModels.checkpoint('clue-counts', 1)).toBeUndefined();
    expect(await v2.waitFor(last, 5000)).toBe(true);
    await expect(v2.rebuild('clue-counts')).rejects.toThrow('already active');
  });

  it('reports lag against the event store head, and stopped after stop()', async () => {
    const head = { position: 0n };
    const running = runner([clueCounts()], readModels, { headPosition: async () => head.position });
    await running.start();
    const last = await appendEvent(events, 'clue-1', 'Registered');
    expect(await running.waitFor(last, 5000)).toBe(true);
    head.position = last + 40n;
    expect(await statusOf(running, 'clue-counts')).toMatchObject({ lag: 40 });
    await running.stop();
    expect(await statusOf(running, 'clue-counts')).toMatchObject({ state: 'stopped', checkpoint: last.toString() });
  });

  it('survives a failing store: the subscription restarts from the saved checkpoint and nothing is lost', async () => {
    let failures = 1;
    const flaky: ReadModelStore = Object.assign(Object.create(readModels) as SqliteReadModelStore, {
      commit: async (...args: Parameters<ReadModelStore['commit']>) => {
        if (failures-- > 0) throw new Error('disk full');
        return readModels.commit(...args);
      },
    });
    const errors: unknown[] = [];
    await appendEvent(events, 'clue-1', 'Registered');
    const last = await appendEvent(events, 'clue-1', 'Analysed');
    const running = runner([clueCounts()], flaky, { onError: (error) => errors.push(error) });
    await running.start();
    expect(await running.waitFor(last, 5000)).toBe(true);
    expect(errors).toEqual([new Error('disk full')]);
    expect(await readModels.get('clue-counts', 'clues', '1')).toMatchObject({ count: 2 });
  });

  describe('a projection that names the types it reads (typesOf)', () => {
    const handed: string[] = [];
    /** Counts a clue's registrations; reads nothing else of the category. */
    const registrations = (): Projection => ({
      name: 'registrations',
      version: 1,
      collections: ['byClue'],
      categories: ['clue'],
      typesOf: { clue: ['Registered'] },
      keys: async (event) => {
        handed.push(`${event.streamId}:${event.type}`);
        return [{ collection: 'byClue', id: event.aggregateId }];
      },
      apply: async (doc) => ({ count: (typeof doc?.count === 'number' ? doc.count : 0) + 1 }),
    });
    const subscriptions: Pick<SubscribeOptions, 'fromPosition' | 'filter'>[] = [];
    beforeEach(() => {
      handed.length = 0;
      subscriptions.length = 0;
      const subscribe = events.subscribe.bind(events);
      events.subscribe = (subscribeOptions) => {
        subscriptions.push({ fromPosition: subscribeOptions.fromPosition, filter: subscribeOptions.filter });
        return subscribe(subscribeOptions);
      };
    });
    const checkpointOf = async (name: string): Promise<bigint | undefined> => readModels.checkpoint(name, 1);

    it('is fed only its types, asked of the store, and its checkpoint moves past the events it does not read', async () => {
      await appendEvent(events, 'clue-1', 'Registered');
      await appendEvent(events, 'clue-1', 'Analysed');
      const last = await appendEvent(events, 'clue-2', 'Analysed');
      const running = runner([registrations()]);
      await running.start();
      await eventually(async () => (await checkpointOf('registrations')) === last);
      expect(await running.waitFor(last, 5000)).toBe(true);
      expect(subscriptions).toEqual([
        { fromPosition: undefined, filter: { categories: ['clue'], types: { clue: ['Registered'] } } },
      ]);
      const live = await appendEvent(events, 'clue-2', 'Registered');
      const skipped = await appendEvent(events, 'clue-2', 'Closed');
      await eventually(async () => (await checkpointOf('registrations')) === skipped);
      expect(handed).toEqual(['clue-1:Registered', 'clue-2:Registered']);
      expect(await readModels.get('registrations', 'byClue', '2')).toMatchObject({ count: 1, _position: `${live}` });
    });

    it('behind the others, is caught up alone by a subscription for its types to their checkpoint, then fed live with them', async () => {
      await appendEvent(events, 'clue-1', 'Registered', { county: 'dawa' });
      for (let n = 0; n < 5; n += 1) await appendEvent(events, 'clue-1', 'Analysed');
      await appendEvent(events, 'clue-2', 'Registered');
      const head = await appendEvent(events, 'clue-2', 'Analysed');
      const first = runner([clueCounts()]);
      await first.start();
      await eventually(async () => (await checkpointOf('clue-counts')) === head);
      await first.stop();
      subscriptions.length = 0;

      const running = runner([clueCounts(), registrations()]);
      await running.start();
      await eventually(async () => (await checkpointOf('registrations')) === head);
      expect(subscriptions[0]).toEqual({
        fromPosition: undefined,
        filter: { categories: ['clue'], types: { clue: ['Registered'] } },
      });
      // Then one feed for both from the common checkpoint: clue-counts reads every type.
      await eventually(async () => subscriptions.length === 2);
      expect(subscriptions[1]).toEqual({ fromPosition: head, filter: { categories: ['clue'] } });
      expect(handed).toEqual(['clue-1:Registered', 'clue-2:Registered']);

      const live = await appendEvent(events, 'clue-3', 'Registered');
      expect(await running.waitFor(live, 5000)).toBe(true);
      expect(await readModels.get('registrations', 'byClue', '3')).toMatchObject({ count: 1 });
      expect(await readModels.get('clue-counts', 'clues', '3')).toMatchObject({ count: 1 });
      expect(await readModels.get('clue-counts', 'clues', '1')).toMatchObject({ count: 6 });
      expect(handed).toEqual(['clue-1:Registered', 'clue-2:Registered', 'clue-3:Registered']);
    });

    it('behind the others on a store that does not say how far it searched, is still caught up (by the feed, once the catch-up stalls)', async () => {
      await appendEvent(events, 'clue-1', 'Registered');
      const head = await appendEvent(events, 'clue-1', 'Analysed');
      const first = runner([clueCounts()]);
      await first.start();
      await eventually(async () => (await checkpointOf('clue-counts')) === head);
      await first.stop();
      const subscribe = events.subscribe.bind(events);
      events.subscribe = ({ onCheckpoint: _dropped, ...rest }) => subscribe(rest);
      subscriptions.length = 0;

      const running = runner([clueCounts(), registrations()]);
      await running.start();
      await eventually(async () => (await checkpointOf('registrations')) === head);
      expect(handed).toEqual(['clue-1:Registered']);
      const live = await appendEvent(events, 'clue-2', 'Registered');
      expect(await running.waitFor(live, 5000)).toBe(true);
      expect(await readModels.get('registrations', 'byClue', '2')).toMatchObject({ count: 1 });
    });
  });
});
