import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATION_STREAM, RecordedEvent, SignedCheckpoint, STORE_MIGRATED } from '@xj/application';
import { SqliteEventStore } from '@xj/sqlite-event-store';
import { startTestApp } from '../../../../test/e2e/support/test-app';
import { clueUnderAnalysis, journeyClient, sentReferral, subject } from '../../../../test/e2e/support/journey-helpers';
import { run } from '../cli-run.fixtures-spec';

/**
 * Issue 18: "switching means a migration that re-chains into a new store and keeps the old one's
 * final checkpoint". A data directory the real API filled (intl) is migrated to gm; the new store
 * holds the same events chained with SM3, verifies, keeps the old final checkpoint (which still
 * verifies the old store), and the API starts on it under CRYPTO_SUITE=gm.
 */
const allEvents = async (filename: string): Promise<RecordedEvent[]> => {
  const store = new SqliteEventStore({ filename });
  try {
    return await store.readAll();
  } finally {
    await store.close();
  }
};

describe('cli crypto migrate', () => {
  let root: string;
  let source: string;
  let clueId: string;
  let credentials: Awaited<ReturnType<typeof startTestApp>>['credentials'];

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'xj-migrate-'));
    source = join(root, 'intl');
    const t = await startTestApp({}, source);
    const api = journeyClient(t);
    clueId = await clueUnderAnalysis(api);
    // Evidence attached under intl: its event keeps its SHA-256 in the migrated gm store.
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 0x41), Buffer.from('\n%%EOF\n')]);
    const attached = await t
      .http()
      .post(`/api/v1/clues/${clueId}/attachments`)
      .set({ Authorization: `Bearer ${await t.token('office')}` })
      .attach('file', pdf, 'evidence.pdf');
    expect(attached.status).toBe(200);
    await sentReferral(api, clueId, [subject('s-1')], 'panjin.ccdi');
    credentials = t.credentials;
    await t.close();
  }, 90_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('re-chains every event under SM3, keeps the final checkpoint, and the API starts on the new store', async () => {
    const target = join(root, 'gm');
    const migrated = await run(source, ['crypto', 'migrate', '--to', 'gm', '--out', target]);
    expect(migrated).toMatchObject({ exitCode: 0, json: { from: 'intl', to: 'gm', targetVerified: true } });

    const before = await allEvents(join(source, 'events.sqlite'));
    const after = await allEvents(join(target, 'events.sqlite'));
    const copied = after.filter((e) => e.streamId !== MIGRATION_STREAM);
    expect((migrated.json as { events: number }).events).toBe(before.length);
    const essence = (e: RecordedEvent) => [e.streamId, e.revision, e.eventId, e.type, e.data, e.metadata.recordedAt];
    expect(copied.map(essence)).toEqual(before.map(essence));
    // Chained anew: no hash is the old one.
    const oldHashes = new Set(before.map((e) => e.metadata.hash));
    expect(copied.some((e) => oldHashes.has(e.metadata.hash))).toBe(false);

    const [marker] = after.filter((e) => e.streamId === MIGRATION_STREAM);
    expect(marker).toMatchObject({ type: STORE_MIGRATED, data: { from: 'intl', to: 'gm', events: before.length } });
    const kept = JSON.parse(
      readFileSync(join(target, 'migrated-from', 'final-checkpoint.json'), 'utf8'),
    ) as SignedCheckpoint;
    expect((marker?.data as { finalCheckpoint: unknown }).finalCheckpoint).toEqual(kept);

    // The old store still verifies against its final checkpoint, kept with the new one.
    const file = join(root, 'final.json');
    writeFileSync(file, JSON.stringify(kept));
    expect(await run(source, ['checkpoint', 'verify', file])).toMatchObject({ exitCode: 0, json: { ok: true } });
    // The new store verifies under its suite; opened under the old one it refuses to start.
    // …with the evidence attached before the migration checked by the digest its event recorded.
    expect(await run(target, ['verify'], { CRYPTO_SUITE: 'gm' })).toMatchObject({
      exitCode: 0,
      json: { ok: true, evidence: { ok: true, blobsChecked: 1, problems: [] } },
    });
    expect((await run(target, ['verify'], { CRYPTO_SUITE: 'intl' })).exitCode).toBe(2);
    expect(existsSync(join(target, 'users.json'))).toBe(true);
    expect(existsSync(join(target, 'read-models.sqlite'))).toBe(false);

    const t = await startTestApp({ CRYPTO_SUITE: 'gm' }, target, credentials);
    try {
      const res = await t
        .http()
        .get(`/api/v1/clues/${clueId}`)
        .set('Authorization', `Bearer ${await t.token('auditor')}`);
      expect(res.status).toBe(200);
    } finally {
      await t.close();
    }
  }, 120_000);

  it('refuses the suite the store already has, a directory that is not empty, and a missing --to', async () => {
    expect(await run(source, ['crypto', 'migrate', '--to', 'intl', '--out', join(root, 'same')])).toMatchObject({
      exitCode: 2,
    });
    const busy = join(root, 'busy');
    await run(source, ['crypto', 'migrate', '--to', 'gm', '--out', busy]);
    const again = await run(source, ['crypto', 'migrate', '--to', 'gm', '--out', busy]);
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toContain('not empty');
    expect((await run(source, ['crypto', 'migrate', '--out', join(root, 'x')])).exitCode).toBe(2);
  }, 120_000);
});
