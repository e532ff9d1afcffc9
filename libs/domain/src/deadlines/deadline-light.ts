import { BusinessCalendar } from '../calendar/business-calendar';
import { DeadlineRule } from '../calendar/deadline-policy';
import { LocalDate, addDays } from '../shared/time';
import { LadderPolicy, ladderOf } from './escalation-ladder';

/**
 * 红黄绿灯 — the warning light of a deadline (issue 15 §2, after the 12345 / 督办 platforms): green
 * in time, yellow inside the reminder window (from the ladder's first reminder day, e.g. 3 working
 * days before), red once the due date has passed.
 */
export const DEADLINE_LIGHTS = ['green', 'yellow', 'red'] as const;
export type DeadlineLight = (typeof DEADLINE_LIGHTS)[number];

/** The first day of the reminder window: the earliest reminder's working day before the due date. */
export const reminderWindowStart = (
  rule: DeadlineRule,
  dueOn: LocalDate,
  policy: LadderPolicy,
  calendar: BusinessCalendar,
): LocalDate => windowStartFor(ladderOf(policy, rule).reminderDays, dueOn, calendar);

/** The same for a list of reminder offsets (working days before the due date). */
export const windowStartFor = (
  reminderDays: readonly number[],
  dueOn: LocalDate,
  calendar: BusinessCalendar,
): LocalDate => {
  const widest = Math.max(0, ...reminderDays);
  let cursor = dueOn;
  for (let counted = 0; counted < widest;) {
    cursor = addDays(cursor, -1);
    if (calendar.isWorkingDay(cursor)) counted += 1;
  }
  return cursor;
};

/** The light of a deadline on `today` (a date in Asia/Shanghai). */
export const deadlineLight = (
  deadline: { readonly rule: DeadlineRule; readonly dueOn: LocalDate },
  today: LocalDate,
  policy: LadderPolicy,
  calendar: BusinessCalendar,
): DeadlineLight => {
  if (today > deadline.dueOn) return 'red';
  return today >= reminderWindowStart(deadline.rule, deadline.dueOn, policy, calendar) ? 'yellow' : 'green';
};
