import {
  DeadlineLight,
  DeadlineRule,
  DomainConfig,
  LocalDate,
  addDays,
  createDomainConfig,
  reminderWindowStart,
  windowStartFor,
} from '@xj/domain';
import { Filter } from '../read-models/read-model-store.port';

/** DI token: the calendar and ladder the lists' lights are computed with (the deciders' DomainConfig). */
export const DEADLINE_LIGHT_CONFIG = Symbol('DEADLINE_LIGHT_CONFIG');
export type LightConfig = Pick<DomainConfig, 'calendar' | 'ladder'>;

let fallback: LightConfig | undefined;
/** Where no configuration is bound (unit tests of the queries): the default one. */
export const lightConfigOr = (config: LightConfig | undefined): LightConfig =>
  config ?? (fallback ??= createDomainConfig());

/**
 * The lights of one day as due-date ranges (issue 15 §2): red before `today`, yellow from `today`
 * to `yellowUntil`, green after. The light is monotone in the due date, so a list sorted by its
 * due date ascending is sorted red → yellow → green, and a light filter is a range on an indexed
 * field — computed at query time from the stored due date, never stored (it changes every day,
 * and with the calendar).
 */
export interface LightBounds {
  readonly today: LocalDate;
  readonly yellowUntil: LocalDate;
}

/** The last due date whose reminder window (the ladder's for `rule`, else its default) is open on `today`. */
export const lightBoundsOf = (today: LocalDate, config: LightConfig, rule?: DeadlineRule): LightBounds => {
  const windowStart = (dueOn: LocalDate): LocalDate =>
    rule
      ? reminderWindowStart(rule, dueOn, config.ladder, config.calendar)
      : windowStartFor(config.ladder.default.reminderDays, dueOn, config.calendar);
  let yellowUntil = addDays(today, -1);
  while (windowStart(addDays(yellowUntil, 1)) <= today) yellowUntil = addDays(yellowUntil, 1);
  return { today, yellowUntil };
};

/** The light of a due date (null: no deadline running). */
export const lightOf = (dueOn: LocalDate | undefined, bounds: LightBounds): DeadlineLight | null => {
  if (dueOn === undefined) return null;
  if (dueOn < bounds.today) return 'red';
  return dueOn <= bounds.yellowUntil ? 'yellow' : 'green';
};

/** The due-date range of a light, as a read-model filter on `field`. */
export const lightFilter = (
  field: string,
  light: DeadlineLight | undefined,
  bounds: LightBounds,
): Filter | undefined => {
  switch (light) {
    case undefined:
      return undefined;
    case 'red':
      return { [field]: { $lt: bounds.today } };
    case 'yellow':
      return { [field]: { $gte: bounds.today, $lte: bounds.yellowUntil } };
    case 'green':
      return { [field]: { $gt: bounds.yellowUntil } };
  }
};
