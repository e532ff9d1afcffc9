import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { Response } from 'supertest';
import {
  CLUES,
  REFERRALS,
  clueUnderAnalysis,
  expectAnswer,
  expectProblem,
  failToCorrectClaim,
  journeyClient,
  JourneyClient,
  sentReferral,
  subject,
  todayInChina,
} from './support/journey-helpers';
import { startTestApp, TestApp } from './support/test-app';

/** Official documents (文书, issue 19 §2) through HTTP: drawn up as DOCX, read like the case, attached on POST. */

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The text of word/document.xml's runs, paragraph by paragraph. */
const paragraphsOf = async (bytes: Buffer): Promise<string[]> => {
  const xml = (await (await JSZip.loadAsync(bytes)).file('word/document.xml')?.async('string')) ?? '';
  return [...xml.matchAll(/<w:p>(.*?)<\/w:p>/g)]
    .map((m) => [...(m[1] ?? '').matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''))
    .filter((text) => text.length > 0);
};

describe('Official documents (文书) through HTTP', () => {
  let t: TestApp;
  let api: JourneyClient;
  let clueId = '';
  let referralId = '';

  const download = async (user: string, path: string): Promise<Response> =>
    t
      .http()
      .get(path)
      .set({ Authorization: `Bearer ${await t.token(user)}` })
      .buffer(true)
      .parse((response, done) => {
        const parts: Buffer[] = [];
        response.on('data', (chunk: Buffer) => parts.push(chunk));
        response.on('end', () => done(null, Buffer.concat(parts)));
      });

  beforeAll(async () => {
    t = await startTestApp();
    api = journeyClient(t);
    clueId = await clueUnderAnalysis(api);
    referralId = await sentReferral(api, clueId, [subject('s-1')], 'panjin.ccdi');
  });
  afterAll(() => t.close());

  it('given a sent referral, when its transfer letter is asked for, then a GB/T 9704 DOCX addressed to the commission answers and the read is logged', async () => {
    const res = await download('office', `${REFERRALS}/${referralId}/documents/transfer-letter`);
    expect({ http: res.status, type: res.headers['content-type'] }).toEqual({ http: 200, type: DOCX });
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('问题线索移送函.docx'));
    const texts = await paragraphsOf(res.body as Buffer);
    expect(texts[1]).toBe(`法办移〔${todayInChina().slice(0, 4)}〕\u3000号`);
    expect(texts[3]).toBe('盘锦市纪委监委：');
    expect(texts).toContain('问题线索移送材料清单');
    expect(texts).toContain('附件：问题线索移送材料清单');
    // The commission it was sent to reads it too.
    expect((await download('ccdi', `${REFERRALS}/${referralId}/documents/transfer-letter`)).status).toBe(200);

    const log = await api.get(
      'auditor',
      `/api/v1/audit/access-log?caseKind=referral&caseId=${referralId}&userId=user-office`,
    );
    expect(
      (log.body.entries as { action: string; outcome: string; detail?: string }[]).map((e) => [
        e.action,
        e.outcome,
        e.detail,
      ]),
    ).toContainEqual(['document', 'allowed', 'transfer-letter']);
  });

  it('given a caller who may not see the referral, then 404 NOT_FOUND, logged as denied', async () => {
    expectProblem(
      await api.get('panshan-office-head', `${REFERRALS}/${referralId}/documents/transfer-letter`),
      404,
      'NOT_FOUND',
    );
    const log = await api.get(
      'auditor',
      `/api/v1/audit/access-log?caseKind=referral&caseId=${referralId}&userId=user-panshan-office-head`,
    );
    expect(
      (log.body.entries as { action: string; outcome: string }[]).map((e) => [e.action, e.outcome]),
    ).toContainEqual(['document', 'denied']);
  });

  it('lists the documents of the case with what is available now and whether the caller may draw them up; 404 for a case the caller may not see', async () => {
    const ok = (res: Response): Response => {
      expect({ http: res.status, code: res.body.code }).toEqual({ http: 200, code: undefined });
      return res;
    };
    const listed = ok(await api.get('office', `${REFERRALS}/${referralId}/documents`));
    expect(listed.body.documents).toEqual([
      { type: 'transfer-letter', title: '问题线索移送函', available: true, mayGenerate: true },
      { type: 'result-feedback', title: '处理结果反馈函', available: false, mayGenerate: true },
      { type: 'escalation-notice', title: '督办单', available: false, mayGenerate: true },
    ]);
    const clue = ok(await api.get('office', `${CLUES}/${clueId}/documents`));
    expect(clue.body.documents.map((d: { type: string; available: boolean }) => [d.type, d.available])).toEqual([
      ['supervision-instrument', false],
      ['escalation-notice', false],
    ]);
    // The auditor reads, and may not attach anything.
    const audited = ok(await api.get('auditor', `${REFERRALS}/${referralId}/documents`));
    expect(audited.body.documents.map((d: { mayGenerate: boolean }) => d.mayGenerate)).toEqual([false, false, false]);
    expectProblem(await api.get('panshan-office-head', `${REFERRALS}/${referralId}/documents`), 404, 'NOT_FOUND');
  });

  it('given a type the kind does not produce, or a step not reached, then 404 DOCUMENT.UNKNOWN_TYPE / 409 DOCUMENT.NOT_AVAILABLE', async () => {
    expectProblem(
      await api.get('office', `${REFERRALS}/${referralId}/documents/nonsense`),
      404,
      'DOCUMENT.UNKNOWN_TYPE',
    );
    expectProblem(
      await api.get('office', `${REFERRALS}/${referralId}/documents/rectification-notice`),
      404,
      'DOCUMENT.UNKNOWN_TYPE',
    );
    expectProblem(
      await api.get('office', `${REFERRALS}/${referralId}/documents/result-feedback`),
      409,
      'DOCUMENT.NOT_AVAILABLE',
    );
    expectProblem(
      await api.get('office', `${CLUES}/${clueId}/documents/supervision-instrument`),
      409,
      'DOCUMENT.NOT_AVAILABLE',
    );
  });

  it('when the transfer letter is generated (POST), then it is attached to the referral: EvidenceAttached in the history, the DOCX listed and downloadable', async () => {
    const res = await api.post('office', `${REFERRALS}/${referralId}/documents/transfer-letter`, undefined, {
      'If-Match': '"2"',
    });
    expect({ http: res.status, events: res.body.events, revision: res.body.revision }).toEqual({
      http: 200,
      events: ['EvidenceAttached'],
      revision: '3',
    });
    const history = await api.get('auditor', `${REFERRALS}/${referralId}/history`);
    expect((history.body.entries as { type: string }[]).map((e) => e.type).at(-1)).toBe('EvidenceAttached');
    const list = await api.get('office', `${REFERRALS}/${referralId}/attachments`);
    const attached = (list.body.attachments as { fileName: string; mediaType: string; sha256: string }[]).at(-1);
    expect(attached).toMatchObject({ fileName: '问题线索移送函.docx', mediaType: DOCX });
    const file = await download('office', `${REFERRALS}/${referralId}/attachments/${attached?.sha256}`);
    expect((await paragraphsOf(file.body as Buffer))[3]).toBe('盘锦市纪委监委：');
    // Read-only roles generate nothing.
    expectProblem(
      await api.post('auditor', `${REFERRALS}/${referralId}/documents/transfer-letter`),
      403,
      'AUTH.READ_ONLY_ROLE',
    );
  });

  it('given an issued supervision instrument, then its document carries the instrument’s title and 文号', async () => {
    const id = await clueUnderAnalysis(api);
    const verification = {
      ...failToCorrectClaim(),
      category: 'Inaction',
      verificationPlan: '调取卷宗',
      team: ['user-office'],
    };
    expectAnswer(await api.post('office-head', `${CLUES}/${id}/verification`, verification), 200, 'Verification');
    const instrument = {
      verificationReport: '罚款无法律依据',
      responsibleUnits: ['大洼区应急管理局'],
      instrument: { kind: 'ReconsiderationOpinion', documentNo: '盘复意〔2026〕7号', servedOn: todayInChina() },
    };
    expectAnswer(
      await api.post('office-head', `${CLUES}/${id}/supervision-instrument`, instrument),
      200,
      'Supervision',
    );
    const res = await download('office', `${CLUES}/${id}/documents/supervision-instrument`);
    expect(res.status).toBe(200);
    expect((await paragraphsOf(res.body as Buffer)).slice(1, 3)).toEqual(['盘复意〔2026〕7号', '行政复议意见书']);
  });

  it('given a template in DATA_DIR, then the next document takes its 文号 prefix and organisation names, no restart', async () => {
    const dir = join(t.dataDir, 'templates', 'documents');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'transfer-letter.json'),
      JSON.stringify({
        documentNoPrefix: '盘法办移',
        issuerMark: '{issuer}文件',
        organisationNames: { 'panjin.ccdi': '中共盘锦市纪律检查委员会' },
      }),
    );
    const texts = await paragraphsOf(
      (await download('office', `${REFERRALS}/${referralId}/documents/transfer-letter`)).body as Buffer,
    );
    expect(texts[0]).toMatch(/文件$/);
    expect(texts[1]).toMatch(/^盘法办移〔\d{4}〕/);
    expect(texts[3]).toBe('中共盘锦市纪律检查委员会：');
    writeFileSync(join(dir, 'transfer-letter.json'), JSON.stringify({ body: 'not a list' }));
    expectProblem(
      await api.get('office', `${REFERRALS}/${referralId}/documents/transfer-letter`),
      503,
      'DOCUMENT.TEMPLATE_INVALID',
    );
  });
});
