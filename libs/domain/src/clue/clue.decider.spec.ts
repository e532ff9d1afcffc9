import { deciderSpec } from '@xj/testing';
import { Actor } from '../shared/actor';
import { fold } from '../shared/decider';
import { isDomainError } from '../shared/domain-error';
import { createDomainConfig } from '../domain-config';
import { INSTRUMENT_DEADLINE_RULES, SUPERVISION_INSTRUMENT_KINDS } from './clue-source';
import {
  ClueCommand,
  CompleteClueLookBack,
  DismissClue,
  EvaluateClue,
  IssueSupervisionInstrument,
  ProposeReferral,
  RectificationPlanItem,
  RegisterClue,
  StartVerification,
  SubmitRectificationPlan,
} from './clue.commands';
import { ClueEvent } from './clue.events';
import { createClueDecider } from './clue.decider';
import { CLUE_CATEGORY, clueStreamName } from './clue.state';
import { availableClueCommands } from './clue.preconditions';

const config = createDomainConfig();
const decider = createClueDecider(config);
const spec = deciderSpec(decider);

// Monday 2 March 2026, 09:00 in Panjin.
const AT = '2026-03-02T09:00:00+08:00';
const CLUE = 'c-1';
const REGION = 'panjin/dawa';

const actor = (overrides: Partial<Actor>): Actor => ({
  userId: 'u-office',
  role: 'RuleOfLawOffice',
  position: 'Staff',
  orgId: 'panjin.rol-office',
  regionId: 'panjin',
  ...overrides,
});
const office = actor({});
const officeHead = actor({ userId: 'u-office-head', position: 'Head' });
const countyHead = actor({
  userId: 'u-dawa-head',
  position: 'Head',
  orgId: 'dawa.rol-office',
  regionId: 'panjin/dawa',
});
const otherCountyHead = actor({
  userId: 'u-sts-head',
  position: 'Head',
  orgId: 'sts.rol-office',
  regionId: 'panjin/shuangtaizi',
});
const justice = actor({ userId: 'u-justice', role: 'JusticeBureau', orgId: 'panjin.justice' });
const agencyHead = actor({
  userId: 'u-agency-head',
  role: 'EnforcementAgency',
  position: 'Head',
  orgId: 'dawa.emergency',
  regionId: REGION,
});
const agencyStaff = actor({ ...agencyHead, userId: 'u-agency-staff', position: 'Staff' });
const otherAgencyHead = actor({ ...agencyHead, userId: 'u-other-agency', orgId: 'dawa.urban-mgmt' });
const auditor = actor({ userId: 'u-audit', role: 'Auditor', position: 'Head' });
const admin = actor({ userId: 'u-admin', role: 'Administrator', position: 'Head' });
const commission = actor({ userId: 'u-ccdi', role: 'DisciplineCommission', position: 'Head', orgId: 'panjin.ccdi' });
const leader = actor({ userId: 'u-secretary', role: 'PartyLeadership', position: 'Head', orgId: 'panjin.party' });

const ref = (a: Actor) => ({ userId: a.userId, role: a.role, orgId: a.orgId });

// ---- command builders: each states only what a test changes ----

const register = (o: Partial<RegisterClue> = {}): RegisterClue => ({
  type: 'RegisterClue',
  actor: office,
  at: AT,
  clueId: CLUE,
  regionId: REGION,
  source: 'Reconsideration',
  sourceRef: '盘复〔2026〕12号',
  receivedAt: '2026-02-27T16:00:00+08:00',
  agency: { orgId: 'dawa.emergency', name: '大洼区应急管理局' },
  summary: 'The bureau did not perform a reconsideration decision within its time limit.',
  ...o,
});
const startAnalysis = (a: Actor = office): ClueCommand => ({
  type: 'StartAnalysis',
  actor: a,
  at: AT,
  clueId: CLUE,
  analystUserId: 'u-analyst',
});
const dismiss = (o: Partial<DismissClue> = {}): DismissClue => ({
  type: 'DismissClue',
  actor: officeHead,
  at: AT,
  clueId: CLUE,
  reason: 'Untrue',
  explanation: 'The complaint was withdrawn and the file shows the decision was performed.',
  ...o,
});
const startVerification = (o: Partial<StartVerification> = {}): StartVerification => ({
  type: 'StartVerification',
  actor: officeHead,
  at: AT,
  clueId: CLUE,
  situationCodes: [],
  evidenceCodes: [],
  category: 'Inaction',
  verificationPlan: 'Read the file; interview the handler and the approver.',
  team: ['u-analyst', 'u-lawyer'],
  ...o,
});
/** Facts that match situation #1 (ImproperPerformance) with its required evidence. */
const matching = { situationCodes: ['ImproperPerformance'], evidenceCodes: ['IP.DUTY_SOURCE', 'IP.ACT_OR_OMISSION'] };
const issue = (o: Partial<IssueSupervisionInstrument> = {}): IssueSupervisionInstrument => ({
  type: 'IssueSupervisionInstrument',
  actor: officeHead,
  at: AT,
  clueId: CLUE,
  verificationReport: 'The decision of 2025-11-03 was not performed; the bureau gave no reason.',
  responsibleUnits: ['dawa.emergency'],
  instrument: { kind: 'SupervisionOpinion', documentNo: '盘法督〔2026〕3号' },
  ...o,
});
const item = (o: Partial<RectificationPlanItem> = {}): RectificationPlanItem => ({
  itemId: 'i-1',
  issue: 'Decision not performed',
  measures: 'Perform the decision and notify the applicant',
  mode: 'Deadline',
  dueDate: '2026-03-20',
  responsiblePerson: '张科长',
  ...o,
});
const plan = (items: RectificationPlanItem[] = [item()], a: Actor = agencyHead): SubmitRectificationPlan => ({
  type: 'SubmitRectificationPlan',
  actor: a,
  at: AT,
  clueId: CLUE,
  items,
});
const evidence = [{ title: '履行通知书', documentRef: 'doc-77' }];
const feedback = (a: Actor = agencyHead, o: object = {}): ClueCommand => ({
  type: 'SubmitRectificationFeedback',
  actor: a,
  at: AT,
  clueId: CLUE,
  report: 'Performed on 2026-03-10; the applicant was notified.',
  evidence,
  ...o,
});
const startEvaluation = (a: Actor = office): ClueCommand => ({
  type: 'StartEvaluation',
  actor: a,
  at: AT,
  clueId: CLUE,
});
const pass = (o: Partial<EvaluateClue> = {}): EvaluateClue => ({
  type: 'EvaluateClue',
  actor: officeHead,
  at: AT,
  clueId: CLUE,
  result: 'Pass',
  method: 'OnSite',
  notes: 'Checked on site: performed.',
  rectificationItems: [{ itemId: 'i-1', status: 'Closed', mode: 'Deadline' }],
  ...o,
});
const fail = (o: Partial<EvaluateClue> = {}): EvaluateClue => ({
  type: 'EvaluateClue',
  actor: office,
  at: AT,
  clueId: CLUE,
  result: 'Fail',
  method: 'Document',
  notes: 'Only a notice was drafted.',
  failureReasons: ['The applicant has not been notified'],
  newDueDate: '2026-04-04',
  ...o,
});
const lookBack = (o: Partial<CompleteClueLookBack> = {}): CompleteClueLookBack => ({
  type: 'CompleteClueLookBack',
  actor: office,
  at: AT,
  clueId: CLUE,
  result: 'Pass',
  method: 'OnSite',
  notes: 'Still in order three months on.',
  ...o,
});
const propose = (o: Partial<ProposeReferral> = {}): ProposeReferral => ({
  type: 'ProposeReferral',
  actor: office,
  at: AT,
  clueId: CLUE,
  referralId: 'r-1',
  ...matching,
  ...o,
});
const sent = (referralId = 'r-1', o: object = {}): ClueCommand => ({
  type: 'RecordReferralSent',
  actor: office,
  at: AT,
  clueId: CLUE,
  referralId,
  sentAt: '2026-03-05T10:00:00+08:00',
  ...o,
});
const escalate = (a: Actor = officeHead, o: object = {}): ClueCommand => ({
  type: 'RaiseEscalation',
  actor: a,
  at: AT,
  clueId: CLUE,
  escalationId: 'e-1',
  escalationType: 'Interview',
  reason: 'No plan after the deadline',
  targetOrgId: 'dawa.emergency',
  target: { orgId: 'dawa.emergency', role: 'EnforcementAgency', regionId: 'panjin/dawa' },
  ...o,
});

