import { TestApp, startTestApp } from './support/test-app';
import {
  CLUES,
  ITEMS,
  JourneyClient,
  REFERRALS,
  clueBody,
  clueUnderAnalysis,
  etagOf,
  expectAnswer,
  expectProblem,
  failToCorrectClaim,
  journeyClient,
  plusDays,
  referralBody,
  sentReferral,
  subject,
  todayInChina,
  waitForCase,
  waitForSentOnClue,
} from './support/journey-helpers';

/**
 * End-to-end journeys of the API issue, through HTTP only, each on its own app and data directory.
 * The steps of a journey run in order and share the ids they create.
 */

const today = todayInChina();
const evidenceDoc = (n: number) => [`doc://2026/04${n}`];

describe('Journey 1: a clue from registration to a closed referral, with its rectification closed first', () => {
  let t: TestApp;
  let api: JourneyClient;
  let clueId = '';
  let referralId = '';
  let immediateItem = '';
  let longTermItem = '';
  beforeAll(async () => {
    t = await startTestApp();
    api = journeyClient(t);
  });
  afterAll(() => t.close());

  // s-1 is a public official but no party member; s-2 is both. Both are 县处级: the city commission's.
  const subjects = [subject('s-1', { isPartyMember: false, post: '局长' }), subject('s-2')];

  it('given a clue registered and analysed by the city office, when its head orders verification of situation #5 with every required evidence code, then the evaluation makes transfer mandatory and a transfer deadline runs', async () => {
    const created = await api.post('office', CLUES, clueBody({ subjects }));
    expectAnswer(created, 201, 'Registered', 0);
    clueId = created.body.id;
    expectAnswer(
      await api.post('office', `${CLUES}/${clueId}/analysis`, { analystUserId: 'user-office' }),
      200,
      'Analysis',
      1,
    );

    const verification = {
      ...failToCorrectClaim(),
      category: 'Inaction',
      verificationPlan: '调取复议卷宗并现场核查',
      team: ['user-office'],
    };
    expectAnswer(
      await api.post('office-head', `${CLUES}/${clueId}/verification`, verification),
      200,
      'Verification',
      2,
    );

    const { state, revision } = await api.read('office', `${CLUES}/${clueId}`);
    expect(revision).toBe('2');
    expect(state.evaluation).toMatchObject({
      rulebookVersion: 'v1',
      transferMandatory: true,
      matchedCodes: ['FailToCorrectIllegalAct'],
    });
    expect(state.evaluation.rules).toEqual([
      expect.objectContaining({ code: 'FailToCorrectIllegalAct', matched: true, evidenceMissing: [] }),
    ]);
    expect(state.transferDeadline).toMatchObject({ rule: 'TransferAfterConditionsMet', from: today });
    expect(state.transferDeadline.dueOn > today).toBe(true);
  });

  it('given the verified clue, when the office proposes a referral, then the clue lists it and the transfer deadline keeps running', async () => {
    const proposal = { ...failToCorrectClaim(), legalBasis: ['行政复议法 (2023) art. 85'] };
    expectAnswer(await api.post('office', `${CLUES}/${clueId}/referral-proposals`, proposal), 200, 'Verification', 3);
    const { state } = await api.read('office', `${CLUES}/${clueId}`);
    expect(state.referralIds).toHaveLength(1);
    referralId = state.referralIds[0];
    expect(state.referrals[0]).toMatchObject({
      referralId,
      discretionary: false,
      matchedCodes: ['FailToCorrectIllegalAct'],
    });
    expect(state.transferDeadline).toBeDefined();
  });

  it('given the proposal, when the office drafts the referral with the package and its head approves it, then it is Approved with the rulebook verdict recorded', async () => {
    const drafted = await api.post('office', REFERRALS, { ...referralBody(clueId, subjects), referralId });
    expectAnswer(drafted, 201, 'Draft', 0);
    expect(drafted.body.id).toBe(referralId);
    expect(drafted.headers.location).toBe(`${REFERRALS}/${referralId}`);
    // Approval is the head's (R1).
    expectProblem(
      await api.post('office', `${REFERRALS}/${referralId}/approval`, { opinion: '同意' }),
      403,
      'AUTH.HEAD_REQUIRED',
    );
    expectAnswer(
      await api.post('office-head', `${REFERRALS}/${referralId}/approval`, { opinion: '同意移送市纪委监委' }),
      200,
      'Approved',
      1,
    );
    const { state } = await api.read('office', `${REFERRALS}/${referralId}`);
    expect(state).toMatchObject({ status: 'Approved', discretionary: false, evaluation: { transferMandatory: true } });
  });

  it('given the approved referral of two 县处级 cadres, when the office sends it to the city commission, then it is Sent and the clue shows it as sent with its transfer deadline stopped', async () => {
    const target = { orgId: 'panjin.ccdi', kind: 'DisciplineCommission' };
    expectAnswer(await api.post('office', `${REFERRALS}/${referralId}/sending`, { target }), 200, 'Sent', 2);
    await waitForSentOnClue(api, 'office', clueId, referralId);
    const { state, revision } = await api.read('office', `${CLUES}/${clueId}`);
    expect(revision).toBe('4');
    expect(state.sentReferralIds).toEqual([referralId]);
    expect(typeof state.transferredAt).toBe('string');
    expect(state.transferDeadline).toBeUndefined();
    expect(state.referrals[0].sentAt).toBe(state.transferredAt);
    // The county commission is not addressed and cannot see it.
    expectProblem(await api.get('dawa-ccdi-head', `${REFERRALS}/${referralId}`), 404, 'NOT_FOUND');
  });

  it('given the sent referral, when the city commission receives, accepts, decides 初核 and files a case, then it is CaseFiled', async () => {
    expectAnswer(
      await api.post('ccdi', `${REFERRALS}/${referralId}/receipt`, { registrationNo: '盘纪案登〔2026〕15号' }),
      200,
      'Received',
      3,
    );
    expectAnswer(await api.post('ccdi', `${REFERRALS}/${referralId}/acceptance`), 200, 'Accepted', 4);
    const disposal = { method: 'PreliminaryVerification', reason: '线索具体，具备可查性' };
    expectProblem(await api.post('ccdi', `${REFERRALS}/${referralId}/disposal`, disposal), 403, 'AUTH.HEAD_REQUIRED');
    expectAnswer(await api.post('ccdi-head', `${REFERRALS}/${referralId}/disposal`, disposal), 200, 'Disposing', 5);
    expectAnswer(
      await api.post('ccdi-head', `${REFERRALS}/${referralId}/case-filing`, { caseNo: '盘监立〔2026〕3号' }),
      200,
      'CaseFiled',
      6,
    );
  });

  it('given the filed case, when a party sanction is recorded for the non-member, then 422 and nothing is written; when the fitting outcomes are recorded per subject, then it is Decided', async () => {
    const entry = (subjectId: string, outcome: string, n: number) => ({
      subjectId,
      outcome,
      decisionDate: today,
      documentNo: `盘纪〔2026〕${n}号`,
    });
    const wrong = await api.post('ccdi', `${REFERRALS}/${referralId}/outcomes`, {
      outcomes: [entry('s-1', 'PartySanction.Warning', 7)],
    });
    expectProblem(wrong, 422, 'REFERRAL.OUTCOME_NOT_APPLICABLE');
    expect((await api.read('ccdi', `${REFERRALS}/${referralId}`)).revision).toBe('6');

    const outcomes = [
      entry('s-1', 'GovSanction.Demerit', 8),
      entry('s-2', 'PartySanction.SeriousWarning', 9),
      entry('s-2', 'TransferToProcuratorate', 10),
    ];
    expectAnswer(await api.post('ccdi', `${REFERRALS}/${referralId}/outcomes`, { outcomes }), 200, 'Decided', 7);
  });

  it('given the decision, when the commission feeds the result back and publishes a typical case, then it is ResultFedBack (publishing keeps the status)', async () => {
    expectAnswer(
      await api.post('ccdi', `${REFERRALS}/${referralId}/result-feedback`, { summary: '二人均已处理，一人移送检察院' }),
      200,
      'ResultFedBack',
      8,
    );
    const typical = { text: '某区应急管理局干部不依法纠正违法行为被问责', anonymised: true };
    expectAnswer(await api.post('ccdi', `${REFERRALS}/${referralId}/typical-case`, typical), 200, 'ResultFedBack', 9);
  });

  it('given the clue, when the office head issues the supervision instrument and the agency head submits a plan with one Immediate and one LongTerm item, then the clue is in Rectification and each item is Assigned', async () => {
    const instrument = {
      verificationReport: '核实认定：复议意见书送达后逾期未纠正',
      responsibleUnits: ['大洼区应急管理局'],
      instrument: { kind: 'SupervisionOpinion', documentNo: '盘法督〔2026〕3号' },
    };
    expectAnswer(
      await api.post('office-head', `${CLUES}/${clueId}/supervision-instrument`, instrument),
      200,
      'Supervision',
      5,
    );
    const plan = {
      items: [
        {
          issue: '违法罚款未撤销',
          measures: '撤销处罚决定并退还罚款',
          mode: 'Immediate',
          dueDate: today,
          responsiblePerson: '法制科 李某',
          owner: '局长 张某',
        },
        {
          issue: '法制审核流于形式',
          measures: '建立重大执法决定法制审核台账',
          mode: 'LongTerm',
          longTermTarget: '法制审核全覆盖',
          responsiblePerson: '法制科 李某',
          owner: '局长 张某',
        },
      ],
    };
    // Only the supervised agency's head signs the plan (签字背书).
    expectProblem(
      await api.post('dawa-emergency', `${CLUES}/${clueId}/rectification-plan`, plan),
      403,
      'AUTH.HEAD_REQUIRED',
    );
    expectAnswer(
      await api.post('dawa-emergency-head', `${CLUES}/${clueId}/rectification-plan`, plan),
      200,
      'Rectification',
      6,
    );

    const { state } = await api.read('office', `${CLUES}/${clueId}`);
    immediateItem = state.rectificationItems.find((i: { mode: string }) => i.mode === 'Immediate').itemId;
    longTermItem = state.rectificationItems.find((i: { mode: string }) => i.mode === 'LongTerm').itemId;
    for (const itemId of [immediateItem, longTermItem]) {
      await waitForCase(api, 'dawa-emergency', `${ITEMS}/${itemId}`);
      const item = await api.read('dawa-emergency', `${ITEMS}/${itemId}`);
      expect(item.revision).toBe('0');
      expect(item.state).toMatchObject({
        status: 'Assigned',
        clueId,
        agencyOrgId: 'dawa.emergency',
        regionId: 'panjin/dawa',
      });
    }
  });

  it('given the fed-back referral and an open Immediate item, when the office closes the referral, then 409 REFERRAL.RECTIFICATION_OPEN and nothing is written', async () => {
    const early = await api.post('office', `${REFERRALS}/${referralId}/closure`);
    expectProblem(early, 409, 'REFERRAL.RECTIFICATION_OPEN');
    const { state, revision } = await api.read('office', `${REFERRALS}/${referralId}`);
    expect({ status: state.status, revision }).toEqual({ status: 'ResultFedBack', revision: '9' });
  });

  it('given the plan, when the Immediate item runs its own loop to 销号 and the LongTerm item starts, then the items are Closed and InProgress', async () => {
    expectAnswer(await api.post('dawa-emergency', `${ITEMS}/${immediateItem}/start`), 200, 'InProgress', 1);
    const report = { report: '已撤销处罚决定并退还罚款', evidence: evidenceDoc(1) };
    expectAnswer(await api.post('dawa-emergency-head', `${ITEMS}/${immediateItem}/report`, report), 200, 'Reported', 2);
    const pass = { method: 'OnSite', result: 'Pass', notes: '现场核查属实' };
    expectAnswer(await api.post('office', `${ITEMS}/${immediateItem}/evaluation`, pass), 200, 'Evaluated', 3);
    expectAnswer(await api.post('office-head', `${ITEMS}/${immediateItem}/close-out`), 200, 'Closed', 4);
    expectAnswer(await api.post('dawa-emergency', `${ITEMS}/${longTermItem}/start`), 200, 'InProgress', 1);
  });

  it('given the items, when the agency head feeds back and the office evaluates the clue with a pass, then the clue is Closed (销号) with a look-back due', async () => {
    const feedback = {
      report: '整改已落实，长效机制已建立',
      evidence: [{ title: '整改报告', documentRef: 'doc://2026/0050' }],
    };
    expectAnswer(
      await api.post('dawa-emergency-head', `${CLUES}/${clueId}/rectification-feedback`, feedback),
      200,
      'Feedback',
      7,
    );
    expectAnswer(await api.post('office', `${CLUES}/${clueId}/evaluation-start`), 200, 'Evaluation', 8);
    const pass = { result: 'Pass', method: 'Document', notes: '整改到位' };
    const closed = await api.post('office-head', `${CLUES}/${clueId}/evaluation`, pass);
    expectAnswer(closed, 200, 'Closed', 10);
    expect(closed.body.events).toEqual(['ClueEvaluated', 'ClueClosed']);
  });

  it('given the Immediate item closed and the LongTerm one in maintenance, when the office closes the referral, then it is Closed; and each case reads back in its final state', async () => {
    expectAnswer(await api.post('office', `${REFERRALS}/${referralId}/closure`), 200, 'Closed', 10);

    const referral = await api.read('office', `${REFERRALS}/${referralId}`);
    expect(referral.revision).toBe('10');
    expect(referral.state).toMatchObject({
      status: 'Closed',
      clueId,
      caseNo: '盘监立〔2026〕3号',
      target: { kind: 'DisciplineCommission', orgId: 'panjin.ccdi' },
      acceptedSubjectIds: ['s-1', 's-2'],
      typicalCasePublished: true,
      typicalCase: { anonymised: true },
    });
    expect(
      referral.state.outcomes.map((o: { subjectId: string; outcome: string; layer: string }) => [
        o.subjectId,
        o.outcome,
        o.layer,
      ]),
    ).toEqual([
      ['s-1', 'GovSanction.Demerit', 'GovSanction'],
      ['s-2', 'PartySanction.SeriousWarning', 'PartySanction'],
      ['s-2', 'TransferToProcuratorate', 'Criminal'],
    ]);
    expect(
      referral.state.feedback.perSubject.map((s: { subjectId: string; outcomes: unknown[] }) => [
        s.subjectId,
        s.outcomes.length,
      ]),
    ).toEqual([
      ['s-1', 1],
      ['s-2', 2],
    ]);
    expect(referral.state.closure.linkedRectification).toEqual(
      expect.arrayContaining([
        { itemId: immediateItem, mode: 'Immediate', status: 'Closed' },
        { itemId: longTermItem, mode: 'LongTerm', status: 'InProgress' },
      ]),
    );

    const clue = await api.read('office', `${CLUES}/${clueId}`);
    expect(clue.revision).toBe('10');
    expect(clue.state).toMatchObject({
      status: 'Closed',
      lastEvaluationResult: 'Pass',
      sentReferralIds: [referralId],
      deadline: { rule: 'LookBack' },
    });
    expect(clue.state.rectificationItems).toHaveLength(2);

    const immediate = await api.read('office', `${ITEMS}/${immediateItem}`);
    expect({ status: immediate.state.status, revision: immediate.revision }).toEqual({
      status: 'Closed',
      revision: '4',
    });
    const longTerm = await api.read('office', `${ITEMS}/${longTermItem}`);
    expect({ status: longTerm.state.status, revision: longTerm.revision }).toEqual({
      status: 'InProgress',
      revision: '1',
    });
  });
});

