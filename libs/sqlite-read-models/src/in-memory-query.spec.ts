import { Query } from 'mingo';
import { compareValues, prefilter, sortDocuments } from './in-memory-query';

const docs = [
  { _id: 'a', county: 'dawa', step: 'C1', tags: ['x', 'y'], n: 1 },
  { _id: 'b', county: 'panshan', step: 'C2', tags: 'x', n: 2 },
  { _id: 'c', county: ['dawa', 'panshan'], step: 'C3', n: 3 },
  { _id: 'd', step: 'C1', n: null },
];

describe('in-memory query helpers', () => {
  it.each<[string, Record<string, unknown>]>([
    ['equality', { county: 'dawa' }],
    ['$eq and $in', { county: { $eq: 'panshan' }, step: { $in: ['C2', 'C3'] } }],
    ['equality matching inside arrays', { tags: 'x' }],
    ['equality on null (not prefiltered)', { n: null }],
    ['a dotted path (not prefiltered)', { 'county.0': 'dawa' }],
    [
      'a top-level $and',
      { $and: [{ county: 'dawa' }, { $or: [{ step: 'C1' }, { n: 3 }] }, { step: { $in: ['C1', 'C3'] } }] },
    ],
    ['a nested $and', { n: { $gte: 1 }, $and: [{ $and: [{ tags: 'x' }] }] }],
  ])('the prefilter never drops a document that %s matches', (_label, filter) => {
    const query = new Query(filter);
    const candidate = prefilter(filter) ?? (() => true);
    for (const doc of docs) if (query.test(doc)) expect(candidate(doc)).toBe(true);
  });

  it('the prefilter does drop what cannot match', () => {
    const county = prefilter({ county: 'dawa' });
    expect(docs.filter((doc) => county?.(doc)).map((doc) => doc._id)).toEqual(['a', 'c']);
    const both = prefilter({ county: 'dawa', step: { $in: ['C1'] } });
    expect(docs.filter((doc) => both?.(doc)).map((doc) => doc._id)).toEqual(['a']);
    expect(prefilter({ $or: [{ county: 'dawa' }] })).toBeUndefined();
  });

  it('the prefilter applies the conditions inside a top-level $and (how the ledgers combine access and filters)', () => {
    const anded = prefilter({ $and: [{ $or: [{ n: 1 }, { n: 3 }] }, { step: 'C1' }, { $and: [{ county: 'dawa' }] }] });
    expect(docs.filter((doc) => anded?.(doc)).map((doc) => doc._id)).toEqual(['a']);
  });

  it('orders types as MongoDB does', () => {
    const ordered = [undefined, null, -1, 2, 'A', 'a', '大', { a: 1 }, [1], false, true];
    for (let i = 0; i + 1 < ordered.length; i++)
      expect(compareValues(ordered[i], ordered[i + 1])).toBeLessThanOrEqual(0);
    expect(compareValues(undefined, null)).toBe(0);
    expect(compareValues('b', 'a')).toBe(1);
  });

  it('sorts by several keys and dotted paths, each in its direction', () => {
    const rows = [
      { _id: '1', a: { b: 2 }, c: 'x' },
      { _id: '2', a: { b: 1 }, c: 'y' },
      { _id: '3', a: { b: 2 }, c: 'z' },
      { _id: '4', c: 'w' },
    ];
    expect(sortDocuments(rows, { 'a.b': -1, c: 1 }).map((row) => row._id)).toEqual(['1', '3', '2', '4']);
    expect(sortDocuments(rows, { 'a.b': 1, _id: -1 }).map((row) => row._id)).toEqual(['4', '2', '3', '1']);
  });
});