/** Builds a history by running commands through the decider, so every given history is one it could produce. */
const run = (...commands: ClueCommand[]): ClueEvent[] =>
  commands.reduce<ClueEvent[]>((events, command) => {
    const result = decider.decide(command, fold(decider, events));
    if (isDomainError(result)) throw new Error(`${command.type}: ${result.code} ${result.message}`);
    return [...events, ...result];
  }, []);

const registered = () => run(register());
const inAnalysis = () => run(register(), startAnalysis());
const inVerification = () => run(register(), startAnalysis(), startVerification());
const inSupervision = () => run(register(), startAnalysis(), startVerification(), issue());
const inRectification = () => run(register(), startAnalysis(), startVerification(), issue(), plan());
const inFeedback = () => run(register(), startAnalysis(), startVerification(), issue(), plan(), feedback());
const inEvaluation = () =>
  run(register(), startAnalysis(), startVerification(), issue(), plan(), feedback(), startEvaluation());
const closed = () =>
  run(register(), startAnalysis(), startVerification(), issue(), plan(), feedback(), startEvaluation(), pass());
const archived = () =>
  run(
    register(),
    startAnalysis(),
    startVerification(),
    issue(),
    plan(),
    feedback(),
    startEvaluation(),
    pass(),
    lookBack(),
  );
const dismissed = () => run(register(), startAnalysis(), dismiss());

function decide(events: readonly ClueEvent[], command: ClueCommand): ClueEvent[] {
  const result = decider.decide(command, fold(decider, events));
  if (isDomainError(result)) throw new Error(result.code);
  return [...result];
}

describe('the domain entry point, for the clue', () => {
  it('exports what the application needs and keeps the decider’s internals in', async () => {
    const entry = await import('../index');
    expect(Object.keys(entry)).toEqual(
      expect.arrayContaining(['createClueDecider', 'CLUE_CATEGORY', 'clueStreamName', 'CLUE_STATUSES', 'CLUE_SOURCES']),
    );
    expect(Object.keys(entry)).not.toEqual(expect.arrayContaining(['CLUE_CLOSED_ITEM_STATUSES']));
    expect(Object.keys(entry)).not.toEqual(expect.arrayContaining(['INSTRUMENT_DEADLINE_RULES']));
  });
});

describe('Clue stream naming', () => {
  it('lives in the clue category, with no dash inside the category', () => {
    expect(CLUE_CATEGORY).toBe('clue');
    expect(clueStreamName('c-1')).toBe('clue-c-1');
  });
});

describe('C1 RegisterClue', () => {
  it('registers the clue with its owner, source and agency', () => {
    spec
      .given([])
      .when(register({ subjects: [], attachments: [{ title: '复议决定书', documentRef: 'doc-1' }] }))
      .then([
        {
          type: 'ClueRegistered',
          data: {
            at: AT,
            by: ref(office),
            clueId: CLUE,
            regionId: REGION,
            ownerOrgId: 'panjin.rol-office',
            source: 'Reconsideration',
            sourceRef: '盘复〔2026〕12号',
            receivedAt: '2026-02-27T16:00:00+08:00',
            agency: { orgId: 'dawa.emergency', name: '大洼区应急管理局' },
            summary: 'The bureau did not perform a reconsideration decision within its time limit.',
            subjects: [],
            attachments: [{ title: '复议决定书', documentRef: 'doc-1' }],
          },
        },
      ]);
  });

  it('keeps only the known fields of subjects and attachments', () => {
    const subject = {
      subjectId: 's-1',
      name: '王某',
      unit: '大洼区应急管理局',
      post: '局长',
      cadreRank: 'TownshipSectionOrBelow' as const,
      isPartyMember: true,
      isPublicOfficial: true,
    };
    const [event] = spec
      .given([])
      .when(
        register({
          subjects: [{ ...subject, extra: 'x' } as typeof subject],
          attachments: [{ title: 't', documentRef: 'd', x: 1 } as never],
        }),
      )
      .thenEvents();
    expect(event?.data).toMatchObject({ subjects: [subject], attachments: [{ title: 't', documentRef: 'd' }] });
  });

  it('lets the justice bureau and a county office register in their region', () => {
    expect(
      spec
        .given([])
        .when(register({ actor: justice }))
        .thenState().ownerOrgId,
    ).toBe('panjin.justice');
    expect(
      spec
        .given([])
        .when(register({ actor: countyHead }))
        .thenState().status,
    ).toBe('Registered');
  });

  it.each([
    ['auditor', auditor, 'AUTH.READ_ONLY_ROLE'],
    ['admin', admin, 'AUTH.READ_ONLY_ROLE'],
    ['agencyHead', agencyHead, 'AUTH.ROLE_NOT_ALLOWED'],
    ['commission', commission, 'AUTH.ROLE_NOT_ALLOWED'],
    ['otherCountyHead', otherCountyHead, 'AUTH.OUTSIDE_JURISDICTION'],
  ])('rejects %s with %s', (_, a, code) => {
    spec
      .given([])
      .when(register({ actor: a }))
      .thenError('Forbidden', code);
  });

  it.each<[string, Partial<RegisterClue>, string]>([
    ['a missing clue id', { clueId: '' }, 'VALIDATION.TEXT_REQUIRED'],
    ['a missing region', { regionId: undefined as unknown as string }, 'VALIDATION.TEXT_REQUIRED'],
    ['an unknown source', { source: 'Rumour' as never }, 'VALIDATION.UNKNOWN_VALUE'],
    ['a missing source reference', { sourceRef: ' ' }, 'VALIDATION.TEXT_REQUIRED'],
    ['a receivedAt that is not an instant', { receivedAt: '2026-02-27' }, 'VALIDATION.INSTANT'],
    ['a missing agency', { agency: undefined as never }, 'VALIDATION.TEXT_REQUIRED'],
    ['a summary over 4000 characters', { summary: 'x'.repeat(4_001) }, 'VALIDATION.TEXT_REQUIRED'],
    [
      'a subject with an unknown rank',
      {
        subjects: [
          {
            subjectId: 's',
            name: 'n',
            unit: 'u',
            post: 'p',
            cadreRank: 'Minister' as never,
            isPartyMember: true,
            isPublicOfficial: true,
          },
        ],
      },
      'VALIDATION.UNKNOWN_VALUE',
    ],
    ['an attachment without a title', { attachments: [{ title: '', documentRef: 'd' }] }, 'VALIDATION.TEXT_REQUIRED'],
    ['attachments that are not a list', { attachments: 'doc' as never }, 'VALIDATION.LIST'],
    ['a clue received after it is registered', { receivedAt: '2026-03-03T08:00:00+08:00' }, 'CLUE.RECEIVED_IN_FUTURE'],
  ])('rejects %s', (_, overrides, code) => {
    spec.given([]).when(register(overrides)).thenError('Validation', code);
  });

  it('rejects registering the same clue twice', () => {
    spec.given(registered()).when(register()).thenError('Conflict', 'CLUE.ALREADY_EXISTS');
  });
});

