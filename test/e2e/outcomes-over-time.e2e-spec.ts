import { TestApp, startTestApp } from './support/test-app';
import {
  JourneyClient,
  REFERRALS,
  clueUnderAnalysis,
  expectAnswer,
  expectProblem,
  journeyClient,
  plusDays,
  sentReferral,
  subject,
  todayInChina,
} from './support/journey-helpers';

/**
 * Issue 17 §5 through HTTP: outcomes accumulate per subject over time, each with the body that
 * decided it (DOMAIN.md §7: the commission's 政务处分, then the 组织部's 组织处理 on its proposal,
 * [S2] 问责条例 art. 9), and the result is fed back (R12, 重庆 art. 20) once they are complete.
 * Before the fix the second POST …/outcomes answered 409 REFERRAL.WRONG_STATE.
 */

const today = todayInChina();
const yesterday = plusDays(today, -1);

describe('Outcomes over time: a 组织处理 decided by the 组织部 after the commission’s 政务处分', () => {
  let t: TestApp;
  let api: JourneyClient;
  let referralId = '';
  const referral = (path = '') => `${REFERRALS}/${referralId}${path}`;
  beforeAll(async () => {
    t = await startTestApp();
    api = journeyClient(t);
    const clueId = await clueUnderAnalysis(api);
    referralId = await sentReferral(api, clueId, [subject('s-1'), subject('s-2')], 'panjin.ccdi');
    expectAnswer(
      await api.post('ccdi', referral('/receipt'), { registrationNo: '盘纪案登〔2026〕31号' }),
      200,
      'Received',
    );
    expectAnswer(await api.post('ccdi', referral('/acceptance')), 200, 'Accepted');
    const disposal = { method: 'PreliminaryVerification', reason: '线索具体，具备可查性' };
    expectAnswer(await api.post('ccdi-head', referral('/disposal'), disposal), 200, 'Disposing');
    expectAnswer(
      await api.post('ccdi-head', referral('/case-filing'), { caseNo: '盘监立〔2026〕9号' }),
      200,
      'CaseFiled',
      6,
    );
  });
  afterAll(() => t.close());

  it('given the filed case, when the commission records its 政务处分 and leaves the outcomes open for the 组织部, then it is Decided and feedback is refused (409 REFERRAL.OUTCOMES_NOT_COMPLETE)', async () => {
    const first = {
      outcomes: [
        { subjectId: 's-1', outcome: 'GovSanction.Demerit', decisionDate: yesterday, documentNo: '盘监处〔2026〕21号' },
        { subjectId: 's-2', outcome: 'GovSanction.Warning', decisionDate: yesterday, documentNo: '盘监处〔2026〕22号' },
      ],
      complete: false,
    };
    expectAnswer(await api.post('ccdi', referral('/outcomes'), first), 200, 'Decided', 7);
    expectProblem(
      await api.post('ccdi', referral('/result-feedback'), { summary: '已作出处理' }),
      409,
      'REFERRAL.OUTCOMES_NOT_COMPLETE',
    );
    const actions = await api.get('ccdi', `/api/v1/cases/referral/${referralId}/actions`);
    expect(actions.status).toBe(200);
    const commands = (actions.body.actions as { command: string; path: string }[]).map((a) => a.command);
    expect(commands).toEqual(expect.arrayContaining(['RecordOutcomes', 'CompleteOutcomes']));
    expect(commands).not.toContain('FeedBackResult');
  });

  it('given the open outcomes, when the 组织部’s 免职 is added a day later, then it accumulates with its deciding body, the feedback deadline starts, and the result is fed back with both outcomes of s-1', async () => {
    const second = {
      outcomes: [
        {
          subjectId: 's-1',
          outcome: 'OrganisationalHandling.Removal',
          decisionDate: today,
          documentNo: '盘组任〔2026〕5号',
          decidedBy: { kind: 'OrganisationDept', orgId: 'panjin.org-dept' },
        },
      ],
    };
    expectAnswer(await api.post('ccdi', referral('/outcomes'), second), 200, 'Decided', 8);
    const { state } = await api.read('ccdi', referral());
    expect(state.outcomesOpen).toBe(false);
    expect(state.resultFeedbackDeadline).toMatchObject({ rule: 'ResultFeedback', from: today });
    expect(state.organisationalHandlingDeadline).toMatchObject({ rule: 'OrganisationalHandling', from: today });
    expect(
      state.outcomes.map((o: { subjectId: string; outcome: string; decidedBy: { kind: string } }) => [
        o.subjectId,
        o.outcome,
        o.decidedBy.kind,
      ]),
    ).toEqual([
      ['s-1', 'GovSanction.Demerit', 'DisciplineCommission'],
      ['s-2', 'GovSanction.Warning', 'DisciplineCommission'],
      ['s-1', 'OrganisationalHandling.Removal', 'OrganisationDept'],
    ]);

    expectAnswer(
      await api.post('ccdi', referral('/result-feedback'), { summary: '记过；免职由组织部决定' }),
      200,
      'ResultFedBack',
      9,
    );
    const fedBack = await api.read('office', referral());
    expect(fedBack.state.feedback.perSubject).toEqual([
      {
        subjectId: 's-1',
        outcomes: [
          { outcome: 'GovSanction.Demerit', decisionDate: yesterday, documentNo: '盘监处〔2026〕21号' },
          { outcome: 'OrganisationalHandling.Removal', decisionDate: today, documentNo: '盘组任〔2026〕5号' },
        ],
      },
      {
        subjectId: 's-2',
        outcomes: [{ outcome: 'GovSanction.Warning', decisionDate: yesterday, documentNo: '盘监处〔2026〕22号' }],
      },
    ]);
    // After the feedback, nothing more is added (a later outcome would need a new feedback).
    const late = {
      outcomes: [{ subjectId: 's-2', outcome: 'Admonishment', decisionDate: today, documentNo: '盘纪〔2026〕23号' }],
    };
    expectProblem(await api.post('ccdi', referral('/outcomes'), late), 409, 'REFERRAL.WRONG_STATE');
  });

  it('given the accumulated outcomes, then the commission inbox lists all three with their deciding bodies and the statistics count each person once, with both outcomes of s-1', async () => {
    const { position } = (await api.get('ccdi', referral())).body as { position: string };
    const inbox = await api.get('ccdi', `/api/v1/inbox?minPosition=${position}`);
    expect(inbox.status).toBe(200);
    const line = (inbox.body.items as { referralId: string; outcomes: unknown[] }[]).find(
      (i) => i.referralId === referralId,
    );
    expect(line?.outcomes).toEqual([
      expect.objectContaining({ subjectId: 's-1', outcome: 'GovSanction.Demerit', decidedBy: 'DisciplineCommission' }),
      expect.objectContaining({ subjectId: 's-2', outcome: 'GovSanction.Warning', decidedBy: 'DisciplineCommission' }),
      expect.objectContaining({
        subjectId: 's-1',
        outcome: 'OrganisationalHandling.Removal',
        decidedBy: 'OrganisationDept',
      }),
    ]);
    const statistics = await api.get('auditor', `/api/v1/statistics?minPosition=${position}`);
    expect(statistics.status).toBe(200);
    expect(statistics.body.persons).toMatchObject({
      total: 2,
      byOutcome: { 'GovSanction.Demerit': 1, 'GovSanction.Warning': 1, 'OrganisationalHandling.Removal': 1 },
    });
  });
});
