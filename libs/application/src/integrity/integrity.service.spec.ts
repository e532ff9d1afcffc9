import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@xj/sqlite-event-store';
import { FixedClock } from '../event-store/clock.port';
import { CheckpointKeyError, CheckpointSigner } from './checkpoint-signing';
import { loadIntegrityConfig } from './integrity-config';
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
    const service = IntegrityService.fromConfig(store, clock, loadIntegrityConfig({ DATA_DIR: dir }));
    expect(await service.verifyCheckpoint({})).toMatchObject({ ok: false });
    expect(existsSync(join(dir, 'checkpoint-signing-key.pem'))).toBe(false);
    const { id, signed } = await service.signCheckpoint();
    expect(statSync(join(dir, 'checkpoint-signing-key.pem')).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(dir, 'checkpoints'))).toEqual([`${id}.json`]);
    expect(await service.latestCheckpoint()).toEqual(signed);
    expect(await service.listCheckpoints()).toEqual([expect.objectContaining({ id, eventCount: 4, streamCount: 2 })]);
    expect(await service.verifyCheckpoint(signed)).toMatchObject({ ok: true, checkedEvents: 4 });
  });

  it('verifies chains of the store or one stream, and knows no stream it has never seen', async () => {
    const service = IntegrityService.fromConfig(store, clock, loadIntegrityConfig({ DATA_DIR: dir }));
    expect(await service.verifyChains()).toEqual({ ok: true, checkedEvents: 4 });
    expect(await service.verifyChains('clue-1')).toEqual({ ok: true, checkedEvents: 2 });
    expect(await service.verifyChains('clue-404')).toBeUndefined();
    const broken = tamperedView(store, (all) => all.map((e) => (e.streamId === 'clue-1' && e.revision === 1n ? { ...e, type: 'Other' } : e)));
    const tampered = IntegrityService.fromConfig(broken, clock, loadIntegrityConfig({ DATA_DIR: dir }));
    expect(await tampered.verifyChains('clue-1')).toMatchObject({ ok: false, checkedEvents: 1, firstProblem: { kind: 'hash_mismatch', streamId: 'clue-1', revision: '1' } });
    expect(await tampered.verifyChains()).toMatchObject({ ok: false, firstProblem: { kind: 'hash_mismatch', position: '3' } });
  });

  it('lets other work run between pages of a long walk (the API stays responsive while it verifies)', async () => {
    for (let i = 0; i < 12; i++) await store.append('clue-big', events(100), 'any');
    const service = IntegrityService.fromConfig(store, clock, loadIntegrityConfig({ DATA_DIR: dir }));
    const progress: number[] = [];
    let timerFiredAfter: number | undefined;
    setImmediate(() => (timerFiredAfter = progress.length));
    const report = await service.verifyChains(undefined, (done) => progress.push(done));
    expect(report).toEqual({ ok: true, checkedEvents: 1204 });
    expect(progress).toEqual([1000, 1204]);
    expect(timerFiredAfter).toBe(1);
  });

  it('uses a configured key (never creating one) and trusts only a pinned public key', async () => {
    const mine = CheckpointSigner.generate();
    const other = CheckpointSigner.generate();
    writeFileSync(join(dir, 'pinned.pem'), other.publicKeyPem);
    const env = { DATA_DIR: dir, CHECKPOINT_SIGNING_KEY_FILE: join(dir, 'absent.pem'), CHECKPOINT_PUBLIC_KEY_FILE: join(dir, 'pinned.pem') };
    const service = IntegrityService.fromConfig(store, clock, loadIntegrityConfig(env));
    await expect(service.signCheckpoint()).rejects.toBeInstanceOf(CheckpointKeyError);
    expect(existsSync(join(dir, 'absent.pem'))).toBe(false);
    const bySomeoneElse = { checkpoint: { ...(await signWith(mine)).checkpoint } };
    expect(await service.verifyCheckpoint({ ...bySomeoneElse, signature: mine.sign(bySomeoneElse.checkpoint), publicKey: mine.publicKeyPem })).toMatchObject({
      ok: false,
      firstProblem: { kind: 'unknown_key' },
    });
    expect((await service.verifyCheckpoint(await signWith(other))).ok).toBe(true);
  });

  it('fails at start on a pinned key that is not an Ed25519 public key', () => {
    writeFileSync(join(dir, 'pinned.pem'), 'nonsense');
    expect(() => IntegrityService.fromConfig(store, clock, loadIntegrityConfig({ DATA_DIR: dir, CHECKPOINT_PUBLIC_KEY_FILE: join(dir, 'pinned.pem') }))).toThrow(CheckpointKeyError);
  });

  const signWith = async (signer: CheckpointSigner) =>
    (await new IntegrityService(store, clock, { signer: () => signer, repository: { save: async () => 'id', list: async () => [], latest: async () => undefined } }).signCheckpoint()).signed;
});

describe('loadIntegrityConfig', () => {
  it('defaults to DATA_DIR, hourly, no pinned key', () => {
    expect(loadIntegrityConfig({ DATA_DIR: '/srv/xj' })).toEqual({
      signingKeyFile: '/srv/xj/checkpoint-signing-key.pem',
      createSigningKey: true,
      pinnedPublicKeyFile: undefined,
      checkpointsDir: '/srv/xj/checkpoints',
      intervalMinutes: 60,
    });
  });

  it('takes a configured key, a pinned key and an interval; refuses a bad interval', () => {
    const config = loadIntegrityConfig({ DATA_DIR: '/d', CHECKPOINT_SIGNING_KEY_FILE: '/keys/k.pem', CHECKPOINT_PUBLIC_KEY_FILE: '/keys/p.pem', CHECKPOINT_INTERVAL_MINUTES: '15' });
    expect(config).toMatchObject({ signingKeyFile: '/keys/k.pem', createSigningKey: false, pinnedPublicKeyFile: '/keys/p.pem', intervalMinutes: 15 });
    expect(() => loadIntegrityConfig({ CHECKPOINT_INTERVAL_MINUTES: '0' })).toThrow(/CHECKPOINT_INTERVAL_MINUTES/);
    expect(() => loadIntegrityConfig({ CHECKPOINT_INTERVAL_MINUTES: 'soon' })).toThrow(/CHECKPOINT_INTERVAL_MINUTES/);
  });
});