describe('C2 StartAnalysis', () => {
  it('moves a registered clue to analysis with its analyst', () => {
    spec
      .given(registered())
      .when(startAnalysis())
      .then([{ type: 'ClueAnalysisStarted', data: { at: AT, by: ref(office), analystUserId: 'u-analyst' } }]);
  });

  it('is NotFound on a clue that does not exist', () => {
    spec.given([]).when(startAnalysis()).thenError('NotFound', 'CLUE.NOT_FOUND');
  });

  it('rejects a second start (wrong state)', () => {
    spec.given(inAnalysis()).when(startAnalysis()).thenError('InvalidTransition', 'CLUE.WRONG_STATE');
  });

  it.each([
    ['auditor', auditor, 'AUTH.READ_ONLY_ROLE'],
    ['admin', admin, 'AUTH.READ_ONLY_ROLE'],
    ['agencyHead', agencyHead, 'AUTH.ROLE_NOT_ALLOWED'],
    ['otherCountyHead', otherCountyHead, 'AUTH.OUTSIDE_JURISDICTION'],
  ])('rejects %s with %s', (_, a, code) => {
    spec.given(registered()).when(startAnalysis(a)).thenError('Forbidden', code);
  });

  it('requires the analyst', () => {
    spec
      .given(registered())
      .when({ type: 'StartAnalysis', actor: office, at: AT, clueId: CLUE, analystUserId: '' })
      .thenError('Validation', 'VALIDATION.TEXT_REQUIRED');
  });
});

describe('C3 / C5 DismissClue', () => {
  it('dismisses a clue under analysis (C3), approved by the head', () => {
    const events = spec
      .given(inAnalysis())
      .when(dismiss())
      .then([
        {
          type: 'ClueDismissed',
          data: {
            at: AT,
            by: ref(officeHead),
            reason: 'Untrue',
            explanation: 'The complaint was withdrawn and the file shows the decision was performed.',
          },
        },
      ]);
    const state = fold(decider, [...inAnalysis(), ...events]);
    expect(state).toMatchObject({ status: 'Dismissed', dismissal: { reason: 'Untrue', at: AT } });
  });

  it('dismisses a verified clue that showed no problem (C5), keeping the report', () => {
    const state = spec
      .given(inVerification())
      .when(dismiss({ reason: 'NoProblemFound', verificationReport: 'All acts were lawful.' }))
      .thenState();
    expect(state.status).toBe('Dismissed');
    expect(state.deadline).toBeUndefined();
  });

  it('records an optional verification report for other reasons', () => {
    const [event] = spec
      .given(inVerification())
      .when(dismiss({ reason: 'NotVerifiable', verificationReport: 'No witness.' }))
      .thenEvents();
    expect(event?.data).toMatchObject({ verificationReport: 'No witness.' });
  });

  it('refuses "no problem found" before verification', () => {
    spec
      .given(inAnalysis())
      .when(dismiss({ reason: 'NoProblemFound', verificationReport: 'r' }))
      .thenError('InvalidTransition', 'CLUE.NOT_VERIFIED');
  });

  it('requires the verification report for "no problem found"', () => {
    spec
      .given(inVerification())
      .when(dismiss({ reason: 'NoProblemFound' }))
      .thenError('Validation', 'VALIDATION.TEXT_REQUIRED');
  });

  it('rejects an unknown reason and a missing explanation', () => {
    spec
      .given(inAnalysis())
      .when(dismiss({ reason: 'Boring' as never }))
      .thenError('Validation', 'VALIDATION.UNKNOWN_VALUE');
    spec
      .given(inAnalysis())
      .when(dismiss({ explanation: '' }))
      .thenError('Validation', 'VALIDATION.TEXT_REQUIRED');
  });

  it('needs the head', () => {
    spec
      .given(inAnalysis())
      .when(dismiss({ actor: office }))
      .thenError('Forbidden', 'AUTH.HEAD_REQUIRED');
  });

  it.each([
    ['auditor', auditor],
    ['admin', admin],
  ])('rejects the read-only %s', (_, a) => {
    spec
      .given(inAnalysis())
      .when(dismiss({ actor: a }))
      .thenError('Forbidden', 'AUTH.READ_ONLY_ROLE');
  });

  it('rejects dismissal of a registered clue, a clue under supervision and a dismissed clue', () => {
    spec.given(registered()).when(dismiss()).thenError('InvalidTransition', 'CLUE.WRONG_STATE');
    spec.given(inSupervision()).when(dismiss()).thenError('InvalidTransition', 'CLUE.WRONG_STATE');
    spec.given(dismissed()).when(dismiss()).thenError('InvalidTransition', 'CLUE.WRONG_STATE');
  });

  it('is NotFound on a missing clue', () => {
    spec.given([]).when(dismiss()).thenError('NotFound', 'CLUE.NOT_FOUND');
  });
});

describe('C4 StartVerification', () => {
  it('records the rulebook verdict and the 15-working-day verification deadline', () => {
    const [event] = spec.given(inAnalysis()).when(startVerification()).thenEvents();
    expect(event).toMatchObject({
      type: 'VerificationStarted',
      data: {
        by: ref(officeHead),
        situationCodes: [],
        statutoryGroundCodes: [],
        legalBasis: [],
        category: 'Inaction',
        team: ['u-analyst', 'u-lawyer'],
        evaluation: { rulebookVersion: 'v1', transferMandatory: false },
        deadline: {
          rule: 'ClueVerification',
          from: '2026-03-02',
          amount: 15,
          unit: 'WorkingDays',
          dueOn: '2026-03-23',
        },
      },
    });
    expect(event?.data).not.toHaveProperty('transferDeadline');
  });

  it('starts the transfer deadline when a situation matches (Decision 3)', () => {
    const state = spec
      .given(inAnalysis())
      .when(startVerification({ ...matching, justification: 'see file', legalBasis: ['政务处分法 art. 39(2)'] }))
      .thenState();
    expect(state).toMatchObject({
      status: 'Verification',
      situationCodes: ['ImproperPerformance'],
      justification: 'see file',
      evaluation: { matchedCodes: ['ImproperPerformance'], transferMandatory: true },
      transferDeadline: { rule: 'TransferAfterConditionsMet', dueOn: '2026-03-23' },
      deadline: { rule: 'ClueVerification' },
    });
  });

  it('records a claimed situation without its evidence as not matched, with no transfer deadline', () => {
    const state = spec
      .given(inAnalysis())
      .when(startVerification({ situationCodes: ['InterferenceInCase'] }))
      .thenState();
    expect(state.evaluation?.rules[0]).toMatchObject({
      code: 'InterferenceInCase',
      matched: false,
      evidenceMissing: ['IC.CASE', 'IC.MEANS'],
    });
    expect(state.transferDeadline).toBeUndefined();
  });

  it.each<[string, Partial<StartVerification>, string]>([
    ['an unknown situation', { situationCodes: ['Gossip'] }, 'CLUE.UNKNOWN_SITUATION'],
    ['an unknown statutory ground', { statutoryGroundCodes: ['Jaywalking'] }, 'CLUE.UNKNOWN_STATUTORY_GROUND'],
    ['an empty team', { team: [] }, 'VALIDATION.LIST_REQUIRED'],
    ['a team that is not a list', { team: 'u-1' as never }, 'VALIDATION.LIST'],
    ['an unknown category', { category: 'Rudeness' as never }, 'VALIDATION.UNKNOWN_VALUE'],
    ['a missing plan', { verificationPlan: '' }, 'VALIDATION.TEXT_REQUIRED'],
    ['a blank justification', { justification: ' ' }, 'VALIDATION.TEXT_REQUIRED'],
    ['a blank legal basis', { legalBasis: [''] }, 'VALIDATION.TEXT_REQUIRED'],
  ])('rejects %s', (_, overrides, code) => {
    spec.given(inAnalysis()).when(startVerification(overrides)).thenError('Validation', code);
  });

  it('needs the head (collective decision)', () => {
    spec
      .given(inAnalysis())
      .when(startVerification({ actor: office }))
      .thenError('Forbidden', 'AUTH.HEAD_REQUIRED');
  });

  it('rejects a clue outside the region and read-only roles', () => {
    spec
      .given(inAnalysis())
      .when(startVerification({ actor: otherCountyHead }))
      .thenError('Forbidden', 'AUTH.OUTSIDE_JURISDICTION');
    spec
      .given(inAnalysis())
      .when(startVerification({ actor: admin }))
      .thenError('Forbidden', 'AUTH.READ_ONLY_ROLE');
  });

  it('rejects a registered clue (analysis first)', () => {
    spec.given(registered()).when(startVerification()).thenError('InvalidTransition', 'CLUE.WRONG_STATE');
  });

  it('keeps a transfer deadline that a referral already started', () => {
    const history = run(register(), startAnalysis(), propose());
    const [event] = spec.given(history).when(startVerification(matching)).thenEvents();
    expect(event?.data).not.toHaveProperty('transferDeadline');
    expect(fold(decider, [...history, event as ClueEvent]).transferDeadline?.dueOn).toBe('2026-03-23');
  });
});

