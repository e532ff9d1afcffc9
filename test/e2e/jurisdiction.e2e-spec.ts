import { randomUUID } from 'node:crypto';
import { TestApp, startTestApp } from './support/test-app';
import { Account, MatrixFixtures, bodies } from './support/matrix-fixtures';

/**
 * Jurisdiction belongs to the person (DOMAIN.md Decision 5; 监察法 art. 16 管理权限): 厅局级 → the
 * provincial commission, 县处级 → the city's, 乡科级及以下 → the county's. Issue 17 items 1, 2 and 8,
 * through the API as a new user would try them.
 */
describe('jurisdiction by cadre rank, through the API', () => {
  let t: TestApp;
  let fx: MatrixFixtures;
  const R = '/api/v1/referrals';

  beforeAll(async () => {
    t = await startTestApp();
    fx = new MatrixFixtures(t);
    await fx.login();
  });
  afterAll(() => t.close());

  const must = async (account: Account, path: string, body: object = {}) => {
    const reply = await fx.send(account, 'POST', path, body);
    expect({ path, status: reply.status, code: reply.code }).toEqual({ path, status: reply.status, code: undefined });
    return reply;
  };
  /** A referral on a Dawa clue, drafted and approved by the Dawa office, with two persons of these ranks. */
  const approved = async (ranks: readonly [string, string]): Promise<string> => {
    const clueId = await fx.clue('Verification');
    const id = `ref-${randomUUID()}`;
    await must('dawa-office', `/api/v1/clues/${clueId}/referral-proposals`, { ...bodies.proposal(), referralId: id });
    await must('dawa-office', R, bodies.draft(clueId, id, ranks));
    await must('dawa-office-head', `${R}/${id}/approval`, bodies.approval());
    return id;
  };
  /** A call as a demo account outside the matrix's list (the provincial commission's head). */
  const asUser = async (username: string, method: 'get' | 'post', path: string, body: object = {}) => {
    const auth = { Authorization: `Bearer ${await t.token(username)}` };
    return method === 'get' ? t.http().get(path).set(auth) : t.http().post(path).set(auth).send(body);
  };

  it('refuses to send 县处级 persons (a 副区长) to the county commission, naming the competent one (item 1)', async () => {
    const id = await approved(['CountyDivision', 'CountyDivision']);
    const toCounty = await fx.send('dawa-office', 'POST', `${R}/${id}/sending`, bodies.sending('dawa.ccdi'));
    expect({ status: toCounty.status, code: toCounty.code }).toEqual({
      status: 422,
      code: 'REFERRAL.RECEIVER_NOT_COMPETENT',
    });
    expect(toCounty.body.detail).toBe(
      'By cadre management authority, 张某 (County/division level), 李某 (County/division level) fall under the city commission: Panjin Discipline Inspection and Supervision Commission.',
    );
    // Nothing was lost: the referral is still approved and goes to the city commission.
    await must('dawa-office', `${R}/${id}/sending`, bodies.sending('panjin.ccdi'));
  });

  it('refuses to forward 县处级 persons from the city commission to a county commission (item 2)', async () => {
    const id = await approved(['CountyDivision', 'CountyDivision']);
    await must('dawa-office', `${R}/${id}/sending`, bodies.sending('panjin.ccdi'));
    await must('ccdi', `${R}/${id}/receipt`, bodies.receipt());
    const forwarded = await fx.send('ccdi-head', 'POST', `${R}/${id}/forwarding`, {
      forwardTo: { orgId: 'dawa.ccdi' },
      reason: '转县纪委监委办理',
    });
    expect({ status: forwarded.status, code: forwarded.code }).toEqual({
      status: 422,
      code: 'REFERRAL.RECEIVER_NOT_COMPETENT',
    });
    // The city commission manages them: it accepts the whole referral.
    await must('ccdi-head', `${R}/${id}/acceptance`);
  });

  it('keeps the 乡科级 person at the county and forwards the 县处级 one to the city on partial acceptance', async () => {
    const id = await approved(['TownshipSectionOrBelow', 'CountyDivision']);
    await must('dawa-office', `${R}/${id}/sending`, bodies.sending('dawa.ccdi'));
    await must('dawa-ccdi-head', `${R}/${id}/receipt`, bodies.receipt());
    const keepsTheCityOne = await fx.send('dawa-ccdi-head', 'POST', `${R}/${id}/partial-acceptance`, {
      ...bodies.partial(),
      acceptedSubjectIds: ['s-2'],
    });
    expect(keepsTheCityOne.code).toBe('REFERRAL.RECEIVER_NOT_COMPETENT');
    const child = `ref-child-${id}`;
    await must('dawa-ccdi-head', `${R}/${id}/partial-acceptance`, { ...bodies.partial(), childReferralId: child });
    await fx.settled('ccdi-head', `${R}/${child}`);
    await must('ccdi', `${R}/${child}/receipt`, bodies.receipt());
    await must('ccdi-head', `${R}/${child}/acceptance`);
  });

  it('sends the rest of a partial acceptance to the 组织部 as 任免机关, which receives, accepts and decides (实施条例 art. 171(3), item 3)', async () => {
    const id = await approved(['TownshipSectionOrBelow', 'CountyDivision']);
    await must('dawa-office', `${R}/${id}/sending`, bodies.sending('dawa.ccdi'));
    await must('dawa-ccdi-head', `${R}/${id}/receipt`, bodies.receipt());
    const form = await fx.send('dawa-ccdi-head', 'GET', `/api/v1/cases/referral/${id}/actions`);
    const partial = (form.body.actions as { command: string; schema: { properties: Record<string, unknown> } }[]).find(
      (a) => a.command === 'PartiallyAcceptReferral',
    );
    if (!partial) throw new Error('PartiallyAcceptReferral is not offered');
    const forwardTo = partial.schema.properties.forwardTo as { properties: { orgId: { oneOf: { const: string }[] } } };
    const offered = forwardTo.properties.orgId.oneOf;
    expect(offered.map((c) => c.const)).toContain('panjin.org-dept');
    const child = `ref-child-${id}`;
    await must('dawa-ccdi-head', `${R}/${id}/partial-acceptance`, {
      ...bodies.partial(),
      forwardTo: { orgId: 'panjin.org-dept' },
      childReferralId: child,
      reason: '副区长由任免机关处理',
    });
    await fx.settled('org-dept-head', `${R}/${child}`);
    const opened = await fx.send('org-dept-head', 'GET', `${R}/${child}`);
    expect(opened.body.state).toMatchObject({
      status: 'Forwarded',
      parentReferralId: id,
      holder: { kind: 'AppointingAuthority', orgId: 'panjin.org-dept' },
    });
    await must('org-dept-head', `${R}/${child}/receipt`, bodies.receipt());
    await must('org-dept-head', `${R}/${child}/acceptance`);
    const read = await fx.send('org-dept-head', 'GET', `${R}/${child}`);
    expect(read.body.state).toMatchObject({ status: 'Accepted', acceptedSubjectIds: ['s-2'] });
    // Not a commission: it has no disposal methods; it records its 组织处理 next (R11).
    const next = await fx.send('org-dept-head', 'GET', `/api/v1/cases/referral/${child}/actions`);
    expect((next.body.actions as { command: string }[]).map((a) => a.command)).toContain('RecordOutcomes');
  });

  it('returns part of a referral (实施条例 art. 171(4)); the office re-routes that part to the 任免机关 (item 3)', async () => {
    const id = await approved(['TownshipSectionOrBelow', 'CountyDivision']);
    await must('dawa-office', `${R}/${id}/sending`, bodies.sending('dawa.ccdi'));
    await must('dawa-ccdi-head', `${R}/${id}/receipt`, bodies.receipt());
    const child = `ref-returned-${id}`;
    await must('dawa-ccdi-head', `${R}/${id}/partial-return`, { ...bodies.partialReturn(), childReferralId: child });
    const parent = await fx.send('dawa-ccdi-head', 'GET', `${R}/${id}`);
    expect(parent.body.state).toMatchObject({
      status: 'PartiallyAccepted',
      acceptedSubjectIds: ['s-1'],
      returnedSubjectIds: ['s-2'],
      childReferralIds: [child],
    });
    await fx.settled('dawa-office', `${R}/${child}`);
    const returned = await fx.send('dawa-office-head', 'GET', `${R}/${child}`);
    expect(returned.body.state).toMatchObject({
      status: 'Returned',
      parentReferralId: id,
      ownerOrgId: 'dawa.rol-office',
    });
    expect((returned.body.state as { package: { subjects: { subjectId: string }[] } }).package.subjects).toEqual([
      expect.objectContaining({ subjectId: 's-2' }),
    ]);
    // The part it returned is no longer the commission's case (Decision 6: who sees follows who holds).
    expect((await fx.send('dawa-ccdi-head', 'GET', `${R}/${child}`)).status).toBe(404);
    await must('dawa-office-head', `${R}/${child}/rerouting`, bodies.rerouting());
    await must('org-dept-head', `${R}/${child}/receipt`, bodies.receipt());
    await must('org-dept-head', `${R}/${child}/acceptance`);
    const accepted = await fx.send('org-dept-head', 'GET', `${R}/${child}`);
    expect(accepted.body.state).toMatchObject({ status: 'Accepted', acceptedSubjectIds: ['s-2'] });
  });

  it('takes 厅局级 persons and sends them to the provincial commission only, which receives and accepts (item 8)', async () => {
    const id = await approved(['DepartmentBureau', 'DepartmentBureau']);
    const toCity = await fx.send('dawa-office', 'POST', `${R}/${id}/sending`, bodies.sending('panjin.ccdi'));
    expect(toCity.code).toBe('REFERRAL.RECEIVER_NOT_COMPETENT');
    expect(String(toCity.body.detail)).toContain(
      'fall under the provincial commission: Liaoning Provincial Discipline Inspection and Supervision Commission',
    );
    await must('dawa-office', `${R}/${id}/sending`, bodies.sending('liaoning.ccdi'));
    await fx.settled('dawa-office', `${R}/${id}`, (state) => state?.status === 'Sent');
    const receipt = await asUser('province-ccdi-head', 'post', `${R}/${id}/receipt`, bodies.receipt());
    expect(receipt.status).toBe(200);
    const accepted = await asUser('province-ccdi-head', 'post', `${R}/${id}/acceptance`);
    expect({ status: accepted.status, state: accepted.body.status }).toEqual({ status: 200, state: 'Accepted' });
    const read = await asUser('province-ccdi-head', 'get', `${R}/${id}`);
    expect(read.body.state.holder).toMatchObject({ orgId: 'liaoning.ccdi', level: 'Province' });
  });

  it('lets only the owning office act on its referral, and a 督办 aim only at an organisation the raiser supervises (item 4)', async () => {
    const id = await approved(['TownshipSectionOrBelow', 'TownshipSectionOrBelow']);
    // The city office covers Dawa but did not draft the referral: it may not send it.
    const bySomeoneElse = await fx.send('office', 'POST', `${R}/${id}/sending`, bodies.sending('dawa.ccdi'));
    expect({ status: bySomeoneElse.status, code: bySomeoneElse.code }).toEqual({
      status: 403,
      code: 'AUTH.NOT_OWNING_OFFICE',
    });
    const escalate = (targetOrgId: string) =>
      fx.send('dawa-office-head', 'POST', `${R}/${id}/escalations`, {
        escalationType: 'Interview',
        reason: '约谈',
        targetOrgId,
      });
    const upwards = await escalate('panjin.rol-office');
    expect({ status: upwards.status, code: upwards.code }).toEqual({ status: 403, code: 'AUTH.OUTSIDE_JURISDICTION' });
    const unknown = await escalate('nowhere.office');
    expect({ status: unknown.status, code: unknown.code }).toEqual({ status: 422, code: 'ESCALATION.TARGET_UNKNOWN' });
    await must('dawa-office-head', `${R}/${id}/escalations`, {
      escalationType: 'Interview',
      reason: '约谈',
      targetOrgId: 'dawa.emergency',
    });
  });
});
