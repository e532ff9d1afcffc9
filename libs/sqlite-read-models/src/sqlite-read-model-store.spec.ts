import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReadModelDocument } from '@xj/application';
import { SqliteReadModelStore } from './sqlite-read-model-store';
import { READ_MODELS_DB_FILENAME, sqliteReadModelsFilename } from './sqlite-read-models.config';

const doc = (id: string, position: number, body: Record<string, string | number> = {}): ReadModelDocument => ({
  ...body,
  _id: id,
  _position: String(position),
});

describe('SqliteReadModelStore: what the contract does not cover', () => {
  let dir: string;
  let store: SqliteReadModelStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xj-rm-'));
    store = new SqliteReadModelStore({ filename: join(dir, 'read-models.sqlite') });
    await store.setActiveVersion('ledger', 1);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('does not load documents into memory while committing (a replay), only on the first query', async () => {
    for (let n = 0; n < 50; n++)
      await store.commit(
        'ledger',
        1,
        [{ collection: 'clues', id: `c${n}`, doc: doc(`c${n}`, n + 1, { n }) }],
        BigInt(n + 1),
      );
    expect(await store.get('ledger', 'clues', 'c7')).toEqual(doc('c7', 8, { n: 7 }));
    expect(store.cachedDocumentCount()).toBe(0);
    expect((await store.find('ledger', 'clues', { filter: { n: { $gte: 45 } } })).total).toBe(5);
    expect(store.cachedDocumentCount()).toBe(50);
  });

  it('keeps a loaded collection current through its own commits (write-through), deletes included', async () => {
    await store.commit('ledger', 1, [{ collection: 'clues', id: 'a', doc: doc('a', 1, { step: 'C1' }) }], 1n);
    expect((await store.find('ledger', 'clues')).total).toBe(1);
    await store.commit(
      'ledger',
      1,
      [
        { collection: 'clues', id: 'a', doc: doc('a', 2, { step: 'C2' }) },
        { collection: 'clues', id: 'b', doc: doc('b', 2, { step: 'C1' }) },
      ],
      2n,
    );
    await store.commit(
      'ledger',
      1,
      [
        { collection: 'clues', id: 'b', delete: true, position: '3' },
        { collection: 'clues', id: 'a', doc: doc('a', 1, { step: 'old' }) },
      ],
      3n,
    );
    expect(await store.find('ledger', 'clues')).toEqual({ items: [doc('a', 2, { step: 'C2' })], total: 1 });
  });

  it('writes a commit in key order, but two writes of one key in the order given (the last at a position wins)', async () => {
    await store.commit(
      'ledger',
      1,
      [
        { collection: 'clues', id: 'b', doc: doc('b', 1, { step: 'C1' }) },
        { collection: 'clues', id: 'a', doc: doc('a', 1, { step: 'first' }) },
        { collection: 'index', id: 'a', doc: doc('a', 1, { clue: 'b' }) },
        { collection: 'clues', id: 'a', doc: doc('a', 1, { step: 'second' }) },
      ],
      1n,
    );
    expect((await store.find('ledger', 'clues')).items).toEqual([
      doc('a', 1, { step: 'second' }),
      doc('b', 1, { step: 'C1' }),
    ]);
    expect(await store.get('ledger', 'index', 'a')).toEqual(doc('a', 1, { clue: 'b' }));
  });

  it('notices another connection writing the same file and reloads', async () => {
    await store.commit('ledger', 1, [{ collection: 'clues', id: 'a', doc: doc('a', 1, { step: 'C1' }) }], 1n);
    expect((await store.find('ledger', 'clues')).items).toEqual([doc('a', 1, { step: 'C1' })]);
    const other = new SqliteReadModelStore({ filename: join(dir, 'read-models.sqlite') });
    await other.commit('ledger', 1, [{ collection: 'clues', id: 'a', doc: doc('a', 2, { step: 'C2' }) }], 2n);
    await other.close();
    expect((await store.find('ledger', 'clues')).items).toEqual([doc('a', 2, { step: 'C2' })]);
    expect(await store.get('ledger', 'clues', 'a')).toEqual(doc('a', 2, { step: 'C2' }));
  });

  describe('loading a large collection (its first query)', () => {
    const COUNT = 5_000; // more than two pages
    const id = (n: number): string => `c${String(n).padStart(5, '0')}`;
    const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
    // A filter SQL does not take (sql-page.ts): these queries load the collection, as every query did before.
    const everyLoaded = { filter: { step: { $exists: true } }, limit: 0 } as const;
    beforeEach(async () => {
      const writes = Array.from({ length: COUNT }, (_, n) => ({
        collection: 'clues',
        id: id(n),
        doc: doc(id(n), 1, { n, step: 'C1' }),
      }));
      await store.commit('ledger', 1, writes, 1n);
    });

    it('lets the event loop run between pages, and loads once for every query that waits', async () => {
      const order: string[] = [];
      const first = store
        .find('ledger', 'clues', { filter: { n: { $lt: 10 } } })
        .then((r) => (order.push('first query'), r));
      const second = store.find('ledger', 'clues', everyLoaded).then((r) => (order.push('second query'), r));
      setImmediate(() => order.push('event loop'));
      const [a, b] = await Promise.all([first, second]);
      expect(order[0]).toBe('event loop');
      expect(a.total).toBe(10);
      expect(b.total).toBe(COUNT);
      expect(store.cachedDocumentCount()).toBe(COUNT);
    });

    it('serves what was committed while it loaded: updates behind and ahead of it, new documents, deletions', async () => {
      const query = store.find('ledger', 'clues', everyLoaded);
      await tick(); // the first page is in memory
      await store.commit(
        'ledger',
        1,
        [
          { collection: 'clues', id: id(0), doc: doc(id(0), 2, { n: 0, step: 'C2' }) },
          { collection: 'clues', id: id(COUNT - 1), doc: doc(id(COUNT - 1), 2, { n: COUNT - 1, step: 'C2' }) },
          { collection: 'clues', id: 'a-new', doc: doc('a-new', 2, { n: -1, step: 'C1' }) },
          { collection: 'clues', id: id(1), delete: true, position: '2' },
        ],
        2n,
      );
      expect((await query).total).toBe(COUNT);
      expect(await store.get('ledger', 'clues', id(0))).toEqual(doc(id(0), 2, { n: 0, step: 'C2' }));
      expect(await store.get('ledger', 'clues', id(COUNT - 1))).toEqual(
        doc(id(COUNT - 1), 2, { n: COUNT - 1, step: 'C2' }),
      );
      expect(await store.get('ledger', 'clues', 'a-new')).toEqual(doc('a-new', 2, { n: -1, step: 'C1' }));
      expect(await store.get('ledger', 'clues', id(1))).toBeUndefined();
      expect((await store.find('ledger', 'clues', { filter: { step: 'C2' } })).total).toBe(2);
      expect(store.cachedDocumentCount()).toBe(COUNT);
    });

    it('lets the event loop run before filtering it, once loaded too', async () => {
      await store.find('ledger', 'clues', everyLoaded);
      const order: string[] = [];
      const query = store
        .find('ledger', 'clues', { filter: { step: 'C1' }, limit: 0 })
        .then((r) => (order.push('query'), r));
      setImmediate(() => order.push('event loop'));
      expect((await query).total).toBe(COUNT);
      expect(order).toEqual(['event loop', 'query']);
    });

    it('starts over when another connection writes the file meanwhile', async () => {
      const query = store.find('ledger', 'clues', { filter: { step: 'C2' } });
      await tick();
      const other = new SqliteReadModelStore({ filename: join(dir, 'read-models.sqlite') });
      await other.commit(
        'ledger',
        1,
        [{ collection: 'clues', id: id(0), doc: doc(id(0), 2, { n: 0, step: 'C2' }) }],
        2n,
      );
      await other.close();
      expect((await query).items).toEqual([doc(id(0), 2, { n: 0, step: 'C2' })]);
    });
  });

  it('hands out frozen documents, so no caller can change what later queries see', async () => {
    await store.commit('ledger', 1, [{ collection: 'clues', id: 'a', doc: doc('a', 1, { step: 'C1' }) }], 1n);
    const [found] = (await store.find('ledger', 'clues')).items;
    expect(Object.isFrozen(found)).toBe(true);
    expect(() => Object.assign(found as object, { step: 'hacked' })).toThrow(TypeError);
    expect(await store.get('ledger', 'clues', 'a')).toEqual(doc('a', 1, { step: 'C1' }));
  });

  it('lives in $DATA_DIR/read-models.sqlite, beside the event store', () => {
    expect(sqliteReadModelsFilename(join(dir, 'data'))).toBe(join(dir, 'data', READ_MODELS_DB_FILENAME));
  });
});
