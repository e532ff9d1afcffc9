import { ReadModelDocument, ReadModelQueryError, Write } from '@xj/application';
import {
  ACTIVE_VERSIONS,
  CHECKPOINTS,
  collectionName,
  duplicateKeyFailures,
  fromStoredDocument,
  PARKED,
  toStoredDocument,
  writeOperation,
} from './mongo-mapping';
import { MongoReadModelStore } from './mongo-read-model-store';
import { FakeBulkWriteError, FakeMongoDatabase } from '@xj/testing/fake-mongo-database';

const doc = (id: string, position: number | string, body: Record<string, unknown> = {}): ReadModelDocument =>
  ({ ...body, _id: id, _position: String(position) }) as ReadModelDocument;
const put = (collection: string, document: ReadModelDocument): Write => ({
  collection,
  id: document._id,
  doc: document,
});
const CLUES = collectionName('ledger', 2, 'clues');

describe('MongoDB mapping', () => {
  it('names one physical collection per projection, version and logical collection', () => {
    expect(collectionName('clue-ledger', 3, 'clues')).toBe('rm_clue-ledger__v3__clues');
  });

  it('stores _position zero-padded and reads it back as the decimal string', () => {
    const stored = toStoredDocument(doc('c1', 42, { step: 'C3' }));
    expect(stored).toEqual({ _id: 'c1', _position: '00000000000000000042', step: 'C3' });
    expect(fromStoredDocument(stored)).toEqual(doc('c1', 42, { step: 'C3' }));
    expect(() => fromStoredDocument({ _id: 'c1', _position: 42 })).toThrow();
  });

  it('builds writes conditional on the stored position: whole-document upserts and deletes', () => {
    expect(writeOperation(put('clues', doc('c1', 7, { a: 1 })))).toEqual({
      replaceOne: {
        filter: { _id: 'c1', _position: { $lte: '00000000000000000007' } },
        replacement: { _id: 'c1', _position: '00000000000000000007', a: 1 },
        upsert: true,
      },
    });
    expect(writeOperation({ collection: 'clues', id: 'c1', delete: true, position: '12' })).toEqual({
      deleteOne: { filter: { _id: 'c1', _position: { $lte: '00000000000000000012' } } },
    });
    expect(() => writeOperation({ collection: 'clues', id: 'c1', doc: doc('c2', 1) })).toThrow('does not match');
  });

  it('recognises bulk failures that are only duplicate keys, in either shape the driver reports', () => {
    expect(
      duplicateKeyFailures(
        new FakeBulkWriteError([
          { index: 0, code: 11000, errmsg: '' },
          { index: 3, code: 11000, errmsg: '' },
        ]),
      ),
    ).toEqual([0, 3]);
    expect(duplicateKeyFailures(new FakeBulkWriteError({ index: 2, code: 11000, errmsg: '' }))).toEqual([2]);
    expect(
      duplicateKeyFailures(
        new FakeBulkWriteError([
          { index: 0, code: 11000, errmsg: '' },
          { index: 1, code: 121, errmsg: 'validation' },
        ]),
      ),
    ).toBeUndefined();
    expect(duplicateKeyFailures(Object.assign(new Error('E11000'), { code: 11000 }))).toBeUndefined();
    expect(duplicateKeyFailures(new Error('network'))).toBeUndefined();
  });
});

