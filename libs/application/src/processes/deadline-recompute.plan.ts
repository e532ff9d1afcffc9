import {
  AccountabilityState,
  Actor,
  ActorRef,
  ClueState,
  Deadline,
  DeadlineRecomputeCause,
  HolidayYearSetData,
  Instant,
  RecomputeDeadline,
  RectificationState,
  ReferralState,
  openClueDeadlines,
  openReferralDeadlines,
} from '@xj/domain';
import { CaseCommandOf, CaseKind, CaseStateOf } from '../cases/case-aggregates';
import { deterministicUuid } from '../command/deterministic-id';

/** The system actor that recounts deadlines on behalf of the administrator who set the table. */
export const DEADLINE_RECOMPUTE_ACTOR_ID = 'process:deadline-recompute';

/** The stored type of the calendar event that starts a recount. */
export const HOLIDAY_YEAR_SET_EVENT = 'HolidayYearSet';

/** A year's table arriving, as the recount needs it: the HolidayYearSet event. */
export interface CalendarChange {
  readonly eventId: string;
  readonly year: number;
  readonly source: string;
  readonly at: Instant;
  readonly by: ActorRef;
}

export const calendarChangeOf = (eventId: string, data: HolidayYearSetData): CalendarChange => ({
  eventId,
  year: data.year,
  source: data.source,
  at: data.at,
  by: data.by,
});

/** A case's open deadlines by slot (the field of its state that holds each). */
export interface CaseDeadlines {
  readonly kind: CaseKind;
  readonly caseId: string;
  readonly open: Readonly<Record<string, Deadline | undefined>>;
}

/** The open deadlines of a case as its decider sees them (a closed case has none). */
export const openDeadlinesOf = (
  kind: CaseKind,
  caseId: string,
  state: ClueState | ReferralState | RectificationState | AccountabilityState | CaseStateOf['campaign'],
): CaseDeadlines => {
  switch (kind) {
    case 'clue':
      return { kind, caseId, open: openClueDeadlines(state as ClueState) };
    case 'referral': {
      const referral = state as ReferralState;
      return {
        kind,
        caseId,
        // Closure clears every slot but a 组织处理 deadline still to be carried out.
        open: referral.status === 'None' ? {} : openReferralDeadlines(referral),
      };
    }
    case 'rectification': {
      const item = state as RectificationState;
      return {
        kind,
        caseId,
        open: item.status === 'LookBackPassed' ? {} : { deadline: item.deadline, lookBackDue: item.lookBackDue },
      };
    }
    // 立项 → 归档 has no statutory time limit of its own yet, and a 督察 campaign keeps none of its
    // own (its clues and items keep theirs): nothing to recount.
    case 'accountability':
    case 'campaign':
      return { kind, caseId, open: {} };
  }
};

/** One recount to send: the command for a case kind, with the id that makes it happen once. */
export interface PlannedRecompute {
  readonly kind: CaseKind;
  readonly caseId: string;
  readonly commandId: string;
  readonly command: CaseCommandOf[CaseKind];
}

/** The kind's own RecomputeDeadline: the shared command addressed to the case. */
const addressed = (kind: CaseKind, caseId: string, command: RecomputeDeadline): CaseCommandOf[CaseKind] => {
  switch (kind) {
    case 'clue':
      return { ...command, clueId: caseId };
    case 'referral':
      return { ...command, referralId: caseId };
    case 'rectification':
      return { ...command, itemId: caseId };
    case 'accountability':
      // openDeadlinesOf gives an accountability case no deadline, so no recount is ever planned for one.
      throw new Error('an accountability case has no deadline to recount');
    case 'campaign':
      // Unreachable: openDeadlinesOf gives a campaign no open deadline to recount.
      throw new Error('a campaign keeps no deadline');
  }
};

/**
 * The id of the recount of one deadline for one calendar change: the same case, slot, rule, year
 * and HolidayYearSet always give the same id, so a re-delivered event or a second runner writes
 * nothing (the command path recognises an id already on the stream).
 */
export const recomputeCommandId = (
  kind: CaseKind,
  caseId: string,
  slot: string,
  rule: string,
  change: CalendarChange,
) => deterministicUuid(`recompute-deadline:${kind}:${caseId}:${slot}:${rule}:${change.year}:${change.eventId}`);

/** Whether the deadline's count may have used a day of `year` (from its start's year to its due date's). */
const reaches = (deadline: Deadline, year: number): boolean =>
  Number(deadline.from.slice(0, 4)) <= year && year <= Number(deadline.dueOn.slice(0, 4));

/**
 * Issue 15 §4: when a year's table arrives, every open provisional deadline that reaches the year
 * is recounted — one RecomputeDeadline per deadline, on behalf of the administrator who set the
 * table, at the time the table was set (never "now": a re-run must build the same command).
 * Pure: the cases come in with their open deadlines; slots in a fixed order per case.
 */
export const planRecomputes = (change: CalendarChange, cases: readonly CaseDeadlines[]): PlannedRecompute[] => {
  const actor: Actor = {
    userId: DEADLINE_RECOMPUTE_ACTOR_ID,
    role: 'Administrator',
    position: 'Head',
    orgId: change.by.orgId,
    regionId: '',
  };
  const cause: DeadlineRecomputeCause = { year: change.year, calendarEventId: change.eventId, source: change.source };
  const planned: PlannedRecompute[] = [];
  for (const { kind, caseId, open } of cases) {
    for (const slot of Object.keys(open).sort()) {
      const deadline = open[slot];
      if (deadline?.provisional !== true || !reaches(deadline, change.year)) continue;
      planned.push({
        kind,
        caseId,
        commandId: recomputeCommandId(kind, caseId, slot, deadline.rule, change),
        command: addressed(kind, caseId, {
          type: 'RecomputeDeadline',
          actor,
          at: change.at,
          slot,
          rule: deadline.rule,
          cause,
        }),
      });
    }
  }
  return planned;
};
