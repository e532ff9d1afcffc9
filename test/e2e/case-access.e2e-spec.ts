import {
  CLUES,
  JourneyClient,
  REFERRALS,
  clueUnderAnalysis,
  expectAnswer,
  expectProblem,
  failToCorrectClaim,
  journeyClient,
  referralBody,
  subject,
} from './support/journey-helpers';
import { TestApp, startTestApp } from './support/test-app';

/*
 * Issue 17 item 8 through HTTP: 抄送 (DOMAIN.md §3 CarbonCopy, §9.5 — for information only) and
 * 密级 机密 restricting reads to the 知悉范围 (保密法 2010 art. 16: named persons; the heads who name
 * them), in case reads, the inbox, the actions endpoint and the access log.
 */
describe('抄送 and 机密 through HTTP (issue 17 item 8)', () => {
  let t: TestApp;
  let api: JourneyClient;
  let clueId = '';
  let secretId = '';
  let position = '0';

  const draftAndSend = async (secrecyLevel: string): Promise<string> => {
    const drafted = await api.post('office', REFERRALS, referralBody(clueId, [subject('s-1')], { secrecyLevel }));
    expectAnswer(drafted, 201, 'Draft', 0);
    const id = drafted.body.id as string;
    expectAnswer(
      await api.post('office-head', `${REFERRALS}/${id}/approval`, { opinion: '同意移送' }),
      200,
      'Approved',
    );
    const target = { orgId: 'panjin.ccdi', kind: 'DisciplineCommission' };
    const sent = await api.post('office', `${REFERRALS}/${id}/sending`, { target });
    expectAnswer(sent, 200, 'Sent');
    position = String(sent.body.position);
    return id;
  };
  const status = async (user: string, path: string): Promise<number> => (await api.get(user, path)).status;
  const inboxIds = async (user: string): Promise<string[]> => {
    const res = await api.get(user, `/api/v1/inbox?limit=100&minPosition=${position}`);
    expect({ user, http: res.status }).toEqual({ user, http: 200 });
    return (res.body.items as { referralId: string }[]).map((i) => i.referralId);
  };
  const actionsOf = async (user: string, id: string): Promise<string[]> =>
    ((await api.get(user, `/api/v1/cases/referral/${id}/actions`)).body.actions as { command: string }[]).map(
      (a) => a.command,
    );

  beforeAll(async () => {
    t = await startTestApp();
    api = journeyClient(t);
    clueId = await clueUnderAnalysis(api);
    secretId = await draftAndSend('Secret');
  });
  afterAll(() => t.close());

  it('a 机密 referral: the drafter, the owning office head, the commission head and the auditor read it; colleagues, the leadership and commission staff get 404 (as for any hidden case)', async () => {
    const path = `${REFERRALS}/${secretId}`;
    const readers = ['office', 'office-head', 'ccdi-head', 'auditor'];
    const strangers = ['justice', 'justice-head', 'secretary', 'ccdi'];
    expect(await Promise.all(readers.map((u) => status(u, path)))).toEqual([200, 200, 200, 200]);
    expect(await Promise.all(strangers.map((u) => status(u, path)))).toEqual([404, 404, 404, 404]);
    expectProblem(await api.get('ccdi', path), 404, 'NOT_FOUND');
    expect(await inboxIds('ccdi-head')).toContain(secretId);
    expect(await inboxIds('ccdi')).not.toContain(secretId);
    // The actions endpoint offers the naming to the head, and nothing (404) to staff outside the circle.
    expect(await actionsOf('ccdi-head', secretId)).toEqual(
      expect.arrayContaining(['NameCaseHandlers', 'SendCarbonCopy']),
    );
    expect((await api.get('ccdi', `/api/v1/cases/referral/${secretId}/actions`)).status).toBe(404);
  });

  it('the commission head names a staff member a handler, who then reads it, finds it in the inbox and can register it; only own staff may be named', async () => {
    expectProblem(
      await api.post('ccdi-head', `${REFERRALS}/${secretId}/handlers`, { userIds: ['user-office'] }),
      403,
      'AUTH.HANDLER_OUTSIDE_ORGANISATION',
    );
    expectProblem(
      await api.post('ccdi-head', `${REFERRALS}/${secretId}/handlers`, { userIds: ['user-nobody'] }),
      422,
      'CASE.UNKNOWN_HANDLER',
    );
    expectProblem(
      await api.post('ccdi', `${REFERRALS}/${secretId}/handlers`, { userIds: ['user-ccdi'] }),
      404,
      'NOT_FOUND',
    );
    const named = await api.post('ccdi-head', `${REFERRALS}/${secretId}/handlers`, { userIds: ['user-ccdi'] });
    expectAnswer(named, 200, 'Sent');
    position = String(named.body.position);
    expect(await status('ccdi', `${REFERRALS}/${secretId}`)).toBe(200);
    expect(await inboxIds('ccdi')).toContain(secretId);
    expectAnswer(
      await api.post('ccdi', `${REFERRALS}/${secretId}/receipt`, { registrationNo: 'JW-2026-017' }),
      200,
      'Received',
    );
  });

  it('every read of the 机密 referral, allowed or refused, is in the access log', async () => {
    const res = await api.get('auditor', `/api/v1/audit/access-log?caseKind=referral&caseId=${secretId}&limit=200`);
    expect(res.status).toBe(200);
    const entries = res.body.entries as { reader: { userId: string }; outcome: string }[];
    const outcomes = (userId: string) =>
      new Set(entries.filter((e) => e.reader.userId === userId).map((e) => e.outcome));
    expect([...outcomes('user-secretary')]).toEqual(['denied']);
    expect(outcomes('user-ccdi').has('denied') && outcomes('user-ccdi').has('allowed')).toBe(true);
  });

  it('the office copies an ordinary referral to the 组织部, which reads it and finds it in its inbox but may not act on it', async () => {
    const id = await draftAndSend('Internal');
    expect(await status('org-dept-head', `${REFERRALS}/${id}`)).toBe(404);
    const copied = await api.post('office', `${REFERRALS}/${id}/carbon-copies`, {
      copyTo: [{ orgId: 'panjin.org-dept' }],
      note: '抄送移送函',
    });
    expectAnswer(copied, 200, 'Sent');
    position = String(copied.body.position);
    expect(await status('org-dept-head', `${REFERRALS}/${id}`)).toBe(200);
    expect(await inboxIds('org-dept-head')).toContain(id);
    expectProblem(
      await api.post('org-dept-head', `${REFERRALS}/${id}/receipt`, { registrationNo: 'X-1' }),
      403,
      'AUTH.ROLE_NOT_ALLOWED',
    );
    expectProblem(
      await api.post('office', `${REFERRALS}/${id}/carbon-copies`, {
        copyTo: [{ orgId: 'panjin.org-dept' }],
        note: '再抄',
      }),
      409,
      'REFERRAL.ALREADY_COPIED',
    );
    expectProblem(
      await api.post('office', `${REFERRALS}/${id}/carbon-copies`, {
        copyTo: [{ orgId: 'nowhere.org' }],
        note: '抄送',
      }),
      422,
      'CASE.UNKNOWN_RECIPIENT',
    );
  });

  it("the office copies a clue's supervision instrument to the commission, which then reads the clue", async () => {
    const verification = {
      ...failToCorrectClaim(),
      category: 'Inaction',
      verificationPlan: '调取卷宗',
      team: ['user-office'],
    };
    expectAnswer(await api.post('office-head', `${CLUES}/${clueId}/verification`, verification), 200, 'Verification');
    expect(await status('ccdi', `${CLUES}/${clueId}`)).toBe(404);
    const body = { copyTo: [{ orgId: 'panjin.ccdi' }], note: '抄送意见书' };
    expectProblem(await api.post('office', `${CLUES}/${clueId}/carbon-copies`, body), 409, 'CLUE.WRONG_STATE');
    const instrument = {
      verificationReport: '核实认定',
      responsibleUnits: ['大洼区应急管理局'],
      instrument: { kind: 'SupervisionOpinion', documentNo: '盘法督〔2026〕17号' },
    };
    expectAnswer(
      await api.post('office-head', `${CLUES}/${clueId}/supervision-instrument`, instrument),
      200,
      'Supervision',
    );
    expectAnswer(await api.post('office', `${CLUES}/${clueId}/carbon-copies`, body), 200, 'Supervision');
    expect(await status('ccdi', `${CLUES}/${clueId}`)).toBe(200);
  });
});
