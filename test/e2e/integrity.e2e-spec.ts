import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { canonicalJson, EVENT_STORE, EventStore } from '@xj/application';
import { computeEventHash, GENESIS_HASH } from '@xj/application/event-store-kit';
import { CheckpointKeeperHost } from '@xj/composition';
import { TestApp, startTestApp } from './support/test-app';

/** Tamper evidence through HTTP: auditors verify chains, sign checkpoints and verify against them. */
const clueBody = (summary: string) => ({
  regionId: 'panjin/dawa',
  source: 'Reconsideration',
  sourceRef: '盘复〔2026〕12号',
  receivedAt: '2026-03-02T09:00:00+08:00',
  agency: { orgId: 'dawa.emergency', name: '大洼区应急管理局' },
  summary,
});

type Row = {
  position: number;
  stream_id: string;
  revision: number;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
};

describe('integrity API', () => {
  let t: TestApp;
  let clueStream: string;
  beforeAll(async () => {
    t = await startTestApp();
    // The start-up verification signs the first checkpoint (of the empty store) in the background.
    await t.app.get(CheckpointKeeperHost).startedUp;
    const office = { Authorization: `Bearer ${await t.token('office')}` };
    const created = await t
      .http()
      .post('/api/v1/clues')
      .set(office)
      .send(clueBody('The bureau did not decide within its time limit.'))
      .expect(201);
    await t
      .http()
      .post(`/api/v1/clues/${created.body.id}/analysis`)
      .set(office)
      .send({ analystUserId: 'user-office' })
      .expect(200);
    await t.http().post('/api/v1/clues').set(office).send(clueBody('A second clue.')).expect(201);
    clueStream = `clue-${created.body.id}`;
  });
  afterAll(() => t.close());

  const as = async (user: string) => ({ Authorization: `Bearer ${await t.token(user)}` });
  /** A second connection to the app's own events.sqlite, standing for someone editing the file. */
  const withFile = <T>(edit: (db: Database.Database) => T): T => {
    const db = new Database(join(t.dataDir, 'events.sqlite'));
    try {
      return db.transaction(() => edit(db))();
    } finally {
      db.close();
    }
  };

  it('is for auditors only: every route answers 403 AUTH.ROLE_NOT_ALLOWED to other roles, 401 without a token', async () => {
    const routes = [
      () => t.http().post('/api/v1/integrity/verification').send({}),
      () => t.http().post('/api/v1/integrity/checkpoints'),
      () => t.http().get('/api/v1/integrity/checkpoints'),
      () => t.http().get('/api/v1/integrity/checkpoints/latest'),
      () =>
        t
          .http()
          .post('/api/v1/integrity/checkpoints/verification')
          .send({ checkpoint: {}, signature: 'x', publicKey: 'y' }),
    ];
    for (const user of ['office', 'ccdi-head', 'admin']) {
      for (const route of routes) {
        const res = await route()
          .set(await as(user))
          .expect(403);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.body.code).toBe('AUTH.ROLE_NOT_ALLOWED');
      }
    }
    for (const route of routes) expect((await route().expect(401)).body.code).toBe('AUTH.UNAUTHENTICATED');
  });

  /** What the first start wrote before its start-up checkpoint: the organisations seeded (issue 18). */
  const seededAtStart = async (): Promise<number> =>
    (await t.app.get<EventStore>(EVENT_STORE).readStream('administration-organisations')).length;

  it('verifies one stream, or the whole store against the newest checkpoint saying what it cannot see; unknown streams are 404, bad names 400', async () => {
    const auditor = await as('auditor');
    const seeded = String(await seededAtStart());
    const all = await t.http().post('/api/v1/integrity/verification').set(auditor).send({}).expect(200);
    expect(all.body).toEqual({
      ok: true,
      checkedEvents: expect.any(Number),
      checkpoint: { createdAt: expect.any(String), globalPosition: seeded, keyId: expect.any(String) },
      blindSpots: ['truncated_tail', 'reordering_across_streams', 'consistent_rewrite'].map((kind) => ({
        kind,
        after: seeded,
        detail: expect.stringContaining('chain-checked only'),
      })),
      // The whole store's verification also checks the evidence files its events reference (issue 19 §1).
      evidence: { ok: true, blobsChecked: 0, problems: [] },
    });
    expect(all.body.checkedEvents).toBeGreaterThanOrEqual(3);
    const one = await t
      .http()
      .post('/api/v1/integrity/verification')
      .set(auditor)
      .send({ streamId: clueStream })
      .expect(200);
    expect(one.body).toEqual({
      ok: true,
      checkedEvents: 2,
      blindSpots: [
        { kind: 'truncated_tail', detail: expect.stringContaining('without a signed checkpoint') },
        { kind: 'consistent_rewrite', detail: expect.stringContaining('without a signed checkpoint') },
      ],
    });
    expect(
      (await t.http().post('/api/v1/integrity/verification').set(auditor).send({ streamId: 'clue-nope' }).expect(404))
        .body.code,
    ).toBe('NOT_FOUND');
    const bad = await t
      .http()
      .post('/api/v1/integrity/verification')
      .set(auditor)
      .send({ streamId: '../etc' })
      .expect(400);
    expect(bad.body.code).toBe('REQUEST.VALIDATION_FAILED');
    await t.http().post('/api/v1/integrity/verification').set(auditor).send({ extra: 1 }).expect(400);
  });

  it('signs checkpoints on demand with the key it created (0600) in the data directory at start-up, lists them and serves the latest', async () => {
    const auditor = await as('auditor');
    const atStart = (await t.http().get('/api/v1/integrity/checkpoints/latest').set(auditor).expect(200)).body;
    const seeded = await seededAtStart();
    expect(seeded).toBeGreaterThan(0);
    expect(atStart.checkpoint).toMatchObject({ globalPosition: String(seeded), eventCount: seeded });
    const signed = await t.http().post('/api/v1/integrity/checkpoints').set(auditor).expect(201);
    // Version 2 signs a digest of the heads, so its size does not grow with the streams; the list is kept beside it.
    expect(signed.body.checkpoint).toMatchObject({
      version: 2,
      streamCount: expect.any(Number),
      eventCount: expect.any(Number),
      headsDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(signed.body.checkpoint.heads).toBeUndefined();
    const heads = JSON.parse(
      gunzipSync(
        readFileSync(join(t.dataDir, 'checkpoints-heads', `${signed.body.checkpoint.headsDigest}.json.gz`)),
      ).toString('utf8'),
    );
    expect(heads).toEqual(
      expect.arrayContaining([{ streamId: clueStream, revision: '1', hash: expect.stringMatching(/^[0-9a-f]{64}$/) }]),
    );
    expect(signed.body.publicKey).toContain('BEGIN PUBLIC KEY');
    expect(statSync(join(t.dataDir, 'checkpoint-signing-key.pem')).mode & 0o777).toBe(0o600);
    const list = await t.http().get('/api/v1/integrity/checkpoints').set(auditor).expect(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ createdAt: atStart.checkpoint.createdAt, keyId: signed.body.checkpoint.keyId }),
      expect.objectContaining({ createdAt: signed.body.checkpoint.createdAt, keyId: signed.body.checkpoint.keyId }),
    ]);
    const latest = await t.http().get('/api/v1/integrity/checkpoints/latest').set(auditor).expect(200);
    expect(latest.body).toEqual(signed.body);
    const verified = await t
      .http()
      .post('/api/v1/integrity/checkpoints/verification')
      .set(auditor)
      .send(latest.body)
      .expect(200);
    expect(verified.body).toMatchObject({
      ok: true,
      checkpoint: { globalPosition: signed.body.checkpoint.globalPosition },
    });
  });

  it('rejects an edited checkpoint (report) and a body that is not one (400)', async () => {
    const auditor = await as('auditor');
    const latest = (await t.http().get('/api/v1/integrity/checkpoints/latest').set(auditor).expect(200)).body;
    const edited = { ...latest, checkpoint: { ...latest.checkpoint, eventCount: latest.checkpoint.eventCount + 1 } };
    const report = await t
      .http()
      .post('/api/v1/integrity/checkpoints/verification')
      .set(auditor)
      .send(edited)
      .expect(200);
    expect(report.body).toMatchObject({ ok: false, firstProblem: { kind: 'bad_signature' } });
    const missing = await t
      .http()
      .post('/api/v1/integrity/checkpoints/verification')
      .set(auditor)
      .send({ checkpoint: latest.checkpoint })
      .expect(400);
    expect(missing.body.code).toBe('REQUEST.VALIDATION_FAILED');
  });

  it('names the first broken event after the file was edited, refuses to sign over it (a breach), and catches a consistent rewrite against the newest checkpoint', async () => {
    const auditor = await as('auditor');
    const checkpoint = (await t.http().get('/api/v1/integrity/checkpoints/latest').set(auditor).expect(200)).body;
    const original = withFile(
      (db) =>
        db.prepare<[string], Row>('SELECT * FROM events WHERE stream_id = ? AND revision = 0').get(clueStream) as Row,
    );
    const edited = { ...JSON.parse(original.data), summary: 'Nothing happened.' };
    withFile((db) =>
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(canonicalJson(edited), original.position),
    );

    const broken = await t.http().post('/api/v1/integrity/verification').set(auditor).send({}).expect(200);
    expect(broken.body).toMatchObject({
      ok: false,
      firstProblem: { kind: 'hash_mismatch', streamId: clueStream, revision: '0', position: String(original.position) },
    });
    const refused = await t.http().post('/api/v1/integrity/checkpoints').set(auditor).expect(409);
    expect(refused.body.code).toBe('INTEGRITY.CHAIN_BROKEN');
    // Signing verified first and found the store altered: a breach, and writes are suspended.
    const breaches = (await t.http().get('/api/v1/integrity/breaches').set(auditor).expect(200)).body.items;
    expect(breaches).toEqual([
      expect.objectContaining({
        detectedDuring: 'on_demand',
        problem: expect.objectContaining({ kind: 'hash_mismatch', streamId: clueStream }),
      }),
    ]);
    expect((await t.http().post('/api/v1/integrity/checkpoints').set(auditor).expect(503)).body.code).toBe(
      'INTEGRITY.WRITES_SUSPENDED',
    );

    // Now recompute the stream's whole chain with the product's own hashing: every chain verifies again…
    withFile((db) => {
      let prev = GENESIS_HASH;
      for (const row of db
        .prepare<[string], Row>('SELECT * FROM events WHERE stream_id = ? ORDER BY revision')
        .all(clueStream)) {
        const metadataJson = canonicalJson({
          ...JSON.parse(row.metadata),
          prevHash: prev,
          recordedAt: row.recorded_at,
        });
        const hash = computeEventHash(prev, {
          streamId: row.stream_id,
          revision: BigInt(row.revision),
          eventId: row.event_id,
          type: row.type,
          dataJson: row.data,
          metadataJson,
        });
        db.prepare('UPDATE events SET prev_hash = ?, hash = ? WHERE position = ?').run(prev, hash, row.position);
        db.prepare('UPDATE streams SET hash = ? WHERE stream_id = ? AND revision = ?').run(
          hash,
          clueStream,
          row.revision,
        );
        prev = hash;
      }
    });
    expect(
      (await t.http().post('/api/v1/integrity/verification').set(auditor).send({ streamId: clueStream }).expect(200))
        .body.ok,
    ).toBe(true);
    // …but the whole store does not verify against the newest checkpoint, nor against the one exported before.
    const whole = await t.http().post('/api/v1/integrity/verification').set(auditor).send({}).expect(200);
    expect(whole.body).toMatchObject({
      ok: false,
      firstProblem: { kind: 'head_mismatch', streamId: clueStream, revision: '1' },
    });
    const report = await t
      .http()
      .post('/api/v1/integrity/checkpoints/verification')
      .set(auditor)
      .send(checkpoint)
      .expect(200);
    expect(report.body).toMatchObject({
      ok: false,
      firstProblem: { kind: 'head_mismatch', streamId: clueStream, revision: '1' },
    });
  });

  it('documents every route in the OpenAPI document', async () => {
    const paths = Object.keys((await t.http().get('/api/docs-json').expect(200)).body.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/integrity/verification',
        '/api/v1/integrity/checkpoints',
        '/api/v1/integrity/checkpoints/latest',
        '/api/v1/integrity/checkpoints/verification',
        '/api/v1/integrity/breaches',
        '/api/v1/integrity/breach-acknowledgements',
      ]),
    );
  });
});
