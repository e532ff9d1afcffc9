import { ReadModelDocument } from '@xj/application';
import { FakeMongoDatabase } from '@xj/testing/fake-mongo-database';
import { collectionName } from './mongo-mapping';
import { MongoReadModelStore } from './mongo-read-model-store';

const doc = (id: string, position: number, body: Record<string, unknown> = {}): ReadModelDocument =>
  ({ ...body, _id: id, _position: String(position) }) as ReadModelDocument;

describe('MongoReadModelStore.stream over the fake driver', () => {
  it('iterates one driver cursor with the filter, the stable sort and batchSize, a batch per round trip', async () => {
    const db = new FakeMongoDatabase();
    const store = new MongoReadModelStore(db);
    await store.setActiveVersion('ledger', 2);
    const writes = Array.from({ length: 25 }, (_, n) => ({
      collection: 'clues',
      id: `c${String(n).padStart(2, '0')}`,
      doc: doc(`c${String(n).padStart(2, '0')}`, n + 1, { county: n < 20 ? 'dawa' : 'panshan', n }),
    }));
    await store.commit('ledger', 2, writes, 25n);
    db.finds.length = 0;
    const batches: ReadModelDocument[][] = [];
    for await (const batch of store.stream('ledger', 'clues', {
      filter: { county: 'dawa' },
      sort: { n: -1 },
      batchSize: 8,
    }))
      batches.push(batch);
    expect(db.finds).toEqual([
      {
        collection: collectionName('ledger', 2, 'clues'),
        filter: { county: 'dawa' },
        options: { sort: { n: -1, _id: 1 }, batchSize: 8 },
      },
    ]);
    expect(db.getMores.map((g) => g.count)).toEqual([8, 8, 4]);
    expect(batches.map((b) => b.length)).toEqual([8, 8, 4]);
    expect(batches[0]?.[0]).toEqual(doc('c19', 20, { county: 'dawa', n: 19 }));
    // Positions read back as decimals, the stored zero-padding gone.
    expect(batches.flat().every((d) => !d._position.startsWith('0'))).toBe(true);
  });
});
