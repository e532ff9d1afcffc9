import { SqliteEventStore } from '@xj/sqlite-event-store';
import { FixedClock } from '../event-store/clock.port';
import { computeEventHash } from '../event-store/event-hash';
import { canonicalJson } from '../event-store/canonical-json';
import { RecordedEvent, RecordedMetadata } from '../event-store/event-store.types';
import { signV1Checkpoint } from '@xj/testing';
import { EventStore } from '../event-store/event-store.port';
import { CheckpointHead, headsDigest, SignedCheckpoint } from './checkpoint';
import { CheckpointSigner } from './checkpoint-signing';
import { CheckpointVerificationOptions, verifyAgainstCheckpoint } from './checkpoint-verifier';
import { CheckpointRefusedError, createCheckpoint, createCheckpointWithHeads } from './create-checkpoint';
import { events, seed, tamperedView } from './integrity.fixtures-spec';

const clock = new FixedClock(new Date('2026-03-02T08:30:00.000Z'));

/** Recomputes every hash of every stream after `edit`: a consistent rewrite that chain verification alone accepts. */
const rechain = (all: RecordedEvent[]): RecordedEvent[] => {
  const last = new Map<string, string>();
  return all.map((e) => {
    const prevHash = last.get(e.streamId) ?? '0'.repeat(64);
    const { hash: _old, ...rest } = { ...e.metadata, prevHash };
    const hash = computeEventHash(prevHash, {
      streamId: e.streamId,
      revision: e.revision,
      eventId: e.eventId,
      type: e.type,
      dataJson: canonicalJson(e.data),
      metadataJson: canonicalJson(rest),
    });
    last.set(e.streamId, hash);
    return { ...e, metadata: { ...rest, hash } as RecordedMetadata };
  });
};