describe('C6 IssueSupervisionInstrument', () => {
  it.each(SUPERVISION_INSTRUMENT_KINDS.map((kind) => [kind]))('computes the period of a %s from its rule', (kind) => {
    const state = spec
      .given(inVerification())
      .when(issue({ instrument: { kind, documentNo: 'No. 1' } }))
      .thenState();
    expect(state.status).toBe('Supervision');
    expect(state.deadline?.rule).toBe(INSTRUMENT_DEADLINE_RULES[kind]);
    expect(state.instrument).toMatchObject({ kind, documentNo: 'No. 1', deadline: state.deadline });
  });

  it('gives a reconsideration opinion 60 days, moved past the May holiday (行政复议法 art. 76)', () => {
    const state = spec
      .given(inVerification())
      .when(issue({ instrument: { kind: 'ReconsiderationOpinion', documentNo: '盘复意〔2026〕1号' } }))
      .thenState();
    expect(state.deadline).toEqual({
      rule: 'ReconsiderationOpinionCorrection',
      from: '2026-03-02',
      amount: 60,
      unit: 'Days',
      dueOn: '2026-05-06',
      runsFrom: 'Issuance',
    });
  });

  it('runs the 60 days of 行政复议法 art. 76 from the service date (送达) when the instrument gives one', () => {
    const events = spec
      .given(inVerification())
      .when(
        issue({
          instrument: { kind: 'ReconsiderationOpinion', documentNo: '盘复意〔2026〕1号', servedOn: '2026-02-27' },
        }),
      )
      .thenEvents();
    expect(events[0]?.data).toMatchObject({
      instrument: { servedOn: '2026-02-27' },
      // 2026-02-27 + 60 days = 2026-04-28, a Tuesday.
      deadline: { from: '2026-02-27', dueOn: '2026-04-28', runsFrom: 'Service' },
    });
  });

  it('refuses a service date after the day the issuance is recorded, or one that is no date', () => {
    const served = (servedOn: string) =>
      issue({ instrument: { kind: 'ReconsiderationOpinion', documentNo: '盘复意〔2026〕1号', servedOn } });
    spec.given(inVerification()).when(served('2026-03-03')).thenError('Validation', 'CLUE.SERVED_ON_IN_FUTURE');
    spec.given(inVerification()).when(served('2026-02-30')).thenError('Validation', 'VALIDATION.DATE');
  });

  it('records the supervision opinion, its 30 days and the 10-working-day plan deadline', () => {
    spec
      .given(inVerification())
      .when(issue())
      .then([
        {
          type: 'SupervisionInstrumentIssued',
          data: {
            at: AT,
            by: ref(officeHead),
            verificationReport: 'The decision of 2025-11-03 was not performed; the bureau gave no reason.',
            responsibleUnits: ['dawa.emergency'],
            instrument: { kind: 'SupervisionOpinion', documentNo: '盘法督〔2026〕3号' },
            deadline: {
              rule: 'SupervisionOpinionCorrection',
              from: '2026-03-02',
              amount: 30,
              unit: 'Days',
              dueOn: '2026-04-01',
              runsFrom: 'Issuance',
            },
            planDeadline: {
              rule: 'RectificationPlan',
              from: '2026-03-02',
              amount: 10,
              unit: 'WorkingDays',
              dueOn: '2026-03-16',
            },
          },
        },
      ]);
  });

  it('takes an explicit due date on a rest day as given, flagged, and never lets the plan fall due after it', () => {
    const state = spec
      .given(inVerification())
      .when(issue({ dueDate: '2026-03-07' }))
      .thenState();
    // Issue 15 §4: the explicit date is kept as given (a Saturday) and flagged, not moved.
    expect(state.deadline).toMatchObject({
      rule: 'SupervisionOpinionCorrection',
      amount: 0,
      dueOn: '2026-03-07',
      nonWorkingDay: true,
    });
    expect(state.planDeadline).toMatchObject({ rule: 'RectificationPlan', dueOn: '2026-03-07', nonWorkingDay: true });
  });

  it('re-evaluates updated facts and starts the transfer deadline when they newly make transfer mandatory', () => {
    const state = spec.given(inVerification()).when(issue(matching)).thenState();
    expect(state.situationCodes).toEqual(['ImproperPerformance']);
    expect(state.evaluation?.transferMandatory).toBe(true);
    expect(state.transferDeadline?.rule).toBe('TransferAfterConditionsMet');
  });

  it('re-evaluates with only new evidence, keeping the claimed situations', () => {
    const history = run(register(), startAnalysis(), startVerification({ situationCodes: ['ImproperPerformance'] }));
    expect(fold(decider, history).evaluation?.transferMandatory).toBe(false);
    const state = spec
      .given(history)
      .when(issue({ evidenceCodes: matching.evidenceCodes }))
      .thenState();
    expect(state.situationCodes).toEqual(['ImproperPerformance']);
    expect(state.evaluation?.matchedCodes).toEqual(['ImproperPerformance']);
  });

  it('does not restart a running transfer deadline', () => {
    const history = run(register(), startAnalysis(), startVerification(matching));
    const [event] = spec.given(history).when(issue(matching)).thenEvents();
    expect(event?.data).toHaveProperty('evaluation');
    expect(event?.data).not.toHaveProperty('transferDeadline');
  });

  it.each<[string, Partial<IssueSupervisionInstrument>, string]>([
    ['a due date in the past', { dueDate: '2026-03-01' }, 'CLUE.DUE_DATE_IN_PAST'],
    ['a due date that is no date', { dueDate: '2026-02-30' }, 'VALIDATION.DATE'],
    ['no responsible unit', { responsibleUnits: [] }, 'VALIDATION.LIST_REQUIRED'],
    ['an unknown instrument', { instrument: { kind: 'Memo' as never, documentNo: '1' } }, 'VALIDATION.UNKNOWN_VALUE'],
    [
      'a missing document number',
      { instrument: { kind: 'SupervisionOpinion', documentNo: '' } },
      'VALIDATION.TEXT_REQUIRED',
    ],
    ['a missing report', { verificationReport: '' }, 'VALIDATION.TEXT_REQUIRED'],
    ['an unknown situation', { situationCodes: ['Gossip'] }, 'CLUE.UNKNOWN_SITUATION'],
  ])('rejects %s', (_, overrides, code) => {
    spec.given(inVerification()).when(issue(overrides)).thenError('Validation', code);
  });

  it('needs the head, and the clue under verification', () => {
    spec
      .given(inVerification())
      .when(issue({ actor: justice }))
      .thenError('Forbidden', 'AUTH.HEAD_REQUIRED');
    spec.given(inAnalysis()).when(issue()).thenError('InvalidTransition', 'CLUE.WRONG_STATE');
    spec.given([]).when(issue()).thenError('NotFound', 'CLUE.NOT_FOUND');
  });
});