describe('Journey 2: the rectification loop of one item — fail, reopen, pass, 销号, failed look-back', () => {
  let t: TestApp;
  let api: JourneyClient;
  let itemId = '';
  const item = (path = '') => `${ITEMS}/${itemId}${path}`;
  beforeAll(async () => {
    t = await startTestApp();
    api = journeyClient(t);
  });
  afterAll(() => t.close());

  it('given a clue about the Dawa emergency bureau, when the city office assigns a 限期整改 item to it, then the item is Assigned with its due date', async () => {
    const clue = await api.post('office', CLUES, clueBody());
    expectAnswer(clue, 201, 'Registered', 0);
    const dueDate = plusDays(today, 30);
    const assigned = await api.post('office', ITEMS, {
      clueId: clue.body.id,
      agencyOrgId: 'dawa.emergency',
      mode: 'Deadline',
      issue: '行政处罚决定书未载明救济途径',
      measures: '修订文书模板并对在办案件补正',
      dueDate,
      owner: '局长 张某',
      responsiblePerson: '法制科 李某',
    });
    expectAnswer(assigned, 201, 'Assigned', 0);
    itemId = assigned.body.id;
    expect(assigned.headers.location).toBe(item());
    const { state } = await api.read('dawa-emergency', item());
    expect(state).toMatchObject({
      status: 'Assigned',
      mode: 'Deadline',
      agencyOrgId: 'dawa.emergency',
      supervisorOrgId: 'panjin.rol-office',
    });
    // A due date on a rest day moves to the next working day.
    expect(state.deadline.dueOn >= dueDate).toBe(true);
  });

  it('given the assigned item, when another agency reports on it, then 404: an agency sees only its own items, so the item does not exist for it', async () => {
    // The domain's CASE_VISIBILITY (rectification): EnforcementAgency sees an item only when it is the
    // item's agency. Visibility is checked before the decider, so the answer is the same 404 as for
    // a missing item, never the decider's 403 AUTH.WRONG_ORGANISATION (that would confirm the item exists).
    const foreign = await api.post('panjin-urban-head', item('/report'), {
      report: '已整改',
      evidence: evidenceDoc(0),
    });
    expectProblem(foreign, 404, 'NOT_FOUND');
    expectProblem(await api.get('panjin-urban-head', item()), 404, 'NOT_FOUND');
    expect((await api.read('office', item())).revision).toBe('0');
  });

  it('given the item in progress, when it is closed out (销号) before any evaluation, then 409 RECTIFICATION.EVALUATION_REQUIRED', async () => {
    expectAnswer(await api.post('dawa-emergency', item('/start')), 200, 'InProgress', 1);
    expectProblem(await api.post('office-head', item('/close-out')), 409, 'RECTIFICATION.EVALUATION_REQUIRED');
  });

  it('given the item in progress, when the agency staff reports, then 403 (the head signs); when the head reports and the office evaluates with a failure, then it is Evaluated and 销号 answers 409 RECTIFICATION.EVALUATION_FAILED', async () => {
    const report = { report: '已修订文书模板', evidence: evidenceDoc(2) };
    expectProblem(await api.post('dawa-emergency', item('/report'), report), 403, 'AUTH.HEAD_REQUIRED');
    expectAnswer(await api.post('dawa-emergency-head', item('/report'), report), 200, 'Reported', 2);
    const fail = {
      method: 'Document',
      result: 'Fail',
      notes: '在办案件未补正',
      failureReasons: ['12件在办案件文书未补正'],
    };
    expectAnswer(await api.post('office', item('/evaluation'), fail), 200, 'Evaluated', 3);
    expectProblem(await api.post('office-head', item('/close-out')), 409, 'RECTIFICATION.EVALUATION_FAILED');
    expect((await api.read('office', item())).revision).toBe('3');
  });

  it('given the failed evaluation, when the office reopens the item and the agency reports again, then 销号 still needs an evaluation of the new report', async () => {
    const newDueDate = plusDays(today, 45);
    expectAnswer(
      await api.post('office', item('/reopening'), { reasons: ['在办案件未补正'], newDueDate }),
      200,
      'Reopened',
      4,
    );
    const reopened = await api.read('office', item());
    expect(reopened.state.deadline.dueOn >= newDueDate).toBe(true);
    expectAnswer(
      await api.post('dawa-emergency-head', item('/report'), {
        report: '在办案件已全部补正',
        evidence: evidenceDoc(3),
      }),
      200,
      'Reported',
      5,
    );
    expectProblem(await api.post('office-head', item('/close-out')), 409, 'RECTIFICATION.EVALUATION_REQUIRED');
  });

  it('given the second report, when the office evaluates it as passed, then only the office head can close the item out (销号) and a look-back becomes due', async () => {
    expectAnswer(
      await api.post('office', item('/evaluation'), { method: 'OnSite', result: 'Pass', notes: '抽查20件均已补正' }),
      200,
      'Evaluated',
      6,
    );
    expectProblem(await api.post('office', item('/close-out')), 403, 'AUTH.HEAD_REQUIRED');
    expectAnswer(await api.post('office-head', item('/close-out')), 200, 'Closed', 7);
    const { state } = await api.read('office', item());
    expect(state.lookBackDue).toMatchObject({ rule: 'LookBack' });
  });

  it('given the closed item, when the look-back (回头看) fails, then the item is reopened with a new due date; and it reads back Reopened', async () => {
    const newDueDate = plusDays(today, 60);
    const lookBack = {
      method: 'OnSite',
      result: 'Fail',
      notes: '回头看发现问题反弹',
      reasons: ['新办案件再次遗漏救济途径'],
      newDueDate,
    };
    const failed = await api.post('office', item('/look-back'), lookBack);
    expectAnswer(failed, 200, 'Reopened', 9);
    expect(failed.body.events).toEqual(['LookBackCompleted', 'RectificationReopened']);

    const { state, revision } = await api.read('dawa-emergency', item());
    expect(revision).toBe('9');
    expect(state).toMatchObject({
      status: 'Reopened',
      reportCount: 2,
      evaluationCount: 2,
      reopenCount: 2,
      lastEvaluation: { result: 'Pass', reportNo: 2 },
      lastLookBack: { result: 'Fail' },
    });
    expect(state.lookBackDue).toBeUndefined();
    expect(state.deadline.dueOn >= newDueDate).toBe(true);
  });
});

