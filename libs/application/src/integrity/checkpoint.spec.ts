import { canonicalJson } from '../event-store/canonical-json';
import { sha256Hex } from '../command/deterministic-id';
import { checkpointConsistencyProblem, checkpointShapeProblem, headsDigest, headsMap, sortedHeads } from './checkpoint';
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
  it('sorts heads by stream id in UTF-16 code-unit order, revisions as decimal strings', async () => {
    const heads = sortedHeads(
      new Map([
        ['referral-2', { revision: 12n, hash: h('1') }],
        ['clue-Z', { revision: 0n, hash: h('2') }],
        ['clue-a', { revision: 3n, hash: h('3') }],
      ]),
    );
    expect(heads.map((x) => x.streamId)).toEqual(['clue-Z', 'clue-a', 'referral-2']);
    expect(heads[2]).toEqual({ streamId: 'referral-2', revision: '12', hash: h('1') });
    expect((await headsMap(heads)).get('referral-2')).toEqual({ revision: 12n, hash: h('1') });
  });

  it('digests the canonical heads list, fed head by head yet equal to the digest of the whole list at once (version 1’s)', () => {
    const heads = [{ streamId: 'clue-1', revision: '2', hash: h('a') }];
    expect(headsDigest(heads)).toMatch(/^[0-9a-f]{64}$/);
    const many = Array.from({ length: 2_000 }, (_, n) => ({
      streamId: `clue-${String(n).padStart(5, '0')}`,
      revision: String(n),
      hash: h('b'),
    }));
    expect(headsDigest(many)).toBe(sha256Hex(canonicalJson(many)));
    expect(headsDigest([])).toBe(sha256Hex('[]'));
    expect(headsDigest(heads)).toBe(headsDigest(JSON.parse(JSON.stringify(heads))));
    expect(headsDigest([{ ...heads[0], revision: '3' } as never])).not.toBe(headsDigest(heads));
    // Strings that JSON has to escape are encoded as canonicalJson encodes them.
    const odd = [{ streamId: 'a"\\\u0001\ud800-线索', revision: '0', hash: h('c') }];
    expect(headsDigest(odd)).toBe(sha256Hex(canonicalJson(odd)));
  });

  it('accepts a well-formed document of either version', () => {
    expect(checkpointShapeProblem(document())).toBeUndefined();
    const { heads: _heads, ...common } = document().checkpoint;
    expect(
      checkpointShapeProblem({ ...document(), checkpoint: { ...common, version: 2, archivedStreams: 0 } }),
    ).toBeUndefined();
  });

  it('checks a signed version 1 document against itself; version 2 has nothing to check it against', async () => {
    const heads = document().checkpoint.heads;
    const v1 = { ...document().checkpoint, headsDigest: headsDigest(heads) } as never;
    expect(await checkpointConsistencyProblem(v1)).toBeUndefined();
    expect(await checkpointConsistencyProblem({ ...(v1 as object), eventCount: 4 } as never)).toMatch(/eventCount/);
    expect(await checkpointConsistencyProblem({ ...(v1 as object), headsDigest: h('e') } as never)).toMatch(
      /headsDigest/,
    );
    const { heads: _heads, ...common } = document().checkpoint;
    expect(await checkpointConsistencyProblem({ ...common, version: 2, archivedStreams: 0 } as never)).toBeUndefined();
  });

  it.each([
    ['not an object', 'x', /JSON object/],
    ['another version', document({ version: 3 }), /version/],
    ['version 2 listing heads', document({ version: 2, archivedStreams: 0 }), /unknown field heads/],
    [
      'version 2 without archivedStreams',
      (() => {
        const d = document({ version: 2 });
        delete (d.checkpoint as Record<string, unknown>).heads;
        return d;
      })(),
      /archivedStreams/,
    ],
    ['a number position', document({ globalPosition: 12 }), /globalPosition/],
    ['a negative count', document({ eventCount: -1 }), /eventCount/],
    [
      'unsorted heads',
      document({
        heads: [
          { streamId: 'b', revision: '0', hash: h('a') },
          { streamId: 'a', revision: '0', hash: h('a') },
        ],
      }),
      /sorted/,
    ],
    [
      'duplicate heads',
      document({
        heads: [
          { streamId: 'a', revision: '0', hash: h('a') },
          { streamId: 'a', revision: '1', hash: h('a') },
        ],
      }),
      /sorted/,
    ],
    [
      'a bad head hash',
      document({
        heads: [
          { streamId: 'a', revision: '0', hash: 'x' },
          { streamId: 'b', revision: '0', hash: h('a') },
        ],
      }),
      /heads\[0\]/,
    ],
    ['a stream count off', document({ streamCount: 3 }), /streamCount/],
    ['an unknown field', document({ note: 'hi' }), /unknown field note/],
    ['a bad time', document({ createdAt: 'yesterday' }), /createdAt/],
  ])('names what is wrong with %s', (_, value, message) => {
    expect(checkpointShapeProblem(value)).toMatch(message);
  });
});