describe('C7 SubmitRectificationPlan', () => {
  it('lets the agency head submit; the plan is due with its latest item', () => {
    const items = [
      item(),
      item({ itemId: 'i-2', mode: 'Immediate', dueDate: '2026-03-04' }),
      item({ itemId: 'i-3', mode: 'LongTerm', dueDate: undefined, longTermTarget: 'Quarterly self-checks' }),
    ];
    const events = spec
      .given(inSupervision())
      .when(plan(items))
      .then([
        {
          type: 'RectificationPlanSubmitted',
          data: {
            at: AT,
            by: ref(agencyHead),
            items,
            deadline: {
              rule: 'SupervisionOpinionCorrection',
              from: '2026-03-02',
              amount: 0,
              unit: 'Days',
              dueOn: '2026-03-20',
            },
          },
        },
      ]);
    const state = fold(decider, [...inSupervision(), ...events]);
    expect(state).toMatchObject({ status: 'Rectification', planDeadline: undefined });
    expect(state.rectificationItems).toEqual([
      { itemId: 'i-1', mode: 'Deadline' },
      { itemId: 'i-2', mode: 'Immediate' },
      { itemId: 'i-3', mode: 'LongTerm' },
    ]);
  });

  it('records the owner of each item (第一责任人), so the plan event alone can rebuild the items; unknown fields are dropped', () => {
    const owned = item({ owner: '张局长 (局长)' });
    spec
      .given(inSupervision())
      .when(plan([{ ...owned, note: 'not part of the plan' } as RectificationPlanItem]))
      .then([
        {
          type: 'RectificationPlanSubmitted',
          data: {
            at: AT,
            by: ref(agencyHead),
            items: [owned],
            deadline: {
              rule: 'SupervisionOpinionCorrection',
              from: '2026-03-02',
              amount: 0,
              unit: 'Days',
              dueOn: '2026-03-20',
            },
          },
        },
      ]);
  });

  it('falls back to the instrument deadline when every item is long-term', () => {
    const state = spec
      .given(inSupervision())
      .when(plan([item({ mode: 'LongTerm', dueDate: undefined, longTermTarget: 'Keep it up' })]))
      .thenState();
    expect(state.deadline).toEqual(fold(decider, inSupervision()).instrument?.deadline);
  });

  it('takes a long-term milestone date into account', () => {
    const state = spec
      .given(inSupervision())
      .when(plan([item({ mode: 'LongTerm', dueDate: '2026-06-30', longTermTarget: 'Keep it up' })]))
      .thenState();
    expect(state.deadline?.dueOn).toBe('2026-06-30');
  });

  it.each([
    ['otherAgencyHead', otherAgencyHead, 'AUTH.WRONG_ORGANISATION'],
    ['agencyStaff', agencyStaff, 'AUTH.HEAD_REQUIRED'],
    ['officeHead', officeHead, 'AUTH.ROLE_NOT_ALLOWED'],
    ['auditor', auditor, 'AUTH.READ_ONLY_ROLE'],
    ['admin', admin, 'AUTH.READ_ONLY_ROLE'],
  ])('rejects %s with %s', (_, a, code) => {
    spec
      .given(inSupervision())
      .when(plan([item()], a))
      .thenError('Forbidden', code);
  });

  it.each<[string, RectificationPlanItem[], string]>([
    ['an empty plan', [], 'VALIDATION.LIST_REQUIRED'],
    ['a deadline item without a due date', [item({ dueDate: undefined })], 'VALIDATION.DATE'],
    ['an item due before today', [item({ dueDate: '2026-02-27' })], 'CLUE.DUE_DATE_IN_PAST'],
    ['a long-term item without a target', [item({ mode: 'LongTerm', dueDate: undefined })], 'VALIDATION.TEXT_REQUIRED'],
    ['an unknown mode', [item({ mode: 'Someday' as never })], 'VALIDATION.UNKNOWN_VALUE'],
    ['a missing responsible person', [item({ responsiblePerson: '' })], 'VALIDATION.TEXT_REQUIRED'],
    ['a blank owner (第一责任人)', [item({ owner: '  ' })], 'VALIDATION.TEXT_REQUIRED'],
    ['an owner longer than a name', [item({ owner: '局'.repeat(201) })], 'VALIDATION.TEXT_REQUIRED'],
    ['an owner that is not text', [item({ owner: 42 as never })], 'VALIDATION.TEXT_REQUIRED'],
    ['a duplicate item id', [item(), item()], 'CLUE.DUPLICATE_ITEM'],
  ])('rejects %s', (_, items, code) => {
    spec.given(inSupervision()).when(plan(items)).thenError('Validation', code);
  });

  it('rejects items that are not a list', () => {
    spec
      .given(inSupervision())
      .when({ ...plan(), items: 'i-1' as never })
      .thenError('Validation', 'VALIDATION.LIST');
    spec
      .given(inSupervision())
      .when({ ...plan(), items: [null] as never })
      .thenError('Validation', 'VALIDATION.LIST');
    spec
      .given(inSupervision())
      .when({ ...plan(), items: undefined as never })
      .thenError('Validation', 'VALIDATION.LIST_REQUIRED');
  });

  it('rejects a plan before the instrument is issued, and a second plan', () => {
    spec.given(inVerification()).when(plan()).thenError('InvalidTransition', 'CLUE.WRONG_STATE');
    spec
      .given(inRectification())
      .when(plan([item({ itemId: 'i-9' })]))
      .thenError('InvalidTransition', 'CLUE.WRONG_STATE');
  });

  it('never reuses an item id on the clue (ids name RectificationItem streams)', () => {
    // A history the decider cannot produce today (a second instrument), to pin the guard for upcasted or migrated streams.
    const history = [...inRectification(), ...run(register(), startAnalysis(), startVerification(), issue()).slice(-1)];
    spec
      .given(history)
      .when(plan([item()]))
      .thenError('Conflict', 'CLUE.ITEM_ALREADY_EXISTS');
  });
});

describe('C8 SubmitRectificationFeedback', () => {
  it('moves to Feedback with the signed report and evidence', () => {
    const events = spec
      .given(inRectification())
      .when(feedback())
      .then([
        {
          type: 'RectificationFeedbackSubmitted',
          data: {
            at: AT,
            by: ref(agencyHead),
            report: 'Performed on 2026-03-10; the applicant was notified.',
            evidence,
          },
        },
      ]);
    expect(fold(decider, [...inRectification(), ...events])).toMatchObject({
      status: 'Feedback',
      feedbackCount: 1,
      deadline: undefined,
    });
  });

  it('requires evidence and a report', () => {
    spec
      .given(inRectification())
      .when(feedback(agencyHead, { evidence: [] }))
      .thenError('Validation', 'VALIDATION.LIST_REQUIRED');
    spec
      .given(inRectification())
      .when(feedback(agencyHead, { report: '' }))
      .thenError('Validation', 'VALIDATION.TEXT_REQUIRED');
    spec
      .given(inRectification())
      .when(feedback(agencyHead, { evidence: 'doc' }))
      .thenError('Validation', 'VALIDATION.LIST');
  });

  it('belongs to the supervised agency head', () => {
    spec.given(inRectification()).when(feedback(otherAgencyHead)).thenError('Forbidden', 'AUTH.WRONG_ORGANISATION');
    spec.given(inRectification()).when(feedback(agencyStaff)).thenError('Forbidden', 'AUTH.HEAD_REQUIRED');
    spec.given(inRectification()).when(feedback(auditor)).thenError('Forbidden', 'AUTH.READ_ONLY_ROLE');
  });

  it('rejects feedback before a plan and on a missing clue', () => {
    spec.given(inSupervision()).when(feedback()).thenError('InvalidTransition', 'CLUE.WRONG_STATE');
    spec.given([]).when(feedback()).thenError('NotFound', 'CLUE.NOT_FOUND');
  });
});

