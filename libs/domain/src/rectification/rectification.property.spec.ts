import fc from 'fast-check';
import { RECTIFICATION_PRECONDITIONS, availableRectificationCommands } from './rectification.preconditions';
import { ActionAgreement } from '../shared/action-agreement.fixtures-spec';
import { Deadline } from '../calendar/deadline-policy';
import { createDomainConfig } from '../domain-config';
import { ESCALATION_TYPES } from '../escalation/escalation';
import { Actor } from '../shared/actor';
import { fold } from '../shared/decider';
import { isDomainError } from '../shared/domain-error';
import { addDays } from '../shared/time';
import { RectificationCommand } from './rectification.commands';
import { createRectificationDecider } from './rectification.decider';
import { RECTIFICATION_EVENT_TYPES, RectificationEvent } from './rectification.events';
import { RectificationState, RectificationStatus, isClosedRectificationStatus } from './rectification.state';

const config = createDomainConfig();
const decider = createRectificationDecider(config);

const actor = (
  userId: string,
  role: Actor['role'],
  position: Actor['position'],
  orgId: string,
  regionId: string,
): Actor => ({
  userId,
  role,
  position,
  orgId,
  regionId,
});
const supervisorHead = actor('s-head', 'RuleOfLawOffice', 'Head', 'panjin.rol-office', 'panjin');
const agencyHead = actor('a-head', 'EnforcementAgency', 'Head', 'dawa.emergency', 'panjin/dawa');
/** A small pool so that many commands are valid and the rest are rejected for every reason. */
const ACTORS: readonly Actor[] = [
  supervisorHead,
  actor('s-staff', 'JusticeBureau', 'Staff', 'dawa.justice', 'panjin/dawa'),
  actor('s-other', 'RuleOfLawOffice', 'Head', 'panshan.rol-office', 'panjin/panshan'),
  agencyHead,
  actor('a-staff', 'EnforcementAgency', 'Staff', 'dawa.emergency', 'panjin/dawa'),
  actor('a-other', 'EnforcementAgency', 'Head', 'dawa.urban', 'panjin/dawa'),
  actor('leader', 'PartyLeadership', 'Head', 'panjin.party', 'panjin'),
  actor('dc', 'DisciplineCommission', 'Head', 'panjin.dc', 'panjin'),
  actor('auditor', 'Auditor', 'Staff', 'panjin.audit', 'panjin'),
  actor('admin', 'Administrator', 'Staff', 'panjin.it', 'panjin'),
];

const KINDS = ['Assign', 'Start', 'Report', 'Evaluate', 'Close', 'Reopen', 'Schedule', 'LookBack', 'Escalate'] as const;
type Kind = (typeof KINDS)[number];
const AGENCY_KINDS: readonly Kind[] = ['Start', 'Report'];

/** The happy-path command for a status: mixing it in keeps the random walks from stalling at the start. */
const NEXT: Readonly<Record<RectificationStatus, Kind>> = {
  None: 'Assign',
  Assigned: 'Start',
  InProgress: 'Report',
  Reopened: 'Report',
  Reported: 'Evaluate',
  Evaluated: 'Close',
  Closed: 'Schedule',
  LookBackPending: 'LookBack',
  LookBackPassed: 'Escalate',
};

/** One step: what to do, who does it, how far the clock moves, and the values to use. */
const stepArb = fc.record({
  kind: fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...KINDS) },
    { weight: 4, arbitrary: fc.constant('Next' as const) },
  ),
  // Most steps use the "right" actor for the command; the others pick anyone from the pool.
  actor: fc.oneof(
    { weight: 4, arbitrary: fc.constant<Actor | undefined>(undefined) },
    { weight: 2, arbitrary: fc.constantFrom(...ACTORS) },
  ),
  advanceDays: fc.integer({ min: 0, max: 25 }),
  // 16:30Z is 00:30 the next day in Beijing: exercises the UTC+8 boundary.
  time: fc.constantFrom(
    'T09:00:00+08:00',
    'T09:00:00+08:00',
    'T09:00:00+08:00',
    'T16:30:00Z',
    'T23:59:00+08:00',
    ' bad',
  ),
  dueOffset: fc.option(fc.integer({ min: -3, max: 120 }), { nil: undefined }),
  mode: fc.constantFrom('Immediate', 'Deadline', 'LongTerm', 'Deadline'),
  agency: fc.constantFrom(agencyHead.orgId, agencyHead.orgId, 'dawa.urban'),
  pass: fc.boolean(),
  withReasons: fc.boolean(),
  withEvidence: fc.constantFrom(true, true, false),
  escalationId: fc.constantFrom('e1', 'e2', 'e3'),
  escalationType: fc.constantFrom(...ESCALATION_TYPES),
});
type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

