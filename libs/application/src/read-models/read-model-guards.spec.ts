import {
  assertFilter,
  assertFindOptions,
  assertReadModelNames,
  ReadModelQueryError,
  stableSort,
} from './read-model-guards';

const refusal = (run: () => void): string => {
  try {
    run();
  } catch (error) {
    if (error instanceof ReadModelQueryError) return error.code;
    throw error;
  }
  return 'accepted';
};

describe('read-model query guard', () => {
  it.each<[string, Record<string, unknown>]>([
    ['equality and dotted paths', { county: 'dawa', 'referral.status': 'Accepted' }],
    [
      'comparison operators',
      {
        due: { $gte: '2026-03-01', $lt: '2026-04-01' },
        step: { $in: ['C1', 'C2'], $nin: ['C14'] },
        n: { $ne: 1, $eq: 2, $gt: 0, $lte: 9 },
      },
    ],
    ['text search', { summary: { $regex: '应急', $options: 'i' } }],
    [
      'logical operators',
      { $or: [{ county: 'dawa' }, { $and: [{ county: 'panshan' }, { overdue: true }] }], $nor: [{ closed: true }] },
    ],
    [
      '$not, $exists, $size, $elemMatch',
      {
        a: { $not: { $gt: 1 } },
        b: { $exists: false },
        c: { $size: 2 },
        d: { $elemMatch: { code: 'FC.INSTRUMENT' } },
        e: { $elemMatch: { $gt: 3 } },
      },
    ],
    ['a literal object value', { agency: { orgId: 'dawa.emergency', name: '大洼区应急管理局' } }],
  ])('accepts %s', (_label, filter) => {
    expect(refusal(() => assertFilter(filter))).toBe('accepted');
  });

  it.each<[string, Record<string, unknown>]>([
    ['$where', { $where: 'this.a > 1' }],
    ['$expr', { $expr: { $gt: ['$a', 1] } }],
    ['an operator in a field condition', { a: { $type: 'string' } }],
    ['a regex object', { a: { $regex: /x/ } }],
    ['$options other than i', { a: { $regex: 'x', $options: 'm' } }],
    ['$in without an array', { a: { $in: 'x' } }],
    ['an empty $or', { $or: [] }],
    ['a nested forbidden operator', { $or: [{ a: { $elemMatch: { b: { $where: 'x' } } } }] }],
    ['_position', { _position: { $gt: '5' } }],
    ['an empty path segment', { 'a..b': 1 }],
  ])('refuses %s', (_label, filter) => {
    expect(refusal(() => assertFilter(filter))).toBe('READ_MODEL.INVALID_QUERY');
  });

  it('checks sort, skip and limit', () => {
    expect(refusal(() => assertFindOptions({ sort: { due: -1 }, skip: 0, limit: 20 }))).toBe('accepted');
    expect(refusal(() => assertFindOptions({ sort: { due: 2 as 1 } }))).toBe('READ_MODEL.INVALID_QUERY');
    expect(refusal(() => assertFindOptions({ skip: -1 }))).toBe('READ_MODEL.INVALID_QUERY');
    expect(refusal(() => assertFindOptions({ limit: 1.5 }))).toBe('READ_MODEL.INVALID_QUERY');
    expect(refusal(() => assertFindOptions({ sort: { _position: 1 } }))).toBe('READ_MODEL.INVALID_QUERY');
  });

  it('breaks sort ties by _id', () => {
    expect(stableSort(undefined)).toEqual({ _id: 1 });
    expect(Object.entries(stableSort({ due: -1 }))).toEqual([
      ['due', -1],
      ['_id', 1],
    ]);
    expect(stableSort({ _id: -1 })).toEqual({ _id: -1 });
  });

  it('keeps names plain enough for table keys and MongoDB collection names', () => {
    expect(refusal(() => assertReadModelNames('clue-ledger', 'clues', 3))).toBe('accepted');
    for (const [projection, collection, version] of [
      ['Clue', 'c', 1],
      ['clue-ledger', 'a__b', 1],
      ['clue-ledger', 'a.b', 1],
      ['x', 'c', -1],
      ['x$', 'c', 1],
    ] as const) {
      expect(refusal(() => assertReadModelNames(projection, collection, version))).toBe('READ_MODEL.INVALID_QUERY');
    }
  });
});
