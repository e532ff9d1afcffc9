import { BusinessCalendar } from '../calendar/business-calendar';
import { DeadlineRule } from '../calendar/deadline-policy';
import { LocalDate, addDays } from '../shared/time';

/**
 * 督办 ladder steps, in order: 提醒 before the due date, then 逾期 → 催办 → a proposed 函询 / 约谈 /
 * 挂牌督办 → 通报. A step id is stable (it is part of the firing's command id and stored on events).
 */
export type AlarmStep = `reminder-${number}` | EscalationRung;

/** The rungs after the due date (DOMAIN.md principle 8, §4.4): none of them is ever skipped. */
export const ESCALATION_RUNGS = ['missed', 'urge', 'proposal', 'circular'] as const;
export type EscalationRung = (typeof ESCALATION_RUNGS)[number];

/** What the proposal rung proposes to the supervising head (§4.4; 新华 2021: 函询约谈、挂牌督办、通报批评). */
export const PROPOSED_ESCALATIONS = ['InquiryLetter', 'Interview', 'ListedSupervision'] as const;
export type ProposedEscalation = (typeof PROPOSED_ESCALATIONS)[number];

/** The ladder of one kind of deadline. Working days after the due date unless said otherwise. */
export interface EscalationPolicy {
  /** 提醒: working days before the due date, e.g. [3, 1]. */
  readonly reminderDays: readonly number[];
  /** 催办 after this many working days overdue (≥ 2: the miss comes on the first). */
  readonly urgeAfter: number;
  /** The 函询 / 约谈 / 挂牌督办 proposal after this many working days overdue. */
  readonly proposeAfter: number;
  readonly proposal: ProposedEscalation;
  /** 通报 after this many working days overdue, once the head has confirmed the proposal. */
  readonly circularAfter: number;
  /** Where the numbers come from ([S] / [S2] / [I], as DOMAIN.md tags them). */
  readonly basis: string;
}

export interface LadderPolicy {
  readonly default: EscalationPolicy;
  readonly byRule: Readonly<Partial<Record<DeadlineRule, Partial<EscalationPolicy>>>>;
}

const LADDER_BASIS = '[S2] 新华 2021: 函询约谈、挂牌督办、通报批评等方式，督促限期完成整改; [I] working-day thresholds';

/**
 * Default ladder, as data. The commission's and the agencies' deadlines escalate by 函询 first;
 * a transfer the office does not make is met by 约谈 (Panjin summoned county offices for zero
 * transfers, seed 004); a supervision instrument or rectification the agency ignores by 挂牌督办.
 */
export const DEFAULT_LADDER_POLICY: LadderPolicy = {
  default: {
    reminderDays: [3, 1],
    urgeAfter: 3,
    proposeAfter: 5,
    proposal: 'InquiryLetter',
    circularAfter: 10,
    basis: LADDER_BASIS,
  },
  byRule: {
    TransferAfterConditionsMet: {
      proposal: 'Interview',
      basis: `${LADDER_BASIS}; [S] seed 004: 约谈 for zero transfers`,
    },
    SupervisionOpinionCorrection: { proposal: 'ListedSupervision' },
    SupervisionDecisionExecution: { proposal: 'ListedSupervision' },
    ReconsiderationOpinionCorrection: { proposal: 'ListedSupervision' },
    InspectionFeedbackRectification: { proposal: 'ListedSupervision' },
    CaseReviewFeedbackRectification: { proposal: 'ListedSupervision' },
    RectificationPlan: { proposal: 'Interview' },
    // The look-back is the supervisor's own work: reminders and a miss, then the ordinary ladder.
    LookBack: { reminderDays: [5, 1] },
  },
};

export const ladderOf = (policy: LadderPolicy, rule: DeadlineRule): EscalationPolicy => ({
  ...policy.default,
  ...policy.byRule[rule],
});

/** Throws on a ladder whose rungs would not come one after the other (a configuration error). */
export const assertLadderPolicy = (policy: LadderPolicy): void => {
  const rules: (DeadlineRule | undefined)[] = [undefined, ...(Object.keys(policy.byRule) as DeadlineRule[])];
  for (const rule of rules) {
    const l = rule ? ladderOf(policy, rule) : policy.default;
    const whole = (n: number): boolean => Number.isInteger(n) && n >= 1;
    if (!l.reminderDays.every(whole) || !whole(l.urgeAfter) || !whole(l.proposeAfter) || !whole(l.circularAfter)) {
      throw new RangeError(`Escalation ladder ${rule ?? 'default'}: every offset is a whole number ≥ 1`);
    }
    if (!(1 < l.urgeAfter && l.urgeAfter < l.proposeAfter && l.proposeAfter < l.circularAfter)) {
      throw new RangeError(
        `Escalation ladder ${rule ?? 'default'}: needs 1 < urgeAfter < proposeAfter < circularAfter`,
      );
    }
  }
};

/** A deadline as the ladder sees it. */
export interface LadderDeadline {
  readonly rule: DeadlineRule;
  readonly from: LocalDate;
  readonly dueOn: LocalDate;
}