const START = '2026-01-05';

const toCommand = (step: Step, day: string, state: RectificationState): RectificationCommand => {
  const kind: Kind =
    step.kind !== 'Next'
      ? step.kind
      : state.status === 'Evaluated' && state.lastEvaluation?.result === 'Fail'
        ? 'Reopen'
        : NEXT[state.status];
  const supervisorSide = !AGENCY_KINDS.includes(kind);
  const owningAgencyHead = ACTORS.find(
    (a) => a.role === 'EnforcementAgency' && a.position === 'Head' && a.orgId === state.agencyOrgId,
  );
  const who = step.actor ?? (supervisorSide ? supervisorHead : (owningAgencyHead ?? agencyHead));
  const base = { actor: who, at: step.time === ' bad' ? `${day} 9am` : `${day}${step.time}`, itemId: 'item-1' };
  const due = step.dueOffset === undefined ? undefined : addDays(day, step.dueOffset);
  const fail = !step.pass;
  const reasons = step.withReasons ? ['整改不到位'] : undefined;
  switch (kind) {
    case 'Assign':
      return {
        ...base,
        type: 'AssignRectificationItem',
        clueId: 'clue-1',
        regionId: 'panjin/dawa',
        agencyOrgId: step.agency,
        mode: step.mode,
        issue: '问题',
        measures: '措施',
        dueDate: due,
        longTermTarget: step.mode === 'LongTerm' && step.withReasons ? '长期目标' : undefined,
        owner: '局长',
        responsiblePerson: '科长',
      };
    case 'Start':
      return { ...base, type: 'StartRectification' };
    case 'Report':
      return { ...base, type: 'ReportRectification', report: '已整改', evidence: step.withEvidence ? ['照片'] : [] };
    case 'Evaluate':
      return {
        ...base,
        type: 'EvaluateRectification',
        method: 'OnSite',
        result: step.pass ? 'Pass' : 'Fail',
        notes: '评估',
        failureReasons: fail ? reasons : undefined,
      };
    case 'Close':
      return { ...base, type: 'CloseItem' };
    case 'Reopen':
      return { ...base, type: 'ReopenItem', reasons: reasons ?? [], newDueDate: due ?? 'never' };
    case 'Schedule':
      return { ...base, type: 'ScheduleLookBack', lookBackOn: due };
    case 'LookBack':
      return {
        ...base,
        type: 'CompleteLookBack',
        method: 'Document',
        result: step.pass ? 'Pass' : 'Fail',
        notes: '回头看',
        reasons: fail ? reasons : undefined,
        newDueDate: fail ? due : undefined,
      };
    case 'Escalate':
      return {
        ...base,
        type: 'RaiseEscalation',
        escalationId: step.escalationId,
        escalationType: step.escalationType,
        reason: '滞后',
        targetOrgId: agencyHead.orgId,
        target: { orgId: agencyHead.orgId, role: agencyHead.role, regionId: agencyHead.regionId },
        performBy: step.escalationType === 'OrderPerformance' ? due : undefined,
      };
  }
};

/** Every status some run passed through; checked at the end so the properties are not vacuous. */
const reached: Partial<Record<RectificationStatus, number>> = {};

interface Run {
  readonly state: RectificationState;
  readonly emitted: readonly RectificationEvent[];
}

const agreement = new ActionAgreement();
const ACTION_TYPES = Object.keys(RECTIFICATION_PRECONDITIONS);

/** Drives the steps through decide/evolve, checking the per-step invariants on the way. */
const run = (steps: readonly Step[]): Run => {
  let state = decider.initialState();
  const emitted: RectificationEvent[] = [];
  let day = START;
  for (const step of steps) {
    day = addDays(day, step.advanceDays);
    const before = JSON.stringify(state);
    const command = toCommand(step, day, state);
    const decision = decider.decide(command, state);
    agreement.check(availableRectificationCommands, ACTION_TYPES, state, command, decision);
    if (isDomainError(decision)) {
      // A rejected command emits nothing and leaves the state as it was.
      expect(JSON.stringify(state)).toBe(before);
      continue;
    }
    expect(decision.length).toBeGreaterThan(0);
    for (const event of decision) state = decider.evolve(state, event);
    emitted.push(...decision);
    reached[state.status] = (reached[state.status] ?? 0) + 1;
  }
  return { state, emitted };
};

const defined = (list: readonly (Deadline | undefined)[]): Deadline[] =>
  list.filter((d): d is Deadline => d !== undefined);

