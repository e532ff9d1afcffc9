import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { CheckpointKeeper, EventStore, storeUnavailable } from '@xj/application';
import { SqliteEventStore } from '@xj/sqlite-event-store';
import { canMakeFilesReadOnly, makeFilesReadOnly } from '@xj/testing';
import { CheckpointKeeperHost, loadAppConfig } from '@xj/composition';
import { createApp, seedDemoAccountsOnFirstStart } from '../../apps/api/src/bootstrap';
import { TestApp, startTestApp } from './support/test-app';

/**
 * #13 items 3 and 8 through HTTP: readiness tells whether the store can WRITE, the store is
 * verified against the newest signed checkpoint at start-up, and a store found altered since
 * suspends writes (and all reads but auditors') until an administrator acknowledges.
 */
const clueBody = (summary: string) => ({
  regionId: 'panjin/dawa',
  source: 'Reconsideration',
  sourceRef: '盘复〔2026〕12号',
  receivedAt: '2026-03-02T09:00:00+08:00',
  agency: { orgId: 'dawa.emergency', name: '大洼区应急管理局' },
  summary,
});

const as = async (t: TestApp, user: string) => ({ Authorization: `Bearer ${await t.token(user)}` });
const started = async (t: TestApp): Promise<TestApp> => {
  await t.app.get(CheckpointKeeperHost).startedUp;
  return t;
};
const createClue = async (t: TestApp, summary: string, status: number) =>
  t
    .http()
    .post('/api/v1/clues')
    .set(await as(t, 'office'))
    .send(clueBody(summary))
    .expect(status);
const checkpointFiles = (dir: string): string[] => readdirSync(join(dir, 'checkpoints')).sort();

/** A second connection to the data directory's events.sqlite: someone editing the file while the product is down. */
const editEvents = (dir: string, edit: (db: Database.Database) => void): void => {
  const db = new Database(join(dir, 'events.sqlite'));
  try {
    db.transaction(() => edit(db))();
  } finally {
    db.close();
  }
};

describe('readiness reports a store that cannot write', () => {
  /** The real embedded store, whose appends and write probe fail as on a full disk (SQLITE_FULL → STORE.UNAVAILABLE). */
  const fullDisk = (inner: SqliteEventStore) => {
    const state = { full: false };
    const fail = () => Promise.reject(storeUnavailable('SQLite event store unavailable (SQLITE_FULL).', undefined));
    const store = new Proxy(inner, {
      get(target, property) {
        if (property === 'append')
          return (...args: Parameters<EventStore['append']>) => (state.full ? fail() : target.append(...args));
        if (property === 'probeWrite') return () => (state.full ? fail() : target.probeWrite());
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
      },
    });
    return { store, state };
  };

  it('goes to 503 store_not_writable while writes fail (an injected full disk), liveness stays 200, and recovers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xj-e2e-full-'));
    const config = loadAppConfig({ DATA_DIR: dir, DEMO: '1', LOG_LEVEL: 'silent', LOGIN_RATE_PER_MINUTE: '1000' });
    const credentials = (await seedDemoAccountsOnFirstStart(config)) ?? [];
    const disk = fullDisk(new SqliteEventStore({ filename: join(dir, 'events.sqlite') }));
    const app = await createApp(config, { quiet: true, eventStore: disk.store });
    await app.init();
    const http = () => request(app.getHttpServer());
    try {
      await app.get(CheckpointKeeperHost).startedUp;
      const password = credentials.find((c) => c.username === 'office')?.password;
      const office = {
        Authorization: `Bearer ${(await http().post('/api/v1/auth/token').send({ username: 'office', password }).expect(200)).body.accessToken}`,
      };
      disk.state.full = true;
      // The first start's last write (the organisations seeded, issue 18) stands for the store's
      // writability for 2 s (StoreWritability's freshness window); after it, nothing has been written
      // and the write probe finds out (reads still work).
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      const probed = await http().get('/health/ready').expect(503);
      expect(probed.headers['content-type']).toContain('application/problem+json');
      expect(probed.body).toMatchObject({ status: 503, code: 'HEALTH.NOT_READY', reasons: ['store_not_writable'] });
      expect(probed.body.checks.eventStore).toMatchObject({
        status: 'down',
        reason: 'store_not_writable',
        seenBy: 'probe',
      });
      expect((await http().post('/api/v1/clues').set(office).send(clueBody('x')).expect(503)).body.code).toBe(
        'STORE.UNAVAILABLE',
      );
      expect((await http().get('/health/ready').expect(503)).body.checks.eventStore).toMatchObject({
        reason: 'store_not_writable',
        seenBy: 'append',
      });
      await http().get('/health/live').expect(200);

      disk.state.full = false;
      await http().post('/api/v1/clues').set(office).send(clueBody('y')).expect(201);
      expect((await http().get('/health/ready').expect(200)).body.info.eventStore).toMatchObject({
        status: 'up',
        seenBy: 'append',
      });
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // The real file made read-only under the running product: only the immutable attribute does
  // that for a file already open, and for root (chmod does neither). Skipped where it is unavailable
  // (no CAP_LINUX_IMMUTABLE, or a file system without it); the injected full disk above runs everywhere.
  (canMakeFilesReadOnly() ? it : it.skip)(
    'goes to 503 store_not_writable when the event store file turns read-only, and recovers',
    async () => {
      const t = await started(await startTestApp());
      const files = [join(t.dataDir, 'events.sqlite'), join(t.dataDir, 'events.sqlite-wal')];
      try {
        await createClue(t, 'before', 201);
        const readOnly = makeFilesReadOnly(files);
        if (!readOnly) throw new Error('canMakeFilesReadOnly() said yes');
        try {
          expect((await createClue(t, 'refused by the disk', 503)).body.code).toBe('STORE.UNAVAILABLE');
          const ready = await t.http().get('/health/ready').expect(503);
          expect(ready.body).toMatchObject({
            code: 'HEALTH.NOT_READY',
            reasons: ['store_not_writable'],
            checks: { eventStore: { status: 'down', writable: false } },
          });
          await t.http().get('/health/live').expect(200);
        } finally {
          readOnly.undo();
        }
        await createClue(t, 'accepted again', 201);
        await t.http().get('/health/ready').expect(200);
      } finally {
        await t.close();
      }
    },
  );
});

