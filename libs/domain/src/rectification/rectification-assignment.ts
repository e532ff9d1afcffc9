import { BusinessCalendar } from '../calendar/business-calendar';
import { explicitDeadline } from '../calendar/deadline-policy';
import { CommandBase, eventBase } from '../shared/messages';
import { LocalDate } from '../shared/time';
import { AssignRectificationItem } from './rectification.commands';
import { RectificationItemAssigned } from './rectification.events';
import { ITEM_DUE_RULE } from './rectification.guards';

/** What an assignment is made of, whether 下达 here or read from a legacy 整改台账 line. */
export type ItemAssignment = CommandBase<string> &
  Pick<
    AssignRectificationItem,
    | 'itemId'
    | 'clueId'
    | 'regionId'
    | 'agencyOrgId'
    | 'mode'
    | 'issue'
    | 'measures'
    | 'dueDate'
    | 'longTermTarget'
    | 'owner'
    | 'responsiblePerson'
  >;

/**
 * The item assigned on `on`. 立行立改 without a date is due the same day, or the next working day when
 * assigned on a rest day (the system picks this date, so it moves it; a date the user gives is kept and
 * flagged). `recorded`: the business date as the event records it (absent when none was given).
 */
export const itemAssigned = (
  c: ItemAssignment,
  on: LocalDate,
  calendar: BusinessCalendar,
  evidence: readonly string[],
  recorded: { readonly occurredOn?: LocalDate } = {},
): RectificationItemAssigned => {
  const dueOn = c.dueDate ?? (c.mode === 'Immediate' ? calendar.onOrNextWorkingDay(on) : undefined);
  const deadline = dueOn !== undefined ? explicitDeadline(ITEM_DUE_RULE, on, dueOn, calendar) : undefined;
  return {
    type: 'RectificationItemAssigned',
    data: {
      ...eventBase(c),
      ...recorded,
      itemId: c.itemId,
      clueId: c.clueId,
      regionId: c.regionId,
      supervisorOrgId: c.actor.orgId,
      agencyOrgId: c.agencyOrgId,
      mode: c.mode,
      issue: c.issue,
      measures: c.measures,
      owner: c.owner,
      responsiblePerson: c.responsiblePerson,
      ...(c.longTermTarget !== undefined ? { longTermTarget: c.longTermTarget } : {}),
      evidence: [...evidence],
      ...(deadline ? { deadline } : {}),
    },
  };
};
