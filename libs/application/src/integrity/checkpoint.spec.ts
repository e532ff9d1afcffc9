import { checkpointShapeProblem, headsDigest, headsMap, sortedHeads } from './checkpoint';
import { CheckpointSigner } from './checkpoint-signing';

const h = (c: string): string => c.repeat(64);
const document = (checkpoint: Record<string, unknown> = {}) => ({
  checkpoint: {
    version: 1,
    createdAt: '2026-03-02T08:30:00.000Z',
    globalPosition: '12',
    streamCount: 2,
    eventCount: 5,
    heads: [
      { streamId: 'clue-1', revision: '2', hash: h('a') },
      { streamId: 'referral-1', revision: '1', hash: h('b') },
    ],
    headsDigest: h('c'),
    orderDigest: h('d'),
    keyId: CheckpointSigner.generate().keyId,
    ...checkpoint,
  },
  signature: 'c2ln',
  publicKey: '-----BEGIN PUBLIC KEY-----',
});

describe('checkpoint documents', () => {
  it('sorts heads by stream id in UTF-16 code-unit order, revisions as decimal strings', () => {
    const heads = sortedHeads(
      new Map([
        ['referral-2', { revision: 12n, hash: h('1') }],
        ['clue-Z', { revision: 0n, hash: h('2') }],
        ['clue-a', { revision: 3n, hash: h('3') }],
      ]),
    );
    expect(heads.map((x) => x.streamId)).toEqual(['clue-Z', 'clue-a', 'referral-2']);
    expect(heads[2]).toEqual({ streamId: 'referral-2', revision: '12', hash: h('1') });
    expect(headsMap({ ...document().checkpoint, heads } as never).get('referral-2')).toEqual({ revision: 12n, hash: h('1') });
  });

  it('digests the canonical heads list', () => {
    const heads = [{ streamId: 'clue-1', revision: '2', hash: h('a') }];
    expect(headsDigest(heads)).toMatch(/^[0-9a-f]{64}$/);
    expect(headsDigest(heads)).toBe(headsDigest(JSON.parse(JSON.stringify(heads))));
    expect(headsDigest([{ ...heads[0], revision: '3' } as never])).not.toBe(headsDigest(heads));
  });

  it('accepts a well-formed document', () => {
    expect(checkpointShapeProblem(document())).toBeUndefined();
  });

  it.each([
    ['not an object', 'x', /JSON object/],
    ['another version', document({ version: 2 }), /version/],
    ['a number position', document({ globalPosition: 12 }), /globalPosition/],
    ['a negative count', document({ eventCount: -1 }), /eventCount/],
    ['unsorted heads', document({ heads: [{ streamId: 'b', revision: '0', hash: h('a') }, { streamId: 'a', revision: '0', hash: h('a') }] }), /sorted/],
    ['duplicate heads', document({ heads: [{ streamId: 'a', revision: '0', hash: h('a') }, { streamId: 'a', revision: '1', hash: h('a') }] }), /sorted/],
    ['a bad head hash', document({ heads: [{ streamId: 'a', revision: '0', hash: 'x' }, { streamId: 'b', revision: '0', hash: h('a') }] }), /heads\[0\]/],
    ['a stream count off', document({ streamCount: 3 }), /streamCount/],
    ['an unknown field', document({ note: 'hi' }), /unknown field note/],
    ['a bad time', document({ createdAt: 'yesterday' }), /createdAt/],
  ])('names what is wrong with %s', (_, value, message) => {
    expect(checkpointShapeProblem(value)).toMatch(message);
  });
});
