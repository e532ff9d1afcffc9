import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@xj/sqlite-event-store';
import { FixedClock } from '../event-store/clock.port';
import { CheckpointKeyError, CheckpointSigner } from './checkpoint-signing';
import { integrityConfigOf } from './integrity-config';
import { IntegrityService } from './integrity.service';
import { events, seed, tamperedView } from './integrity.fixtures-spec';

const clock = new FixedClock(new Date('2026-03-02T08:30:00.000Z'));

describe('IntegrityService from configuration', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xj-integrity-'));
    store = new SqliteEventStore({ filename: ':memory:', clock });
    await seed(store, ['clue-1', 'referral-1'], 2);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the signing key in DATA_DIR on first signing only, and keeps each checkpoint in DATA_DIR/checkpoints', async () => {
    const service = IntegrityService.fromConfig(store, clock, integrityConfigOf({ dataDir: dir }));
    expect(await service.verifyCheckpoint({})).toMatchObject({ ok: false });
    expect(existsSync(join(dir, 'checkpoint-signing-key.pem'))).toBe(false);
    const { id, signed } = await service.signCheckpoint();
    expect(statSync(join(dir, 'checkpoint-signing-key.pem')).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(dir, 'checkpoints'))).toEqual([`${id}.json`]);
    expect(await service.latestCheckpoint()).toEqual(signed);
    expect(await service.listCheckpoints()).toEqual([expect.objectContaining({ id, eventCount: 4, streamCount: 2 })]);
    expect(await service.verifyCheckpoint(signed)).toMatchObject({ ok: true, checkedEvents: 4 });
  });

  it('under CRYPTO_SUITE=gm creates an SM2 key, signs and verifies checkpoints with it, and refuses an Ed25519 key', async () => {
    const gm = new SqliteEventStore({ filename: ':memory:', clock, cryptoSuite: 'gm' });
    try {
      await seed(gm, ['clue-1', 'referral-1'], 2);
      const service = IntegrityService.fromConfig(gm, clock, integrityConfigOf({ dataDir: dir }));
      expect(await service.verifyChains()).toMatchObject({ ok: true, checkedEvents: 4 });
      const { signed } = await service.signCheckpoint();
      expect(CheckpointSigner.fromFile(join(dir, 'checkpoint-signing-key.pem'), { create: false }).algorithm).toBe(
        'sm2',
      );
      expect(await service.verifyCheckpoint(signed)).toMatchObject({ ok: true, checkedEvents: 4 });
      const forged = { ...signed, checkpoint: { ...signed.checkpoint, eventCount: 5 } };
      expect(await service.verifyCheckpoint(forged)).toMatchObject({ ok: false });

      const edDir = mkdtempSync(join(tmpdir(), 'xj-integrity-ed-'));
      try {
        CheckpointSigner.fromFile(join(edDir, 'checkpoint-signing-key.pem'), { create: true });
        const mixed = IntegrityService.fromConfig(gm, clock, integrityConfigOf({ dataDir: edDir }));
        await expect(mixed.signCheckpoint()).rejects.toThrow(CheckpointKeyError);
      } finally {
        rmSync(edDir, { recursive: true, force: true });
      }
    } finally {
      await gm.close();
    }
  });

  it('verifies chains of the store or one stream, and knows no stream it has never seen', async () => {
    const service = IntegrityService.fromConfig(store, clock, integrityConfigOf({ dataDir: dir }));
    expect(await service.verifyChains()).toMatchObject({ ok: true, checkedEvents: 4 });
    expect(await service.verifyChains('clue-1')).toMatchObject({ ok: true, checkedEvents: 2 });
    expect((await service.verifyChains())?.blindSpots.map((spot) => spot.kind)).toEqual([
      'truncated_tail',
      'reordering_across_streams',
      'consistent_rewrite',
    ]);
    expect((await service.verifyChains('clue-1'))?.blindSpots.map((spot) => spot.kind)).toEqual([
      'truncated_tail',
      'consistent_rewrite',
    ]);
    expect(await service.verifyChains('clue-404')).toBeUndefined();
    const broken = tamperedView(store, (all) =>
      all.map((e) => (e.streamId === 'clue-1' && e.revision === 1n ? { ...e, type: 'Other' } : e)),
    );
    const tampered = IntegrityService.fromConfig(broken, clock, integrityConfigOf({ dataDir: dir }));
    expect(await tampered.verifyChains('clue-1')).toMatchObject({
      ok: false,
      checkedEvents: 1,
      firstProblem: { kind: 'hash_mismatch', streamId: 'clue-1', revision: '1' },
    });
    expect(await tampered.verifyChains()).toMatchObject({
      ok: false,
      firstProblem: { kind: 'hash_mismatch', position: '3' },
    });
  });

  it('lets other work run between pages of a long walk (the API stays responsive while it verifies)', async () => {
    for (let i = 0; i < 12; i++) await store.append('clue-big', events(100), 'any');
    const service = IntegrityService.fromConfig(store, clock, integrityConfigOf({ dataDir: dir }));
    const progress: number[] = [];
    let timerFiredAfter: number | undefined;
    setImmediate(() => (timerFiredAfter = progress.length));
    const report = await service.verifyChains(undefined, (done) => progress.push(done));
    expect(report).toMatchObject({ ok: true, checkedEvents: 1204 });
    expect(progress).toEqual([1000, 1204]);
    expect(timerFiredAfter).toBe(1);
  });

  it('uses a configured key (never creating one) and trusts only a pinned public key', async () => {
    const mine = CheckpointSigner.generate();
    const other = CheckpointSigner.generate();
    writeFileSync(join(dir, 'pinned.pem'), other.publicKeyPem);
    const settings = { dataDir: dir, signingKeyFile: join(dir, 'absent.pem'), publicKeyFile: join(dir, 'pinned.pem') };
    const service = IntegrityService.fromConfig(store, clock, integrityConfigOf(settings));
    await expect(service.signCheckpoint()).rejects.toBeInstanceOf(CheckpointKeyError);
    expect(existsSync(join(dir, 'absent.pem'))).toBe(false);
    const bySomeoneElse = { checkpoint: { ...(await signWith(mine)).checkpoint } };
    expect(
      await service.verifyCheckpoint({
        ...bySomeoneElse,
        signature: mine.sign(bySomeoneElse.checkpoint),
        publicKey: mine.publicKeyPem,
      }),
    ).toMatchObject({
      ok: false,
      firstProblem: { kind: 'unknown_key' },
    });
    expect((await service.verifyCheckpoint(await signWith(other))).ok).toBe(true);
  });

  it('trusts its own signing key when nothing is pinned, also read from the file by another instance, and no other key', async () => {
    const { signed } = await IntegrityService.fromConfig(
      store,
      clock,
      integrityConfigOf({ dataDir: dir }),
    ).signCheckpoint();
    const verifier = IntegrityService.fromConfig(store, clock, integrityConfigOf({ dataDir: dir }));
    expect(await verifier.verifyCheckpoint(signed)).toMatchObject({ ok: true, checkedEvents: 4 });
    expect(await verifier.verifyCheckpoint(await signWith(CheckpointSigner.generate()))).toMatchObject({
      ok: false,
      checkedEvents: 0,
      firstProblem: { kind: 'unknown_key' },
    });
  });

  it('verifies no checkpoint when there is no key to trust: neither pinned nor its own', async () => {
    const service = IntegrityService.fromConfig(store, clock, integrityConfigOf({ dataDir: dir }));
    const report = await service.verifyCheckpoint(await signWith(CheckpointSigner.generate()));
    expect(report).toMatchObject({
      ok: false,
      checkedEvents: 0,
      firstProblem: { kind: 'no_trusted_key', detail: expect.stringContaining('CHECKPOINT_PUBLIC_KEY_FILE') },
    });
    expect(existsSync(join(dir, 'checkpoint-signing-key.pem'))).toBe(false);
  });

  it('verifies the whole store against the newest saved checkpoint, and says what it cannot see without one or after it', async () => {
    const service = IntegrityService.fromConfig(store, clock, integrityConfigOf({ dataDir: dir }));
    const unchecked = await service.verifyStore();
    expect(unchecked).toMatchObject({ ok: true, checkedEvents: 4 });
    expect(unchecked.checkpoint).toBeUndefined();
    expect(unchecked.blindSpots).toEqual([
      { kind: 'truncated_tail', detail: expect.stringContaining('a whole stream (a case) deleted') },
      { kind: 'reordering_across_streams', detail: expect.any(String) },
      { kind: 'consistent_rewrite', detail: expect.any(String) },
    ]);
    await service.signCheckpoint();
    await store.append('clue-1', events(1), 'any');
    const checked = await service.verifyStore();
    expect(checked).toMatchObject({ ok: true, checkedEvents: 5, checkpoint: { globalPosition: '4' } });
    expect(checked.blindSpots.map((spot) => [spot.kind, spot.after])).toEqual([
      ['truncated_tail', '4'],
      ['reordering_across_streams', '4'],
      ['consistent_rewrite', '4'],
    ]);
    // A whole case deleted: every chain left is intact, only the checkpoint knows it existed.
    const deleted = tamperedView(store, (all) => all.filter((e) => e.streamId !== 'referral-1'));
    const overDeleted = IntegrityService.fromConfig(deleted, clock, integrityConfigOf({ dataDir: dir }));
    expect(await overDeleted.verifyChains()).toMatchObject({ ok: true });
    expect(await overDeleted.verifyStore()).toMatchObject({
      ok: false,
      firstProblem: { kind: 'truncated', streamId: 'referral-1' },
    });
  });

  it('fails at start on a pinned key that is not an Ed25519 public key', () => {
    writeFileSync(join(dir, 'pinned.pem'), 'nonsense');
    expect(() =>
      IntegrityService.fromConfig(
        store,
        clock,
        integrityConfigOf({ dataDir: dir, publicKeyFile: join(dir, 'pinned.pem') }),
      ),
    ).toThrow(CheckpointKeyError);
  });

  const signWith = async (signer: CheckpointSigner) =>
    (
      await new IntegrityService(store, clock, {
        signer: () => signer,
        repository: { save: async () => 'id', list: async () => [], latest: async () => undefined },
      }).signCheckpoint()
    ).signed;
});