describe('Journey 3: a referral returned by the commission and re-routed to the appointing authority', () => {
  let t: TestApp;
  let api: JourneyClient;
  let referralId = '';
  const referral = (path = '') => `${REFERRALS}/${referralId}${path}`;
  beforeAll(async () => {
    t = await startTestApp();
    api = journeyClient(t);
  });
  afterAll(() => t.close());

  it('given a referral sent to the city commission, when the commission registers it and returns it for lack of supervisory jurisdiction, then it is Returned and nobody holds it', async () => {
    const clueId = await clueUnderAnalysis(api);
    referralId = await sentReferral(
      api,
      clueId,
      [subject('s-1', { isPartyMember: false, isPublicOfficial: false, post: '聘用执法辅助人员' })],
      'panjin.ccdi',
    );
    expectAnswer(
      await api.post('ccdi', referral('/receipt'), { registrationNo: '盘纪案登〔2026〕21号' }),
      200,
      'Received',
      3,
    );
    expectAnswer(
      await api.post('ccdi', referral('/return'), { reason: '被反映人非监察对象，无监督管辖权' }),
      200,
      'Returned',
      4,
    );
    const { state } = await api.read('office', referral());
    expect(state.holder).toBeUndefined();
    expect(state.returnReason).toBe('被反映人非监察对象，无监督管辖权');
  });

  it('given the returned referral, when staff re-route it or the head re-routes it to a commission, then 403 and 422; when the head re-routes it to the appointing authority, then it is Sent there and the commission no longer sees it', async () => {
    const toOrgDept = { target: { orgId: 'panjin.org-dept' } };
    expectProblem(await api.post('office', referral('/rerouting'), toOrgDept), 403, 'AUTH.HEAD_REQUIRED');
    expectProblem(
      await api.post('office-head', referral('/rerouting'), { target: { orgId: 'panjin.ccdi' } }),
      422,
      'REFERRAL.UNKNOWN_TARGET',
    );
    expectAnswer(await api.post('office-head', referral('/rerouting'), toOrgDept), 200, 'Sent', 5);
    expectProblem(await api.get('ccdi', referral()), 404, 'NOT_FOUND');
  });

  it('given the re-routed referral, when the appointing authority receives and accepts it, then it is Accepted; and it has no disposal methods (commission only)', async () => {
    expectAnswer(
      await api.post('org-dept-head', referral('/receipt'), { registrationNo: '盘组登〔2026〕4号' }),
      200,
      'Received',
      6,
    );
    expectAnswer(await api.post('org-dept-head', referral('/acceptance')), 200, 'Accepted', 7);
    const disposal = await api.post('org-dept-head', referral('/disposal'), {
      method: 'PreliminaryVerification',
      reason: '核实',
    });
    expectProblem(disposal, 403, 'AUTH.ROLE_NOT_ALLOWED');
  });

  it('given the accepted referral, when the appointing authority records an organisational outcome and feeds back, then it is ResultFedBack; and it reads back with the re-routed target and the outcome', async () => {
    const outcomes = [
      {
        subjectId: 's-1',
        outcome: 'OrganisationalHandling.Reassignment',
        decisionDate: today,
        documentNo: '盘组〔2026〕11号',
      },
    ];
    expectAnswer(await api.post('org-dept-head', referral('/outcomes'), { outcomes }), 200, 'Decided', 8);
    expectAnswer(
      await api.post('org-dept-head', referral('/result-feedback'), { summary: '已调整其工作岗位' }),
      200,
      'ResultFedBack',
      9,
    );

    const { state, revision } = await api.read('office', referral());
    expect(revision).toBe('9');
    expect(state).toMatchObject({
      status: 'ResultFedBack',
      target: { kind: 'AppointingAuthority', orgId: 'panjin.org-dept', regionId: 'panjin' },
      holder: { kind: 'AppointingAuthority', orgId: 'panjin.org-dept' },
      returnReason: '被反映人非监察对象，无监督管辖权',
      acceptedSubjectIds: ['s-1'],
      feedback: { perSubject: [{ subjectId: 's-1', outcomes: [{ outcome: 'OrganisationalHandling.Reassignment' }] }] },
    });
    expect(state.outcomes).toEqual([expect.objectContaining({ subjectId: 's-1', layer: 'OrganisationalHandling' })]);
    expect(state.disposal).toBeUndefined();
  });
});

