import * as crypto from 'node:crypto';
import { sm3 } from 'sm-crypto-v2';
import { computeEventHash, GENESIS_HASH, HashInput, isHash, recomputeHash } from './event-hash';
import { canonicalJson } from './canonical-json';
import { RecordedEvent, RecordedMetadata } from './event-store.types';

const metadata = {
  schemaVersion: 1,
  actor: { userId: 'u-1', role: 'JusticeBureau', orgId: 'panjin.justice' },
  commandId: 'cmd-1',
  correlationId: 'corr-1',
  causationId: 'cause-1',
  recordedAt: '2026-03-02T08:30:00.000Z',
  prevHash: GENESIS_HASH,
};
const data = { title: '线索 "A"', n: -0.5, list: [1, true, null, { b: 1, a: 2 }], z: {} };
const input: HashInput = {
  streamId: 'clue-42',
  revision: 0n,
  eventId: '8f4f5a6e-1b2c-4d3e-8f90-123456789abc',
  type: 'ClueRegistered',
  dataJson: canonicalJson(data),
  metadataJson: canonicalJson(metadata),
};

describe('event hash', () => {
  it('matches the pinned vector (computed independently with Python json.dumps(sort_keys=True) + hashlib)', () => {
    // Changing this value changes every stored chain: it needs a new chain version, not an edit.
    expect(computeEventHash(GENESIS_HASH, input)).toBe(
      '15d2f602100a9c1c5381c9acfc4612a1209d1a9ae20daa734301b471b34775b5',
    );
  });

  it('changes with every hashed field and with the previous hash', () => {
    const base = computeEventHash(GENESIS_HASH, input);
    const variants: HashInput[] = [
      { ...input, streamId: 'clue-43' },
      { ...input, revision: 1n },
      { ...input, eventId: '8f4f5a6e-1b2c-4d3e-8f90-123456789abd' },
      { ...input, type: 'ClueClosed' },
      { ...input, dataJson: canonicalJson({ ...data, n: 0.5 }) },
      { ...input, metadataJson: canonicalJson({ ...metadata, recordedAt: '2026-03-02T08:30:00.001Z' }) },
    ];
    for (const variant of variants) expect(computeEventHash(GENESIS_HASH, variant)).not.toBe(base);
    expect(computeEventHash('1'.repeat(64), input)).not.toBe(base);
  });

  it('recomputes the same hash from an event as read back (key order of parsed JSON irrelevant)', () => {
    const hash = computeEventHash(GENESIS_HASH, input);
    const reordered = JSON.parse(JSON.stringify({ z: {}, list: data.list, n: -0.5, title: data.title }));
    const event: RecordedEvent = {
      streamId: 'clue-42',
      revision: 0n,
      position: 17n,
      eventId: input.eventId,
      type: input.type,
      data: reordered,
      metadata: { ...metadata, hash } as RecordedMetadata,
    };
    expect(recomputeHash(event)).toBe(hash);
  });

  it('recognises SHA-256 hex digests', () => {
    expect(isHash(GENESIS_HASH)).toBe(true);
    expect(isHash('A'.repeat(64))).toBe(false);
    expect(isHash('0'.repeat(63))).toBe(false);
    expect(isHash(undefined)).toBe(false);
  });
});

describe('event hash under the gm suite (SM3, GB/T 32905-2016)', () => {
  it("Node's SM3 gives the standard's example digests", () => {
    // GB/T 32905-2016 Appendix A, examples 1 and 2.
    const other = { ...input, streamId: 'clue-43' };
    expect(crypto.hash('sm3', 'abc', 'hex')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(crypto.hash('sm3', 'abcd'.repeat(16), 'hex')).toBe(
      'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
    );
    expect(sm3('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(computeEventHash(GENESIS_HASH, other, 'sm3')).not.toBe(computeEventHash(GENESIS_HASH, other));
  });

  it('is SM3 over the same input as SHA-256, matching sm-crypto-v2 (a second implementation)', () => {
    const text =
      GENESIS_HASH +
      `{"data":${input.dataJson},"eventId":${JSON.stringify(input.eventId)},"metadata":${input.metadataJson},` +
      `"revision":0,"streamId":"clue-42","type":"ClueRegistered"}`;
    expect(computeEventHash(GENESIS_HASH, input)).toBe(crypto.createHash('sha256').update(text).digest('hex'));
    expect(computeEventHash(GENESIS_HASH, input, 'sm3')).toBe(sm3(text));
  });

  it('recomputes a recorded event with the digest it is given', () => {
    const hash = computeEventHash(GENESIS_HASH, input, 'sm3');
    const event: RecordedEvent = {
      streamId: input.streamId,
      revision: 0n,
      position: 1n,
      eventId: input.eventId,
      type: input.type,
      data,
      metadata: { ...metadata, hash } as RecordedMetadata,
    };
    expect(recomputeHash(event, 'sm3')).toBe(hash);
    expect(recomputeHash(event)).not.toBe(hash);
  });
});