describe('signed checkpoints (version 2) against a store', () => {
  let store: SqliteEventStore;
  let signer: CheckpointSigner;
  let signed: SignedCheckpoint;
  let heads: readonly CheckpointHead[];
  /** The signer's key, trusted (as the instance trusts its own signing key). */
  let trusted: CheckpointVerificationOptions;
  /** The heads list kept beside the checkpoint (as the repository does), for the verifier to name what differs. */
  let withHeads: CheckpointVerificationOptions;

  beforeEach(async () => {
    store = new SqliteEventStore({ filename: ':memory:', clock });
    signer = CheckpointSigner.generate();
    await seed(store, ['clue-1', 'clue-2', 'referral-1'], 3);
    ({ signed, heads } = await createCheckpointWithHeads(store, signer, clock));
    trusted = { pinnedPublicKey: signer.publicKey };
    withHeads = {
      ...trusted,
      headsOf: async (digest) => (digest === signed.checkpoint.headsDigest ? heads : undefined),
    };
  });
  afterEach(() => store.close());

  it('signs a digest of the heads of every stream at the last position, not the heads themselves', async () => {
    const head = (await store.readStream('clue-2')).at(-1) as RecordedEvent;
    expect(signed.checkpoint).toEqual({
      version: 2,
      createdAt: '2026-03-02T08:30:00.000Z',
      globalPosition: '9',
      streamCount: 3,
      eventCount: 9,
      headsDigest: headsDigest(heads),
      orderDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
      archivedStreams: 0,
      keyId: signer.keyId,
    });
    expect(heads.map((x) => x.streamId)).toEqual(['clue-1', 'clue-2', 'referral-1']);
    expect(heads[1]).toEqual({ streamId: 'clue-2', revision: '2', hash: head.metadata.hash });
    expect(signed.publicKey).toBe(signer.publicKeyPem);
  });

  it('keeps the same size whatever the number of streams', async () => {
    const many = new SqliteEventStore({ filename: ':memory:', clock });
    await seed(
      many,
      Array.from({ length: 300 }, (_, n) => `clue-${n}`),
      3,
    );
    const size = (document: SignedCheckpoint): number => JSON.stringify(document).length;
    const large = await createCheckpoint(many, signer, clock);
    // Only the digits of the counts and the position differ.
    expect(Math.abs(size(large) - size(signed))).toBeLessThanOrEqual(8);
    expect(
      size(await signV1Checkpoint(many, signer, clock)) - size(await signV1Checkpoint(store, signer, clock)),
    ).toBeGreaterThan(297 * 90);
    expect((await verifyAgainstCheckpoint(many, large, trusted)).ok).toBe(true);
    await many.close();
  });

  it('verifies an intact store, also after later appends, with the trusted key, with or without the heads list', async () => {
    await store.append('clue-1', events(2), 2n);
    await store.append('clue-9', events(1), 'no_stream');
    expect(await verifyAgainstCheckpoint(store, signed, trusted)).toEqual({
      ok: true,
      checkedEvents: 12,
      checkpoint: { createdAt: signed.checkpoint.createdAt, globalPosition: '9', keyId: signer.keyId },
    });
    expect(
      (await verifyAgainstCheckpoint(store, JSON.parse(JSON.stringify(signed)), { pinnedPublicKey: signer.publicKey }))
        .ok,
    ).toBe(true);
    expect((await verifyAgainstCheckpoint(store, signed, withHeads)).ok).toBe(true);
  });

  it('rejects a checkpoint signed by another key than the trusted one', async () => {
    const report = await verifyAgainstCheckpoint(store, signed, {
      pinnedPublicKey: CheckpointSigner.generate().publicKey,
    });
    expect(report).toMatchObject({ ok: false, checkedEvents: 0, firstProblem: { kind: 'unknown_key' } });
  });

  it('verifies nothing without a trusted key: a checkpoint of a rewritten store, signed by any key, is no evidence', async () => {
    // Whoever rewrote the store signs a checkpoint of the result with a key of their own: the
    // document is intact and its signature valid, and it proves nothing.
    const rewritten = tamperedView(store, (all) =>
      rechain(all.map((e) => (e.streamId === 'clue-1' && e.revision === 1n ? { ...e, data: { n: 99 } } : e))),
    );
    const forged = await createCheckpoint(rewritten, CheckpointSigner.generate(), clock);
    expect(await verifyAgainstCheckpoint(rewritten, forged)).toMatchObject({
      ok: false,
      checkedEvents: 0,
      firstProblem: { kind: 'no_trusted_key' },
    });
    expect(await verifyAgainstCheckpoint(rewritten, forged, { pinnedPublicKey: signer.publicKey })).toMatchObject({
      ok: false,
      firstProblem: { kind: 'unknown_key' },
    });
    expect(await verifyAgainstCheckpoint(store, signed)).toMatchObject({
      ok: false,
      firstProblem: { kind: 'no_trusted_key' },
    });
  });

  it('rejects an edited checkpoint (bad_signature) and a malformed one (invalid_checkpoint)', async () => {
    const edited = { ...signed, checkpoint: { ...signed.checkpoint, eventCount: 8 } };
    expect(await verifyAgainstCheckpoint(store, edited, { pinnedPublicKey: signer.publicKey })).toMatchObject({
      ok: false,
      firstProblem: { kind: 'bad_signature' },
    });
    const forgedKey = CheckpointSigner.generate();
    const resigned = {
      checkpoint: signed.checkpoint,
      signature: forgedKey.sign(signed.checkpoint),
      publicKey: forgedKey.publicKeyPem,
    };
    expect(await verifyAgainstCheckpoint(store, resigned, { pinnedPublicKey: signer.publicKey })).toMatchObject({
      ok: false,
      firstProblem: { kind: 'unknown_key' },
    });
    expect(
      await verifyAgainstCheckpoint(store, { checkpoint: {} }, { pinnedPublicKey: signer.publicKey }),
    ).toMatchObject({ ok: false, firstProblem: { kind: 'invalid_checkpoint' } });
    expect(
      await verifyAgainstCheckpoint(store, { ...signed, publicKey: 'x' }, { pinnedPublicKey: signer.publicKey }),
    ).toMatchObject({ ok: false, firstProblem: { kind: 'invalid_checkpoint' } });
  });

  it('ignores a heads list that is not the signed one, and still verifies', async () => {
    const forged = heads.map((h) => (h.streamId === 'clue-1' ? { ...h, revision: '9' } : h));
    expect((await verifyAgainstCheckpoint(store, signed, { ...trusted, headsOf: async () => forged })).ok).toBe(true);
  });

  it('catches a consistent rewrite of the whole store that chain verification alone accepts; with the heads list it names the head', async () => {
    const rewritten = tamperedView(store, (all) =>
      rechain(all.map((e) => (e.streamId === 'clue-1' && e.revision === 1n ? { ...e, data: { n: 99 } } : e))),
    );
    expect(await verifyAgainstCheckpoint(rewritten, signed, trusted)).toMatchObject({
      ok: false,
      firstProblem: { kind: 'heads_mismatch' },
    });
    expect(await verifyAgainstCheckpoint(rewritten, signed, withHeads)).toMatchObject({
      ok: false,
      firstProblem: { kind: 'head_mismatch', streamId: 'clue-1', revision: '2' },
    });
  });

  describe('catches truncation, a forged stream in the past, a moved head and a reordering across streams', () => {
    const tamperings = (store: EventStore, stolen: RecordedEvent): Record<string, EventStore> => ({
      truncated: tamperedView(store, (all) => all.filter((e) => !(e.streamId === 'referral-1' && e.revision === 2n))),
      forged: tamperedView(store, (all) =>
        [
          ...all,
          ...rechain([
            { ...stolen, streamId: 'clue-7', eventId: '00000000-0000-4000-8000-000000000001', position: 4n },
          ]),
        ].sort((a, b) => Number(a.position - b.position) || (a.streamId === 'clue-7' ? -1 : 1)),
      ),
      moved: tamperedView(store, (all) =>
        all.map((e) => (e.streamId === 'referral-1' && e.revision === 2n ? { ...e, position: 50n } : e)),
      ),
      // Positions 1 and 2 hold clue-1@0 and clue-2@0: swapping them keeps every chain intact.
      swapped: tamperedView(store, (all) =>
        all
          .map((e) => (e.position === 1n ? { ...e, position: 2n } : e.position === 2n ? { ...e, position: 1n } : e))
          .sort((a, b) => Number(a.position - b.position)),
      ),
    });

    it('without the heads list, as differing counts, digests or order', async () => {
      const t = tamperings(store, (await store.readStream('clue-1'))[0] as RecordedEvent);
      expect(await verifyAgainstCheckpoint(t.truncated as EventStore, signed, trusted)).toMatchObject({
        ok: false,
        firstProblem: { kind: 'count_mismatch' },
      });
      expect(await verifyAgainstCheckpoint(t.forged as EventStore, signed, trusted)).toMatchObject({
        ok: false,
        firstProblem: { kind: 'count_mismatch' },
      });
      expect(await verifyAgainstCheckpoint(t.moved as EventStore, signed, trusted)).toMatchObject({
        ok: false,
        firstProblem: { kind: 'count_mismatch' },
      });
      expect(await verifyAgainstCheckpoint(t.swapped as EventStore, signed, trusted)).toMatchObject({
        ok: false,
        firstProblem: { kind: 'order_mismatch' },
      });
    });

    it('with the heads list, naming the stream and event as version 1 does', async () => {
      const t = tamperings(store, (await store.readStream('clue-1'))[0] as RecordedEvent);
      expect(await verifyAgainstCheckpoint(t.truncated as EventStore, signed, withHeads)).toMatchObject({
        ok: false,
        firstProblem: { kind: 'truncated', streamId: 'referral-1' },
      });
      expect(await verifyAgainstCheckpoint(t.forged as EventStore, signed, withHeads)).toMatchObject({
        ok: false,
        firstProblem: { kind: 'not_in_checkpoint', streamId: 'clue-7', position: '4' },
      });
      expect(await verifyAgainstCheckpoint(t.moved as EventStore, signed, withHeads)).toMatchObject({
        ok: false,
        firstProblem: { kind: 'not_in_checkpoint', streamId: 'referral-1', position: '50' },
      });
      expect(await verifyAgainstCheckpoint(t.swapped as EventStore, signed, withHeads)).toMatchObject({
        ok: false,
        firstProblem: { kind: 'order_mismatch' },
      });
    });
  });

  it('refuses to sign over a broken chain', async () => {
    const broken = tamperedView(store, (all) => all.map((e) => (e.position === 5n ? { ...e, data: { n: 7 } } : e)));
    await expect(createCheckpoint(broken, signer, clock)).rejects.toBeInstanceOf(CheckpointRefusedError);
    await expect(createCheckpoint(broken, signer, clock)).rejects.toMatchObject({
      code: 'INTEGRITY.CHAIN_BROKEN',
      problem: { kind: 'hash_mismatch', position: '5' },
    });
  });

  it('signs an empty store, which then verifies anything chained', async () => {
    const empty = new SqliteEventStore({ filename: ':memory:', clock });
    const nothing = await createCheckpoint(empty, signer, clock);
    expect(nothing.checkpoint).toMatchObject({
      globalPosition: '0',
      streamCount: 0,
      eventCount: 0,
      headsDigest: headsDigest([]),
    });
    await empty.append('clue-1', events(1), 'no_stream');
    expect(await verifyAgainstCheckpoint(empty, nothing, { pinnedPublicKey: signer.publicKey })).toMatchObject({
      ok: true,
      checkedEvents: 1,
    });
    await empty.close();
  });
});