describe('C9 StartEvaluation', () => {
  it('moves the feedback to evaluation', () => {
    spec
      .given(inFeedback())
      .when(startEvaluation())
      .then([{ type: 'ClueEvaluationStarted', data: { at: AT, by: ref(office) } }]);
  });

  it('is the supervisor’s, after feedback', () => {
    spec.given(inFeedback()).when(startEvaluation(agencyHead)).thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
    spec.given(inFeedback()).when(startEvaluation(otherCountyHead)).thenError('Forbidden', 'AUTH.OUTSIDE_JURISDICTION');
    spec.given(inRectification()).when(startEvaluation()).thenError('InvalidTransition', 'CLUE.WRONG_STATE');
  });
});

describe('C10 / C11 EvaluateClue', () => {
  it('closes (销号) on a pass: the evaluation record, then the closure with its look-back deadline', () => {
    spec
      .given(inEvaluation())
      .when(pass())
      .then([
        {
          type: 'ClueEvaluated',
          data: {
            at: AT,
            by: ref(officeHead),
            result: 'Pass',
            method: 'OnSite',
            notes: 'Checked on site: performed.',
            rectificationItems: [{ itemId: 'i-1', status: 'Closed', mode: 'Deadline' }],
          },
        },
        {
          type: 'ClueClosed',
          data: {
            at: AT,
            by: ref(officeHead),
            lookBackDeadline: { rule: 'LookBack', from: '2026-03-02', amount: 3, unit: 'Months', dueOn: '2026-06-02' },
          },
        },
      ]);
    expect(fold(decider, closed())).toMatchObject({
      status: 'Closed',
      evaluationCount: 1,
      lastEvaluationResult: 'Pass',
      deadline: { rule: 'LookBack' },
    });
  });

  it('reopens (重新整改) on a fail, keeping the new due date on the 清明 holiday and flagging it (issue 15 §4)', () => {
    const events = spec.given(inEvaluation()).when(fail()).thenEvents();
    expect(events.map((e) => e.type)).toEqual(['ClueEvaluated', 'ClueReopened']);
    expect(events[1]?.data).toEqual({
      at: AT,
      by: ref(office),
      trigger: 'Evaluation',
      failureReasons: ['The applicant has not been notified'],
      deadline: {
        rule: 'SupervisionOpinionCorrection',
        from: '2026-03-02',
        amount: 0,
        unit: 'Days',
        dueOn: '2026-04-04',
        nonWorkingDay: true,
      },
    });
    const state = fold(decider, [...inEvaluation(), ...events]);
    expect(state).toMatchObject({ status: 'Rectification', reopenCount: 1, lastEvaluationResult: 'Fail' });
    // The loop goes round again: feedback, evaluation, pass.
    const again = spec
      .given([...inEvaluation(), ...events])
      .when(feedback())
      .thenState();
    expect(again.status).toBe('Feedback');
  });

  it('accepts long-term items whatever their status, and every closed status', () => {
    const items = [
      item(),
      item({ itemId: 'i-2', dueDate: '2026-03-10' }),
      item({ itemId: 'i-3', mode: 'LongTerm', dueDate: undefined, longTermTarget: 't' }),
    ];
    const history = run(
      register(),
      startAnalysis(),
      startVerification(),
      issue(),
      plan(items),
      feedback(),
      startEvaluation(),
    );
    const state = spec
      .given(history)
      .when(
        pass({
          rectificationItems: [
            { itemId: 'i-1', status: 'LookBackPending', mode: 'Deadline' },
            { itemId: 'i-2', status: 'LookBackPassed', mode: 'Deadline' },
            { itemId: 'i-3', status: 'InProgress', mode: 'LongTerm' },
          ],
        }),
      )
      .thenState();
    expect(state.status).toBe('Closed');
  });

  it('refuses to close while an item is only reported, or missing from the list ("reported" is not "rectified")', () => {
    const error = spec
      .given(inEvaluation())
      .when(pass({ rectificationItems: [{ itemId: 'i-1', status: 'Reported', mode: 'Deadline' }] }))
      .thenError('Conflict', 'CLUE.RECTIFICATION_OPEN');
    expect(error.details).toEqual({ itemIds: ['i-1'] });
    const two = run(
      register(),
      startAnalysis(),
      startVerification(),
      issue(),
      plan([item(), item({ itemId: 'i-2' })]),
      feedback(),
      startEvaluation(),
    );
    spec.given(two).when(pass()).thenError('Conflict', 'CLUE.RECTIFICATION_OPEN');
  });

  it('rejects snapshots of items that are not on the clue', () => {
    spec
      .given(inEvaluation())
      .when(
        pass({
          rectificationItems: [
            ...(pass().rectificationItems ?? []),
            { itemId: 'x', status: 'Closed', mode: 'Deadline' },
          ],
        }),
      )
      .thenError('Validation', 'CLUE.UNKNOWN_ITEM');
  });

  it.each<[string, EvaluateClue, string]>([
    ['a pass without item snapshots', pass({ rectificationItems: undefined }), 'VALIDATION.LIST_REQUIRED'],
    [
      'a snapshot with an unknown mode',
      pass({ rectificationItems: [{ itemId: 'i-1', status: 'Closed', mode: 'X' as never }] }),
      'VALIDATION.UNKNOWN_VALUE',
    ],
    [
      'a snapshot without a status',
      pass({ rectificationItems: [{ itemId: 'i-1', status: '', mode: 'Deadline' }] }),
      'VALIDATION.TEXT_REQUIRED',
    ],
    ['a fail without reasons', fail({ failureReasons: [] }), 'VALIDATION.LIST_REQUIRED'],
    ['a fail without a new due date', fail({ newDueDate: undefined }), 'VALIDATION.DATE'],
    ['a fail with a past due date', fail({ newDueDate: '2026-03-01' }), 'CLUE.DUE_DATE_IN_PAST'],
    ['an unknown result', pass({ result: 'Maybe' as never }), 'VALIDATION.UNKNOWN_VALUE'],
    ['an unknown method', pass({ method: 'Telepathy' as never }), 'VALIDATION.UNKNOWN_VALUE'],
    ['no notes', pass({ notes: '' }), 'VALIDATION.TEXT_REQUIRED'],
  ])('rejects %s', (_, command, code) => {
    spec.given(inEvaluation()).when(command).thenError('Validation', code);
  });

  it('lets only the head close, while staff may fail', () => {
    spec
      .given(inEvaluation())
      .when(pass({ actor: office }))
      .thenError('Forbidden', 'AUTH.HEAD_REQUIRED');
    spec
      .given(inEvaluation())
      .when(pass({ actor: agencyHead }))
      .thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
    spec
      .given(inEvaluation())
      .when(pass({ actor: auditor }))
      .thenError('Forbidden', 'AUTH.READ_ONLY_ROLE');
  });

  it('cannot close straight from feedback: an evaluation must be started first', () => {
    spec.given(inFeedback()).when(pass()).thenError('InvalidTransition', 'CLUE.WRONG_STATE');
    spec.given(inRectification()).when(pass()).thenError('InvalidTransition', 'CLUE.WRONG_STATE');
  });
});

