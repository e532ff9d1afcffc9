import { deciderSpec } from '@xj/testing';
import { createDomainConfig } from '../domain-config';
import { openDeadlinesOfClue } from '../deadlines/open-deadlines';
import { Actor } from '../shared/actor';
import { fold } from '../shared/decider';
import { isDomainError } from '../shared/domain-error';
import { ClueCommand, IssueFollowUpInstrument } from './clue.commands';
import { createClueDecider } from './clue.decider';
import { ClueEvent } from './clue.events';
import { availableClueCommands } from './clue.preconditions';

/**
 * Issue 17 §6 — a clue carries a sequence of supervision instruments, each with its own kind,
 * service date and period: the 监督意见书 (self-correct within 30 days, 山东省行政执法监督条例
 * art. 28), then the 监督决定书 when that fails (report execution within 30 days, art. 29).
 */

const config = createDomainConfig();
const decider = createClueDecider(config);
const spec = deciderSpec(decider);

// Monday 2 March 2026, 09:00 in Panjin; the follow-up on Monday 6 April.
const AT = '2026-03-02T09:00:00+08:00';
const LATER = '2026-04-06T09:00:00+08:00';
const CLUE = 'c-1';
const REGION = 'panjin/dawa';
const actor = (o: Partial<Actor>): Actor => ({
  userId: 'u-office',
  role: 'RuleOfLawOffice',
  position: 'Staff',
  orgId: 'panjin.rol-office',
  regionId: 'panjin',
  ...o,
});
const office = actor({});
const officeHead = actor({ userId: 'u-office-head', position: 'Head' });
const agencyHead = actor({
  userId: 'u-agency-head',
  role: 'EnforcementAgency',
  position: 'Head',
  orgId: 'dawa.emergency',
  regionId: REGION,
});
const base = (a: Actor, at = AT) => ({ actor: a, at, clueId: CLUE });

const history = (...commands: ClueCommand[]): ClueEvent[] =>
  commands.reduce<ClueEvent[]>((events, command) => {
    const result = decider.decide(command, fold(decider, events));
    if (isDomainError(result)) throw new Error(`${command.type}: ${result.code} ${result.message}`);
    return [...events, ...result];
  }, []);

const opinionIssued = () =>
  history(
    {
      type: 'RegisterClue',
      ...base(office),
      regionId: REGION,
      source: 'EnforcementSupervision',
      sourceRef: '盘法监〔2026〕4号',
      receivedAt: '2026-02-27T16:00:00+08:00',
      agency: { orgId: 'dawa.emergency', name: '大洼区应急管理局' },
      summary: 'An illegal fine was not revoked.',
    },
    { type: 'StartAnalysis', ...base(office), analystUserId: 'u-analyst' },
    {
      type: 'StartVerification',
      ...base(officeHead),
      situationCodes: [],
      evidenceCodes: [],
      category: 'Inaction',
      verificationPlan: 'Read the file.',
      team: ['u-analyst'],
    },
    {
      type: 'IssueSupervisionInstrument',
      ...base(officeHead),
      verificationReport: 'The fine lacks a legal basis.',
      responsibleUnits: ['dawa.emergency'],
      instrument: { kind: 'SupervisionOpinion', documentNo: '盘法督意〔2026〕3号', servedOn: '2026-03-02' },
    },
  );

const followUp = (o: Partial<IssueFollowUpInstrument> = {}): IssueFollowUpInstrument => ({
  type: 'IssueFollowUpInstrument',
  ...base(officeHead, LATER),
  instrument: { kind: 'SupervisionDecision', documentNo: '盘法督决〔2026〕1号', servedOn: '2026-04-03' },
  reason: '监督意见书送达后30日内未自行纠正',
  ...o,
});

