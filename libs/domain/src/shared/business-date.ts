import { DomainError, validation } from './domain-error';
import { Instant, LocalDate, localDateOf } from './time';
import { requireDate } from './validate';

/**
 * 业务日期 — the day an act happened, as the user states it on the command (`occurredOn`), as
 * opposed to the instant the server recorded it (`at`). Statistics count each act on this date
 * (issue 17 item 7): a referral sent in 2024 and entered in 2026 belongs to 2024.
 *
 * Absent means today in China time. It may not lie after today (nothing is recorded in advance),
 * nor before the case began (`caseBeganOn`; unknown for histories written before it was kept).
 */
export const businessDateOf = (
  occurredOn: unknown,
  at: Instant,
  caseBeganOn: LocalDate | undefined,
  field = 'occurredOn',
): LocalDate | DomainError => {
  const today = localDateOf(at);
  if (occurredOn === undefined) return today;
  const invalid = requireDate(occurredOn, field);
  if (invalid) return invalid;
  const date = occurredOn as LocalDate;
  if (date > today) {
    return validation('BUSINESS_DATE.IN_FUTURE', `${field} cannot lie after today`, { field, [field]: date, today });
  }
  if (caseBeganOn !== undefined && date < caseBeganOn) {
    return validation('BUSINESS_DATE.BEFORE_CASE_BEGAN', `${field} cannot lie before the case began`, {
      field,
      [field]: date,
      caseBeganOn,
    });
  }
  return date;
};