describe('C12 CompleteClueLookBack', () => {
  it('archives the clue when the look-back passes', () => {
    const events = spec
      .given(closed())
      .when(lookBack())
      .then([
        {
          type: 'ClueLookBackCompleted',
          data: { at: AT, by: ref(office), result: 'Pass', method: 'OnSite', notes: 'Still in order three months on.' },
        },
      ]);
    expect(fold(decider, [...closed(), ...events])).toMatchObject({
      status: 'Archived',
      deadline: undefined,
      lookBackCount: 1,
      lastLookBackResult: 'Pass',
    });
  });

  it('reopens the rectification when the look-back fails', () => {
    const events = spec
      .given(closed())
      .when(lookBack({ result: 'Fail', failureReasons: ['Relapsed'], newDueDate: '2026-04-30' }))
      .thenEvents();
    expect(events.map((e) => e.type)).toEqual(['ClueLookBackCompleted', 'ClueReopened']);
    expect(events[0]?.data).toMatchObject({ failureReasons: ['Relapsed'] });
    expect(events[1]?.data).toMatchObject({ trigger: 'LookBack', deadline: { dueOn: '2026-04-30' } });
    expect(fold(decider, [...closed(), ...events])).toMatchObject({
      status: 'Rectification',
      reopenCount: 1,
      lastLookBackResult: 'Fail',
    });
  });

  it('needs a closed clue, the supervisor and a complete record', () => {
    spec.given(inEvaluation()).when(lookBack()).thenError('InvalidTransition', 'CLUE.WRONG_STATE');
    spec
      .given(closed())
      .when(lookBack({ actor: agencyHead }))
      .thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
    spec
      .given(closed())
      .when(lookBack({ result: 'Fail' }))
      .thenError('Validation', 'VALIDATION.LIST_REQUIRED');
    spec
      .given(closed())
      .when(lookBack({ result: 'Fail', failureReasons: ['x'] }))
      .thenError('Validation', 'VALIDATION.DATE');
  });

  it('accepts nothing further once archived or dismissed', () => {
    for (const history of [archived(), dismissed()]) {
      for (const command of [
        startAnalysis(),
        dismiss(),
        startVerification(),
        issue(),
        plan(),
        feedback(),
        startEvaluation(),
        pass(),
        lookBack(),
        propose(),
      ]) {
        spec.given(history).when(command).thenError('InvalidTransition', 'CLUE.WRONG_STATE');
      }
      spec.given(history).when(escalate()).thenError('InvalidTransition', 'CLUE.CLOSED');
    }
  });
});

describe('C14 ProposeReferral', () => {
  it('proposes a mandatory transfer, records the rulebook verdict and starts the transfer deadline', () => {
    const [event] = spec.given(inAnalysis()).when(propose()).thenEvents();
    expect(event).toMatchObject({
      type: 'ReferralProposed',
      data: {
        referralId: 'r-1',
        rulebookVersion: 'v1',
        discretionary: false,
        statutoryGroundCodes: [],
        legalBasis: [],
        evaluation: { matchedCodes: ['ImproperPerformance'], transferMandatory: true },
        transferDeadline: { rule: 'TransferAfterConditionsMet', dueOn: '2026-03-23' },
      },
    });
    const state = fold(decider, [...inAnalysis(), event as ClueEvent]);
    expect(state.referralIds).toEqual(['r-1']);
    expect(state.referrals).toEqual([
      {
        referralId: 'r-1',
        proposedAt: AT,
        rulebookVersion: 'v1',
        matchedCodes: ['ImproperPerformance'],
        discretionary: false,
      },
    ]);
  });

  it('accepts a transfer the law itself mandates, without any situation (行政复议法 art. 86)', () => {
    const [event] = spec
      .given(inAnalysis())
      .when(propose({ situationCodes: [], evidenceCodes: [], statutoryGroundCodes: ['DerelictionOfDuty'] }))
      .thenEvents();
    expect(event?.data).toMatchObject({ discretionary: false, evaluation: { transferMandatory: true } });
  });

  it('accepts a discretionary transfer with a justification and a legal basis (行政复议法 art. 85), with no deadline', () => {
    const [event] = spec
      .given(inAnalysis())
      .when(
        propose({
          situationCodes: [],
          evidenceCodes: [],
          justification: 'Repeated reversals',
          legalBasis: ['行政复议法 art. 85'],
        }),
      )
      .thenEvents();
    expect(event?.data).toMatchObject({
      discretionary: true,
      justification: 'Repeated reversals',
      legalBasis: ['行政复议法 art. 85'],
    });
    expect(event?.data).not.toHaveProperty('transferDeadline');
  });

  it.each<[string, Partial<ProposeReferral>]>([
    ['no situation and no ground', { situationCodes: [], evidenceCodes: [] }],
    ['a situation without its evidence', { evidenceCodes: [] }],
    ['a justification without a legal basis', { evidenceCodes: [], justification: 'j' }],
  ])('rejects %s', (_, overrides) => {
    spec.given(inAnalysis()).when(propose(overrides)).thenError('Validation', 'CLUE.TRANSFER_CONDITIONS_NOT_MET');
  });

  it('rejects unknown codes and a missing referral id', () => {
    spec
      .given(inAnalysis())
      .when(propose({ situationCodes: ['Gossip'] }))
      .thenError('Validation', 'CLUE.UNKNOWN_SITUATION');
    spec
      .given(inAnalysis())
      .when(propose({ referralId: '' }))
      .thenError('Validation', 'VALIDATION.TEXT_REQUIRED');
  });

  it('rejects the same referral id twice', () => {
    spec
      .given(run(register(), startAnalysis(), propose()))
      .when(propose())
      .thenError('Conflict', 'CLUE.REFERRAL_ALREADY_PROPOSED');
  });

  it('works from analysis up to closure, but not before analysis', () => {
    for (const history of [
      inVerification(),
      inSupervision(),
      inRectification(),
      inFeedback(),
      inEvaluation(),
      closed(),
    ]) {
      expect(spec.given(history).when(propose()).thenState().referralIds).toEqual(['r-1']);
    }
    spec.given(registered()).when(propose()).thenError('InvalidTransition', 'CLUE.WRONG_STATE');
    spec.given([]).when(propose()).thenError('NotFound', 'CLUE.NOT_FOUND');
  });

  it('is the supervisor’s', () => {
    spec
      .given(inAnalysis())
      .when(propose({ actor: commission }))
      .thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
    spec
      .given(inAnalysis())
      .when(propose({ actor: auditor }))
      .thenError('Forbidden', 'AUTH.READ_ONLY_ROLE');
    spec
      .given(inAnalysis())
      .when(propose({ actor: otherCountyHead }))
      .thenError('Forbidden', 'AUTH.OUTSIDE_JURISDICTION');
  });
});

describe('RecordReferralSent', () => {
  const proposed = () => run(register(), startAnalysis(), startVerification(matching), propose());

  it('satisfies the transfer deadline', () => {
    const events = spec
      .given(proposed())
      .when(sent())
      .then([
        {
          type: 'ClueReferralSent',
          data: { at: AT, by: ref(office), referralId: 'r-1', sentAt: '2026-03-05T10:00:00+08:00' },
        },
      ]);
    const state = fold(decider, [...proposed(), ...events]);
    expect(state).toMatchObject({
      transferDeadline: undefined,
      transferredAt: '2026-03-05T10:00:00+08:00',
      sentReferralIds: ['r-1'],
    });
    expect(state.referrals[0]?.sentAt).toBe('2026-03-05T10:00:00+08:00');
  });

  it('is idempotent: a repeat appends nothing', () => {
    spec
      .given([...proposed(), ...decide(proposed(), sent())])
      .when(sent())
      .then([]);
  });

  it('keeps the first transfer time and starts no new deadline for later mandatory proposals', () => {
    const history = [...proposed(), ...decide(proposed(), sent())];
    const withSecond = [...history, ...decide(history, propose({ referralId: 'r-2' }))];
    expect(fold(decider, withSecond).transferDeadline).toBeUndefined();
    const state = spec
      .given(withSecond)
      .when(sent('r-2', { sentAt: '2026-03-09T10:00:00+08:00' }))
      .thenState();
    expect(state).toMatchObject({ transferredAt: '2026-03-05T10:00:00+08:00', sentReferralIds: ['r-1', 'r-2'] });
  });

  it('is accepted on a dismissed clue whose referral is still in flight', () => {
    const history = run(register(), startAnalysis(), propose(), dismiss());
    expect(spec.given(history).when(sent()).thenState()).toMatchObject({
      status: 'Dismissed',
      transferDeadline: undefined,
    });
  });

  it('rejects an unknown referral, a bad time and the wrong actor', () => {
    spec.given(proposed()).when(sent('r-9')).thenError('NotFound', 'CLUE.REFERRAL_NOT_FOUND');
    spec
      .given(proposed())
      .when(sent('r-1', { sentAt: 'yesterday' }))
      .thenError('Validation', 'VALIDATION.INSTANT');
    spec
      .given(proposed())
      .when(sent('r-1', { actor: commission }))
      .thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
    spec.given([]).when(sent()).thenError('NotFound', 'CLUE.NOT_FOUND');
  });
});

