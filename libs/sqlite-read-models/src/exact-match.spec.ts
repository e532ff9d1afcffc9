import fc from 'fast-check';
import { Filter, stableSort } from '@xj/application';
import { Query } from 'mingo';
import { CollectionCache } from './collection-cache';
import { exactMatch } from './exact-match';
import { sortDocuments, sortedPage } from './in-memory-query';
import { sqlFilter } from './sql-page';

/**
 * The in-memory store answers the ledgers' filters with a plain JavaScript test instead of mingo,
 * and cuts a page near the start from a partial selection instead of a full sort (issue 16: a
 * ledger page at 50,000 lines). Both must answer exactly what mingo and the full sort answer.
 */

const TEXTS = ['panjin', 'panjin/dawa', 'panjin/dawa/x', 'panjin/panshan', 'panjinx', '𠮷野', '（甲）', 'B', 'a', ''];
const valueArb = fc.oneof(
  fc.constantFrom(...TEXTS),
  fc.constantFrom(...TEXTS).map((t) => [t, 'other']),
  fc.constantFrom(...TEXTS).map((t) => [[t]]),
  fc.constantFrom(...TEXTS).map((t) => [{ regionId: t }]),
  fc.integer({ min: -3, max: 3 }),
  fc.double({ min: -2, max: 2, noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({ regionId: 'panjin' }),
);
const docArb = fc.record(
  { regionId: valueArb, status: valueArb, receivedAt: valueArb, n: valueArb },
  { requiredKeys: [] },
);

const fieldArb = fc.constantFrom('regionId', 'status', 'receivedAt', 'n', 'absent', 'constructor');
const leafArb: fc.Arbitrary<Filter> = fc.oneof(
  fc.tuple(fieldArb, fc.constantFrom(...TEXTS)).map(([f, v]) => ({ [f]: v })),
  fc.tuple(fieldArb, fc.constantFrom(...TEXTS)).map(([f, v]) => ({ [f]: { $eq: v } })),
  fc
    .tuple(fieldArb, fc.uniqueArray(fc.constantFrom(...TEXTS), { maxLength: 3 }))
    .map(([f, v]) => ({ [f]: { $in: v } })),
  fc
    .tuple(fieldArb, fc.constantFrom('panjin', 'panjin/', 'panjin/dawa/', '𠮷', ''))
    .map(([f, p]) => ({ [f]: { $regex: `^${p.replace(/\//g, '\\/')}` } })),
  // Not stated exactly (mingo judges them): the matcher must decline.
  fieldArb.map((f) => ({ [f]: { $gte: 0 } })),
  fieldArb.map((f) => ({ [f]: { $regex: '^panjin', $options: 'i' } })),
  fieldArb.map((f) => ({ [f]: null })),
);
const filterArb: fc.Arbitrary<Filter> = fc.letrec<{ filter: Filter }>((tie) => ({
  filter: fc.oneof(
    { depthSize: 'small' },
    fc.constant({}),
    leafArb,
    fc.array(tie('filter'), { minLength: 1, maxLength: 3 }).map((all) => ({ $and: all })),
    fc.array(tie('filter'), { minLength: 1, maxLength: 3 }).map((any) => ({ $or: any })),
    fc.tuple(leafArb, leafArb).map(([a, b]) => ({ ...a, $or: [b] })),
  ),
})).filter;

const sortArb = fc.uniqueArray(
  fc.tuple(fc.constantFrom('regionId', 'status', 'receivedAt', 'n', '_id'), fc.constantFrom<1 | -1>(1, -1)),
  { maxLength: 2, selector: ([f]) => f },
);

describe('exact matching of the ledger filters without mingo (exact-match.ts)', () => {
  it('matches exactly the documents mingo matches, wherever it accepts the filter', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(docArb, { maxLength: 20 }), filterArb, (docs, filter) => {
        const match = exactMatch(filter);
        // It accepts exactly what SQL states exactly (the same subset, one meaning).
        expect(match !== undefined).toBe(sqlFilter(filter) !== undefined);
        if (match === undefined) return;
        accepted++;
        const query = new Query(filter);
        for (const doc of docs) {
          const matched = match(doc);
          // Undecided only for an array inside an array (the store then asks mingo).
          if (matched === undefined) expect(JSON.stringify(doc)).toMatch(/\[\[/);
          else expect(matched).toBe(query.test(doc));
        }
      }),
      { numRuns: 1000 },
    );
    // The generator is not trivially rejected.
    expect(accepted).toBeGreaterThan(300);
  });

  it('declines what it cannot state exactly', () => {
    expect(exactMatch({ n: { $gte: 1 } })).toBeUndefined();
    expect(exactMatch({ 'a.b': 'x' })).toBeUndefined();
    expect(exactMatch({ $and: [] })).toBeUndefined();
    expect(exactMatch({ $or: [{ a: 'x' }, { n: { $exists: true } }] })).toBeUndefined();
    expect(exactMatch({ a: { $regex: '^x', $options: 'i' } })).toBeUndefined();
    expect(exactMatch({ a: { $in: ['x', 1] } })).toBeUndefined();
  });
});

describe('a page near the start without sorting every match (sortedPage)', () => {
  it('is the same page as the full sort gives, for every skip and limit', () => {
    fc.assert(
      fc.property(
        fc.array(docArb, { maxLength: 120 }),
        sortArb,
        fc.nat({ max: 12 }),
        fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
        (bodies, sortPairs, skip, limit) => {
          const docs = bodies.map((body, i) => ({ ...body, _id: `d${String(i).padStart(3, '0')}` }));
          const sort = stableSort(Object.fromEntries(sortPairs));
          const full = sortDocuments(docs, sort).slice(skip, limit === undefined ? undefined : skip + limit);
          expect(sortedPage(docs, sort, skip, limit).map((d) => d._id)).toEqual(full.map((d) => d._id));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('a collection in memory (CollectionCache.find)', () => {
  it('answers the page and total mingo and the full sort answer', () => {
    fc.assert(
      fc.property(
        fc.array(docArb, { maxLength: 60 }),
        filterArb,
        sortArb,
        fc.nat({ max: 6 }),
        fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
        (bodies, filter, sortPairs, skip, limit) => {
          const docs = bodies.map((body, i) => ({ ...body, _id: `d${String(i).padStart(3, '0')}`, _position: '1' }));
          const sort = stableSort(Object.fromEntries(sortPairs));
          const cache = new CollectionCache();
          for (const doc of docs) cache.put(doc._id, JSON.stringify(doc));
          const query = new Query(filter);
          const matches = docs.filter((doc) => query.test(doc));
          const expected =
            limit === 0 ? [] : sortDocuments(matches, sort).slice(skip, limit === undefined ? undefined : skip + limit);
          const found = cache.find({ filter, sort, skip, limit });
          expect(found.total).toBe(matches.length);
          expect(found.items.map((d) => d._id)).toEqual(expected.map((d) => d._id));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('stays exact while documents are written, rewritten and deleted after its columns were built', () => {
    const idArb = fc.integer({ min: 0, max: 4 }).map((i) => `d${i}`);
    const opArb = fc.oneof(
      { arbitrary: fc.record({ put: idArb, body: docArb }), weight: 3 },
      { arbitrary: fc.record({ remove: idArb }), weight: 1 },
      {
        arbitrary: fc.record({
          filter: filterArb,
          sort: sortArb,
          skip: fc.nat({ max: 3 }),
          limit: fc.integer({ min: 1, max: 4 }),
        }),
        weight: 2,
      },
    );
    let moved = 0;
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 10, maxLength: 40 }), (ops) => {
        const cache = new CollectionCache();
        const current = new Map<string, Record<string, unknown>>();
        for (const op of ops) {
          if ('put' in op) {
            // As stored: JSON has no -0.
            const json = JSON.stringify({ ...op.body, _id: op.put, _position: '1' });
            current.set(op.put, JSON.parse(json) as Record<string, unknown>);
            cache.put(op.put, json);
          } else if ('remove' in op) {
            if (current.has(op.remove)) moved++;
            current.delete(op.remove);
            cache.put(op.remove, undefined);
          } else {
            const sort = stableSort(Object.fromEntries(op.sort));
            const query = new Query(op.filter);
            const matches = [...current.values()].filter((doc) => query.test(doc));
            const expected = sortDocuments(matches, sort).slice(op.skip, op.skip + op.limit);
            const found = cache.find({ filter: op.filter, sort, skip: op.skip, limit: op.limit });
            expect(found.total).toBe(matches.length);
            expect(found.items.map((d) => d._id)).toEqual(expected.map((d) => d._id));
          }
          expect(cache.size).toBe(current.size);
          for (const [id, doc] of current) expect(cache.get(id)).toEqual(doc);
        }
      }),
      { numRuns: 300 },
    );
    // Deletions happen (each moves the last row into the deleted one's place).
    expect(moved).toBeGreaterThan(300);
  });
});
