import { deciderSpec } from '@xj/testing';
import { historyEntryVisible } from '../access/case-visibility';
import { Actor } from '../shared/actor';
import { fold } from '../shared/decider';
import { isDomainError } from '../shared/domain-error';
import { createDomainConfig } from '../domain-config';
import { ClueCommand } from './clue.commands';
import { createClueDecider } from './clue.decider';
import { ClueEvent } from './clue.events';

/** 延期申请 and 中止/恢复 on a clue's deadlines (issue 15 §2): who bears which, and what moves. */
const config = createDomainConfig();
const decider = createClueDecider(config);
const spec = deciderSpec(decider);

const CLUE = 'c-1';
const at = (date: string): string => `${date}T10:00:00+08:00`;
const actor = (over: Partial<Actor>): Actor => ({
  userId: 'u-office',
  role: 'RuleOfLawOffice',
  position: 'Staff',
  orgId: 'dawa.rol-office',
  regionId: 'panjin/dawa',
  ...over,
});
const officeStaff = actor({});
const officeHead = actor({ userId: 'u-office-head', position: 'Head' });
const agencyStaff = actor({ userId: 'u-agency', role: 'EnforcementAgency', orgId: 'dawa.emergency' });
const agencyHead = actor({ ...agencyStaff, userId: 'u-agency-head', position: 'Head' });
const otherAgency = actor({ ...agencyStaff, userId: 'u-urban', orgId: 'dawa.urban' });

const cmd = (c: Record<string, unknown>): ClueCommand => ({ clueId: CLUE, ...c }) as unknown as ClueCommand;
const registered = [
  cmd({
    type: 'RegisterClue',
    actor: officeStaff,
    at: at('2026-03-02'),
    regionId: 'panjin/dawa',
    source: 'Reconsideration',
    sourceRef: '大复〔2026〕3号',
    receivedAt: at('2026-03-01'),
    agency: { orgId: 'dawa.emergency', name: '大洼区应急管理局' },
    summary: '未在期限内履行复议决定',
  }),
  cmd({ type: 'StartAnalysis', actor: officeStaff, at: at('2026-03-02'), analystUserId: 'u-office' }),
];
const verifying = [
  ...registered,
  cmd({
    type: 'StartVerification',
    actor: officeHead,
    at: at('2026-03-02'),
    situationCodes: [],
    evidenceCodes: [],
    category: 'Inaction',
    verificationPlan: '调阅案卷',
    team: ['u-office'],
  }),
];
const supervised = [
  ...verifying,
  cmd({
    type: 'IssueSupervisionInstrument',
    actor: officeHead,
    at: at('2026-03-02'),
    verificationReport: '未履行',
    responsibleUnits: ['dawa.emergency'],
    instrument: { kind: 'SupervisionOpinion', documentNo: '大法督〔2026〕1号' },
  }),
];

const historyOf = (commands: readonly ClueCommand[]): ClueEvent[] =>
  commands.reduce<ClueEvent[]>((events, command) => {
    const result = decider.decide(command, fold(decider, events));
    if (isDomainError(result)) throw new Error(`${command.type}: ${result.code}`);
    return [...events, ...result];
  }, []);

const request = (over: Record<string, unknown> = {}): ClueCommand =>
  cmd({
    type: 'RequestDeadlineExtension',
    actor: agencyStaff,
    at: at('2026-03-10'),
    requestId: 'ext-1',
    rule: 'SupervisionOpinionCorrection',
    proposedDueOn: '2026-04-30',
    reason: '涉及多部门会商',
    ...over,
  });
const approve = (over: Record<string, unknown> = {}): ClueCommand =>
  cmd({ type: 'ApproveDeadlineExtension', actor: officeHead, at: at('2026-03-11'), requestId: 'ext-1', ...over });

describe('Clue — deadline changes', () => {
  it('the agency asks for more time to correct under the supervision opinion; the office head grants it', () => {
    const before = fold(decider, historyOf(supervised));
    // 山东 art. 28: thirty days from 2026-03-02.
    expect(before.deadline).toMatchObject({ rule: 'SupervisionOpinionCorrection', dueOn: '2026-04-01' });
    const state = spec
      .given(historyOf([...supervised, request()]))
      .when(approve())
      .thenState();
    expect(state.deadline).toMatchObject({ dueOn: '2026-04-30', originalDueOn: '2026-04-01' });
    // The instrument's own record of its period moves with it, so a plan of long-term items inherits it.
    expect(state.instrument?.deadline).toEqual(state.deadline);
    // The plan's own deadline is another one and stays.
    expect(state.planDeadline).toEqual(before.planDeadline);
  });

  it('the plan deadline can be extended on its own', () => {
    const state = spec
      .given(historyOf([...supervised, request({ rule: 'RectificationPlan', proposedDueOn: '2026-03-27' })]))
      .when(approve())
      .thenState();
    expect(state.planDeadline).toMatchObject({ rule: 'RectificationPlan', dueOn: '2026-03-27' });
    expect(state.deadline?.dueOn).toBe('2026-04-01');
  });

  it('only the supervised agency bears the instrument’s deadline', () => {
    spec
      .given(historyOf(supervised))
      .when(request({ actor: otherAgency }))
      .thenError('Forbidden', 'AUTH.WRONG_ORGANISATION');
    spec
      .given(historyOf(supervised))
      .when(request({ actor: officeStaff }))
      .thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
  });

  it('the verification period is the office’s own: its staff ask, the agency may not', () => {
    spec
      .given(historyOf(verifying))
      .when(request({ actor: agencyHead, rule: 'ClueVerification' }))
      .thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
    const [event] = spec
      .given(historyOf(verifying))
      .when(request({ actor: officeStaff, rule: 'ClueVerification' }))
      .thenEvents();
    expect(event).toMatchObject({ type: 'DeadlineExtensionRequested', data: { rule: 'ClueVerification' } });
  });

  it('the office head pauses the verification while a 鉴定 is awaited, and resumes it', () => {
    const pause = cmd({
      type: 'PauseDeadline',
      actor: officeHead,
      at: at('2026-03-09'),
      rule: 'ClueVerification',
      reason: '等待鉴定',
    });
    const paused = spec.given(historyOf(verifying)).when(pause).thenState();
    expect(paused.deadline?.paused).toMatchObject({ since: '2026-03-09' });
    const resumed = spec
      .given(historyOf([...verifying, pause]))
      .when(cmd({ type: 'ResumeDeadline', actor: officeHead, at: at('2026-03-30'), rule: 'ClueVerification' }))
      .thenState();
    expect(resumed.deadline?.paused).toBeUndefined();
    expect(resumed.deadline?.dueOn).toBe(
      config.calendar.addWorkingDays('2026-03-30', paused.deadline?.paused?.remainingWorkingDays ?? -1),
    );
    expect((resumed.deadline?.dueOn ?? '') > (paused.deadline?.dueOn ?? '')).toBe(true);
  });

  it('a clue that does not exist is not found', () => {
    spec.given([]).when(request()).thenError('NotFound', 'CLUE.NOT_FOUND');
  });

  it('the agency’s view of the clue leaves the deadline changes out of its history', () => {
    // They may concern the transfer period, which would tell the agency that a referral exists.
    const [event] = spec.given(historyOf(supervised)).when(request()).thenEvents();
    expect(historyEntryVisible(agencyStaff, 'clue', event!)).toBe(false);
    expect(historyEntryVisible(officeStaff, 'clue', event!)).toBe(true);
  });
});
