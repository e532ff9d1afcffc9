import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@xj/sqlite-event-store';
import { testEvents } from '@xj/testing';
import { verifyAll } from '../event-store/chain-segments';
import { GENESIS_HASH, recomputeHash } from '../event-store/event-hash';
import { chainHashOf } from '../event-store/crypto-suite';
import { RecordedEvent } from '../event-store/event-store.types';
import { FixedClock } from '../event-store/clock.port';
import { EventStore } from '../event-store/event-store.port';
import { ARCHIVE_MANIFEST_STREAM, readManifest } from '../integrity/archived-streams';
import { SignedCheckpoint } from '../integrity/checkpoint';
import { CheckpointSigner } from '../integrity/checkpoint-signing';
import { verifyAgainstCheckpoint } from '../integrity/checkpoint-verifier';
import { createCheckpoint } from '../integrity/create-checkpoint';
import { AccessLog } from './access-log';
import { AccessLogArchiver, FileArchivedEventSource } from './access-log-archive';
import { AccessRecord } from './access-log.types';

const DAY = 86_400_000;
const reader = { userId: 'u-1', role: 'Auditor', orgId: 'panjin.audit' };
const read = (n: number): AccessRecord => ({
  target: { kind: 'clue', id: `C${n % 7}` },
  action: 'details',
  outcome: n % 3 ? 'allowed' : 'denied',
  reader,
  request: { correlationId: `corr-${n}`, clientIp: '10.0.0.1' },
});

// Every append is fsynced: on a busy machine setting up a store takes seconds.
jest.setTimeout(30_000);

