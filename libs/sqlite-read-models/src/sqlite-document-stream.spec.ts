import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_STREAM_BATCH, ReadModelDocument } from '@xj/application';
import { SqliteReadModelStore } from './sqlite-read-model-store';

const doc = (id: string, position: number, body: Record<string, string | number> = {}): ReadModelDocument => ({
  ...body,
  _id: id,
  _position: String(position),
});

const streamed = async (batches: AsyncIterable<ReadModelDocument[]>): Promise<string[]> => {
  const ids: string[] = [];
  for await (const batch of batches) ids.push(...batch.map((d) => d._id));
  return ids;
};

describe('SqliteReadModelStore.stream: the export cursor and the collection cache', () => {
  let dir: string;
  let store: SqliteReadModelStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xj-rm-stream-'));
    store = new SqliteReadModelStore({ filename: join(dir, 'read-models.sqlite') });
    await store.setActiveVersion('ledger', 1);
    const writes = Array.from({ length: 60 }, (_, n) => {
      const id = `c${String(n).padStart(2, '0')}`;
      return { collection: 'clues', id, doc: doc(id, n + 1, { county: n % 2 === 0 ? 'dawa' : 'panshan', n: n % 7 }) };
    });
    await store.commit('ledger', 1, writes, 60n);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['SQL states the filter and the order', { county: 'dawa' }],
    ['the filter needs mingo (a key-ordered scan)', { n: { $gte: 3 } }],
  ])('never loads the collection into memory when %s', async (_label, filter) => {
    const ids = await streamed(store.stream('ledger', 'clues', { filter, sort: { n: -1 }, batchSize: 7 }));
    expect(store.cachedDocumentCount()).toBe(0);
    const found = await store.find('ledger', 'clues', { filter, sort: { n: -1 } });
    expect(ids).toEqual(found.items.map((d) => d._id));
    expect(ids.length).toBeGreaterThan(7);
  });

  it('reads a collection already in memory from there, with the commits it learnt since', async () => {
    await store.find('ledger', 'clues', { filter: { n: 1 } });
    expect(store.cachedDocumentCount()).toBe(60);
    await store.commit(
      'ledger',
      1,
      [{ collection: 'clues', id: 'c00', doc: doc('c00', 61, { county: 'x', n: 0 }) }],
      61n,
    );
    const ids = await streamed(store.stream('ledger', 'clues', { filter: { county: 'dawa' }, batchSize: 4 }));
    expect(ids).toHaveLength(29);
    expect(ids).not.toContain('c00');
  });

  it('hands out small batches by default, so that an export holds few documents at a time', async () => {
    const more = Array.from({ length: 240 }, (_, n) => {
      const id = `d${String(n).padStart(3, '0')}`;
      return { collection: 'clues', id, doc: doc(id, 61 + n, { county: 'dawa', n: n % 7 }) };
    });
    await store.commit('ledger', 1, more, 300n);
    const sizes: number[] = [];
    for await (const batch of store.stream('ledger', 'clues', { filter: { county: 'dawa' } })) sizes.push(batch.length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(270);
    // Documents held per batch are promoted to V8's old space when a batch outlives scavenges (bench:documents).
    expect(Math.max(...sizes)).toBeLessThanOrEqual(100);
    expect(sizes[0]).toBe(DEFAULT_STREAM_BATCH);
  });
});
