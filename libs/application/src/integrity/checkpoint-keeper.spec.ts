import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@xj/sqlite-event-store';
import { portOnly, signV1Checkpoint } from '@xj/testing';
import { AccessLog } from '../audit/access-log';
import { AccessLogArchiver } from '../audit/access-log-archive';
import { FixedClock } from '../event-store/clock.port';
import { EventStore } from '../event-store/event-store.port';
import { readManifest } from './archived-streams';
import { FileCheckpointRepository } from './checkpoint-repository';
import { CheckpointSigner } from './checkpoint-signing';
import { CheckpointKeeper, KeeperOutcome } from './checkpoint-keeper';
import { IntegrityBreaches } from './integrity-breaches';
import { integrityConfigOf } from './integrity-config';
import { IntegrityService } from './integrity.service';
import { events, seed, tamperedView } from './integrity.fixtures-spec';

const clock = new FixedClock(new Date('2026-03-02T08:30:00.000Z'));
const admin = { userId: 'u-admin', role: 'Administrator', orgId: 'panjin.admin' };
const run = { record: true, skipUnchanged: true } as const;

describe('CheckpointKeeper', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xj-keeper-'));
    store = new SqliteEventStore({ filename: ':memory:', clock });
    await seed(store, ['clue-1', 'clue-2', 'referral-1'], 2);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A process over `view` of the store (the store as tampered with, or not), with the data directory's keys and checkpoints. */
  const processOver = (view: EventStore = store) => {
    const breaches = new IntegrityBreaches(view, clock);
    const outcomes: KeeperOutcome['kind'][] = [];
    const keeper = new CheckpointKeeper(
      IntegrityService.fromConfig(view, clock, integrityConfigOf({ dataDir: dir })),
      breaches,
      { onOutcome: (_phase, o) => outcomes.push(o.kind) },
    );
    return { keeper, breaches, outcomes };
  };
  const checkpointFiles = (): string[] => readdirSync(join(dir, 'checkpoints'));

  it('signs at start-up on a store that verifies, and not again when nothing was appended since', async () => {
    const first = processOver();
    expect(first.keeper.startupVerification().state).toBe('pending');
    await first.keeper.startUp();
    expect(first.keeper.startupVerification()).toEqual({ state: 'passed', at: expect.any(String) });
    expect(checkpointFiles()).toHaveLength(1);
    const restarted = processOver();
    await restarted.keeper.startUp();
    expect(restarted.outcomes).toEqual(['unchanged']);
    expect(checkpointFiles()).toHaveLength(1);
    await store.append('clue-1', events(1), 'any');
    clock.advance(1000);
    expect(await restarted.keeper.run('shutdown', run)).toMatchObject({
      kind: 'signed',
      signed: { checkpoint: { eventCount: 7 } },
    });
    expect(checkpointFiles()).toHaveLength(2);
  });

  it('records a whole case deleted since the newest checkpoint as a breach, and signs nothing until it is acknowledged', async () => {
    await processOver().keeper.startUp();
    const deleted = tamperedView(store, (all) => all.filter((e) => e.streamId !== 'referral-1'));
    const restarted = processOver(deleted);
    await restarted.keeper.startUp();
    expect(restarted.keeper.startupVerification().state).toBe('breach');
    const [breach, ...others] = restarted.breaches.open();
    expect(others).toEqual([]);
    expect(breach).toMatchObject({
      detectedDuring: 'start',
      problem: { kind: 'truncated', streamId: 'referral-1' },
      checkpoint: { globalPosition: '6' },
    });
    // Later runs sign nothing and record nothing more while it is open.
    expect(await restarted.keeper.run('interval', run)).toMatchObject({ kind: 'suspended', breaches: [breach] });
    expect(await processOver(deleted).keeper.run('start', run)).toMatchObject({ kind: 'suspended' });
    expect(checkpointFiles()).toHaveLength(1);

    await restarted.breaches.acknowledge(
      breach?.breachId as string,
      admin,
      'the case was deleted by mistake; restored from paper records',
    );
    expect(await restarted.keeper.run('acknowledged', { record: true, skipUnchanged: false })).toMatchObject({
      kind: 'signed',
    });
    expect(checkpointFiles()).toHaveLength(2);
    // The store as it is now is what the next start verifies against.
    const next = processOver(deleted);
    await next.keeper.startUp();
    expect(next.outcomes).toEqual(['unchanged']);
    expect(next.breaches.open()).toEqual([]);
  });

  it('after an acknowledged broken chain, records no new breach, but signs nothing over the broken chain', async () => {
    await processOver().keeper.startUp();
    const edited = tamperedView(store, (all) => all.map((e) => (e.position === 2n ? { ...e, data: { n: 42 } } : e)));
    const restarted = processOver(edited);
    expect(await restarted.keeper.run('start', run)).toMatchObject({
      kind: 'breach',
      breach: { problem: { kind: 'hash_mismatch', position: '2' } },
    });
    const [breach] = restarted.breaches.open();
    await restarted.breaches.acknowledge(breach?.breachId as string, admin, 'investigating; writes must resume');
    expect(await restarted.keeper.run('acknowledged', run)).toMatchObject({
      kind: 'refused',
      error: { code: 'INTEGRITY.CHAIN_BROKEN' },
    });
    expect(await processOver(edited).keeper.run('start', run)).toMatchObject({ kind: 'refused' });
    expect(restarted.breaches.list()).toHaveLength(1);
    expect(checkpointFiles()).toHaveLength(1);
  });

  it('only reports what it finds when told not to record (the CLI)', async () => {
    await processOver().keeper.startUp();
    const reordered = tamperedView(store, (all) =>
      all
        .map((e) => (e.position === 1n ? { ...e, position: 2n } : e.position === 2n ? { ...e, position: 1n } : e))
        .sort((a, b) => Number(a.position - b.position)),
    );
    const cli = processOver(reordered);
    expect(await cli.keeper.run('on_demand', { record: false, skipUnchanged: false })).toEqual({
      kind: 'breach',
      report: expect.objectContaining({ ok: false, firstProblem: expect.objectContaining({ kind: 'order_mismatch' }) }),
      breach: undefined,
    });
    await cli.breaches.refresh();
    expect(cli.breaches.list()).toEqual([]);
  });

  it('signs exactly the store it verified, in one walk: a case deleted after the check is found by the next run, not sealed', async () => {
    await processOver().keeper.startUp();
    await store.append('clue-1', events(1), 'any');
    clock.advance(1000);
    // The store as each walk of it reads it: intact on the first walk, the referral deleted from the second on.
    let walks = 0;
    const deleted = tamperedView(store, (all) => all.filter((e) => e.streamId !== 'referral-1'));
    const current = (): EventStore => (walks > 1 ? deleted : store);
    const shifting: EventStore = {
      ...portOnly(store),
      readAll: (options = {}) => {
        if (options.fromPosition === undefined) walks += 1;
        return current().readAll(options);
      },
      readStream: (...args) => current().readStream(...args),
      streamRevision: (streamId) => current().streamRevision(streamId),
    };
    const running = processOver(shifting);
    expect(await running.keeper.run('interval', run)).toMatchObject({
      kind: 'signed',
      signed: { checkpoint: { eventCount: 7, streamCount: 3 } },
    });
    expect(walks).toBe(1);
    expect(await running.keeper.run('interval', run)).toMatchObject({
      kind: 'breach',
      breach: { problem: { kind: 'truncated', streamId: 'referral-1' } },
    });
    expect(walks).toBe(2);
  });

  it('signs nothing new while nothing was appended, also with an archived access-log segment still awaiting its removal', async () => {
    const log = new AccessLog(store, clock, { flushMs: 0 });
    const reader = { userId: 'u-1', role: 'Auditor', orgId: 'panjin.audit' };
    for (const id of ['c-1', 'c-2'])
      await log.record({
        target: { kind: 'clue', id },
        action: 'details',
        outcome: 'allowed',
        reader,
        request: { correlationId: `corr-${id}`, clientIp: null },
      });
    clock.advance(200 * 86_400_000);
    // The archiver stops between the manifest entry and the removal (a crash): the segment stays in the store until its next run.
    const crashing = new Proxy(store, {
      get: (target, key) =>
        key === 'deleteStream' ? async () => Promise.reject(new Error('crash')) : Reflect.get(target, key, target),
    });
    await expect(
      new AccessLogArchiver(crashing, clock, {
        archiveDir: join(dir, 'access-log-archive'),
        retentionDays: 180,
      }).archiveDue(),
    ).rejects.toThrow('crash');
    const manifest = await readManifest(store);
    expect(manifest.ok && manifest.entries.map((entry) => entry.streamId)).toEqual(['accesslog-20260302.main']);
    expect(await store.readStream('accesslog-20260302.main')).toHaveLength(2);
    const { keeper, outcomes } = processOver();
    await keeper.startUp();
    expect(await keeper.run('interval', run)).toMatchObject({ kind: 'unchanged', report: { ok: true } });
    expect(outcomes).toEqual(['signed', 'unchanged']);
    expect(checkpointFiles()).toHaveLength(1);
  });

  it('verifies against a newest checkpoint of version 1 (a data directory from before #13) and signs version 2 in the same walk', async () => {
    const signer = CheckpointSigner.fromFile(join(dir, 'checkpoint-signing-key.pem'), { create: true });
    await new FileCheckpointRepository(join(dir, 'checkpoints')).save(await signV1Checkpoint(store, signer, clock));
    await store.append('referral-1', events(1), 'any');
    clock.advance(1000);
    expect(await processOver().keeper.run('interval', run)).toMatchObject({
      kind: 'signed',
      signed: { checkpoint: { version: 2, eventCount: 7 } },
      report: { ok: true, checkpoint: { globalPosition: '6' } },
    });
    // A version 1 checkpoint newer still: referral-1 truncated behind it is named, as version 1 lists every head.
    clock.advance(1000);
    await new FileCheckpointRepository(join(dir, 'checkpoints')).save(await signV1Checkpoint(store, signer, clock));
    const truncated = tamperedView(store, (all) =>
      all.filter((e) => !(e.streamId === 'referral-1' && e.revision === 2n)),
    );
    expect(await processOver(truncated).keeper.run('interval', run)).toMatchObject({
      kind: 'breach',
      breach: { problem: { kind: 'truncated', streamId: 'referral-1', revision: '1' } },
    });
  });

  it('runs one at a time, in the order asked', async () => {
    const { keeper } = processOver();
    const order: string[] = [];
    const asked = [
      keeper.startUp().then(() => order.push('start')),
      keeper.run('interval', run).then(() => order.push('interval')),
      keeper.run('shutdown', run).then(() => order.push('shutdown')),
    ];
    await keeper.idle();
    await Promise.all(asked);
    expect(order).toEqual(['start', 'interval', 'shutdown']);
    expect(checkpointFiles()).toHaveLength(1);
  });

  it('says the start-up verification failed when it could not run, and rejects such a run', async () => {
    const { keeper } = processOver();
    await store.close();
    await keeper.startUp();
    expect(keeper.startupVerification().state).toBe('failed');
    await expect(keeper.run('interval', run)).rejects.toMatchObject({ code: 'STORE.UNAVAILABLE' });
  });
});