describe('Clue — a sequence of supervision instruments: 意见书 → 决定书 (issue 17 §6; 山东 arts. 28–29)', () => {
  it('given an uncorrected 监督意见书, when the head issues the 监督决定书, then it supersedes the opinion and its own 30 days from service are the agency’s deadline', () => {
    spec
      .given(opinionIssued())
      .when(followUp())
      .then([
        {
          type: 'FollowUpInstrumentIssued',
          data: {
            at: LATER,
            by: { userId: 'u-office-head', role: 'RuleOfLawOffice', orgId: 'panjin.rol-office' },
            instrument: { kind: 'SupervisionDecision', documentNo: '盘法督决〔2026〕1号', servedOn: '2026-04-03' },
            reason: '监督意见书送达后30日内未自行纠正',
            supersedes: { kind: 'SupervisionOpinion', documentNo: '盘法督意〔2026〕3号', servedOn: '2026-03-02' },
            // 山东 art. 29: 30 days from service, Fri 2026-04-03 → Sun 2026-05-03 in the May holiday
            // (5/1–5/5), moved to the next working day, Wed 2026-05-06.
            deadline: {
              rule: 'SupervisionDecisionExecution',
              from: '2026-04-03',
              amount: 30,
              unit: 'Days',
              dueOn: '2026-05-06',
              runsFrom: 'Service',
            },
          },
        },
      ]);
    const state = spec.given(opinionIssued()).when(followUp()).thenState();
    expect(state.status).toBe('Supervision');
    expect(state.instrument).toMatchObject({ kind: 'SupervisionDecision', servedOn: '2026-04-03' });
    expect(state.deadline).toMatchObject({ rule: 'SupervisionDecisionExecution', dueOn: '2026-05-06' });
    expect(state.supersededInstruments).toEqual([
      {
        kind: 'SupervisionOpinion',
        documentNo: '盘法督意〔2026〕3号',
        servedOn: '2026-03-02',
        deadline: expect.objectContaining({ rule: 'SupervisionOpinionCorrection', from: '2026-03-02' }),
        supersededAt: LATER,
      },
    ]);
    // The deadline timer and the lights read the open deadlines: the decision's, the agency's.
    expect(openDeadlinesOfClue(state).filter((d) => d.rule.startsWith('Supervision'))).toEqual([
      {
        rule: 'SupervisionDecisionExecution',
        from: '2026-04-03',
        dueOn: '2026-05-06',
        responsibleOrgId: 'dawa.emergency',
      },
    ]);
  });

  it('is offered to the supervising head while the agency is at its step (Supervision, Rectification), to nobody before or after', () => {
    const state = fold(decider, opinionIssued());
    expect(availableClueCommands(state, officeHead)).toContain('IssueFollowUpInstrument');
    expect(availableClueCommands(state, office)).not.toContain('IssueFollowUpInstrument');
    expect(availableClueCommands(state, agencyHead)).not.toContain('IssueFollowUpInstrument');
    spec
      .given(opinionIssued())
      .when(followUp({ actor: office }))
      .thenError('Forbidden', 'AUTH.HEAD_REQUIRED');
    spec.given(opinionIssued().slice(0, 3)).when(followUp()).thenError('InvalidTransition', 'CLUE.WRONG_STATE');
  });

  it('never steps down (no 建议书 after a 决定书) and never repeats a document; the same level may be reissued', () => {
    const decided = [...opinionIssued(), ...spec.given(opinionIssued()).when(followUp()).thenEvents()];
    spec
      .given(decided)
      .when(followUp({ instrument: { kind: 'SupervisionSuggestion', documentNo: '盘法督建〔2026〕2号' } }))
      .thenError('Validation', 'CLUE.INSTRUMENT_NOT_ESCALATION');
    spec
      .given(decided)
      .when(followUp({ instrument: { kind: 'SupervisionDecision', documentNo: '盘法督意〔2026〕3号' } }))
      .thenError('Conflict', 'CLUE.DUPLICATE_INSTRUMENT');
    const again = spec
      .given(decided)
      .when(followUp({ instrument: { kind: 'SupervisionDecision', documentNo: '盘法督决〔2026〕2号' } }))
      .thenState();
    expect(again.supersededInstruments?.map((i) => i.documentNo)).toEqual([
      '盘法督意〔2026〕3号',
      '盘法督决〔2026〕1号',
    ]);
  });

  it('rejects a missing reason, an unknown kind and a service date after today', () => {
    spec
      .given(opinionIssued())
      .when(followUp({ reason: '' }))
      .thenError('Validation', 'VALIDATION.TEXT_REQUIRED');
    spec
      .given(opinionIssued())
      .when(followUp({ instrument: { kind: 'Memo' as never, documentNo: 'x' } }))
      .thenError('Validation', 'VALIDATION.UNKNOWN_VALUE');
    spec
      .given(opinionIssued())
      .when(
        followUp({
          instrument: { kind: 'SupervisionDecision', documentNo: '盘法督决〔2026〕1号', servedOn: '2026-04-07' },
        }),
      )
      .thenError('Validation', 'CLUE.SERVED_ON_IN_FUTURE');
  });

  it('given an old single-instrument stream, then it still folds: the one instrument is the current one, none superseded', () => {
    const state = fold(decider, opinionIssued());
    expect(state.instrument).toMatchObject({ kind: 'SupervisionOpinion', documentNo: '盘法督意〔2026〕3号' });
    expect(state.supersededInstruments).toBeUndefined();
  });
});