describe('Journey 4: partial acceptance — the city commission keeps the 县处级 subject and forwards the 乡科级 one to Dawa', () => {
  let t: TestApp;
  let api: JourneyClient;
  let parentId = '';
  let childId = '';
  beforeAll(async () => {
    t = await startTestApp();
    api = journeyClient(t);
  });
  afterAll(() => t.close());

  const citySubject = subject('s-county-level', { cadreRank: 'CountyDivision' });
  const countySubject = subject('s-township-level', { cadreRank: 'TownshipSectionOrBelow', post: '执法大队队长' });

  it('given a referral of a CountyDivision and a TownshipSectionOrBelow subject received by the city commission, when its head accepts the county-level one and forwards the other to the Dawa commission, then the parent is PartiallyAccepted with one child', async () => {
    const clueId = await clueUnderAnalysis(api);
    parentId = await sentReferral(api, clueId, [citySubject, countySubject], 'panjin.ccdi');
    expectAnswer(
      await api.post('ccdi', `${REFERRALS}/${parentId}/receipt`, { registrationNo: '盘纪案登〔2026〕30号' }),
      200,
      'Received',
      3,
    );
    const partial = {
      acceptedSubjectIds: ['s-county-level'],
      forwardTo: { orgId: 'dawa.ccdi' },
      reason: '乡科级干部由区纪委监委管辖',
    };
    expectAnswer(
      await api.post('ccdi-head', `${REFERRALS}/${parentId}/partial-acceptance`, partial),
      200,
      'PartiallyAccepted',
      4,
    );

    const { state } = await api.read('ccdi', `${REFERRALS}/${parentId}`);
    expect(state).toMatchObject({ acceptedSubjectIds: ['s-county-level'], forwardedSubjectIds: ['s-township-level'] });
    expect(state.childReferralIds).toHaveLength(1);
    childId = state.childReferralIds[0];
    await waitForCase(api, 'dawa-ccdi-head', `${REFERRALS}/${childId}`);
  });

  it('given the child referral, when the Dawa commission reads it, then it is Forwarded, held by Dawa and holds only the forwarded subject; a commission with no part in it gets 404', async () => {
    const { state, revision } = await api.read('dawa-ccdi-head', `${REFERRALS}/${childId}`);
    expect(revision).toBe('0');
    expect(state).toMatchObject({
      status: 'Forwarded',
      parentReferralId: parentId,
      holder: { kind: 'DisciplineCommission', orgId: 'dawa.ccdi', regionId: 'panjin/dawa' },
      forwardings: [{ from: 'panjin.ccdi', to: { orgId: 'dawa.ccdi' } }],
      evaluation: { transferMandatory: true },
    });
    expect(state.package.subjects.map((s: { subjectId: string }) => s.subjectId)).toEqual(['s-township-level']);
    expectProblem(await api.get('panshan-ccdi-head', `${REFERRALS}/${childId}`), 404, 'NOT_FOUND');
    // The Dawa commission has nothing to do with the parent, which stays with the city commission.
    expectProblem(await api.get('dawa-ccdi-head', `${REFERRALS}/${parentId}`), 404, 'NOT_FOUND');
  });

  it("given the child, when the parent's holder (the city commission) reads or tries to receive it, then 404 and nothing is written", async () => {
    // A commission sees only referrals addressed or forwarded to it (the domain's CASE_VISIBILITY): the forwarded
    // persons are no longer the city commission's case, so the child does not exist for it.
    expectProblem(await api.get('ccdi', `${REFERRALS}/${childId}`), 404, 'NOT_FOUND');
    const foreign = await api.post('ccdi', `${REFERRALS}/${childId}/receipt`, {
      registrationNo: '盘纪案登〔2026〕31号',
    });
    expectProblem(foreign, 404, 'NOT_FOUND');
    expectProblem(await api.post('ccdi-head', `${REFERRALS}/${childId}/acceptance`), 404, 'NOT_FOUND');
    expect((await api.read('dawa-ccdi-head', `${REFERRALS}/${childId}`)).revision).toBe('0');
  });

  it('given the child, when the Dawa commission receives and accepts it, then the child is Accepted for its one subject and the parent is unchanged', async () => {
    expectAnswer(
      await api.post('dawa-ccdi-head', `${REFERRALS}/${childId}/receipt`, { registrationNo: '洼纪案登〔2026〕2号' }),
      200,
      'Received',
      1,
    );
    expectAnswer(await api.post('dawa-ccdi-head', `${REFERRALS}/${childId}/acceptance`), 200, 'Accepted', 2);

    const child = await api.read('dawa-ccdi-head', `${REFERRALS}/${childId}`);
    expect(child.state).toMatchObject({
      status: 'Accepted',
      acceptedSubjectIds: ['s-township-level'],
      registrationNo: '洼纪案登〔2026〕2号',
    });
    const parent = await api.read('office', `${REFERRALS}/${parentId}`);
    expect({ status: parent.state.status, revision: parent.revision }).toEqual({
      status: 'PartiallyAccepted',
      revision: '4',
    });
    expect(parent.state.package.subjects).toHaveLength(2);
  });
});