/** The item's own deadlines (rectification due dates and look-backs), in events and in state. */
const itemDeadlinesOf = (run: Run): Deadline[] =>
  defined([
    ...run.emitted
      .filter((e) => e.type !== 'EscalationRaised')
      .flatMap((e) => {
        const data = e.data as { deadline?: Deadline; lookBackDue?: Deadline };
        return [data.deadline, data.lookBackDue];
      }),
    run.state.deadline,
    run.state.lookBackDue,
  ]);

const escalationDeadlinesOf = (run: Run): Deadline[] => defined(run.state.escalations.map((e) => e.deadline));

describe('RectificationItem properties', () => {
  const steps = fc.array(stepArb, { minLength: 5, maxLength: 50 });

  it('folding what was emitted reproduces the state reached, which stays plain JSON', () => {
    fc.assert(
      fc.property(steps, (s) => {
        const result = run(s);
        expect(fold(decider, result.emitted)).toEqual(result.state);
        for (const event of result.emitted) expect(RECTIFICATION_EVENT_TYPES).toContain(event.type);
        expect(JSON.parse(JSON.stringify(result.state))).toEqual(result.state);
      }),
      { numRuns: 200 },
    );
  });

  it('never closes an item unless the latest evaluation after the latest report passed', () => {
    fc.assert(
      fc.property(steps, (s) => {
        let latestEvaluation: 'Pass' | 'Fail' | undefined;
        for (const event of run(s).emitted) {
          if (event.type === 'RectificationReported') latestEvaluation = undefined;
          if (event.type === 'RectificationEvaluated') latestEvaluation = event.data.result;
          if (event.type === 'ItemClosed') expect(latestEvaluation).toBe('Pass');
        }
      }),
      { numRuns: 200 },
    );
  });

  it('only the owning agency, through its head, ever reports', () => {
    fc.assert(
      fc.property(steps, (s) => {
        const { emitted } = run(s);
        const assigned = emitted.filter((e) => e.type === 'RectificationItemAssigned');
        expect(assigned.length).toBeLessThanOrEqual(1);
        if (assigned.length === 1) expect(emitted[0]).toBe(assigned[0]);
        const agencyOrgId =
          assigned[0]?.type === 'RectificationItemAssigned' ? assigned[0].data.agencyOrgId : undefined;
        for (const event of emitted) {
          if (event.type !== 'RectificationReported') continue;
          expect(event.data.by.orgId).toBe(agencyOrgId);
          expect(event.data.by.role).toBe('EnforcementAgency');
        }
      }),
      { numRuns: 200 },
    );
  });

  it('counts as closed exactly when the latest close-out has not been undone by a reopening', () => {
    fc.assert(
      fc.property(steps, (s) => {
        const result = run(s);
        const lastSwitch = [...result.emitted]
          .reverse()
          .find((e) => e.type === 'ItemClosed' || e.type === 'RectificationReopened');
        expect(isClosedRectificationStatus(result.state.status)).toBe(lastSwitch?.type === 'ItemClosed');
      }),
      { numRuns: 200 },
    );
  });

  it('puts every deadline on a working day, or flags the explicit date kept on a rest day', () => {
    fc.assert(
      fc.property(steps, (s) => {
        const result = run(s);
        for (const deadline of [...itemDeadlinesOf(result), ...escalationDeadlinesOf(result)]) {
          expect(config.calendar.isWorkingDay(deadline.dueOn)).toBe(deadline.nonWorkingDay !== true);
        }
        // The item never sets a due date before the day it is set. (Escalation deadlines are left
        // out: decideEscalation accepts a performBy in the past — reported to the lead.)
        for (const deadline of itemDeadlinesOf(result)) expect(deadline.dueOn >= deadline.from).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('the generator actually walks the whole loop (guards against vacuous properties)', () => {
    // Runs after the properties above (jest keeps file order); each status is reached ~100+ times.
    const statuses = [
      'Assigned',
      'InProgress',
      'Reported',
      'Evaluated',
      'Closed',
      'LookBackPending',
      'LookBackPassed',
      'Reopened',
    ] as const;
    const often = Object.fromEntries(statuses.map((status) => [status, (reached[status] ?? 0) >= 10]));
    expect(often).toEqual(Object.fromEntries(statuses.map((status) => [status, true])));
  });

  it('lists exactly the commands decide may accept now (the runs above): unlisted ones are refused, listed ones never as missing or out of order', () => {
    expect(agreement.violations.slice(0, 5)).toEqual([]);
    expect(agreement.seen.listedAccepted).toBeGreaterThan(200);
    expect(agreement.seen.unlistedRefused).toBeGreaterThan(50);
  });
});
