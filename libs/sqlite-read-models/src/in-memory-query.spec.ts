import { Query } from 'mingo';
import { compareValues, prefilter, sortDocuments } from './in-memory-query';

const docs = [
  { _id: 'a', county: 'dawa', step: 'C1', tags: ['x', 'y'], n: 1, region: 'panjin/dawa' },
  { _id: 'b', county: 'panshan', step: 'C2', tags: 'x', n: 2, region: 'panjin/dawa/x.y' },
  { _id: 'c', county: ['dawa', 'panshan'], step: 'C3', n: 3, region: ['panjin/panshan', 'panjin/dawa/z'] },
  { _id: 'd', step: 'C1', n: null, region: 'panjin/dawax' },
  { _id: 'e', step: 'C2', n: 5, region: 'PANJIN/DAWA/Q\nline', note: 'a\npanjin/dawa/' },
];
/** The region filter of the read models (read-access.ts): the region itself, or a literal prefix below it. */
const region = (id: string) => ({
  $or: [{ region: id }, { region: { $regex: `^${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/` } }],
});

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
    ['a region and what lies below it', region('panjin/dawa')],
    ['a region with pattern characters', region('panjin/dawa/x.y')],
    ['a region and a step', { $and: [region('panjin'), { step: 'C2' }] }],
    ['a $regex with options (not prefiltered)', { region: { $regex: '^panjin/dawa/', $options: 'i' } }],
    ['a multi-line $regex (not prefiltered)', { note: { $regex: '^panjin/dawa/', $options: 'm' } }],
    ['a $regex that is no literal (not prefiltered)', { region: { $regex: '^panjin/d.wa' } }],
    ['a $regex with a class escape (not prefiltered)', { region: { $regex: '^panjin\\/\\w' } }],
    ['an $or with a branch that cannot be prefiltered', { $or: [{ step: 'C1' }, { n: { $gt: 2 } }] }],
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
    const either = prefilter({ $or: [{ county: 'dawa' }, { step: 'C2' }] });
    expect(docs.filter((doc) => either?.(doc)).map((doc) => doc._id)).toEqual(['a', 'b', 'c', 'e']);
  });

  it('the prefilter applies the conditions inside a top-level $and (how the ledgers combine access and filters)', () => {
    const anded = prefilter({ $and: [{ $or: [{ n: 1 }, { n: 3 }] }, { step: 'C1' }, { $and: [{ county: 'dawa' }] }] });
    expect(docs.filter((doc) => anded?.(doc)).map((doc) => doc._id)).toEqual(['a']);
  });

  it("the prefilter keeps a region and what lies below it, and drops the rest (the ledgers' county filter)", () => {
    const below = prefilter(region('panjin/dawa'));
    expect(docs.filter((doc) => below?.(doc)).map((doc) => doc._id)).toEqual(['a', 'b', 'c']);
    const dotted = prefilter({ region: { $regex: '^panjin/dawa/x\\.y' } });
    expect(docs.filter((doc) => dotted?.(doc)).map((doc) => doc._id)).toEqual(['b', 'c']);
    expect(prefilter({ region: { $regex: '^panjin/d.wa' } })).toBeUndefined();
    expect(prefilter({ region: { $regex: '^panjin', $options: 'i' } })).toBeUndefined();
    expect(prefilter({ $or: [{ step: 'C1' }, { n: { $gt: 2 } }] })).toBeUndefined();
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