describe('Journey 5: idempotent retries with Idempotency-Key', () => {
  let t: TestApp;
  let api: JourneyClient;
  let clueId = '';
  beforeAll(async () => {
    t = await startTestApp();
    api = journeyClient(t);
  });
  afterAll(() => t.close());

  const escalation = { escalationType: 'Interview', reason: '逾期未纠正', targetOrgId: 'dawa.emergency' };

  it('given a clue, when the same escalation is posted twice with one Idempotency-Key, then the retry answers the identical body and writes nothing', async () => {
    clueId = await clueUnderAnalysis(api);
    const key = { 'Idempotency-Key': 'journey5-escalate-0001' };
    const first = await api.post('office', `${CLUES}/${clueId}/escalations`, escalation, key);
    expectAnswer(first, 200, 'Analysis', 2);
    const retry = await api.post('office', `${CLUES}/${clueId}/escalations`, escalation, key);
    expectAnswer(retry, 200, 'Analysis', 2);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');

    const { state, revision } = await api.read('office', `${CLUES}/${clueId}`);
    expect(revision).toBe('2');
    expect(state.escalationIds).toHaveLength(1);
  });

  it('given the used key, when it comes with another body, then 422 IDEMPOTENCY.KEY_REUSED and nothing is written', async () => {
    const other = await api.post(
      'office',
      `${CLUES}/${clueId}/escalations`,
      { ...escalation, reason: '另一事由' },
      { 'Idempotency-Key': 'journey5-escalate-0001' },
    );
    expectProblem(other, 422, 'IDEMPOTENCY.KEY_REUSED');
    expect((await api.read('office', `${CLUES}/${clueId}`)).revision).toBe('2');
  });

  it('given a clue under supervision, when the agency head retries a rectification plan with the same key, then the items are assigned once', async () => {
    const verification = {
      ...failToCorrectClaim(),
      category: 'Inaction',
      verificationPlan: '核查',
      team: ['user-office'],
    };
    expectAnswer(
      await api.post('office-head', `${CLUES}/${clueId}/verification`, verification),
      200,
      'Verification',
      3,
    );
    const instrument = {
      verificationReport: '逾期未纠正',
      responsibleUnits: ['大洼区应急管理局'],
      instrument: { kind: 'SupervisionOpinion', documentNo: '盘法督〔2026〕9号' },
    };
    expectAnswer(
      await api.post('office-head', `${CLUES}/${clueId}/supervision-instrument`, instrument),
      200,
      'Supervision',
      4,
    );
    const plan = {
      items: [
        {
          issue: '罚款未退还',
          measures: '退还罚款',
          mode: 'Immediate',
          dueDate: today,
          responsiblePerson: '李某',
          owner: '张某',
        },
        {
          issue: '审核机制缺失',
          measures: '建立审核台账',
          mode: 'LongTerm',
          longTermTarget: '审核全覆盖',
          responsiblePerson: '李某',
          owner: '张某',
        },
      ],
    };
    const key = { 'Idempotency-Key': 'journey5-plan-0001' };
    const first = await api.post('dawa-emergency-head', `${CLUES}/${clueId}/rectification-plan`, plan, key);
    expectAnswer(first, 200, 'Rectification', 5);
    const retry = await api.post('dawa-emergency-head', `${CLUES}/${clueId}/rectification-plan`, plan, key);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');

    const { state, revision } = await api.read('office', `${CLUES}/${clueId}`);
    expect(revision).toBe('5');
    expect(state.rectificationItems).toHaveLength(2);
    for (const { itemId } of state.rectificationItems as { itemId: string }[]) {
      await waitForCase(api, 'office', `${ITEMS}/${itemId}`);
      const item = await api.read('office', `${ITEMS}/${itemId}`);
      expect({ status: item.state.status, revision: item.revision }).toEqual({ status: 'Assigned', revision: '0' });
    }
  });
});

