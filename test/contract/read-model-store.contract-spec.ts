import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonObject, ReadModelDocument, ReadModelQueryError, ReadModelStore, Write } from '@xj/application';
import { connectMongoReadModels, MongoReadModelStore } from '@xj/mongo-read-models';
import { FakeMongoDatabase } from '@xj/testing/fake-mongo-database';
import { SqliteReadModelStore } from '@xj/sqlite-read-models';

/**
 * The read-model store port's contract, run against the embedded SQLite store always, the
 * MongoDB adapter over an in-memory fake of the driver always (its own logic without a server),
 * and the MongoDB adapter against a real server when MONGO_URL is set. Projection names are unique per test because a real
 * server is shared; every version a test touches is dropped afterwards.
 */
interface AdapterUnderTest {
  readonly name: string;
  /** Writes and checkpoint commit in one transaction. */
  readonly atomicCommit: boolean;
  open(): Promise<ReadModelStore>;
  /** The same data through a new store instance (a restart). */
  reopen(): Promise<ReadModelStore>;
  cleanup(): void;
}

const sqliteAdapter = (): AdapterUnderTest => {
  let dir = '';
  return {
    name: 'sqlite (temp file)',
    atomicCommit: true,
    open: async () => {
      dir = mkdtempSync(join(tmpdir(), 'xj-rm-contract-'));
      return new SqliteReadModelStore({ filename: join(dir, 'read-models.sqlite') });
    },
    reopen: async () => new SqliteReadModelStore({ filename: join(dir, 'read-models.sqlite') }),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
};

const mongoAdapter = (url: string): AdapterUnderTest => {
  const connect = (): Promise<ReadModelStore> => connectMongoReadModels(url, { serverSelectionTimeoutMs: 5000 });
  return { name: 'mongodb (MONGO_URL)', atomicCommit: false, open: connect, reopen: connect, cleanup: () => undefined };
};

const fakeMongoAdapter = (): AdapterUnderTest => {
  let db = new FakeMongoDatabase();
  return {
    name: 'mongodb adapter (in-memory fake driver)',
    atomicCommit: false,
    open: async () => new MongoReadModelStore((db = new FakeMongoDatabase())),
    reopen: async () => new MongoReadModelStore(db),
    cleanup: () => undefined,
  };
};

const adapters: AdapterUnderTest[] = [
  sqliteAdapter(),
  fakeMongoAdapter(),
  ...(process.env.MONGO_URL ? [mongoAdapter(process.env.MONGO_URL)] : []),
];

const doc = (id: string, position: bigint | number, body: JsonObject = {}): ReadModelDocument => ({
  ...body,
  _id: id,
  _position: String(position),
});
const collect = async <T>(batches: AsyncIterable<T[]>): Promise<T[][]> => {
  const all: T[][] = [];
  for await (const batch of batches) all.push(batch);
  return all;
};
const put = (collection: string, document: ReadModelDocument): Write => ({
  collection,
  id: document._id,
  doc: document,
});

describe.each(adapters)('ReadModelStore contract: $name', (adapter) => {
  let store: ReadModelStore;
  let projection: string;
  const touched = new Set<number>();
  const commit = (version: number, writes: readonly Write[], checkpoint: bigint | undefined): Promise<void> => {
    touched.add(version);
    return store.commit(projection, version, writes, checkpoint);
  };
  const ids = (result: { items: readonly ReadModelDocument[] }): string[] => result.items.map((item) => item._id);

  beforeEach(async () => {
    store = await adapter.open();
    projection = `contract-${randomUUID().slice(0, 8)}`;
    touched.clear();
  });

  afterEach(async () => {
    for (const version of touched) await store.dropVersion(projection, version, ['clues', 'other']);
    await store.close();
    adapter.cleanup();
  });

  describe('queries', () => {
    const clues = [
      doc('c1', 11, {
        county: 'dawa',
        step: 'C3',
        n: 3,
        summary: '大洼区应急管理局未履行复议决定',
        situations: [{ code: 'FC.INSTRUMENT', n: 1 }],
        tags: ['a', 'b'],
        agency: { orgId: 'dawa.emergency' },
      }),
      doc('c2', 12, {
        county: 'panshan',
        step: 'C5',
        n: 1,
        summary: 'Panshan housing bureau',
        situations: [],
        tags: [],
        agency: { orgId: 'panshan.housing' },
      }),
      doc('c3', 13, {
        county: 'dawa',
        step: 'C5',
        n: 2,
        summary: 'dawa EMERGENCY relapse',
        situations: [{ code: 'LW.REPEAT', n: 4 }],
        tags: ['b'],
        agency: { orgId: 'dawa.emergency' },
        overdue: true,
      }),
      doc('c4', 14, {
        county: 'xinglongtai',
        step: 'C1',
        summary: '兴隆台',
        situations: [{ code: 'FC.INSTRUMENT', n: 7 }],
        tags: ['a'],
        agency: { orgId: 'xlt.justice' },
      }),
    ];
    beforeEach(async () => {
      await commit(
        1,
        clues.map((clue) => put('clues', clue)),
        14n,
      );
      await store.setActiveVersion(projection, 1);
    });

    it('gets one document of the active version with its decimal _position, undefined if absent', async () => {
      expect(await store.get(projection, 'clues', 'c1')).toEqual(clues[0]);
      expect(await store.get(projection, 'clues', 'nope')).toBeUndefined();
      expect(await store.get(projection, 'other', 'c1')).toBeUndefined();
    });

    it.each<[string, Record<string, unknown>, string[]]>([
      ['equality', { county: 'dawa' }, ['c1', 'c3']],
      ['a dotted path', { 'agency.orgId': 'dawa.emergency' }, ['c1', 'c3']],
      ['$in / $nin', { step: { $in: ['C1', 'C3'] }, county: { $nin: ['xinglongtai'] } }, ['c1']],
      ['$ne on a missing field', { overdue: { $ne: true } }, ['c1', 'c2', 'c4']],
      ['$gt / $lte', { n: { $gt: 1, $lte: 3 } }, ['c1', 'c3']],
      ['$exists false', { n: { $exists: false } }, ['c4']],
      ['case-insensitive $regex', { summary: { $regex: 'emergency', $options: 'i' } }, ['c3']],
      ['$regex on Chinese text', { summary: { $regex: '应急' } }, ['c1']],
      ['$elemMatch', { situations: { $elemMatch: { code: 'FC.INSTRUMENT', n: { $gte: 5 } } } }, ['c4']],
      ['array contains', { tags: 'b' }, ['c1', 'c3']],
      ['$size', { tags: { $size: 0 } }, ['c2']],
      [
        '$or / $and / $nor',
        { $or: [{ county: 'panshan' }, { $and: [{ county: 'dawa' }, { overdue: true }] }], $nor: [{ step: 'C1' }] },
        ['c2', 'c3'],
      ],
      ['$not', { n: { $not: { $gte: 2 } } }, ['c2', 'c4']],
    ])('finds with %s', async (_label, filter, expected) => {
      const found = await store.find(projection, 'clues', { filter });
      expect(ids(found).sort()).toEqual(expected);
      expect(found.total).toBe(expected.length);
    });

    it("pages a status list ($in inside $and) in order, as the ledgers' multi-status filters ask (我的待办)", async () => {
      const filter = { $and: [{ step: { $in: ['C3', 'C5'] } }, { county: { $in: ['dawa', 'panshan'] } }] };
      const page = await store.find(projection, 'clues', { filter, sort: { n: 1 }, limit: 2 });
      expect({ ids: ids(page), total: page.total }).toEqual({ ids: ['c2', 'c3'], total: 3 });
    });

    it('sorts (ties by _id), skips and limits, and counts the total before paging', async () => {
      expect(ids(await store.find(projection, 'clues', { sort: { county: 1 } }))).toEqual(['c1', 'c3', 'c2', 'c4']);
      expect(ids(await store.find(projection, 'clues', { sort: { n: -1 } }))).toEqual(['c1', 'c3', 'c2', 'c4']);
      expect(ids(await store.find(projection, 'clues', { sort: { n: 1 } }))).toEqual(['c4', 'c2', 'c3', 'c1']);
      expect(await store.find(projection, 'clues', { sort: { step: -1 }, skip: 1, limit: 2 })).toEqual({
        items: [clues[2], clues[0]],
        total: 4,
      });
      expect(await store.find(projection, 'clues', { filter: { county: 'dawa' }, limit: 0 })).toEqual({
        items: [],
        total: 2,
      });
      expect(await store.find(projection, 'clues', { skip: 10 })).toEqual({ items: [], total: 4 });
    });

    it('sorts strings by code point, as MongoDB does', async () => {
      const names = ['b', 'B', 'a', '大', '10', '9'];
      await commit(
        1,
        names.map((name, n) => put('other', doc(`o${n}`, 20 + n, { name }))),
        30n,
      );
      const sorted = await store.find(projection, 'other', { sort: { name: 1 } });
      expect(sorted.items.map((item) => item.name)).toEqual(['10', '9', 'B', 'a', 'b', '大']);
    });

    it('sorts mixed types in MongoDB order (missing and null, numbers, strings, booleans) and by dotted paths', async () => {
      const values: (JsonObject[string] | undefined)[] = ['x', 3, null, undefined, 1, true, 'a'];
      await commit(
        1,
        values.map((rank, n) => put('other', doc(`m${n}`, 20 + n, rank === undefined ? {} : { rank }))),
        30n,
      );
      expect(ids(await store.find(projection, 'other', { sort: { rank: 1 } }))).toEqual([
        'm2',
        'm3',
        'm4',
        'm1',
        'm6',
        'm0',
        'm5',
      ]);
      expect(ids(await store.find(projection, 'other', { sort: { rank: -1 } }))).toEqual([
        'm5',
        'm0',
        'm6',
        'm1',
        'm4',
        'm2',
        'm3',
      ]);
      expect(ids(await store.find(projection, 'clues', { sort: { 'agency.orgId': -1 } }))).toEqual([
        'c4',
        'c2',
        'c1',
        'c3',
      ]);
    });

    describe("stream (the exports' cursor)", () => {
      it.each<[string, Record<string, unknown>, Record<string, 1 | -1>]>([
        ['every document by _id', {}, { _id: 1 }],
        [
          'text equality, $in and an anchored prefix (SQL can state them)',
          { county: { $in: ['dawa', 'panshan'] } },
          { county: 1 },
        ],
        ['a prefix $regex, newest first', { county: { $regex: '^da' } }, { n: -1 }],
        ['a case-insensitive $regex (SQL cannot)', { summary: { $regex: 'a', $options: 'i' } }, { step: -1 }],
        ['a range, by a dotted path', { n: { $gte: 1 } }, { 'agency.orgId': -1 }],
        ['an array element', { tags: 'b' }, { n: 1 }],
      ])("hands out %s in find's order, in batches of batchSize", async (_label, filter, sort) => {
        const batches = await collect(store.stream(projection, 'clues', { filter, sort, batchSize: 1 }));
        const expected = await store.find(projection, 'clues', { filter, sort });
        expect(batches.flat()).toEqual(expected.items);
        expect(batches.every((batch) => batch.length === 1)).toBe(true);
      });

      it('sorts mixed types in MongoDB order, as find does', async () => {
        const values: (JsonObject[string] | undefined)[] = ['x', 3, null, undefined, 1, true, 'a'];
        await commit(
          1,
          values.map((rank, n) => put('other', doc(`m${n}`, 20 + n, rank === undefined ? {} : { rank }))),
          30n,
        );
        for (const sort of [{ rank: 1 }, { rank: -1 }] as const) {
          const streamed = (await collect(store.stream(projection, 'other', { sort, batchSize: 3 }))).flat();
          expect(streamed.map((d) => d._id)).toEqual(ids(await store.find(projection, 'other', { sort })));
        }
      });

      it('streams a collection larger than a batch whole and in order', async () => {
        const many = Array.from({ length: 300 }, (_, n) =>
          doc(`k${String(n).padStart(5, '0')}`, 20 + n, { county: n % 3 === 0 ? 'dawa' : 'panshan', n: n % 17 }),
        );
        await commit(
          1,
          many.map((d) => put('other', d)),
          2000n,
        );
        const sort = { n: -1 } as const;
        const filter = { county: 'panshan' };
        const batches = await collect(store.stream(projection, 'other', { filter, sort, batchSize: 64 }));
        expect(batches.flat().map((d) => d._id)).toEqual(ids(await store.find(projection, 'other', { filter, sort })));
        expect(batches.map((b) => b.length)).toEqual([64, 64, 64, 8]);
      });

      it('hands out a document only as it matched the filter, when it was changed meanwhile', async () => {
        const batches = store.stream(projection, 'clues', { filter: { county: 'dawa' }, batchSize: 1 });
        const iterator = batches[Symbol.asyncIterator]();
        const first = await iterator.next();
        expect(first.value).toEqual([clues[0]]);
        // An access filter must hold for every row: c3 moved to another county comes out as it was, or not at all.
        await commit(1, [put('clues', doc('c3', 20, { county: 'panshan' }))], 20n);
        const rest: ReadModelDocument[] = [];
        for (let next = await iterator.next(); next.done !== true; next = await iterator.next())
          rest.push(...next.value);
        expect(rest.every((d) => d.county === 'dawa')).toBe(true);
      });

      it('is empty before the first build, and refuses operators outside the documented subset', async () => {
        expect(await collect(store.stream(`${projection}-none`, 'clues'))).toEqual([]);
        await expect(collect(store.stream(projection, 'clues', { filter: { $where: 'true' } }))).rejects.toBeInstanceOf(
          ReadModelQueryError,
        );
      });
    });

    it('refuses operators outside the documented subset', async () => {
      await expect(store.find(projection, 'clues', { filter: { $where: 'true' } })).rejects.toBeInstanceOf(
        ReadModelQueryError,
      );
      await expect(store.find(projection, 'clues', { filter: { n: { $type: 'number' } } })).rejects.toBeInstanceOf(
        ReadModelQueryError,
      );
    });
  });

  describe('writes', () => {
    it('moves the checkpoint with each commit and never back', async () => {
      expect(await store.checkpoint(projection, 1)).toBeUndefined();
      await commit(1, [put('clues', doc('c1', 5))], 5n);
      expect(await store.checkpoint(projection, 1)).toBe(5n);
      await commit(1, [], 9n);
      await commit(1, [], 7n);
      expect(await store.checkpoint(projection, 1)).toBe(9n);
    });

    it('writes documents without moving the checkpoint when none is given (a partitioned build)', async () => {
      await commit(1, [put('clues', doc('c1', 5))], undefined);
      expect(await store.checkpoint(projection, 1)).toBeUndefined();
      expect(await store.get(projection, 'clues', 'c1', 1)).toMatchObject({ _id: 'c1', _position: '5' });
      await commit(1, [], 4n);
      await commit(1, [put('clues', doc('c2', 8))], undefined);
      expect(await store.checkpoint(projection, 1)).toBe(4n);
      expect(await store.get(projection, 'clues', 'c2', 1)).toMatchObject({ _position: '8' });
    });

    it('replaces the whole document, keeps unusual keys, and never lets an older position overwrite a newer one', async () => {
      await commit(
        1,
        [put('clues', doc('c1', 10, { step: 'C3', stale: true, 'FC.INSTRUMENT': 2, text: '线索' }))],
        10n,
      );
      await commit(1, [put('clues', doc('c1', 9, { step: 'C2' }))], 10n);
      expect(await store.get(projection, 'clues', 'c1', 1)).toEqual(
        doc('c1', 10, { step: 'C3', stale: true, 'FC.INSTRUMENT': 2, text: '线索' }),
      );
      await commit(1, [put('clues', doc('c1', 10, { step: 'C3' }))], 10n);
      expect(await store.get(projection, 'clues', 'c1', 1)).toEqual(doc('c1', 10, { step: 'C3' }));
      await commit(1, [put('clues', doc('c1', 100, { step: 'C4' }))], 100n);
      expect(await store.get(projection, 'clues', 'c1', 1)).toEqual(doc('c1', 100, { step: 'C4' }));
    });

    it('deletes a document only from an event at or after its position', async () => {
      await commit(1, [put('clues', doc('c1', 10)), put('clues', doc('c2', 10))], 10n);
      await commit(
        1,
        [
          { collection: 'clues', id: 'c1', delete: true, position: '9' },
          { collection: 'clues', id: 'c2', delete: true, position: '11' },
        ],
        11n,
      );
      expect(await store.get(projection, 'clues', 'c1', 1)).toEqual(doc('c1', 10));
      expect(await store.get(projection, 'clues', 'c2', 1)).toBeUndefined();
      expect(await store.find(projection, 'clues', {}, 1)).toEqual({ items: [doc('c1', 10)], total: 1 });
    });

    if (adapter.atomicCommit) {
      it('commits the writes and the checkpoint together or not at all', async () => {
        await commit(1, [put('clues', doc('c1', 1))], 1n);
        const mismatched = { collection: 'clues', id: 'c3', doc: doc('other-id', 3) };
        await expect(commit(1, [put('clues', doc('c2', 3)), mismatched], 3n)).rejects.toThrow();
        expect(await store.get(projection, 'clues', 'c2', 1)).toBeUndefined();
        expect(await store.checkpoint(projection, 1)).toBe(1n);
      });
    }
  });

  describe('versions', () => {
    it('keeps versions apart, switches the active one, and drops one version whole', async () => {
      await commit(1, [put('clues', doc('c1', 5, { v: 1 }))], 5n);
      await commit(2, [put('clues', doc('c1', 7, { v: 2 })), put('other', doc('x', 7))], 7n);
      await store.park(projection, 2, {
        position: '6',
        streamId: 'clue-1',
        type: 'T',
        error: 'e',
        attempts: 1,
        parkedAt: '2026-03-02T00:00:00.000Z',
      });
      expect(await store.activeVersion(projection)).toBeUndefined();
      expect(await store.get(projection, 'clues', 'c1')).toBeUndefined();
      expect(await store.find(projection, 'clues')).toEqual({ items: [], total: 0 });

      await store.setActiveVersion(projection, 1);
      expect(await store.get(projection, 'clues', 'c1')).toMatchObject({ v: 1 });
      await store.setActiveVersion(projection, 2);
      expect(await store.activeVersion(projection)).toBe(2);
      expect(await store.get(projection, 'clues', 'c1')).toMatchObject({ v: 2 });
      expect(await store.get(projection, 'clues', 'c1', 1)).toMatchObject({ v: 1 });
      expect([await store.checkpoint(projection, 1), await store.checkpoint(projection, 2)]).toEqual([5n, 7n]);

      await store.dropVersion(projection, 2, ['clues']);
      expect(await store.get(projection, 'clues', 'c1', 2)).toBeUndefined();
      expect(await store.find(projection, 'other', {}, 2)).toEqual({ items: [], total: 0 });
      expect(await store.checkpoint(projection, 2)).toBeUndefined();
      expect(await store.parked(projection, 2)).toEqual([]);
      expect(await store.get(projection, 'clues', 'c1', 1)).toMatchObject({ v: 1 });
      expect(await store.checkpoint(projection, 1)).toBe(5n);
    });
  });

  describe('parked events', () => {
    const entry = (position: string, attempts = 3) => ({
      position,
      streamId: `clue-${position}`,
      type: 'ClueAmended',
      error: 'Error: boom',
      attempts,
      parkedAt: '2026-03-02T08:00:00.000Z',
    });

    it('lists parked events in position order, parks idempotently per position, and unparks one', async () => {
      touched.add(1);
      for (const position of ['100', '9', '10']) await store.park(projection, 1, entry(position));
      await store.park(projection, 1, entry('9', 4));
      expect(await store.parked(projection, 1)).toEqual([entry('9', 4), entry('10'), entry('100')]);
      expect(await store.parked(projection, 2)).toEqual([]);
      await store.unpark(projection, 1, '10');
      expect((await store.parked(projection, 1)).map((parked) => parked.position)).toEqual(['9', '100']);
    });
  });

  it('keeps documents, checkpoints, the active version and parked events across a restart', async () => {
    await commit(3, [put('clues', doc('c1', 42, { step: 'C7' }))], 42n);
    await store.setActiveVersion(projection, 3);
    await store.park(projection, 3, {
      position: '40',
      streamId: 'clue-1',
      type: 'T',
      error: 'e',
      attempts: 3,
      parkedAt: '2026-03-02T00:00:00.000Z',
    });
    expect(await store.find(projection, 'clues')).toMatchObject({ total: 1 });
    await store.close();

    store = await adapter.reopen();
    expect(await store.activeVersion(projection)).toBe(3);
    expect(await store.checkpoint(projection, 3)).toBe(42n);
    expect(await store.get(projection, 'clues', 'c1')).toEqual(doc('c1', 42, { step: 'C7' }));
    expect(await store.find(projection, 'clues', { filter: { step: 'C7' } })).toEqual({
      items: [doc('c1', 42, { step: 'C7' })],
      total: 1,
    });
    expect(await store.parked(projection, 3)).toHaveLength(1);
  });
});
