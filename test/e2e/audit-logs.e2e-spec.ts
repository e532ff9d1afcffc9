import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Workbook } from 'exceljs';
import request from 'supertest';
import { ADMINISTRATION_LOG_STREAMS, canonicalJson, LogBundle, verifyLogBundle } from '@xj/application';
import { startTestApp, TestApp } from './support/test-app';

/** Binary answers (XLSX, the bundle) collected as a Buffer. */
const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/**
 * Issue 18, logs: the audit administrator (安全审计员) reads the administration log and exports it and
 * the access log as CSV, XLSX and a signed JSON bundle; each export is an event of the
 * administration log; a tampered administration event is found by the verification.
 */
describe('the audit administrator’s logs', () => {
  let t: TestApp;
  const as = async (user: string) => ({ Authorization: `Bearer ${await t.token(user)}` });
  /** After the organisations seeded at the first start (issue 18), also administration records. */
  let since = '';

  beforeAll(async () => {
    t = await startTestApp();
    // Two administration events: the system administrator creates an account, and disables it.
    const admin = await as('admin');
    await new Promise((resolve) => setTimeout(resolve, 5));
    since = new Date().toISOString();
    await t
      .http()
      .post('/api/v1/accounts')
      .set(admin)
      .send({
        username: 'li.log',
        displayName: '李',
        role: 'JusticeBureau',
        orgId: 'panjin.justice',
        position: 'Staff',
      })
      .expect(201);
    await t.http().post('/api/v1/accounts/li.log/disable').set(admin).send({ reason: '调离' }).expect(200);
    // A read recorded in the access log (a denied one: the auditor asks for a case nobody has).
    await t
      .http()
      .get('/api/v1/clues/00000000-0000-4000-8000-000000000001')
      .set(await as('auditor'))
      .expect(404);
  });
  afterAll(() => t.close());

  it('holds every administration stream to the prefix administration-', () => {
    for (const stream of ADMINISTRATION_LOG_STREAMS) expect(stream).toMatch(/^administration-[a-z]+$/);
  });

  it('lets only the audit administrator read the administration log, in recorded order, page by page', async () => {
    for (const user of ['admin', 'secadmin', 'auditor', 'office-head'])
      expect(
        (
          await t
            .http()
            .get('/api/v1/audit/administration-log')
            .set(await as(user))
            .expect(403)
        ).body.code,
      ).toBe('AUTH.ROLE_NOT_ALLOWED');
    const audit = await as('auditadmin');
    const first = await t
      .http()
      .get('/api/v1/audit/administration-log')
      .query({ limit: 1, from: since })
      .set(audit)
      .expect(200);
    expect(first.body.entries).toHaveLength(1);
    expect(first.body.entries[0]).toMatchObject({
      streamId: 'administration-accounts',
      type: 'AccountCreated',
      data: { username: 'li.log' },
      metadata: { actor: { role: 'Administrator' } },
    });
    const second = await t
      .http()
      .get('/api/v1/audit/administration-log')
      .query({ limit: 1, from: since, cursor: first.body.nextCursor })
      .set(audit)
      .expect(200);
    expect(second.body.entries[0]).toMatchObject({ type: 'AccountDisabled', data: { reason: '调离' } });
    const future = await t
      .http()
      .get('/api/v1/audit/administration-log')
      .query({ from: new Date(Date.now() + 3_600_000).toISOString() })
      .set(audit)
      .expect(200);
    expect(future.body).toEqual({ entries: [], nextCursor: null });
    const bad = await t.http().get('/api/v1/audit/administration-log?cursor=p:x').set(audit).expect(400);
    expect(bad.body.code).toBe('REQUEST.VALIDATION_FAILED');
  });

  it('exports the administration log as CSV and XLSX with Chinese headers, and records each export', async () => {
    const audit = await as('auditadmin');
    const csv = await t
      .http()
      .get('/api/v1/audit/administration-log/export.csv')
      .query({ from: since })
      .set(audit)
      .expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.startsWith('\uFEFF记录时间,操作人,操作人角色')).toBe(true);
    expect(csv.text).toContain('li.log');
    expect(csv.text).toContain('系统管理员');
    const xlsx = await t
      .http()
      .get('/api/v1/audit/administration-log/export.xlsx')
      .query({ from: since })
      .set(audit)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const workbook = new Workbook();
    await workbook.xlsx.load(xlsx.body as Parameters<Workbook['xlsx']['load']>[0]);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('管理日志');
    expect(sheet.getRow(1).getCell(5).value).toBe('事项');
    expect(sheet.getRow(2).getCell(5).value).toBe('创建账号');

    const log = (await t.http().get('/api/v1/audit/administration-log').set(audit).expect(200)).body.entries;
    const exports = log.filter((e: { type: string }) => e.type === 'AuditLogExported');
    expect(exports.map((e: { data: { format: string } }) => e.data.format)).toEqual(['csv', 'xlsx']);
    expect(exports[0]).toMatchObject({
      streamId: 'administration-logexports',
      data: {
        log: 'administration',
        records: 2,
        sha256: createHash('sha256').update(Buffer.from(csv.text, 'utf8')).digest('hex'),
      },
      metadata: { actor: { role: 'AuditAdministrator' } },
    });
    expect(csv.headers['x-export-sha256']).toBe(exports[0].data.sha256);
    // Exports are the audit administrator's, and nobody else's.
    for (const user of ['admin', 'secadmin', 'auditor'])
      await t
        .http()
        .get('/api/v1/audit/access-log/export.csv')
        .set(await as(user))
        .expect(403);
  });

  it('signs a JSON bundle that verifies, and that no longer verifies once a record is changed', async () => {
    const audit = await as('auditadmin');
    const res = await t
      .http()
      .get('/api/v1/audit/administration-log/export.json')
      .query({ from: since })
      .set(audit)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const bundle = JSON.parse((res.body as Buffer).toString('utf8')) as LogBundle;
    expect(bundle).toMatchObject({ log: 'administration', cryptoSuite: 'intl', signature: { algorithm: 'ed25519' } });
    expect(bundle.heads.map((h) => h.streamId)).toEqual([
      'administration-accounts',
      'administration-organisations',
      'administration-logexports',
    ]);
    expect(verifyLogBundle(bundle)).toMatchObject({ ok: true, problems: [] });

    const changed = structuredClone(bundle) as unknown as { records: { data: { reason?: string } }[] };
    changed.records[1]!.data.reason = '误操作';
    const report = verifyLogBundle(changed);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/signature does not verify/), expect.stringMatching(/hash/)]),
    );
  });

  it('exports the access log of every reader as CSV and as a signed bundle naming the batch events', async () => {
    const audit = await as('auditadmin');
    const csv = await t.http().get('/api/v1/audit/access-log/export.csv').set(audit).expect(200);
    expect(csv.text.startsWith('\uFEFF时间,查阅人')).toBe(true);
    expect(csv.text).toContain('user-auditor');
    const res = await t
      .http()
      .get('/api/v1/audit/access-log/export.json')
      .set(audit)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const bundle = JSON.parse((res.body as Buffer).toString('utf8')) as LogBundle;
    expect(bundle.log).toBe('access');
    expect(bundle.records.some((r) => (r['reader'] as { userId: string }).userId === 'user-auditor')).toBe(true);
    expect(bundle.events?.length).toBeGreaterThan(0);
    expect(verifyLogBundle(bundle).ok).toBe(true);
  });

  it('finds a tampered administration event: POST /api/v1/integrity/verification names it', async () => {
    const auditor = await as('auditor');
    expect((await t.http().post('/api/v1/integrity/verification').set(auditor).send({}).expect(200)).body.ok).toBe(
      true,
    );
    const db = new Database(join(t.dataDir, 'events.sqlite'));
    try {
      const row = db
        .prepare<[string], { position: number; data: string }>(
          'SELECT position, data FROM events WHERE stream_id = ? AND revision = 1',
        )
        .get('administration-accounts')!;
      const edited = { ...JSON.parse(row.data), reason: '本人申请' };
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(canonicalJson(edited), row.position);
    } finally {
      db.close();
    }
    const broken = await t.http().post('/api/v1/integrity/verification').set(auditor).send({}).expect(200);
    expect(broken.body).toMatchObject({
      ok: false,
      firstProblem: { kind: 'hash_mismatch', streamId: 'administration-accounts', revision: '1' },
    });
  });
});