describe('Journey 6: If-Match conflicts between two clients', () => {
  let t: TestApp;
  let api: JourneyClient;
  let clueId = '';
  const clue = (path = '') => `${CLUES}/${clueId}${path}`;
  const escalation = (reason: string) => ({ escalationType: 'InquiryLetter', reason, targetOrgId: 'dawa.emergency' });
  beforeAll(async () => {
    t = await startTestApp();
    api = journeyClient(t);
  });
  afterAll(() => t.close());

  it('given two clients that read the same ETag, when both send a command with If-Match, then the first succeeds and the second gets 412 COMMAND.REVISION_MISMATCH and writes nothing', async () => {
    const created = await api.post('office', CLUES, clueBody());
    expectAnswer(created, 201, 'Registered', 0);
    clueId = created.body.id;
    const a = await api.get('office', clue());
    const b = await api.get('justice', clue());
    expect(etagOf(a)).toBe('"0"');
    expect(etagOf(b)).toBe(etagOf(a));

    const first = await api.post(
      'office',
      clue('/analysis'),
      { analystUserId: 'user-office' },
      { 'If-Match': etagOf(a) },
    );
    expectAnswer(first, 200, 'Analysis', 1);
    const second = await api.post('justice', clue('/escalations'), escalation('函询进展'), { 'If-Match': etagOf(b) });
    expectProblem(second, 412, 'COMMAND.REVISION_MISMATCH');

    const { state, revision } = await api.read('justice', clue());
    expect(revision).toBe('1');
    expect(state.escalationIds).toEqual([]);
  });

  it('given the stale client, when it sends the command again without If-Match, then it is decided on the current state and succeeds', async () => {
    const retried = await api.post('justice', clue('/escalations'), escalation('函询进展'));
    expectAnswer(retried, 200, 'Analysis', 2);
  });

  it('given two clients, when both send commands at the same time without If-Match, then neither is refused: both succeed, each on the state the other left, and both are written', async () => {
    const [x, y] = await Promise.all([
      api.post('office', clue('/escalations'), escalation('并发一')),
      api.post('justice', clue('/escalations'), escalation('并发二')),
    ]);
    expectAnswer(x, 200, 'Analysis');
    expectAnswer(y, 200, 'Analysis');
    expect([x.body.revision, y.body.revision].sort()).toEqual(['3', '4']);
    const { state, revision } = await api.read('office', clue());
    expect(revision).toBe('4');
    expect(state.escalations.map((e: { reason: string }) => e.reason).sort()).toEqual(
      ['函询进展', '并发一', '并发二'].sort(),
    );
  });

  it('given two clients pinned to the same ETag, when both send at the same time, then exactly one succeeds and the other gets 412', async () => {
    const etag = etagOf(await api.get('office', clue()));
    const answers = await Promise.all([
      api.post('office', clue('/escalations'), escalation('抢先一'), { 'If-Match': etag }),
      api.post('justice', clue('/escalations'), escalation('抢先二'), { 'If-Match': etag }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 412]);
    expect(answers.find((r) => r.status === 412)?.body.code).toBe('COMMAND.REVISION_MISMATCH');
    expect((await api.read('office', clue())).revision).toBe('5');
  });
});
