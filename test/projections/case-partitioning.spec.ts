/**
 * The case ledgers built case by case (CASE_PARTITIONING) against the same ledgers built in global
 * order, on a log of realistic cases: the replay benchmark's generator (the real deciders, clues
 * through referrals, forwarding, returns, rectification, reopening and look-back), at a small scale.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CASE_PARTITIONED,
  CASE_PARTITIONING,
  CASE_PROJECTIONS,
  EventStore,
  PartitionedRebuild,
  ProjectionRunner,
  ReadModelDocument,
  ReadModelStore,
  RebuildStrategy,
} from '@xj/application';
import { EVENTS_DB_FILENAME, SqliteEventStore } from '@xj/sqlite-event-store';
import { SqliteReadModelStore } from '@xj/sqlite-read-models';
import { portOnly } from '@xj/testing';
import { generateEvents, GenerateResult } from '../../bench/replay/generate';

const everything = async (store: ReadModelStore): Promise<Record<string, ReadModelDocument[]>> => {
  const out: Record<string, ReadModelDocument[]> = {};
  for (const projection of CASE_PROJECTIONS) {
    for (const collection of projection.collections)
      out[`${projection.name}/${collection}`] = (await store.find(projection.name, collection)).items;
  }
  return out;
};

/** The case rebuild, noting which versions it built itself (the rest the feed builds in global order). */
const caseRebuild = (built: string[]): RebuildStrategy => {
  const strategy = new PartitionedRebuild(CASE_PARTITIONED, { partitionsPerCommit: 7 });
  return {
    rebuild: (targets, session) =>
      strategy.rebuild(targets, {
        ...session,
        built: async (target, ...rest) => (built.push(target.projection.name), session.built(target, ...rest)),
      }),
  };
};

const build = async (events: EventStore, store: ReadModelStore, last: bigint, built: string[] = []): Promise<void> => {
  const runner = new ProjectionRunner(events, store, CASE_PROJECTIONS, {
    batchDelayMs: 5,
    rebuildStrategy: caseRebuild(built),
  });
  await runner.start();
  try {
    expect(await runner.waitFor(last, 60_000)).toBe(true);
    expect((await runner.status()).map((status) => [status.name, status.parkedCount, status.checkpoint])).toEqual(
      CASE_PROJECTIONS.map((projection) => [projection.name, 0, last.toString()]),
    );
  } finally {
    await runner.stop();
  }
};

describe('the case ledgers built case by case', () => {
  let dir: string;
  let generated: GenerateResult;
  let events: SqliteEventStore;
  const stores: SqliteReadModelStore[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xj-case-build-'));
    generated = await generateEvents({ dataDir: dir, events: 12_000, clues: 500, seed: 7 });
    events = new SqliteEventStore({ filename: join(dir, EVENTS_DB_FILENAME) });
  }, 60_000);

  afterAll(async () => {
    for (const store of stores) await store.close();
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('all keep to the case partitioning, declared once', () => {
    expect(CASE_PARTITIONED.partitioning).toBe(CASE_PARTITIONING);
    expect(CASE_PARTITIONED.projections.map((projection) => projection.name)).toEqual(
      CASE_PROJECTIONS.map((projection) => projection.name),
    );
  });

  it('groups each referral and rectification stream with its clue, cases in clue-id order', async () => {
    const partitions = await CASE_PARTITIONING.partitions(events, generated.lastPosition);
    const streams = partitions.flat();
    expect(new Set(streams).size).toBe(streams.length);
    const clueIds = partitions.map((streamIds) =>
      (streamIds.find((id) => id.startsWith('clue-')) as string).slice('clue-'.length),
    );
    expect(clueIds).toEqual([...clueIds].sort());
    // Every stream of a case category in the log is in exactly one partition, with the clue its creation event names.
    const all = await events.readAll({ maxCount: 100_000 });
    const caseStreams = new Set(
      all.filter((event) => /^(clue|referral|rectification)-/.test(event.streamId)).map((event) => event.streamId),
    );
    expect(new Set(streams)).toEqual(caseStreams);
    const owner = new Map(partitions.flatMap((streamIds, n) => streamIds.map((id) => [id, clueIds[n]] as const)));
    for (const event of all.filter((e) =>
      ['ReferralDrafted', 'ForwardedReferralOpened', 'RectificationItemAssigned'].includes(e.type),
    )) {
      expect([event.streamId, owner.get(event.streamId)]).toEqual([event.streamId, event.data.clueId]);
    }
    expect(generated.types.ForwardedReferralOpened).toBeGreaterThan(0);
  });

  it('come out document for document as the ledgers built in global order', async () => {
    const byCase = new SqliteReadModelStore({ filename: join(dir, 'by-case.sqlite') });
    const inOrder = new SqliteReadModelStore({ filename: join(dir, 'in-order.sqlite') });
    stores.push(byCase, inOrder);
    const builtByCase: string[] = [];
    const builtInOrder: string[] = [];
    await build(events, byCase, generated.lastPosition, builtByCase);
    await build(portOnly(events), inOrder, generated.lastPosition, builtInOrder);
    // Every case ledger was built case by case; without the event store's partition reads, all by the feed.
    expect(builtByCase).toEqual(CASE_PROJECTIONS.map((projection) => projection.name));
    expect(builtInOrder).toEqual([]);
    const built = await everything(byCase);
    expect(built).toEqual(await everything(inOrder));
    expect(built['clue-ledger/clues']).toHaveLength(generated.cluesRegistered);
    expect(Object.values(built).flat().length).toBeGreaterThan(2 * generated.cluesRegistered);
  }, 60_000);
});
