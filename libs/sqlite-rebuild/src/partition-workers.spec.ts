import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  CASE_PARTITIONING,
  CLUE_LEDGER,
  CLUE_LEDGER_CLUES,
  COMMISSION_INBOX,
  INBOX,
  ParkedOnThread,
  PartitionShare,
  ShareListener,
} from '@xj/application';
import { SqliteEventStore } from '@xj/sqlite-event-store';
import { SqliteReadModelStore } from '@xj/sqlite-read-models';
import { generateEvents, GenerateResult } from '../../../bench/replay/generate';
import { EmbeddedPartitionWorkers } from './partition-workers';

/**
 * The worker threads themselves (PartitionedRebuild's use of shares is in
 * partitioned.rebuild.spec.ts, and the equality of a threaded build with one in global order is
 * checked by bench:replay's log offline): run from these TypeScript sources, each thread loads
 * ts-node, so a start costs a few seconds here.
 */
describe('EmbeddedPartitionWorkers', () => {
  let dir: string;
  let generated: GenerateResult;
  let eventsFile: string;
  const retry = { attempts: 1, baseDelayMs: 0 };
  const quiet: ShareListener = { parked: () => undefined, progress: () => undefined };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xj-partition-workers-'));
    generated = await generateEvents({ dataDir: dir, events: 3_000, clues: 120, seed: 11 });
    eventsFile = join(dir, 'events.sqlite');
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const partitionsOf = async (): Promise<readonly (readonly string[])[]> => {
    const events = new SqliteEventStore({ filename: eventsFile });
    try {
      return await CASE_PARTITIONING.partitions(events, generated.lastPosition);
    } finally {
      await events.close();
    }
  };

  it('splits only logs through the threshold position, into as many shares as threads', () => {
    const workers = new EmbeddedPartitionWorkers({ eventsFile, readModelsFile: 'unused', threads: 3, minEvents: 1000 });
    expect([workers.sharesFor(999n), workers.sharesFor(1000n)]).toEqual([1, 3]);
    expect(
      new EmbeddedPartitionWorkers({ eventsFile, readModelsFile: 'unused', threads: 0 }).sharesFor(10n ** 9n),
    ).toBe(1);
  });

  it('builds two shares on two threads into one read-model file, as one thread builds them all', async () => {
    const partitions = await partitionsOf();
    const share = (from: number, to: number, file: string): Promise<number[] | undefined> =>
      new EmbeddedPartitionWorkers({ eventsFile, readModelsFile: file }).build(
        {
          projections: [
            { name: CLUE_LEDGER, version: 1 },
            { name: COMMISSION_INBOX, version: 1 },
          ],
          partitions: partitions.slice(from, to),
          through: generated.lastPosition.toString(),
          partitionsPerCommit: 16,
          retry,
        },
        new AbortController().signal,
        quiet,
      );
    const half = Math.floor(partitions.length / 2);
    expect(
      await Promise.all([
        share(0, half, join(dir, 'two.sqlite')),
        share(half, partitions.length, join(dir, 'two.sqlite')),
      ]),
    ).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(await share(0, partitions.length, join(dir, 'one.sqlite'))).toEqual([0, 0]);

    const [two, one] = [
      new SqliteReadModelStore({ filename: join(dir, 'two.sqlite') }),
      new SqliteReadModelStore({ filename: join(dir, 'one.sqlite') }),
    ];
    try {
      for (const [projection, collection] of [
        [CLUE_LEDGER, CLUE_LEDGER_CLUES],
        [COMMISSION_INBOX, INBOX],
      ] as const) {
        const built = await two.find(projection, collection, {}, 1);
        expect(built).toEqual(await one.find(projection, collection, {}, 1));
        expect(built.total).toBeGreaterThan(0);
      }
      expect((await two.find(CLUE_LEDGER, CLUE_LEDGER_CLUES, {}, 1)).total).toBe(generated.cluesRegistered);
      // Shares write documents only: the runner saves the checkpoint once every share is done.
      expect(await two.checkpoint(CLUE_LEDGER, 1)).toBeUndefined();
    } finally {
      await Promise.all([two.close(), one.close()]);
    }
  }, 60_000);

  it('stops a share between commits when aborted, and answers undefined', async () => {
    const partitions = await partitionsOf();
    const controller = new AbortController();
    controller.abort();
    const shares: PartitionShare = {
      projections: [{ name: CLUE_LEDGER, version: 1 }],
      partitions,
      through: generated.lastPosition.toString(),
      partitionsPerCommit: 1,
      retry,
    };
    expect(
      await new EmbeddedPartitionWorkers({ eventsFile, readModelsFile: join(dir, 'stopped.sqlite') }).build(
        shares,
        controller.signal,
        quiet,
      ),
    ).toBeUndefined();
  }, 60_000);

  it("fails with the thread's reason for a projection it does not know, ", async () => {
    const partitions = await partitionsOf();
    const workers = new EmbeddedPartitionWorkers({ eventsFile, readModelsFile: join(dir, 'failed.sqlite') });
    const share: PartitionShare = {
      projections: [{ name: 'nope', version: 1 }],
      partitions,
      through: generated.lastPosition.toString(),
      partitionsPerCommit: 8,
      retry,
    };
    await expect(workers.build(share, new AbortController().signal, quiet)).rejects.toThrow(
      'A partitioned build thread failed: Error: No case projection named nope.',
    );
  }, 60_000);

  it('parks an event a projection keeps failing on, reports it back, and builds the rest', async () => {
    const partitions = await partitionsOf();
    const clueStream = partitions[0]?.find((id) => id.startsWith('clue-')) as string;
    // Forged behind the store's back: a VerificationStarted without its payload, which the clue ledger cannot apply.
    const db = new Database(eventsFile);
    const { revision } = db
      .prepare('SELECT MAX(revision) AS revision FROM events WHERE stream_id = ?')
      .get(clueStream) as { revision: number };
    const { metadata, recorded_at: recordedAt } = db
      .prepare('SELECT metadata, recorded_at FROM events WHERE stream_id = ?')
      .get(clueStream) as { metadata: string; recorded_at: string };
    const through = db
      .prepare(
        "INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at, prev_hash, hash) VALUES (?, ?, 'forged', 'VerificationStarted', '{}', ?, ?, 'x', 'y')",
      )
      .run(clueStream, revision + 1, metadata, recordedAt).lastInsertRowid;
    db.close();
    const parked: ParkedOnThread[] = [];
    const progress: number[] = [];
    const workers = new EmbeddedPartitionWorkers({ eventsFile, readModelsFile: join(dir, 'parked.sqlite') });
    const share: PartitionShare = {
      projections: [
        { name: CLUE_LEDGER, version: 1 },
        { name: COMMISSION_INBOX, version: 1 },
      ],
      partitions: partitions.slice(0, 3),
      through: String(through),
      partitionsPerCommit: 8,
      retry,
    };
    expect(
      await workers.build(share, new AbortController().signal, {
        parked: (entry) => parked.push(entry),
        progress: (events) => progress.push(events),
      }),
    ).toEqual([1, 0]);
    // One commit (three partitions, eight per commit): every event of the three cases, the forged one included.
    const events = new SqliteEventStore({ filename: eventsFile });
    const read = await events.readStreamsThrough(partitions.slice(0, 3).flat(), BigInt(through));
    await events.close();
    expect(progress).toEqual([read.length]);
    expect(parked).toEqual([
      {
        projection: CLUE_LEDGER,
        entry: expect.objectContaining({
          position: String(through),
          streamId: clueStream,
          type: 'VerificationStarted',
          attempts: 1,
        }),
      },
    ]);
    const store = new SqliteReadModelStore({ filename: join(dir, 'parked.sqlite') });
    try {
      expect(await store.parked(CLUE_LEDGER, 1)).toEqual([parked[0]?.entry]);
      expect(await store.get(CLUE_LEDGER, CLUE_LEDGER_CLUES, clueStream.slice('clue-'.length), 1)).toMatchObject({
        clueId: clueStream.slice('clue-'.length),
      });
    } finally {
      await store.close();
    }
  }, 60_000);
});