describe('a store tampered with between two runs', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('signs a checkpoint at start-up and at shutdown, and none at the next start when nothing changed', async () => {
    dir = mkdtempSync(join(tmpdir(), 'xj-e2e-checkpoints-'));
    const first = await started(await startTestApp({}, dir));
    expect(checkpointFiles(dir)).toHaveLength(1);
    const created = await createClue(first, 'covered by the shutdown checkpoint', 201);
    await first.close();
    const files = checkpointFiles(dir);
    expect(files).toHaveLength(2);
    const restarted = await started(await startTestApp({}, dir, first.credentials));
    try {
      expect(checkpointFiles(dir)).toEqual(files);
      const latest = (
        await restarted
          .http()
          .get('/api/v1/integrity/checkpoints/latest')
          .set(await as(restarted, 'auditor'))
          .expect(200)
      ).body;
      expect(latest.checkpoint.globalPosition).toBe(created.body.position);
      expect((await restarted.http().get('/health/ready').expect(200)).body.info.integrity).toEqual({
        status: 'up',
        verification: 'passed',
        verifiedAt: expect.any(String),
      });
    } finally {
      await restarted.close();
    }
  });

  it('finds a whole case deleted: not ready, writes refused, auditors still read; an administrator acknowledges and writes resume', async () => {
    dir = mkdtempSync(join(tmpdir(), 'xj-e2e-tampered-'));
    const first = await started(await startTestApp({}, dir));
    const kept = (await createClue(first, 'kept', 201)).body.id as string;
    const deleted = (await createClue(first, 'deleted behind the product’s back', 201)).body.id as string;
    await first.close();
    const signedBefore = checkpointFiles(dir);
    editEvents(dir, (db) => {
      db.prepare('DELETE FROM events WHERE stream_id = ?').run(`clue-${deleted}`);
      db.prepare('DELETE FROM streams WHERE stream_id = ?').run(`clue-${deleted}`);
    });

    const t = await started(await startTestApp({}, dir, first.credentials));
    try {
      const ready = await t.http().get('/health/ready').expect(503);
      expect(ready.body).toMatchObject({ code: 'HEALTH.NOT_READY', reasons: ['integrity_breach'] });
      expect(ready.body.checks.integrity).toMatchObject({
        status: 'down',
        reason: 'integrity_breach',
        verification: 'breach',
        breaches: [{ kind: 'truncated' }],
      });
      expect(ready.body.checks.eventStore.status).toBe('up');

      const office = await as(t, 'office');
      const auditor = await as(t, 'auditor');
      const admin = await as(t, 'admin');
      const security = await as(t, 'secadmin');
      const refused = await t.http().post('/api/v1/clues').set(office).send(clueBody('during the breach')).expect(503);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body.code).toBe('INTEGRITY.WRITES_SUSPENDED');
      expect(
        (
          await t
            .http()
            .post(`/api/v1/clues/${kept}/analysis`)
            .set(office)
            .send({ analystUserId: 'user-office' })
            .expect(503)
        ).body.code,
      ).toBe('INTEGRITY.WRITES_SUSPENDED');
      expect((await t.http().get(`/api/v1/clues/${kept}`).set(office).expect(503)).body.code).toBe(
        'INTEGRITY.READS_SUSPENDED',
      );
      expect((await t.http().get('/api/v1/ledgers/clues').set(office).expect(503)).body.code).toBe(
        'INTEGRITY.READS_SUSPENDED',
      );
      await t.http().get(`/api/v1/clues/${kept}`).set(auditor).expect(200);
      await t.http().get(`/api/v1/clues/${kept}/history`).set(auditor).expect(200);
      expect(
        (await t.http().post('/api/v1/integrity/verification').set(auditor).send({}).expect(200)).body,
      ).toMatchObject({ ok: false, firstProblem: { kind: 'truncated', streamId: `clue-${deleted}` } });
      expect((await t.http().post('/api/v1/integrity/checkpoints').set(auditor).expect(503)).body.code).toBe(
        'INTEGRITY.WRITES_SUSPENDED',
      );
      expect(checkpointFiles(dir)).toEqual(signedBefore);

      const [breach, ...others] = (await t.http().get('/api/v1/integrity/breaches').set(admin).expect(200)).body.items;
      expect(others).toEqual([]);
      expect(breach).toMatchObject({
        detectedDuring: 'start',
        problem: { kind: 'truncated', streamId: `clue-${deleted}` },
        checkpoint: { globalPosition: expect.any(String) },
      });
      expect(breach.acknowledgement).toBeUndefined();
      const ack = { breachId: breach.breachId, reason: '线索 deleted by an operator; restored to the paper file' };
      expect(
        (await t.http().post('/api/v1/integrity/breach-acknowledgements').set(office).send(ack).expect(403)).body.code,
      ).toBe('AUTH.ROLE_NOT_ALLOWED');
      // 三员分立: responding to a breach is the security administrator's, not the system administrator's.
      expect(
        (await t.http().post('/api/v1/integrity/breach-acknowledgements').set(admin).send(ack).expect(403)).body.code,
      ).toBe('AUTH.ROLE_NOT_ALLOWED');
      await t
        .http()
        .post('/api/v1/integrity/breach-acknowledgements')
        .set(security)
        .send({ breachId: breach.breachId })
        .expect(400);
      const acknowledged = await t
        .http()
        .post('/api/v1/integrity/breach-acknowledgements')
        .set(security)
        .send(ack)
        .expect(201);
      expect(acknowledged.body.acknowledgement).toEqual({
        acknowledgedAt: expect.any(String),
        by: expect.objectContaining({ role: 'SecurityAdministrator' }),
        reason: ack.reason,
      });
      expect(
        (await t.http().post('/api/v1/integrity/breach-acknowledgements').set(security).send(ack).expect(409)).body
          .code,
      ).toBe('INTEGRITY.BREACH_ALREADY_ACKNOWLEDGED');

      // Writes resume, and the next checkpoint is signed now, over the store as it is.
      await t.app.get(CheckpointKeeper).idle();
      expect(checkpointFiles(dir)).toHaveLength(signedBefore.length + 1);
      expect((await t.http().get('/health/ready').expect(200)).body.info.integrity.status).toBe('up');
      await t.http().post('/api/v1/clues').set(office).send(clueBody('after the acknowledgement')).expect(201);
      await t.http().get(`/api/v1/clues/${kept}`).set(office).expect(200);
    } finally {
      await t.close();
    }

    const again = await started(await startTestApp({}, dir, first.credentials));
    try {
      await again.http().get('/health/ready').expect(200);
      expect(
        (
          await again
            .http()
            .get('/api/v1/integrity/breaches')
            .set(await as(again, 'auditor'))
            .expect(200)
        ).body.items,
      ).toHaveLength(1);
    } finally {
      await again.close();
    }
  });

  it('finds an edited event; once acknowledged, writes resume but no checkpoint is signed over the broken chain, and the finding is not raised again', async () => {
    dir = mkdtempSync(join(tmpdir(), 'xj-e2e-edited-'));
    const first = await started(await startTestApp({}, dir));
    const id = (await createClue(first, 'original', 201)).body.id as string;
    await first.close();
    const signedBefore = checkpointFiles(dir);
    editEvents(dir, (db) => {
      const row = db
        .prepare<[string], { position: number; data: string }>(
          'SELECT position, data FROM events WHERE stream_id = ? AND revision = 0',
        )
        .get(`clue-${id}`);
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(
        JSON.stringify({ ...JSON.parse(row?.data ?? '{}'), summary: 'edited' }),
        row?.position,
      );
    });

    const t = await started(await startTestApp({}, dir, first.credentials));
    try {
      expect((await t.http().get('/health/ready').expect(503)).body.reasons).toEqual(['integrity_breach']);
      const [breach] = (
        await t
          .http()
          .get('/api/v1/integrity/breaches')
          .set(await as(t, 'admin'))
          .expect(200)
      ).body.items;
      expect(breach.problem).toMatchObject({ kind: 'hash_mismatch', streamId: `clue-${id}`, revision: '0' });
      await t
        .http()
        .post('/api/v1/integrity/breach-acknowledgements')
        .set(await as(t, 'secadmin'))
        .send({ breachId: breach.breachId, reason: 'under investigation' })
        .expect(201);
      await t.app.get(CheckpointKeeper).idle();
      await t.http().get('/health/ready').expect(200);
      await createClue(t, 'writes resumed', 201);
      expect(checkpointFiles(dir)).toEqual(signedBefore);
    } finally {
      await t.close();
    }

    const again = await started(await startTestApp({}, dir, first.credentials));
    try {
      await again.http().get('/health/ready').expect(200);
      expect(
        (
          await again
            .http()
            .get('/api/v1/integrity/breaches')
            .set(await as(again, 'auditor'))
            .expect(200)
        ).body.items,
      ).toHaveLength(1);
    } finally {
      await again.close();
    }
  });
});