export interface ScheduledStep {
  readonly step: AlarmStep;
  readonly fireOn: LocalDate;
}

/** The n-th working day before `date` (n ≥ 1). */
const workingDaysBefore = (calendar: BusinessCalendar, date: LocalDate, n: number): LocalDate => {
  let cursor = date;
  for (let counted = 0; counted < n;) {
    cursor = addDays(cursor, -1);
    if (calendar.isWorkingDay(cursor)) counted += 1;
  }
  return cursor;
};

/**
 * Every step of a deadline's ladder with the day it becomes due, in ladder order. A reminder that
 * would fall on or before the day the deadline started is left out (there was no time to remind).
 */
export const scheduleOf = (
  deadline: LadderDeadline,
  policy: LadderPolicy,
  calendar: BusinessCalendar,
): readonly ScheduledStep[] => {
  // The indexer, the ticker and the decider each ask for the same schedule; walking the calendar
  // day by day is the costly part of a firing, so schedules are remembered (a pure function of
  // its arguments; bounded, the oldest forgotten first).
  const byPolicy = SCHEDULES.get(calendar) ?? new WeakMap<LadderPolicy, Map<string, readonly ScheduledStep[]>>();
  SCHEDULES.set(calendar, byPolicy);
  const cache = byPolicy.get(policy) ?? new Map<string, readonly ScheduledStep[]>();
  byPolicy.set(policy, cache);
  const key = `${deadline.rule}|${deadline.from}|${deadline.dueOn}`;
  const known = cache.get(key);
  if (known) return known;
  const schedule = Object.freeze(computeSchedule(deadline, policy, calendar));
  if (cache.size >= SCHEDULE_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(key, schedule);
  return schedule;
};

const SCHEDULE_CACHE_SIZE = 10_000;
const SCHEDULES = new WeakMap<BusinessCalendar, WeakMap<LadderPolicy, Map<string, readonly ScheduledStep[]>>>();

const computeSchedule = (
  deadline: LadderDeadline,
  policy: LadderPolicy,
  calendar: BusinessCalendar,
): ScheduledStep[] => {
  const ladder = ladderOf(policy, deadline.rule);
  const reminders = [...new Set(ladder.reminderDays)]
    .sort((a, b) => b - a)
    .map((n) => ({ step: `reminder-${n}` as AlarmStep, fireOn: workingDaysBefore(calendar, deadline.dueOn, n) }))
    .filter((s) => s.fireOn > deadline.from);
  const after = (n: number): LocalDate => calendar.addWorkingDays(deadline.dueOn, n);
  return [
    ...reminders,
    { step: 'missed', fireOn: after(1) },
    { step: 'urge', fireOn: after(ladder.urgeAfter) },
    { step: 'proposal', fireOn: after(ladder.proposeAfter) },
    { step: 'circular', fireOn: after(ladder.circularAfter) },
  ];
};

export const isEscalationRung = (step: string): step is EscalationRung =>
  (ESCALATION_RUNGS as readonly string[]).includes(step);

/** What a deadline's ladder has done so far. */
export interface LadderProgress {
  readonly fired: readonly AlarmStep[];
  /** The supervising head's answer to the proposal, once given. */
  readonly proposalDecision?: 'Confirmed' | 'Waived';
}

/** The steps after the last one fired, in ladder order. */
const remainingSteps = (schedule: readonly ScheduledStep[], progress: LadderProgress): ScheduledStep[] => {
  const last = Math.max(-1, ...progress.fired.map((step) => schedule.findIndex((s) => s.step === step)));
  return schedule.slice(last + 1);
};

/**
 * The step to fire on `today`, if any. Rungs are never skipped: when several are due (a ticker
 * that was down), the earliest unfired rung fires and the next one follows on a later tick.
 * Reminders overtaken by a later due step are obsolete and are not sent.
 */
export const stepDue = (
  deadline: LadderDeadline,
  progress: LadderProgress,
  today: LocalDate,
  policy: LadderPolicy,
  calendar: BusinessCalendar,
): AlarmStep | undefined => {
  const due = remainingSteps(scheduleOf(deadline, policy, calendar), progress).filter((s) => s.fireOn <= today);
  const rung = due.find((s) => isEscalationRung(s.step));
  if (rung) return rungAllowed(rung.step, progress) ? rung.step : undefined;
  return due[due.length - 1]?.step;
};

/** 通报 waits for the head's answer to the proposal and never follows a waiver. */
const rungAllowed = (step: AlarmStep, progress: LadderProgress): boolean =>
  step !== 'circular' || progress.proposalDecision === 'Confirmed';

/** The first day on which `stepDue` will return a step (undefined: the ladder has nothing left, or waits for the head). */
export const nextFireOn = (
  deadline: LadderDeadline,
  progress: LadderProgress,
  policy: LadderPolicy,
  calendar: BusinessCalendar,
): { readonly step: AlarmStep; readonly fireOn: LocalDate } | undefined => {
  const next = remainingSteps(scheduleOf(deadline, policy, calendar), progress)[0];
  return next && rungAllowed(next.step, progress) ? next : undefined;
};
