import { businessDateOf } from '../shared/business-date';
import { DomainError, isDomainError, validation } from '../shared/domain-error';
import { Instant, LocalDate } from '../shared/time';
import { BusinessDated } from './rectification.commands';
import { RectificationState } from './rectification.state';

/**
 * The 业务日期 of an act on an existing item (issue 17 item 7): the command's `occurredOn`, else today.
 * A stated date may not lie after today (businessDateOf), before the item was assigned (its case
 * began, BUSINESS_DATE.BEFORE_CASE_BEGAN) nor before the item's previous act: a 销号 cannot precede
 * the evaluation it rests on, a look-back the 销号 it looks back on.
 */
export const itemActDate = (
  command: BusinessDated & { readonly at: Instant },
  state: RectificationState,
): LocalDate | DomainError => {
  const date = businessDateOf(command.occurredOn, command.at, state.assignedOn);
  if (isDomainError(date) || command.occurredOn === undefined) return date;
  if (state.lastActOn !== undefined && date < state.lastActOn) {
    return validation('BUSINESS_DATE.BEFORE_PREVIOUS_ACT', 'occurredOn cannot lie before the previous act', {
      field: 'occurredOn',
      occurredOn: date,
      previousActOn: state.lastActOn,
    });
  }
  return date;
};

/** `occurredOn` on the event only when the command stated it, so an act entered on its day reads as before. */
export const recordedDate = (command: BusinessDated, date: LocalDate): { readonly occurredOn?: LocalDate } =>
  command.occurredOn !== undefined ? { occurredOn: date } : {};
