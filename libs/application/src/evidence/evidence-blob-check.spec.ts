import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@xj/sqlite-event-store';
import { TEST_EVENT_METADATA } from '@xj/testing';
import { checkEvidenceBlobs, collectOrphanBlobs } from './evidence-blob-check';
import { FileBlobStore } from './file-blob-store';

const sha = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
async function* once(bytes: Buffer): AsyncIterable<Uint8Array> {
  yield bytes;
}

describe('evidence blobs: verification and orphan collection', () => {
  let dir: string;
  let store: SqliteEventStore;
  let blobs: FileBlobStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'xj-evidence-check-'));
    store = new SqliteEventStore({ filename: ':memory:' });
    blobs = new FileBlobStore(join(dir, 'blobs'));
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const stored = async (bytes: Buffer): Promise<string> =>
    (await (await blobs.stage(once(bytes), 1024)).commit()).sha256;
  const attached = async (streamId: string, bytes: Buffer, size = bytes.length): Promise<void> => {
    await store.append(
      streamId,
      [
        {
          eventId: randomUUID(),
          type: 'EvidenceAttached',
          data: { sha256: sha(bytes), fileName: 'f.pdf', mediaType: 'application/pdf', size },
          metadata: TEST_EVENT_METADATA,
        },
      ],
      'any',
    );
  };
  const pathOf = (hash: string): string => join(dir, 'blobs', hash.slice(0, 2), hash.slice(2, 4), hash);

  it('given every referenced blob intact, then the check passes; missing, changed or resized ones are named with their stream', async () => {
    const [a, b, c] = [Buffer.from('%PDF-a'), Buffer.from('%PDF-b'), Buffer.from('%PDF-c')];
    await stored(a);
    await stored(b);
    await attached('clue-1', a);
    await attached('clue-2', a);
    await attached('clue-2', b);
    expect(await checkEvidenceBlobs(store, blobs)).toEqual({ ok: true, blobsChecked: 2, problems: [] });

    await attached('referral-3', c);
    writeFileSync(pathOf(sha(b)), 'forged');
    expect(await checkEvidenceBlobs(store, blobs)).toEqual({
      ok: false,
      blobsChecked: 3,
      problems: [
        { sha256: sha(b), streamId: 'clue-2', problem: 'hash_mismatch' },
        { sha256: sha(c), streamId: 'referral-3', problem: 'missing' },
      ],
    });
  });

  it('given blobs past the grace period that no event references, then only those are removed', async () => {
    const [kept, orphan, young] = [Buffer.from('kept'), Buffer.from('orphan'), Buffer.from('young')];
    for (const bytes of [kept, orphan, young]) await stored(bytes);
    await attached('clue-1', kept);
    const old = new Date('2026-01-01T00:00:00Z');
    utimesSync(pathOf(sha(kept)), old, old);
    utimesSync(pathOf(sha(orphan)), old, old);
    const clock = { now: () => new Date() };
    const result = await collectOrphanBlobs(store, blobs, clock, 60 * 60 * 1000);
    expect(result).toEqual({ removed: [sha(orphan)], stagingRemoved: 0 });
    expect(
      [await blobs.stat(sha(kept)), await blobs.stat(sha(orphan)), await blobs.stat(sha(young))].map(Boolean),
    ).toEqual([true, false, true]);
  });

  it('given an old orphan stored again, then it is young again and survives the next collection', async () => {
    const bytes = Buffer.from('again');
    await stored(bytes);
    const old = new Date('2026-01-01T00:00:00Z');
    utimesSync(pathOf(sha(bytes)), old, old);
    await stored(bytes);
    const result = await collectOrphanBlobs(store, blobs, { now: () => new Date() }, 60 * 60 * 1000);
    expect(result.removed).toEqual([]);
  });
});

describe('evidence blobs in a 国密 store (CRYPTO_SUITE=gm): SM3 throughout, never mixed', () => {
  let dir: string;
  let store: SqliteEventStore;
  let blobs: FileBlobStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'xj-evidence-check-gm-'));
    store = new SqliteEventStore({ filename: ':memory:', cryptoSuite: 'gm' });
    blobs = new FileBlobStore(join(dir, 'blobs'), 'sm3');
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const sm3 = (bytes: Buffer): string => createHash('sm3').update(bytes).digest('hex');
  const attach = (streamId: string, data: Record<string, unknown>) =>
    store.append(
      streamId,
      [
        {
          eventId: randomUUID(),
          type: 'EvidenceAttached',
          data: { fileName: 'f.pdf', mediaType: 'application/pdf', ...data },
          metadata: TEST_EVENT_METADATA,
        },
      ],
      'any',
    );

  it('given SM3-addressed blobs and events that record sm3, then they verify; a changed blob is found by its SM3', async () => {
    const [a, b] = [Buffer.from('%PDF-gm-a'), Buffer.from('%PDF-gm-b')];
    for (const bytes of [a, b]) expect((await (await blobs.stage(once(bytes), 1024)).commit()).sha256).toBe(sm3(bytes));
    await attach('clue-1', { sha256: sm3(a), hashAlgorithm: 'sm3', size: a.length });
    await attach('clue-2', { sha256: sm3(b), hashAlgorithm: 'sm3', size: b.length });
    expect(await checkEvidenceBlobs(store, blobs)).toEqual({ ok: true, blobsChecked: 2, problems: [] });
    const hash = sm3(b);
    writeFileSync(join(dir, 'blobs', hash.slice(0, 2), hash.slice(2, 4), hash), 'forged');
    expect((await checkEvidenceBlobs(store, blobs)).problems).toEqual([
      { sha256: hash, streamId: 'clue-2', problem: 'hash_mismatch' },
    ]);
  });

  it('given an event that records SHA-256 (or nothing: SHA-256, as before the field) in a gm store, then it is a mismatch, not checked with SM3', async () => {
    const bytes = Buffer.from('%PDF-intl');
    await attach('clue-1', { sha256: sha(bytes), hashAlgorithm: 'sha256', size: bytes.length });
    await attach('clue-2', { sha256: sha(bytes), size: bytes.length });
    expect(await checkEvidenceBlobs(store, blobs)).toEqual({
      ok: false,
      blobsChecked: 0,
      problems: [
        { sha256: sha(bytes), streamId: 'clue-1', problem: 'algorithm_mismatch' },
        { sha256: sha(bytes), streamId: 'clue-2', problem: 'algorithm_mismatch' },
      ],
    });
  });
});