// Parsing and validating the CHECKPOINT_* variables is the composition's configuration (libs/composition/src/config).
describe('integrityConfigOf', () => {
  it('defaults to DATA_DIR, hourly, no pinned key, 10 s for the shutdown checkpoint', () => {
    expect(integrityConfigOf({ dataDir: '/srv/xj' })).toEqual({
      signingKeyFile: '/srv/xj/checkpoint-signing-key.pem',
      createSigningKey: true,
      pinnedPublicKeyFile: undefined,
      checkpointsDir: '/srv/xj/checkpoints',
      intervalMinutes: 60,
      shutdownTimeoutSeconds: 10,
    });
  });

  it('takes a configured key (never created), a pinned key, an interval and the archive directory', () => {
    const config = integrityConfigOf({
      dataDir: '/d',
      signingKeyFile: '/keys/k.pem',
      publicKeyFile: '/keys/p.pem',
      intervalMinutes: 15,
      shutdownTimeoutSeconds: 2.5,
      accessLogArchiveDir: '/archive',
    });
    expect(config).toEqual({
      signingKeyFile: '/keys/k.pem',
      createSigningKey: false,
      pinnedPublicKeyFile: '/keys/p.pem',
      checkpointsDir: '/d/checkpoints',
      intervalMinutes: 15,
      shutdownTimeoutSeconds: 2.5,
      accessLogArchiveDir: '/archive',
    });
  });
});
