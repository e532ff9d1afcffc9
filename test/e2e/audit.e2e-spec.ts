import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import Database from 'better-sqlite3';
import request from 'supertest';
import { EventStore } from '@xj/application';
import { EVENTS_DB_FILENAME, SqliteEventStore } from '@xj/sqlite-event-store';
import { loadAppConfig } from '@xj/composition';
import { createApp, DemoCredential, seedDemoAccountsOnFirstStart } from '../../apps/api/src/bootstrap';
import { TestApp, startTestApp } from './support/test-app';
import {
  CLUES,
  JourneyClient,
  REFERRALS,
  clueBody,
  clueUnderAnalysis,
  expectAnswer,
  expectProblem,
  failToCorrectClaim,
  journeyClient,
  referralBody,
  subject,
  waitForSentOnClue,
} from './support/journey-helpers';

/**
 * Issue 6 through HTTP: history, time travel, the explanation of a referral, and the access log
 * that records every read of them (allowed or denied) — and refuses to answer when it cannot.
 */

type Entry = {
  revision: string;
  type: string;
  recordedAt: string;
  hash: string;
  prevHash: string;
  data?: unknown;
  description: { zh: string; en: string };
};
type LogEntry = {
  reader: { userId: string };
  action: string;
  outcome: string;
  target: { kind: string; id: string };
  request: { correlationId: string; clientIp: string; path: string };
  detail?: string;
};

const REFERRAL_ID = 'ref-audit-0001';
const subjects = [
  subject('s-1', { name: '被反映人甲' }),
  subject('s-2', { name: '被反映人乙', cadreRank: 'TownshipSectionOrBelow' }),
];