describe('signed checkpoints of version 1 (saved before #13)', () => {
  let store: SqliteEventStore;
  let signed: SignedCheckpoint;
  let trusted: CheckpointVerificationOptions;

  beforeEach(async () => {
    store = new SqliteEventStore({ filename: ':memory:', clock });
    await seed(store, ['clue-1', 'clue-2', 'referral-1'], 3);
    const signer = CheckpointSigner.generate();
    signed = await signV1Checkpoint(store, signer, clock);
    trusted = { pinnedPublicKey: signer.publicKey };
  });
  afterEach(() => store.close());

  it('still verify, after later appends too', async () => {
    expect(signed.checkpoint).toMatchObject({ version: 1, heads: expect.any(Array) });
    await store.append('clue-1', events(2), 2n);
    expect(await verifyAgainstCheckpoint(store, signed, trusted)).toMatchObject({ ok: true, checkedEvents: 11 });
  });

  it('still name a rewritten head and a truncation, and reject an edited document', async () => {
    const rewritten = tamperedView(store, (all) =>
      rechain(all.map((e) => (e.streamId === 'clue-1' && e.revision === 1n ? { ...e, data: { n: 99 } } : e))),
    );
    expect(await verifyAgainstCheckpoint(rewritten, signed, trusted)).toMatchObject({
      ok: false,
      firstProblem: { kind: 'head_mismatch', streamId: 'clue-1', revision: '2' },
    });
    const truncated = tamperedView(store, (all) =>
      all.filter((e) => !(e.streamId === 'referral-1' && e.revision === 2n)),
    );
    expect(await verifyAgainstCheckpoint(truncated, signed, trusted)).toMatchObject({
      ok: false,
      firstProblem: { kind: 'truncated', streamId: 'referral-1' },
    });
    const edited = { ...signed, checkpoint: { ...signed.checkpoint, heads: [] } };
    expect(await verifyAgainstCheckpoint(store, edited, trusted)).toMatchObject({
      ok: false,
      firstProblem: { kind: 'invalid_checkpoint' },
    });
  });
});
