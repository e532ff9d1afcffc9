import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Filter, ReadModelDocument, stableSort } from '@xj/application';
import { CollectionCache } from './collection-cache';
import { sqlFilter, sqlOrder } from './sql-page';
import { SqliteReadModelStore } from './sqlite-read-model-store';

/**
 * The first page of a collection not yet in memory is answered by SQL (sql-page.ts). It must be
 * exactly the page mingo and the in-memory sort give once the collection is loaded: same
 * documents, same order, same total — for every filter and order the translation accepts, and for
 * the documents whose values make it fall back.
 */

const REGIONS = ['panjin', 'panjin/dawa', 'panjin/dawa/x', 'panjin/panshan', 'panjinx', '𠮷野', '（甲）', 'B', 'a'];
const valueArb = fc.oneof(
  fc.constantFrom(...REGIONS),
  fc.constantFrom(...REGIONS).map((r) => [r, 'other']),
  fc.integer({ min: -3, max: 3 }),
  fc.double({ min: -2, max: 2, noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constant({ regionId: 'panjin' }),
);
const docArb = fc.record(
  { regionId: valueArb, status: valueArb, receivedAt: valueArb, n: valueArb },
  { requiredKeys: [] },
);

const fieldArb = fc.constantFrom('regionId', 'status', 'receivedAt', 'n', 'absent');
const leafArb: fc.Arbitrary<Filter> = fc.oneof(
  fc.tuple(fieldArb, fc.constantFrom(...REGIONS)).map(([f, v]) => ({ [f]: v })),
  fc.tuple(fieldArb, fc.constantFrom(...REGIONS)).map(([f, v]) => ({ [f]: { $eq: v } })),
  fc
    .tuple(fieldArb, fc.uniqueArray(fc.constantFrom(...REGIONS), { maxLength: 3 }))
    .map(([f, v]) => ({ [f]: { $in: v } })),
  fc
    .tuple(fieldArb, fc.constantFrom('panjin', 'panjin/', 'panjin/dawa/', '𠮷', ''))
    .map(([f, p]) => ({ [f]: { $regex: `^${p.replace(/\//g, '\\/')}` } })),
  // Not translated: the store falls back to loading the collection (the answer must still agree).
  fieldArb.map((f) => ({ [f]: { $gte: 0 } })),
);
const filterArb: fc.Arbitrary<Filter> = fc.oneof(
  fc.constant({}),
  leafArb,
  fc.array(leafArb, { minLength: 1, maxLength: 3 }).map((all) => ({ $and: all })),
  fc.array(leafArb, { minLength: 1, maxLength: 3 }).map((any) => ({ $or: any })),
  fc.tuple(leafArb, leafArb).map(([a, b]) => ({ ...a, $or: [b] })),
);
const sortArb = fc.uniqueArray(
  fc.tuple(fc.constantFrom('regionId', 'status', 'receivedAt', 'n', '_id'), fc.constantFrom<1 | -1>(1, -1)),
  {
    maxLength: 2,
    selector: ([f]) => f,
  },
);

describe('SQL pages of a collection not in memory (sql-page.ts)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'xj-sqlpage-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  let run = 0;
  let translated = 0;
  it('answers what mingo and the in-memory sort answer, page and total', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(docArb, { maxLength: 25 }),
        filterArb,
        sortArb,
        fc.nat({ max: 5 }),
        fc.integer({ min: 0, max: 6 }),
        async (bodies, filter, sortPairs, skip, limit) => {
          const file = join(dir, `rm-${run++}.sqlite`);
          const docs: ReadModelDocument[] = bodies.map((body, i) => ({
            ...(body as Record<string, never>),
            _id: `d${String(i).padStart(2, '0')}`,
            _position: '1',
          }));
          const writer = new SqliteReadModelStore({ filename: file });
          await writer.setActiveVersion('p', 1);
          await writer.commit(
            'p',
            1,
            docs.map((doc) => ({ collection: 'c', id: doc._id, doc })),
            1n,
          );
          await writer.close();
          const sort = Object.fromEntries(sortPairs);
          if (sqlFilter(filter) !== undefined && sqlOrder(stableSort(sort)) !== undefined) translated++;

          const reader = new SqliteReadModelStore({ filename: file });
          try {
            const fromSql = await reader.find('p', 'c', { filter, sort, skip, limit });
            const memory = new CollectionCache();
            for (const doc of docs) memory.put(doc._id, JSON.stringify(doc));
            const fromMemory = memory.find({ filter, sort: stableSort(sort), skip, limit });
            expect(fromSql.total).toBe(fromMemory.total);
            expect(fromSql.items.map((d) => d._id)).toEqual(fromMemory.items.map((d) => d._id));
          } finally {
            await reader.close();
          }
        },
      ),
      { numRuns: 300 },
    );
    // The generator is not trivially rejected: most runs take the SQL path.
    expect(translated).toBeGreaterThan(150);
  });

  it('keeps loading the collection in the background after a SQL page, so later queries are in memory', async () => {
    const file = join(dir, 'bg.sqlite');
    const store = new SqliteReadModelStore({ filename: file });
    try {
      await store.setActiveVersion('p', 1);
      const docs = Array.from({ length: 30 }, (_, i) => ({ _id: `d${i}`, _position: '1', regionId: 'panjin' }));
      await store.commit(
        'p',
        1,
        docs.map((doc) => ({ collection: 'c', id: doc._id, doc })),
        1n,
      );
      const page = await store.find('p', 'c', { filter: { regionId: 'panjin' }, limit: 5 });
      expect(page.total).toBe(30);
      expect(page.items).toHaveLength(5);
      expect(Object.isFrozen(page.items[0])).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(store.cachedDocumentCount()).toBe(30);
    } finally {
      await store.close();
    }
  });
});