describe('Audit views and the access log through HTTP', () => {
  let t: TestApp;
  let api: JourneyClient;
  let clueId = '';
  const accessLog = async (query: string, user = 'auditor'): Promise<LogEntry[]> => {
    const res = await api.get(user, `/api/v1/audit/access-log?${query}`);
    expect({ http: res.status, code: res.body.code }).toEqual({ http: 200, code: undefined });
    return res.body.entries as LogEntry[];
  };

  beforeAll(async () => {
    t = await startTestApp();
    api = journeyClient(t);
    clueId = await clueUnderAnalysis(api, { subjects });
    const verification = {
      ...failToCorrectClaim(),
      category: 'Inaction',
      verificationPlan: '调取卷宗',
      team: ['user-office'],
    };
    expectAnswer(
      await api.post('office-head', `${CLUES}/${clueId}/verification`, verification),
      200,
      'Verification',
      2,
    );
    expectAnswer(
      await api.post('office', `${CLUES}/${clueId}/referral-proposals`, {
        ...failToCorrectClaim(),
        referralId: REFERRAL_ID,
      }),
      200,
      'Verification',
      3,
    );
    expectAnswer(
      await api.post('office', REFERRALS, referralBody(clueId, subjects, { referralId: REFERRAL_ID })),
      201,
      'Draft',
      0,
    );
    expectAnswer(
      await api.post('office-head', `${REFERRALS}/${REFERRAL_ID}/approval`, { opinion: '同意移送' }),
      200,
      'Approved',
      1,
    );
    expectAnswer(
      await api.post('office', `${REFERRALS}/${REFERRAL_ID}/sending`, {
        target: { orgId: 'panjin.ccdi', kind: 'DisciplineCommission' },
      }),
      200,
      'Sent',
      2,
    );
    await waitForSentOnClue(api, 'office', clueId, REFERRAL_ID);
    expectAnswer(
      await api.post('ccdi', `${REFERRALS}/${REFERRAL_ID}/receipt`, { registrationNo: '盘纪案登〔2026〕30号' }),
      200,
      'Received',
      3,
    );
  });
  afterAll(() => t.close());

  it('given a clue, when an auditor reads its history, then every event comes in order with actor, ids, hash chain, payload and a description in both languages naming no subject', async () => {
    const res = await api.get('auditor', `${CLUES}/${clueId}/history`);
    expect(res.status).toBe(200);
    const entries = res.body.entries as Entry[];
    expect(entries.map((e) => e.type)).toEqual([
      'ClueRegistered',
      'ClueAnalysisStarted',
      'VerificationStarted',
      'ReferralProposed',
      'ClueReferralSent',
    ]);
    expect(res.body).toMatchObject({
      kind: 'clue',
      id: clueId,
      revision: '4',
      redacted: false,
      nextFromRevision: null,
    });
    expect(entries[2]).toMatchObject({
      revision: '2',
      actor: { userId: 'user-office-head', role: 'RuleOfLawOffice', orgId: 'panjin.rol-office' },
      rulebookVersion: 'v1',
      schemaVersion: 1,
      description: {
        zh: expect.stringContaining('盘锦市委法治建设办 启动问题核实'),
        en: expect.stringContaining('Panjin Rule-of-Law Office started verification'),
      },
    });
    entries.slice(1).forEach((e, i) => expect(e.prevHash).toBe(entries[i]?.hash));
    expect(entries[0]?.data).toMatchObject({ subjects: [{ subjectId: 's-1' }, { subjectId: 's-2' }] });
    const descriptions = JSON.stringify(entries.map((e) => e.description));
    expect(descriptions).not.toContain('被反映人甲');
    expect(descriptions).toContain('被反映人 2 名');

    const page = await api.get('auditor', `${CLUES}/${clueId}/history?fromRevision=1&limit=2`);
    expect({
      revisions: (page.body.entries as Entry[]).map((e) => e.revision),
      next: page.body.nextFromRevision,
    }).toEqual({ revisions: ['1', '2'], next: '3' });
    expectProblem(await api.get('auditor', `${CLUES}/${clueId}/history?limit=501`), 400, 'REQUEST.VALIDATION_FAILED');
  });

  it('given the case-access rules, then the owning office reads the history, another county office and the commission get 404 like a missing case', async () => {
    expect((await api.get('office', `${CLUES}/${clueId}/history`)).status).toBe(200);
    expectProblem(await api.get('panshan-office-head', `${CLUES}/${clueId}/history`), 404, 'NOT_FOUND');
    expectProblem(await api.get('ccdi', `${CLUES}/${clueId}/history`), 404, 'NOT_FOUND');
    expectProblem(await api.get('office', `${CLUES}/no-such-clue/history`), 404, 'NOT_FOUND');
    expect((await api.get('ccdi', `${REFERRALS}/${REFERRAL_ID}/history`)).status).toBe(200);
    expectProblem(await api.get('dawa-ccdi-head', `${REFERRALS}/${REFERRAL_ID}/history`), 404, 'NOT_FOUND');
  });

  it('given the supervised agency, then it sees nothing before the instrument is served, and afterwards only its part of the history and a redacted past state', async () => {
    expectProblem(await api.get('dawa-emergency-head', `${CLUES}/${clueId}/history`), 404, 'NOT_FOUND');
    const instrument = {
      verificationReport: '逾期未纠正',
      responsibleUnits: ['大洼区应急管理局'],
      instrument: { kind: 'SupervisionOpinion', documentNo: '盘法督〔2026〕31号' },
    };
    expectAnswer(
      await api.post('office-head', `${CLUES}/${clueId}/supervision-instrument`, instrument),
      200,
      'Supervision',
      5,
    );
    const history = await api.get('dawa-emergency-head', `${CLUES}/${clueId}/history`);
    expect(history.status).toBe(200);
    expect(history.body.redacted).toBe(true);
    expect((history.body.entries as Entry[]).map((e) => [e.type, e.revision, e.data])).toEqual([
      ['SupervisionInstrumentIssued', '5', undefined],
    ]);
    expectProblem(await api.get('dawa-emergency-head', `${CLUES}/${clueId}/as-of?revision=2`), 404, 'NOT_FOUND');
    const now = await api.get('dawa-emergency-head', `${CLUES}/${clueId}/as-of?revision=5`);
    expect(now.status).toBe(200);
    expect(now.body.state).toMatchObject({ status: 'Supervision', instrument: { documentNo: '盘法督〔2026〕31号' } });
    expect(now.body.state.subjects).toBeUndefined();
    expect(now.body.state.evaluation).toBeUndefined();
  });

  it('given a referral, when read as of a revision or an instant, then the state is the fold up to that point; before it existed there is no state', async () => {
    const byRevision = await api.get('auditor', `${REFERRALS}/${REFERRAL_ID}/as-of?revision=1`);
    expect(byRevision.body).toMatchObject({
      kind: 'referral',
      id: REFERRAL_ID,
      revision: '1',
      currentRevision: '3',
      asOf: { at: null, revision: '1' },
      state: { status: 'Approved' },
    });
    const entries = (await api.get('auditor', `${REFERRALS}/${REFERRAL_ID}/history`)).body.entries as Entry[];
    const at = entries[2]?.recordedAt ?? '';
    const expected = entries
      .filter((e) => Date.parse(e.recordedAt) <= Date.parse(at))
      .map((e) => e.revision)
      .pop();
    const byTime = await api.get('auditor', `${REFERRALS}/${REFERRAL_ID}/as-of?at=${encodeURIComponent(at)}`);
    expect({
      revision: byTime.body.revision,
      recordedAt: byTime.body.recordedAt,
      status: byTime.body.state.status,
    }).toEqual({ revision: expected, recordedAt: entries[Number(expected)]?.recordedAt, status: 'Sent' });
    const before = await api.get('auditor', `${REFERRALS}/${REFERRAL_ID}/as-of?at=2020-01-01T00:00:00+08:00`);
    expect(before.body).toMatchObject({ revision: null, state: null });
    expectProblem(await api.get('auditor', `${REFERRALS}/${REFERRAL_ID}/as-of`), 400, 'AUDIT.AS_OF_POINT');
    expectProblem(
      await api.get('auditor', `${REFERRALS}/${REFERRAL_ID}/as-of?revision=1&at=${encodeURIComponent(at)}`),
      400,
      'AUDIT.AS_OF_POINT',
    );
    expectProblem(
      await api.get('auditor', `${REFERRALS}/${REFERRAL_ID}/as-of?at=yesterday`),
      400,
      'REQUEST.VALIDATION_FAILED',
    );
  });

  it('given a referral, when explained, then the matched situation, evidence, rulebook, proposer, approver, recipient and deadlines are shown', async () => {
    const res = await api.get('auditor', `${REFERRALS}/${REFERRAL_ID}/explanation`);
    expect(res.status).toBe(200);
    const e = res.body;
    expect(e).toMatchObject({
      referralId: REFERRAL_ID,
      clueId,
      rulebook: { version: 'v1', known: true },
      transferMandatory: true,
      discretionary: false,
    });
    expect(e.situations[0]).toMatchObject({
      code: 'FailToCorrectIllegalAct',
      matched: true,
      evidenceMissing: [],
      evidencePresent: expect.arrayContaining([
        expect.objectContaining({ code: 'FC.INSTRUMENT', labelZh: expect.any(String) }),
      ]),
    });
    expect(e.proposal).toMatchObject({ by: { userId: 'user-office' }, streamId: `clue-${clueId}` });
    expect(e.approval).toMatchObject({
      by: { userId: 'user-office-head' },
      opinion: '同意移送',
      proposedBy: { userId: 'user-office' },
    });
    expect(e.sending[0]).toMatchObject({
      type: 'ReferralSent',
      late: false,
      target: { orgId: 'panjin.ccdi', nameZh: '盘锦市纪委监委' },
    });
    const transfer = (
      e.deadlines as {
        rule: string;
        recordedBy: { type: string };
        outcome: string;
        basis: string;
        amount: number;
        unit: string;
      }[]
    ).find((d) => d.recordedBy.type === 'ReferralDrafted');
    expect(transfer).toMatchObject({
      rule: 'TransferAfterConditionsMet',
      amount: 15,
      unit: 'WorkingDays',
      outcome: 'met',
      basis: expect.stringContaining('第一时间'),
    });
    expect(e.deadlines).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule: 'CommissionAcceptance', outcome: 'open' })]),
    );
    expect((await api.get('ccdi', `${REFERRALS}/${REFERRAL_ID}/explanation`)).status).toBe(200);
    expectProblem(await api.get('dawa-ccdi-head', `${REFERRALS}/${REFERRAL_ID}/explanation`), 404, 'NOT_FOUND');
  });

  it('given the reads above, then the access log shows per case and per user who read what, allowed or denied, from which request', async () => {
    const correlation = 'audit-e2e-correlation-01';
    await t
      .http()
      .get(`${CLUES}/${clueId}`)
      .set('Authorization', `Bearer ${await t.token('justice')}`)
      .set('X-Correlation-Id', correlation)
      .expect(200);
    const byCase = await accessLog(`caseKind=clue&caseId=${clueId}`);
    const seen = byCase.map((e) => [e.reader.userId, e.action, e.outcome]);
    expect(seen).toEqual(
      expect.arrayContaining([
        ['user-auditor', 'history', 'allowed'],
        ['user-office', 'history', 'allowed'],
        ['user-panshan-office-head', 'history', 'denied'],
        ['user-ccdi', 'history', 'denied'],
        ['user-dawa-emergency-head', 'history', 'denied'],
        ['user-dawa-emergency-head', 'as-of', 'denied'],
        ['user-dawa-emergency-head', 'as-of', 'allowed'],
        ['user-justice', 'details', 'allowed'],
      ]),
    );
    const details = byCase.find((e) => e.reader.userId === 'user-justice');
    expect(details?.request).toMatchObject({
      correlationId: correlation,
      path: `${CLUES}/${clueId}`,
      clientIp: expect.stringMatching(/127\.0\.0\.1|::1/),
    });
    expect(byCase.find((e) => e.action === 'as-of' && e.outcome === 'denied')?.detail).toBe('revision=2');

    const byUser = await accessLog('userId=user-dawa-emergency-head');
    expect(byUser.every((e) => e.reader.userId === 'user-dawa-emergency-head')).toBe(true);
    expect(byUser.map((e) => [e.target.id, e.action, e.outcome])).toEqual([
      [clueId, 'history', 'denied'],
      [clueId, 'history', 'allowed'],
      [clueId, 'as-of', 'denied'],
      [clueId, 'as-of', 'allowed'],
    ]);
    const windowed = await accessLog(
      `caseKind=clue&caseId=${clueId}&userId=user-justice&from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
    );
    expect(windowed).toEqual([]);
  });

  it('given a missing case or a command on a hidden case, then the denied attempt is recorded against that id', async () => {
    expectProblem(await api.get('office', `${CLUES}/does-not-exist-1`), 404, 'NOT_FOUND');
    expectProblem(
      await api.post('panshan-office-head', `${CLUES}/${clueId}/analysis`, { analystUserId: 'user-x' }),
      404,
      'NOT_FOUND',
    );
    // The auditor's query is recorded before it is answered, so it lists itself last.
    expect(
      (await accessLog('caseKind=clue&caseId=does-not-exist-1')).map((e) => [e.reader.userId, e.action, e.outcome]),
    ).toEqual([
      ['user-office', 'details', 'denied'],
      ['user-auditor', 'access-log', 'allowed'],
    ]);
    const command = (await accessLog(`caseKind=clue&caseId=${clueId}&userId=user-panshan-office-head`)).find(
      (e) => e.action === 'command',
    );
    expect(command).toMatchObject({ outcome: 'denied', detail: 'StartAnalysis' });
  });

  it('given denied reads of random ids that do not exist, then each is recorded without any new stream in the store', async () => {
    const streams = (): number => {
      const db = new Database(join(t.dataDir, EVENTS_DB_FILENAME), { readonly: true });
      try {
        return (db.prepare('SELECT COUNT(*) AS n FROM streams').get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    expectProblem(await api.get('office', `${CLUES}/nx-warm-up`), 404, 'NOT_FOUND');
    const before = streams();
    const ids = Array.from({ length: 20 }, () => `nx-${randomUUID()}`);
    for (const id of ids) expectProblem(await api.get('office', `${CLUES}/${id}`), 404, 'NOT_FOUND');
    expect(streams()).toBe(before);
    expect(
      (await accessLog(`caseKind=clue&caseId=${ids[7]}`)).map((e) => [
        e.reader.userId,
        e.action,
        e.outcome,
        e.request.path,
      ]),
    ).toEqual([
      ['user-office', 'details', 'denied', `${CLUES}/${ids[7]}`],
      ['user-auditor', 'access-log', 'allowed', '/api/v1/audit/access-log'],
    ]);
  });

  it('given a cursor the API did not hand out, then 400 AUDIT.ACCESS_LOG_CURSOR', async () => {
    expectProblem(
      await api.get('auditor', `/api/v1/audit/access-log?caseKind=clue&caseId=${clueId}&cursor=s:clue-1:0:0`),
      400,
      'AUDIT.ACCESS_LOG_CURSOR',
    );
    expectProblem(
      await api.get(
        'auditor',
        `/api/v1/audit/access-log?caseKind=clue&caseId=${clueId}&cursor=${encodeURIComponent('a b')}`,
      ),
      400,
      'REQUEST.VALIDATION_FAILED',
    );
  });

  it('given the access log, then only auditors may read it, the attempts of others are recorded, and every query is itself recorded', async () => {
    expectProblem(
      await api.get('office', `/api/v1/audit/access-log?caseKind=clue&caseId=${clueId}`),
      403,
      'AUTH.ROLE_NOT_ALLOWED',
    );
    expectProblem(await api.get('auditor', '/api/v1/audit/access-log?caseKind=clue'), 400, 'AUDIT.ACCESS_LOG_QUERY');
    expectProblem(await api.get('auditor', '/api/v1/audit/access-log'), 400, 'AUDIT.ACCESS_LOG_QUERY');
    const log = await accessLog(`caseKind=clue&caseId=${clueId}`);
    expect(log.filter((e) => e.action === 'access-log').map((e) => [e.reader.userId, e.outcome])).toEqual(
      expect.arrayContaining([
        ['user-office', 'denied'],
        ['user-auditor', 'allowed'],
      ]),
    );
    await accessLog('userId=user-office');
    const aboutUser = await accessLog('caseKind=user&caseId=user-office');
    expect(aboutUser.map((e) => [e.reader.userId, e.action, e.outcome])).toEqual([
      ['user-auditor', 'access-log', 'allowed'],
      ['user-auditor', 'access-log', 'allowed'],
    ]);
    const page = await api.get('auditor', `/api/v1/audit/access-log?caseKind=clue&caseId=${clueId}&limit=2`);
    expect({ size: page.body.entries.length, next: typeof page.body.nextCursor }).toEqual({ size: 2, next: 'string' });
  });
});

describe('Audit is a requirement: a read that cannot be logged is not answered', () => {
  let app: INestApplication;
  let dir = '';
  let failLog = false;
  let credentials: readonly DemoCredential[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xj-e2e-audit-'));
    const config = loadAppConfig({ DATA_DIR: dir, DEMO: '1', LOG_LEVEL: 'silent', LOGIN_RATE_PER_MINUTE: '1000' });
    credentials = (await seedDemoAccountsOnFirstStart(config)) ?? [];
    const inner = new SqliteEventStore({ filename: join(dir, EVENTS_DB_FILENAME) });
    const store: EventStore = {
      append: (streamId, events, expected) =>
        failLog && streamId.startsWith('accesslog-')
          ? Promise.reject(new Error('disk full'))
          : inner.append(streamId, events, expected),
      readStream: (streamId, options) => inner.readStream(streamId, options),
      readAll: (options) => inner.readAll(options),
      subscribe: (options) => inner.subscribe(options),
      streamRevision: (streamId) => inner.streamRevision(streamId),
      close: () => inner.close(),
    };
    app = await createApp(config, { eventStore: store, quiet: true });
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given the log cannot be appended to, when a case is read, then 503 AUDIT.LOG_UNAVAILABLE and no case data', async () => {
    const login = async (username: string) =>
      (
        await request(app.getHttpServer())
          .post('/api/v1/auth/token')
          .send({ username, password: credentials.find((c) => c.username === username)?.password })
          .expect(200)
      ).body.accessToken as string;
    const office = { Authorization: `Bearer ${await login('office')}` };
    const created = await request(app.getHttpServer())
      .post(CLUES)
      .set(office)
      .send(clueBody({ summary: 'SECRET-SUMMARY' }))
      .expect(201);
    await request(app.getHttpServer()).get(`${CLUES}/${created.body.id}`).set(office).expect(200);
    failLog = true;
    for (const path of [
      `${CLUES}/${created.body.id}`,
      `${CLUES}/${created.body.id}/history`,
      `${CLUES}/${created.body.id}/as-of?revision=0`,
      `${CLUES}/missing-one`,
    ]) {
      const res = await request(app.getHttpServer()).get(path).set(office);
      expect({ path, http: res.status, code: res.body.code }).toEqual({
        path,
        http: 503,
        code: 'AUDIT.LOG_UNAVAILABLE',
      });
      expect(JSON.stringify(res.body)).not.toContain('SECRET-SUMMARY');
    }
  });
});
