import { requireRoleStrict } from '../shared/authorize';
import { Decision } from '../shared/decider';
import { conflict, invalidTransition } from '../shared/domain-error';
import { CommandBase, DomainEvent, EventDataBase, eventBase } from '../shared/messages';
import { LocalDate } from '../shared/time';
import { firstError, requireInstant } from '../shared/validate';
import { BusinessCalendar } from './business-calendar';
import { Deadline, DeadlineRule, recountDeadline } from './deadline-policy';

/** The calendar change that made a recount possible: the HolidayYearSet of `year`. */
export interface DeadlineRecomputeCause {
  readonly year: number;
  /** Id of the HolidayYearSet event on the calendar stream. */
  readonly calendarEventId: string;
  /** The official notice the new table cites. */
  readonly source: string;
}

/**
 * 期限重算 — recount one open provisional deadline of a case with the calendar now in force (a
 * year's holiday table arrived). `slot` names the deadline on the case (its state field, e.g.
 * `deadline`, `planDeadline`); `rule` is the rule it was counted under, so a deadline that has since
 * been replaced by one of another rule is not touched.
 */
export interface RecomputeDeadline extends CommandBase<'RecomputeDeadline'> {
  readonly slot: string;
  readonly rule: DeadlineRule;
  readonly cause: DeadlineRecomputeCause;
}

export interface DeadlineRecomputedData extends EventDataBase {
  readonly slot: string;
  readonly rule: DeadlineRule;
  readonly fromDueOn: LocalDate;
  readonly toDueOn: LocalDate;
  /** The deadline as recounted: replaces the one in `slot` (provisional only if a year is still missing). */
  readonly deadline: Deadline;
  readonly cause: DeadlineRecomputeCause;
}

/** A provisional deadline counted again once its year's table arrived (issue 15 §4). */
export type DeadlineRecomputed = DomainEvent<'DeadlineRecomputed', DeadlineRecomputedData>;

/**
 * Recounts from the deadline's own recorded start, amount and unit, or from its last extension or
 * resumption (recountDeadline). Refused when the deadline is no longer open (its slot is empty or
 * holds another rule's deadline), when it is not provisional, when it is paused (中止), when the calendar of this process does not yet hold the cause's year (the
 * sender retries after catching up), and when the recount changes nothing.
 *
 * Administrators only: the recount is a consequence of configuration, which is theirs (the
 * application's process acts for the administrator who set the table).
 */
export const decideDeadlineRecompute = (
  command: RecomputeDeadline,
  open: Readonly<Record<string, Deadline | undefined>>,
  calendar: BusinessCalendar,
  codePrefix: string,
): Decision<DeadlineRecomputed> => {
  const error = firstError(
    requireRoleStrict(command.actor, ['Administrator'], 'recompute a deadline'),
    requireInstant(command.at, 'at'),
  );
  if (error) return error;
  const current = Object.hasOwn(open, command.slot) ? open[command.slot] : undefined;
  if (current === undefined || current.rule !== command.rule) {
    return invalidTransition(`${codePrefix}.DEADLINE_NOT_OPEN`, 'the case has no open deadline of this rule here', {
      slot: command.slot,
      rule: command.rule,
    });
  }
  if (current.provisional !== true) {
    return invalidTransition(`${codePrefix}.DEADLINE_NOT_PROVISIONAL`, 'the deadline was counted with every table');
  }
  if (current.paused !== undefined) {
    // 中止: the clock stands still, so there is no count to redo; 恢复 counts the days left with the
    // calendar then in force.
    return invalidTransition(`${codePrefix}.DEADLINE_PAUSED`, 'the deadline is paused; its resumption counts it again');
  }
  if (!calendar.hasTableFor(command.cause.year)) {
    return conflict('CALENDAR.YEAR_NOT_LOADED', `the calendar in force has no table for ${command.cause.year} yet`);
  }
  const deadline = recountDeadline(current, calendar);
  if (sameDeadline(deadline, current)) {
    return invalidTransition(`${codePrefix}.DEADLINE_UNCHANGED`, 'the recount gives the same deadline');
  }
  return [
    {
      type: 'DeadlineRecomputed',
      data: {
        ...eventBase(command),
        slot: command.slot,
        rule: command.rule,
        fromDueOn: current.dueOn,
        toDueOn: deadline.dueOn,
        deadline,
        cause: command.cause,
      },
    },
  ];
};

const sameDeadline = (a: Deadline, b: Deadline): boolean =>
  a.dueOn === b.dueOn && a.provisional === b.provisional && a.nonWorkingDay === b.nonWorkingDay;

/** Whether `b` is the deadline `a` (the same count): the state keeps copies of one deadline in two fields. */
export const isSameCount = (a: Deadline | undefined, b: Deadline | undefined): boolean =>
  a !== undefined && b !== undefined && a.rule === b.rule && a.from === b.from && a.dueOn === b.dueOn;
