import { TestApp, startTestApp } from './support/test-app';
import {
  JourneyClient,
  REFERRALS,
  clueUnderAnalysis,
  expectAnswer,
  expectProblem,
  journeyClient,
  referralBody,
  sentReferral,
  subject,
  todayInChina,
} from './support/journey-helpers';

/**
 * Issue 17 item 8, accountability of a unit, through HTTP. A Dawa referral names the Dawa emergency
 * bureau's 执法大队 as a unit and a 乡科级 科员 as a person, both the Dawa commission's (a unit answers
 * to its own region's commission, 监察法 art. 16; the 科员 by rank, Decision 5). The commission
 * addresses a 监察建议 to the unit (监察法 art. 52(5)) and gives the person a 政务处分 记过.
 * Before the change the draft answered 400 (the unit has no cadreRank, isPartyMember, isPublicOfficial).
 *
 * Statistics worked out by hand for this test app (a fresh data directory, nothing else decided):
 * persons held accountable 1 (s-1: GovSanction.Demerit 1); units 1 (u-1: SupervisionRecommendation 1).
 */

const today = todayInChina();
const BRIGADE = { kind: 'Unit', subjectId: 'u-1', name: '大洼区应急管理局执法大队', unit: '大洼区应急管理局' };
const CLERK = subject('s-1', { post: '科员', cadreRank: 'TownshipSectionOrBelow' });

describe('Accountability of a unit: a 监察建议 to a unit and a 政务处分 to a person, counted apart', () => {
  let t: TestApp;
  let api: JourneyClient;
  let clueId = '';
  let referralId = '';
  const referral = (path = '') => `${REFERRALS}/${referralId}${path}`;
  beforeAll(async () => {
    t = await startTestApp();
    api = journeyClient(t);
    clueId = await clueUnderAnalysis(api);
  });
  afterAll(() => t.close());

  it('refuses a unit that carries a person’s rank (422 VALIDATION.UNIT_SUBJECT_FIELDS, the domain’s rule) and a person without one (400, the DTO)', async () => {
    expectProblem(
      await api.post('office', REFERRALS, referralBody(clueId, [{ ...BRIGADE, cadreRank: 'CountyDivision' }])),
      422,
      'VALIDATION.UNIT_SUBJECT_FIELDS',
    );
    const { cadreRank: _rank, ...rankless } = CLERK;
    const refused = await api.post('office', REFERRALS, referralBody(clueId, [rankless]));
    expect(refused.status).toBe(400);
  });

  it('given a referral naming the unit and the person sent to the Dawa commission, when it records a 监察建议 for the unit and a 记过 for the person, then both are recorded and the case page state shows the unit as a unit', async () => {
    referralId = await sentReferral(api, clueId, [CLERK, BRIGADE], 'dawa.ccdi');
    const head = 'dawa-ccdi-head';
    expectAnswer(
      await api.post(head, referral('/receipt'), { registrationNo: '洼纪案登〔2026〕4号' }),
      200,
      'Received',
    );
    expectAnswer(await api.post(head, referral('/acceptance')), 200, 'Accepted');
    const disposal = { method: 'PreliminaryVerification', reason: '线索具体，具备可查性' };
    expectAnswer(await api.post(head, referral('/disposal'), disposal), 200, 'Disposing');
    expectAnswer(await api.post(head, referral('/case-filing'), { caseNo: '洼监立〔2026〕2号' }), 200, 'CaseFiled');

    // The outcome form offers the unit as a unit.
    const actions = await api.get(head, `/api/v1/cases/referral/${referralId}/actions`);
    expect(actions.status).toBe(200);
    const record = (actions.body.actions as { command: string; schema: unknown }[]).find(
      (a) => a.command === 'RecordOutcomes',
    );
    expect(JSON.stringify(record?.schema)).toContain(`{"const":"u-1","title":"${BRIGADE.name}（单位）"}`);

    // A person's outcome for the unit and the unit's for the person are refused.
    const wrong = (subjectId: string, outcome: string) => ({
      outcomes: [{ subjectId, outcome, decisionDate: today, documentNo: '洼监〔2026〕0号' }],
    });
    expectProblem(
      await api.post(head, referral('/outcomes'), wrong('u-1', 'GovSanction.Demerit')),
      422,
      'REFERRAL.OUTCOME_NOT_APPLICABLE',
    );
    expectProblem(
      await api.post(head, referral('/outcomes'), wrong('s-1', 'SupervisionRecommendation')),
      422,
      'REFERRAL.OUTCOME_NOT_APPLICABLE',
    );

    const outcomes = {
      outcomes: [
        {
          subjectId: 'u-1',
          outcome: 'SupervisionRecommendation',
          decisionDate: today,
          documentNo: '洼监建〔2026〕1号',
        },
        { subjectId: 's-1', outcome: 'GovSanction.Demerit', decisionDate: today, documentNo: '洼监处〔2026〕1号' },
      ],
    };
    expectAnswer(await api.post(head, referral('/outcomes'), outcomes), 200, 'Decided');
    const { state } = await api.read('office', referral());
    expect(state.package.subjects).toEqual([
      {
        subjectId: 's-1',
        name: CLERK.name,
        unit: CLERK.unit,
        post: '科员',
        cadreRank: 'TownshipSectionOrBelow',
        isPartyMember: true,
        isPublicOfficial: true,
      },
      BRIGADE,
    ]);
  });

  it('refuses to send a Dawa case naming only the unit to the city commission, naming the unit and the county level (监察法 art. 16)', async () => {
    const otherClue = await clueUnderAnalysis(api, { sourceRef: '盘复〔2026〕13号' });
    const drafted = await api.post('office', REFERRALS, referralBody(otherClue, [BRIGADE]));
    expectAnswer(drafted, 201, 'Draft', 0);
    const id = drafted.body.id as string;
    expectAnswer(
      await api.post('office-head', `${REFERRALS}/${id}/approval`, { opinion: '同意移送' }),
      200,
      'Approved',
    );
    const target = { orgId: 'panjin.ccdi', kind: 'DisciplineCommission' };
    const refused = await api.post('office', `${REFERRALS}/${id}/sending`, { target });
    expectProblem(refused, 422, 'REFERRAL.RECEIVER_NOT_COMPETENT');
    expect(refused.body.detail).toContain(`${BRIGADE.name} (Unit) falls under the county commission`);
  });

  it('reads the person and the unit apart in the statistics (hand-computed: 1 person, 1 unit)', async () => {
    const { position } = (await api.get('dawa-ccdi-head', referral())).body as { position: string };
    const statistics = await api.get('auditor', `/api/v1/statistics?minPosition=${position}`);
    expect(statistics.status).toBe(200);
    expect(statistics.body.persons).toMatchObject({
      total: 1,
      byRank: { TownshipSectionOrBelow: 1 },
      byOutcome: { 'GovSanction.Demerit': 1 },
      byLayer: { GovSanction: 1 },
    });
    expect(statistics.body.units).toEqual({ total: 1, byOutcome: { SupervisionRecommendation: 1 } });
  });
});
