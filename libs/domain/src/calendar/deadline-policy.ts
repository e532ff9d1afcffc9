import { BusinessCalendar } from './business-calendar';
import type { DeadlineChangeMarks } from '../deadline-change/deadline-change.types';
import { LocalDate, addDays, addMonths } from '../shared/time';

/** The deadlines of DOMAIN.md §4.5. Every one is configurable; these are the defaults. */
export const DEADLINE_RULES = [
  'ClueVerification',
  'TransferAfterConditionsMet',
  'CommissionAcceptance',
  'DisposalProposal',
  'TalkOrInquiryStart',
  'TalkOrInquiryConclusion',
  'PreliminaryVerification',
  'ResultFeedback',
  'SupervisionOpinionCorrection',
  'SupervisionDecisionExecution',
  'ReconsiderationOpinionCorrection',
  'InspectionFeedbackRectification',
  'CaseReviewFeedbackRectification',
  'RectificationPlan',
  'OrganisationalHandling',
  'LookBack',
] as const;
export type DeadlineRule = (typeof DEADLINE_RULES)[number];

export type DeadlineUnit = 'WorkingDays' | 'Days' | 'Months';

export interface DeadlineSpec {
  readonly amount: number;
  readonly unit: DeadlineUnit;
  /** Where the number comes from, for auditors (DOMAIN.md tags: [S] source, [S2] secondary, [I] inference). */
  readonly basis: string;
}

export type DeadlinePolicy = Readonly<Record<DeadlineRule, DeadlineSpec>>;

export const DEFAULT_DEADLINE_POLICY: DeadlinePolicy = {
  ClueVerification: { amount: 15, unit: 'WorkingDays', basis: '[S2] 西乡: 初核一般15个工作日 (analogue)' },
  TransferAfterConditionsMet: {
    amount: 15,
    unit: 'WorkingDays',
    basis: '[S] seed 004 "第一时间"; [S2] 保山, 宾川: 15 working days',
  },
  CommissionAcceptance: {
    amount: 5,
    unit: 'WorkingDays',
    basis: '[S] 监察法实施条例 arts. 169, 171; [S2] 检举控告工作规则 art. 16',
  },
  DisposalProposal: { amount: 7, unit: 'Days', basis: '[S2] 大理: proposal within one week' },
  TalkOrInquiryStart: { amount: 5, unit: 'WorkingDays', basis: '[S2] 西乡: start within 5 working days of approval' },
  TalkOrInquiryConclusion: {
    amount: 30,
    unit: 'Days',
    basis: '[S2] 西乡: conclude within 30 days of the talk or reply',
  },
  PreliminaryVerification: { amount: 15, unit: 'WorkingDays', basis: '[S2] 西乡: 初步核实一般15个工作日' },
  ResultFeedback: { amount: 10, unit: 'WorkingDays', basis: '[S] 重庆市行政执法监督条例 art. 20' },
  SupervisionOpinionCorrection: { amount: 30, unit: 'Days', basis: '[S] 山东省行政执法监督条例 art. 28' },
  SupervisionDecisionExecution: { amount: 30, unit: 'Days', basis: '[S] 山东省行政执法监督条例 art. 29' },
  ReconsiderationOpinionCorrection: { amount: 60, unit: 'Days', basis: '[S] 行政复议法 (2023) art. 76' },
  InspectionFeedbackRectification: { amount: 30, unit: 'Days', basis: '[I] by analogy with 山东 art. 28' },
  CaseReviewFeedbackRectification: { amount: 30, unit: 'Days', basis: '[I] by analogy with 山东 art. 28' },
  RectificationPlan: { amount: 10, unit: 'WorkingDays', basis: '[I] DOMAIN.md C7' },
  OrganisationalHandling: { amount: 1, unit: 'Months', basis: '[S2] 中国共产党问责条例 art. 9' },
  LookBack: { amount: 3, unit: 'Months', basis: '[I] 3–6 months after closure; 蓬江 says 适时' },
};

/**
 * A computed deadline, recorded on the event that starts it so auditors can see how it was reached.
 * An extended or paused one also carries its change marks (延期 / 中止, see deadline-change).
 */
export interface Deadline extends DeadlineChangeMarks {
  readonly rule: DeadlineRule;
  readonly from: LocalDate;
  readonly amount: number;
  readonly unit: DeadlineUnit;
  readonly dueOn: LocalDate;
  /**
   * The counting used a year without a holiday table (weekends only): the date may move when the
   * year's table arrives (DeadlineRecomputed). Absent on old events: they read as not provisional.
   */
  readonly provisional?: true;
  /** An explicit due date that falls on a rest day, kept as the user gave it and flagged to them. */
  readonly nonWorkingDay?: true;
  /**
   * What a supervision instrument's period runs from: the date it was served (送达日期; 行政复议法
   * art. 76 counts from receipt) or, when no service date was given, its issuance.
   */
  readonly runsFrom?: 'Service' | 'Issuance';
}

/**
 * Computes a due date. Working-day periods count working days after `from`. Calendar periods
 * (days, months) that end on a rest day move to the next working day, as periods do under the
 * procedural rule that 行政复议法 art. 88 borrows from the 民事诉讼法 (期间届满的最后一日是法定休假日的，
 * 以法定休假日后的第一日为期间届满的日期). Every due date is therefore a working day.
 */
export const computeDeadline = (
  rule: DeadlineRule,
  from: LocalDate,
  policy: DeadlinePolicy,
  calendar: BusinessCalendar,
): Deadline => {
  const spec = policy[rule];
  return countDeadline(rule, from, spec.amount, spec.unit, calendar);
};

