import { TestApp, startTestApp } from './support/test-app';
import {
  CLUES,
  JourneyClient,
  clueUnderAnalysis,
  expectAnswer,
  expectProblem,
  failToCorrectClaim,
  journeyClient,
  plusDays,
  todayInChina,
} from './support/journey-helpers';

/**
 * Issue 17 §6 through HTTP: a clue carries a sequence of supervision instruments, each with its
 * own kind, service date and period — the 监督意见书 (30 days to self-correct, 山东省行政执法监督条例
 * art. 28), then the 监督决定书 when that fails (30 days to report execution, art. 29). Before the
 * fix only one instrument per clue could be expressed (there was no route for a second).
 */

const today = todayInChina();

describe('Supervision instruments: the 监督意见书 is followed by a 监督决定书 on the same clue', () => {
  let t: TestApp;
  let api: JourneyClient;
  let clueId = '';
  beforeAll(async () => {
    t = await startTestApp();
    api = journeyClient(t);
    clueId = await clueUnderAnalysis(api);
    const verification = {
      ...failToCorrectClaim(),
      category: 'Inaction',
      verificationPlan: '调取卷宗',
      team: ['user-office'],
    };
    expectAnswer(await api.post('office-head', `${CLUES}/${clueId}/verification`, verification), 200, 'Verification');
    const opinion = {
      verificationReport: '罚款无法律依据',
      responsibleUnits: ['大洼区应急管理局'],
      instrument: { kind: 'SupervisionOpinion', documentNo: '盘法督意〔2026〕31号', servedOn: plusDays(today, -31) },
    };
    expectAnswer(
      await api.post('office-head', `${CLUES}/${clueId}/supervision-instrument`, opinion),
      200,
      'Supervision',
      3,
    );
  });
  afterAll(() => t.close());

  it('given the uncorrected opinion, when the office head issues the decision, then it is offered, supersedes the opinion, and its period from service is the agency’s deadline on the clue and in the ledger', async () => {
    const actions = await api.get('office-head', `/api/v1/cases/clue/${clueId}/actions`);
    const offered = (actions.body.actions as { command: string; path: string }[]).find(
      (a) => a.command === 'IssueFollowUpInstrument',
    );
    expect(offered?.path).toBe(`${CLUES}/${clueId}/follow-up-instrument`);
    // The form offers the opinion's level and above, never a softer letter.
    const schema = JSON.stringify(offered);
    expect(schema).toContain('"const":"SupervisionDecision"');
    expect(schema).not.toContain('"const":"SupervisionSuggestion"');

    const decision = {
      instrument: { kind: 'SupervisionDecision', documentNo: '盘法督决〔2026〕4号', servedOn: today },
      reason: '监督意见书送达后30日内未自行纠正',
    };
    expectProblem(
      await api.post('office', `${CLUES}/${clueId}/follow-up-instrument`, decision),
      403,
      'AUTH.HEAD_REQUIRED',
    );
    const answer = await api.post('office-head', `${CLUES}/${clueId}/follow-up-instrument`, decision);
    expectAnswer(answer, 200, 'Supervision', 4);

    const { state } = await api.read('office', `${CLUES}/${clueId}`);
    expect(state.instrument).toMatchObject({ kind: 'SupervisionDecision', documentNo: '盘法督决〔2026〕4号' });
    expect(state.deadline).toMatchObject({ rule: 'SupervisionDecisionExecution', from: today, runsFrom: 'Service' });
    expect(state.supersededInstruments).toEqual([
      expect.objectContaining({
        kind: 'SupervisionOpinion',
        documentNo: '盘法督意〔2026〕31号',
        deadline: expect.objectContaining({ rule: 'SupervisionOpinionCorrection' }),
      }),
    ]);

    const ledger = await api.get('office', `/api/v1/ledgers/clues?minPosition=${answer.body.position}`);
    expect(ledger.status).toBe(200);
    const line = (ledger.body.items as { clueId: string }[]).find((l) => l.clueId === clueId);
    expect(line).toMatchObject({
      instrument: { kind: 'SupervisionDecision', supersedes: '盘法督意〔2026〕31号', dueOn: state.deadline.dueOn },
      stepDueOn: state.deadline.dueOn,
    });
  });

  it('given the decision, when a softer suggestion letter is sent after it, then 422 CLUE.INSTRUMENT_NOT_ESCALATION and nothing is written', async () => {
    const softer = {
      instrument: { kind: 'SupervisionSuggestion', documentNo: '盘法督建〔2026〕2号' },
      reason: '改为建议',
    };
    expectProblem(
      await api.post('office-head', `${CLUES}/${clueId}/follow-up-instrument`, softer),
      422,
      'CLUE.INSTRUMENT_NOT_ESCALATION',
    );
    expect((await api.read('office', `${CLUES}/${clueId}`)).revision).toBe('4');
  });
});