describe('C13 RaiseEscalation', () => {
  it('attaches an escalation to an open clue', () => {
    const state = spec.given(inSupervision()).when(escalate()).thenState();
    expect(state.escalationIds).toEqual(['e-1']);
    expect(state.escalations[0]).toMatchObject({
      escalationType: 'Interview',
      targetOrgId: 'dawa.emergency',
      by: ref(officeHead),
    });
  });

  it('lets the leadership give a 批示 and records an order-to-perform deadline', () => {
    spec
      .given(inSupervision())
      .when(escalate(leader, { escalationType: 'LeaderInstruction' }))
      .thenEvents();
    const [event] = spec
      .given(inSupervision())
      .when(escalate(officeHead, { escalationType: 'OrderPerformance', performBy: '2026-03-07' }))
      .thenEvents();
    expect(event?.data).toMatchObject({ deadline: { dueOn: '2026-03-07', nonWorkingDay: true } });
  });

  it('rejects a closed clue, a duplicate id, the wrong role and a missing clue', () => {
    spec.given(closed()).when(escalate()).thenError('InvalidTransition', 'CLUE.CLOSED');
    spec
      .given([...inSupervision(), ...decide(inSupervision(), escalate())])
      .when(escalate())
      .thenError('Validation', 'ESCALATION.DUPLICATE_ID');
    spec
      .given(inSupervision())
      .when(escalate(officeHead, { escalationType: 'LeaderInstruction' }))
      .thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
    spec.given(inSupervision()).when(escalate(otherCountyHead)).thenError('Forbidden', 'AUTH.OUTSIDE_JURISDICTION');
    spec.given([]).when(escalate()).thenError('NotFound', 'CLUE.NOT_FOUND');
    spec.given([]).when(escalate(auditor)).thenError('Forbidden', 'AUTH.READ_ONLY_ROLE');
  });
});

describe('the whole flow (C1 → C12)', () => {
  it('ends archived with every step recorded in state', () => {
    const state = fold(decider, archived());
    expect(state).toMatchObject({
      status: 'Archived',
      clueId: CLUE,
      regionId: REGION,
      ownerOrgId: 'panjin.rol-office',
      agency: { orgId: 'dawa.emergency' },
      source: 'Reconsideration',
      analystUserId: 'u-analyst',
      category: 'Inaction',
      verificationTeam: ['u-analyst', 'u-lawyer'],
      instrument: { kind: 'SupervisionOpinion' },
      rectificationItems: [{ itemId: 'i-1', mode: 'Deadline' }],
      feedbackCount: 1,
      evaluationCount: 1,
      lastEvaluationResult: 'Pass',
      reopenCount: 0,
      closedAt: AT,
    });
    // State is plain data: it survives a JSON round trip unchanged.
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });
});

describe('典型案例 by the office (issue 17: published by the office as well as by the commission, anonymised on publication)', () => {
  const person = {
    subjectId: 's-1',
    name: '王小明',
    unit: '大洼区应急管理局',
    post: '科长',
    cadreRank: 'TownshipSectionOrBelow' as const,
    isPartyMember: true,
    isPublicOfficial: true,
  };
  const withPerson = (...rest: ClueCommand[]) =>
    run(
      register({ subjects: [person] }),
      startAnalysis(),
      startVerification(),
      issue(),
      plan(),
      feedback(),
      startEvaluation(),
      pass(),
      ...rest,
    );
  const publish = (a: Actor = officeHead, o: { text?: string; occurredOn?: string } = {}): ClueCommand => ({
    type: 'PublishTypicalCase',
    actor: a,
    at: AT,
    clueId: CLUE,
    text: o.text ?? '大洼区应急管理局科长王小明未按期履行行政复议决定，王小明受到批评教育。',
    ...(o.occurredOn ? { occurredOn: o.occurredOn } : {}),
  });

  it('given a closed clue, when its head publishes it, then the event holds the anonymised text only', () => {
    spec
      .given(withPerson())
      .when(publish())
      .then([
        {
          type: 'ClueTypicalCasePublished',
          data: {
            at: AT,
            by: ref(officeHead),
            text: '大洼区应急管理局科长王某未按期履行行政复议决定，王某受到批评教育。',
            replacements: 2,
            occurredOn: '2026-03-02',
          },
        },
      ]);
    expect(fold(decider, withPerson(publish()))).toMatchObject({
      status: 'Closed',
      typicalCasePublishedOn: '2026-03-02',
    });
  });

  it('is the head’s, once, for a finished matter, dated not after today nor before the closure', () => {
    spec.given(withPerson()).when(publish(office)).thenError('Forbidden', 'AUTH.HEAD_REQUIRED');
    spec.given(withPerson()).when(publish(agencyHead)).thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
    spec.given(inEvaluation()).when(publish()).thenError('InvalidTransition', 'CLUE.WRONG_STATE');
    spec.given(withPerson(publish())).when(publish()).thenError('Conflict', 'CLUE.TYPICAL_CASE_ALREADY_PUBLISHED');
    spec
      .given(withPerson())
      .when(publish(officeHead, { occurredOn: '2026-03-03' }))
      .thenError('Validation', 'BUSINESS_DATE.IN_FUTURE');
    spec
      .given(withPerson())
      .when(publish(officeHead, { occurredOn: '2026-03-01' }))
      .thenError('Validation', 'BUSINESS_DATE.BEFORE_CASE_BEGAN');
    spec
      .given(withPerson())
      .when(publish(officeHead, { text: '' }))
      .thenError('Validation', 'VALIDATION.TEXT_REQUIRED');
  });

  it('is offered to the heads of the supervisors only while it is not published', () => {
    expect(availableClueCommands(fold(decider, withPerson()), officeHead)).toContain('PublishTypicalCase');
    expect(availableClueCommands(fold(decider, withPerson()), office)).not.toContain('PublishTypicalCase');
    expect(availableClueCommands(fold(decider, withPerson(publish())), officeHead)).not.toContain('PublishTypicalCase');
  });
});

describe('C7 SubmitRectificationPlan with its business date (业务日期, issue 17 item 7)', () => {
  const dated = (occurredOn: string, items: RectificationPlanItem[] = [item({ dueDate: '2026-02-27' })]) => ({
    ...plan(items),
    occurredOn,
  });

  it('records the day the plan was submitted; its due dates count from it, not from the day of entry', () => {
    const [event] = spec.given(inSupervision()).when(dated('2026-02-27')).thenEvents();
    expect(event?.data).toMatchObject({ at: AT, occurredOn: '2026-02-27' });
    expect(event?.type === 'RectificationPlanSubmitted' && event.data.deadline).toMatchObject({
      from: '2026-02-27',
      dueOn: '2026-02-27',
    });
    // Entered without a business date, the same due date lies before the day of entry.
    spec
      .given(inSupervision())
      .when(plan([item({ dueDate: '2026-02-27' })]))
      .thenError('Validation', 'CLUE.DUE_DATE_IN_PAST');
  });

  it('refuses a day after the day of entry, before the clue was received, or not a date', () => {
    spec.given(inSupervision()).when(dated('2026-03-03')).thenError('Validation', 'BUSINESS_DATE.IN_FUTURE');
    spec.given(inSupervision()).when(dated('2026-02-26')).thenError('Validation', 'BUSINESS_DATE.BEFORE_CASE_BEGAN');
    spec.given(inSupervision()).when(dated('2026-02-30')).thenError('Validation', 'VALIDATION.DATE');
  });
});