const countDeadline = (
  rule: DeadlineRule,
  from: LocalDate,
  amount: number,
  unit: DeadlineUnit,
  calendar: BusinessCalendar,
): Deadline => {
  const spec = { amount, unit };
  const dueOn = dueDate(spec, from, calendar);
  // Working days depend on every year counted through; calendar periods only on where they end.
  const dependsFrom = spec.unit === 'WorkingDays' ? addDays(from, 1) : periodEnd(spec, from);
  const provisional = calendar.missingYearsBetween(dependsFrom, dueOn).length > 0;
  return { rule, from, amount, unit, dueOn, ...(provisional ? { provisional } : {}) };
};

/**
 * A deadline with an explicit due date chosen by the user (e.g. a reopened rectification). The
 * date is kept as given: a rest day is flagged (`nonWorkingDay`), never moved silently — the user
 * chose it and sees the flag. Events recorded before this rule carry the moved date and stay so.
 * Whether the day is a rest day is provisional when its year has no table.
 */
export const explicitDeadline = (
  rule: DeadlineRule,
  from: LocalDate,
  dueOn: LocalDate,
  calendar: BusinessCalendar,
): Deadline => {
  const nonWorkingDay = !calendar.isWorkingDay(dueOn);
  const provisional = !calendar.hasTableFor(yearOf(dueOn));
  return {
    rule,
    from,
    amount: 0,
    unit: 'Days',
    dueOn,
    ...(nonWorkingDay ? { nonWorkingDay } : {}),
    ...(provisional ? { provisional } : {}),
  };
};

/** The last day of a calendar period before it is moved off a rest day. */
const periodEnd = (spec: Pick<DeadlineSpec, 'amount' | 'unit'>, from: LocalDate): LocalDate =>
  spec.unit === 'Months' ? addMonths(from, spec.amount) : addDays(from, spec.amount);

const dueDate = (
  spec: Pick<DeadlineSpec, 'amount' | 'unit'>,
  from: LocalDate,
  calendar: BusinessCalendar,
): LocalDate => {
  switch (spec.unit) {
    case 'WorkingDays':
      return calendar.addWorkingDays(from, spec.amount);
    case 'Days':
    case 'Months':
      return calendar.onOrNextWorkingDay(periodEnd(spec, from));
  }
};

/**
 * The same deadline counted again with `calendar` (a year's table arrived), from its own recorded
 * start, amount and unit (not today's policy). Explicit due dates (amount 0) keep their date; only
 * their flags are refreshed. A deadline moved by 延期 / 中止 (deadline-change) is counted from its
 * last change instead, which replaced the original count: an extension granted an explicit date
 * (kept; flags refreshed), a resumption ran the working days left at the pause from its day. The
 * change marks stay. A paused deadline has no running count (callers refuse to recount it).
 */
export const recountDeadline = (deadline: Deadline, calendar: BusinessCalendar): Deadline => {
  const { provisional: _p, nonWorkingDay: _n, ...rest } = deadline;
  const counted = countedAfterChanges(deadline, calendar) ?? countedAsRecorded(deadline, calendar);
  return { ...rest, dueOn: counted.dueOn, ...pickFlags(counted) };
};

const countedAsRecorded = (deadline: Deadline, calendar: BusinessCalendar): Deadline =>
  deadline.amount === 0
    ? explicitDeadline(deadline.rule, deadline.from, deadline.dueOn, calendar)
    : countDeadline(deadline.rule, deadline.from, deadline.amount, deadline.unit, calendar);

/** The count of the deadline's last 延期 / 中止 change, if it has one. */
const countedAfterChanges = (deadline: Deadline, calendar: BusinessCalendar): Deadline | undefined => {
  const changes = deadline.changes ?? [];
  const last = changes.at(-1);
  if (last === undefined) return undefined;
  switch (last.kind) {
    case 'Extended':
      return explicitDeadline(deadline.rule, last.on, deadline.dueOn, calendar);
    case 'Resumed': {
      const pause = changes.findLast((c) => c.kind === 'Paused');
      return pause?.kind === 'Paused'
        ? resumedDeadline(deadline.rule, last.on, pause.remainingWorkingDays, calendar)
        : undefined;
    }
    case 'Paused':
      return undefined;
  }
};

/**
 * 恢复: the working days left at a pause counted from the resumption day, provisional when they run
 * through a year without a table (as a count from a start is).
 */
export const resumedDeadline = (
  rule: DeadlineRule,
  resumedOn: LocalDate,
  remainingWorkingDays: number,
  calendar: BusinessCalendar,
): Deadline => countDeadline(rule, resumedOn, remainingWorkingDays, 'WorkingDays', calendar);

const pickFlags = (d: Deadline): Pick<Deadline, 'provisional' | 'nonWorkingDay'> => ({
  ...(d.provisional ? { provisional: d.provisional } : {}),
  ...(d.nonWorkingDay ? { nonWorkingDay: d.nonWorkingDay } : {}),
});

const yearOf = (date: LocalDate): number => Number(date.slice(0, 4));

/** Overdue once the due date has passed (the due date itself is still in time); a paused deadline never is. */
export const isOverdue = (deadline: Pick<Deadline, 'dueOn' | 'paused'> | undefined, today: LocalDate): boolean =>
  deadline !== undefined && deadline.paused === undefined && today > deadline.dueOn;