describe('MongoReadModelStore over a typed fake of the driver', () => {
  let db: FakeMongoDatabase;
  let store: MongoReadModelStore;
  beforeEach(() => {
    db = new FakeMongoDatabase();
    store = new MongoReadModelStore(db);
  });

  it('commits one unordered bulk write per collection, then the checkpoint with $max', async () => {
    await store.commit(
      'ledger',
      2,
      [put('clues', doc('a', 5)), put('other', doc('x', 5)), put('clues', doc('b', 5))],
      5n,
    );
    expect(db.log).toEqual([
      `bulkWrite ${CLUES}`,
      `bulkWrite ${collectionName('ledger', 2, 'other')}`,
      `updateOne ${CHECKPOINTS}`,
    ]);
    expect(db.collection(CLUES).bulkCalls[0]).toHaveLength(2);
    expect(db.collection(CHECKPOINTS).docs.get('ledger__v2')).toEqual({
      _id: 'ledger__v2',
      position: '00000000000000000005',
      projection: 'ledger',
      version: 2,
    });
    await store.commit('ledger', 2, [], 4n);
    expect(await store.checkpoint('ledger', 2)).toBe(5n);
  });

  it('writes the documents and leaves the checkpoint alone when a commit names none', async () => {
    await store.commit('ledger', 2, [put('clues', doc('a', 5))], undefined);
    expect(db.log).toEqual([`bulkWrite ${CLUES}`]);
    expect(await store.checkpoint('ledger', 2)).toBeUndefined();
  });

  it('treats the duplicate key of a failed condition as "already newer" and keeps the newer document', async () => {
    await store.commit('ledger', 2, [put('clues', doc('a', 10, { v: 'new' }))], 10n);
    const clues = db.collection(CLUES);
    clues.singleErrorShape = true;
    await store.commit(
      'ledger',
      2,
      [put('clues', doc('a', 9, { v: 'old' })), put('clues', doc('b', 9, { v: 'fresh' }))],
      10n,
    );
    expect(clues.docs.get('a')).toEqual({ _id: 'a', _position: '00000000000000000010', v: 'new' });
    expect(clues.docs.get('b')).toMatchObject({ v: 'fresh' });
    expect(clues.bulkCalls.map((call) => call.length)).toEqual([1, 2, 1]);
  });

  it('retries an upsert that collided with another writer inserting the same new document first', async () => {
    const clues = db.collection(CLUES);
    clues.beforeBulk = () => {
      clues.beforeBulk = undefined;
      clues.docs.set('a', { _id: 'a', _position: '00000000000000000003', v: 'other writer' });
    };
    await store.commit('ledger', 2, [put('clues', doc('a', 8, { v: 'ours' }))], 8n);
    expect(clues.docs.get('a')).toMatchObject({ _position: '00000000000000000008', v: 'ours' });
  });

  it('lets any other write failure through, and saves no checkpoint then', async () => {
    db.collection(CLUES).failNext = new Error('not primary');
    await expect(store.commit('ledger', 2, [put('clues', doc('a', 1))], 1n)).rejects.toThrow('not primary');
    expect(await store.checkpoint('ledger', 2)).toBeUndefined();
  });

  it('passes filters through unchanged, sorts with an _id tie-break, and pages', async () => {
    await store.setActiveVersion('ledger', 2);
    await store.commit(
      'ledger',
      2,
      [1, 2, 3].map((n) => put('clues', doc(`c${n}`, n, { county: 'dawa', n }))),
      3n,
    );
    const filter = { county: 'dawa', 'agency.orgId': { $exists: false }, $or: [{ n: { $gte: 2 } }, { n: 1 }] };
    expect(await store.find('ledger', 'clues', { filter, sort: { n: -1 }, skip: 1, limit: 1 })).toEqual({
      items: [doc('c2', 2, { county: 'dawa', n: 2 })],
      total: 3,
    });
    expect(db.finds).toEqual([{ collection: CLUES, filter, options: { sort: { n: -1, _id: 1 }, skip: 1, limit: 1 } }]);
    expect(await store.find('ledger', 'clues', { limit: 0 })).toEqual({ items: [], total: 3 });
    expect(db.finds).toHaveLength(1);
    await expect(store.find('ledger', 'clues', { filter: { $where: 'sleep(1000)' } })).rejects.toBeInstanceOf(
      ReadModelQueryError,
    );
    expect(db.finds).toHaveLength(1);
  });

  it('keeps the active version and parked events in bookkeeping collections, positions padded', async () => {
    await store.setActiveVersion('ledger', 4);
    expect(db.collection(ACTIVE_VERSIONS).docs.get('ledger')).toEqual({ _id: 'ledger', version: 4 });
    const entry = {
      streamId: 'clue-1',
      type: 'T',
      error: 'Error: x',
      attempts: 3,
      parkedAt: '2026-03-02T00:00:00.000Z',
    };
    await store.park('ledger', 4, { ...entry, position: '100' });
    await store.park('ledger', 4, { ...entry, position: '99' });
    expect([...db.collection(PARKED).docs.keys()].sort()).toEqual([
      'ledger__v4__00000000000000000099',
      'ledger__v4__00000000000000000100',
    ]);
    expect((await store.parked('ledger', 4)).map((parked) => parked.position)).toEqual(['99', '100']);
    expect(db.collection(PARKED).indexes).toEqual([{ projection: 1, version: 1, position: 1 }]);
  });

  it('drops the named and every other collection of a version, tolerating ones that do not exist', async () => {
    await store.commit('ledger', 2, [put('clues', doc('a', 1)), put('legacy', doc('l', 1))], 1n);
    await store.commit('ledger', 3, [put('clues', doc('a', 1))], 1n);
    await store.park('ledger', 2, {
      position: '1',
      streamId: 'clue-1',
      type: 'T',
      error: 'e',
      attempts: 1,
      parkedAt: 'x',
    });
    await store.dropVersion('ledger', 2, ['clues', 'never-written']);
    expect(db.names().filter((name) => name.startsWith('rm_ledger'))).toEqual(['rm_ledger__v3__clues']);
    expect(await store.checkpoint('ledger', 2)).toBeUndefined();
    expect(await store.checkpoint('ledger', 3)).toBe(1n);
    expect(await store.parked('ledger', 2)).toEqual([]);
  });

  it('creates the indexes a projection declares on the versioned collection', async () => {
    await store.ensureIndexes('ledger', 2, 'clues', [{ county: 1, due: -1 }, { 'agency.orgId': 1 }]);
    expect(db.collection(CLUES).indexes).toEqual([{ county: 1, due: -1 }, { 'agency.orgId': 1 }]);
    await expect(store.ensureIndexes('ledger', 2, 'clues', [{ _position: 1 }])).rejects.toBeInstanceOf(
      ReadModelQueryError,
    );
  });
});