describe.each(['intl', 'gm'] as const)('archiving access-log segments past retention (CRYPTO_SUITE=%s)', (suite) => {
  let dir: string;
  let file: string;
  let archiveDir: string;
  let clock: FixedClock;
  let store: SqliteEventStore;
  let log: AccessLog;
  let signer: CheckpointSigner;
  /** Signed on the first day while its segment was still growing: covers part of it. */
  let partial: SignedCheckpoint;
  /** Signed after both days: covers them whole. */
  let whole: SignedCheckpoint;
  const archiver = (s: EventStore = store) => new AccessLogArchiver(s, clock, { archiveDir, retentionDays: 180 });
  const files = () => new FileArchivedEventSource(archiveDir);
  /** The signer's key, trusted as the instance trusts its own signing key. */
  const trusted = () => ({ pinnedPublicKey: signer.publicKey });
  const onDisk = (): number => {
    const db = new Database(file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    return statSync(file).size;
  };
  /** Reads made 25 at a time: one batch event each. */
  const reads = async (from: number, count: number): Promise<void> => {
    for (let n = from; n < from + count; n += 25) {
      await Promise.all(Array.from({ length: Math.min(25, from + count - n) }, (_, i) => log.record(read(n + i))));
      clock.advance(1_000);
    }
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xj-archive-'));
    file = join(dir, 'events.sqlite');
    archiveDir = join(dir, 'access-log-archive');
    clock = new FixedClock(new Date('2026-01-01T10:00:00Z'));
    store = new SqliteEventStore({ filename: file, clock, cryptoSuite: suite });
    log = new AccessLog(store, clock, { flushMs: 0 });
    signer = CheckpointSigner.generate(suite === 'gm' ? 'sm2' : 'ed25519');
    await store.append('clue-1', testEvents(2), 'no_stream');
    await reads(0, 300);
    partial = await createCheckpoint(store, signer, clock);
    await reads(300, 300);
    clock.advance(DAY);
    await reads(600, 200);
    await store.append('clue-1', testEvents(1), 1n);
    whole = await createCheckpoint(store, signer, clock);
    clock.set(new Date('2026-07-02T10:00:00Z'));
    await reads(800, 10);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports each old segment with its hashes, records it in the manifest, removes it, and the store shrinks; the recent one stays', async () => {
    const before = onDisk();
    const run = await archiver().archiveDue();
    expect(run.cutoffDay).toBe('20260103');
    expect(run.problems).toEqual([]);
    expect(run.archived.map((a) => [a.streamId, a.eventCount])).toEqual([
      ['accesslog-20260101.main', 24],
      ['accesslog-20260102.main', 8],
    ]);
    expect(await store.readStream('accesslog-20260101.main')).toEqual([]);
    expect((await store.readStream('accesslog-20260702.main')).length).toBe(1);
    expect(existsSync(join(archiveDir, 'accesslog-20260101.main.jsonl.gz'))).toBe(true);
    const manifest = await readManifest(store);
    expect(manifest.ok && manifest.entries.map((e) => [e.streamId, e.headRevision, e.eventCount])).toEqual([
      ['accesslog-20260101.main', 23n, 24],
      ['accesslog-20260102.main', 7n, 8],
    ]);
    expect(onDisk()).toBeLessThan(before / 2);
    expect(await archiver().archiveDue()).toMatchObject({ archived: [], problems: [] });
  });

  it('keeps chain verification, checkpoints signed before (whole or in part) and new checkpoints verifying', async () => {
    await archiver().archiveDue();
    expect((await verifyAll(store)).ok).toBe(true);
    expect(await verifyAgainstCheckpoint(store, whole, trusted())).toMatchObject({ ok: true });
    expect(await verifyAgainstCheckpoint(store, partial, { ...trusted(), archive: files() })).toMatchObject({
      ok: true,
    });
    const after = await createCheckpoint(store, signer, clock);
    expect(after.checkpoint).toMatchObject({ version: 2, archivedStreams: 2 });
    await reads(900, 3);
    expect(await verifyAgainstCheckpoint(store, after, trusted())).toMatchObject({ ok: true });
    expect(await archiver().verifyArchives()).toMatchObject({
      ok: true,
      checked: [
        { ok: true, eventsChecked: 24 },
        { ok: true, eventsChecked: 8 },
      ],
    });
  });

  it('needs the archive file only for a checkpoint that covered part of an archived segment, and says so when it is gone', async () => {
    await archiver().archiveDue();
    rmSync(join(archiveDir, 'accesslog-20260101.main.jsonl.gz'));
    expect(await verifyAgainstCheckpoint(store, partial, { ...trusted(), archive: files() })).toMatchObject({
      ok: false,
      firstProblem: { kind: 'archive_unavailable', streamId: 'accesslog-20260101.main' },
    });
    expect(await verifyAgainstCheckpoint(store, whole, { ...trusted(), archive: files() })).toMatchObject({ ok: true });
    expect(await archiver().verifyArchives()).toMatchObject({
      ok: false,
      checked: [{ ok: false, problem: { kind: 'archive_unavailable' } }, { ok: true }],
    });
  });

  it('detects an archive file whose content was changed, even with its hashes recomputed, and one that was replaced whole', async () => {
    await archiver().archiveDue();
    const path = join(archiveDir, 'accesslog-20260101.main.jsonl.gz');
    const lines = gunzipSync(readFileSync(path)).toString('utf8').split('\n');
    writeFileSync(
      path,
      gzipSync(lines.map((line, i) => (i === 5 ? line.replace('"o":"a"', '"o":"d"') : line)).join('\n')),
    );
    expect(await archiver().verifyArchives('accesslog-20260101.main')).toMatchObject({
      ok: false,
      checked: [{ ok: false, problem: { kind: 'hash_mismatch' } }],
    });
    expect(await verifyAgainstCheckpoint(store, partial, { ...trusted(), archive: files() })).toMatchObject({
      ok: false,
      firstProblem: { kind: 'hash_mismatch' },
    });
    // The same edit with every hash after it recomputed: the chain holds, the manifest's head and SHA-256 do not.
    let prevHash = GENESIS_HASH;
    const rechained = lines.map((line, i) => {
      if (i === 0 || line === '') return line;
      const event = JSON.parse(i === 5 ? line.replace('"o":"a"', '"o":"d"') : line) as RecordedEvent & {
        revision: string;
      };
      const metadata = { ...event.metadata, prevHash };
      prevHash = recomputeHash({ ...event, revision: BigInt(event.revision), metadata }, chainHashOf(suite));
      return JSON.stringify({ ...event, metadata: { ...metadata, hash: prevHash } });
    });
    writeFileSync(path, gzipSync(rechained.join('\n')));
    expect(await archiver().verifyArchives('accesslog-20260101.main')).toMatchObject({
      ok: false,
      checked: [{ eventsChecked: 24, problem: { kind: 'archive_mismatch' } }],
    });
    expect(await verifyAgainstCheckpoint(store, partial, { ...trusted(), archive: files() })).toMatchObject({
      ok: false,
      firstProblem: { kind: 'archive_mismatch' },
    });
    writeFileSync(path, gzipSync(lines.slice(0, 10).join('\n') + '\n'));
    expect(await archiver().verifyArchives('accesslog-20260101.main')).toMatchObject({
      ok: false,
      checked: [{ problem: { kind: 'archive_mismatch' } }],
    });
  });

  it('detects an edited manifest: its chain breaks, and checkpoints and the archive check say so', async () => {
    await archiver().archiveDue();
    const db = new Database(file);
    const row = db
      .prepare<[string], { position: number; data: string }>(
        'SELECT position, data FROM events WHERE stream_id = ? AND revision = 0',
      )
      .get(ARCHIVE_MANIFEST_STREAM);
    db.prepare('UPDATE events SET data = ? WHERE position = ?').run(
      (row?.data ?? '').replace('"eventCount":24', '"eventCount":23'),
      row?.position,
    );
    db.close();
    expect(await verifyAll(store)).toMatchObject({
      ok: false,
      failure: { kind: 'hash_mismatch', streamId: ARCHIVE_MANIFEST_STREAM },
    });
    expect(await verifyAgainstCheckpoint(store, whole, trusted())).toMatchObject({
      ok: false,
      firstProblem: { kind: 'hash_mismatch', streamId: ARCHIVE_MANIFEST_STREAM },
    });
    expect(await archiver().verifyArchives()).toMatchObject({
      ok: false,
      problem: { streamId: ARCHIVE_MANIFEST_STREAM },
    });
  });

  it('finishes after a crash between the manifest entry and the removal: verification passes meanwhile and after', async () => {
    let failDelete = true;
    const crashing = new Proxy(store, {
      get: (target, key, receiver) =>
        key === 'deleteStream' && failDelete
          ? async () => {
              failDelete = false;
              throw new Error('crash');
            }
          : Reflect.get(target, key, receiver),
    });
    await expect(archiver(crashing).archiveDue()).rejects.toThrow('crash');
    expect((await store.readStream('accesslog-20260101.main')).length).toBe(24);
    const meanwhile = await createCheckpoint(store, signer, clock);
    expect(await verifyAgainstCheckpoint(store, whole, { ...trusted(), archive: files() })).toMatchObject({ ok: true });
    const run = await archiver().archiveDue();
    expect(run.archived.map((a) => a.streamId)).toEqual(['accesslog-20260101.main', 'accesslog-20260102.main']);
    expect(await verifyAgainstCheckpoint(store, meanwhile, { ...trusted(), archive: files() })).toMatchObject({
      ok: true,
    });
    expect(await verifyAgainstCheckpoint(store, partial, { ...trusted(), archive: files() })).toMatchObject({
      ok: true,
    });
  });
});
