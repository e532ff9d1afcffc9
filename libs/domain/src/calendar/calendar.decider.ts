import { requireRoleStrict } from '../shared/authorize';
import { Decider, Decision, assertNever } from '../shared/decider';
import { eventBase } from '../shared/messages';
import { firstError, requireInstant } from '../shared/validate';
import { CalendarCommand, CalendarEvent, HolidayYearOrigin, SetHolidayYear } from './calendar.events';
import { normaliseHolidayYear, validateHolidayYear } from './holiday-year.validate';
import { HolidayYear } from './prc-holidays';

/** A table in force and where it came from. */
export interface HolidayYearInForce {
  readonly table: HolidayYear;
  readonly origin: HolidayYearOrigin;
}

/** The calendar stream folded: the tables set through the API, by year. */
export interface CalendarState {
  readonly years: Readonly<Record<number, HolidayYear>>;
}

/**
 * The tables in force: those the product ships and the deployment's files (`base`), overridden
 * year by year by the ones set through the API (the stream).
 */
export const holidayYearsInForce = (
  base: readonly HolidayYearInForce[],
  state: CalendarState,
): readonly HolidayYearInForce[] => {
  const byYear = new Map<number, HolidayYearInForce>(base.map((entry) => [entry.table.year, entry]));
  for (const table of Object.values(state.years)) byYear.set(table.year, { table, origin: 'Api' });
  return [...byYear.values()].sort((a, b) => a.table.year - b.table.year);
};

const sameTable = (a: HolidayYear, b: HolidayYear): boolean =>
  a.source === b.source &&
  a.holidays.join() === b.holidays.join() &&
  a.makeUpWorkdays.join() === b.makeUpWorkdays.join();

/**
 * Setting a year: administrators only (configuration is theirs, case work is not); the table is
 * validated as a file would be; setting the table already in force changes nothing.
 */
const decideSetHolidayYear = (
  command: SetHolidayYear,
  state: CalendarState,
  base: readonly HolidayYearInForce[],
): Decision<CalendarEvent> => {
  const error = firstError(
    requireRoleStrict(command.actor, ['Administrator'], 'set a holiday table'),
    requireInstant(command.at, 'at'),
    validateHolidayYear(command),
  );
  if (error) return error;
  const table = normaliseHolidayYear(command);
  const before = holidayYearsInForce(base, state).find((entry) => entry.table.year === table.year);
  if (before && sameTable(normaliseHolidayYear(before.table), table)) return [];
  return [
    {
      type: 'HolidayYearSet',
      data: {
        ...eventBase(command),
        ...table,
        ...(before
          ? {
              replaced: {
                origin: before.origin,
                source: before.table.source,
                holidays: before.table.holidays,
                makeUpWorkdays: before.table.makeUpWorkdays,
              },
            }
          : {}),
      },
    },
  ];
};

export const evolveCalendar = (state: CalendarState, event: CalendarEvent): CalendarState => {
  switch (event.type) {
    case 'HolidayYearSet': {
      const { year, source, holidays, makeUpWorkdays } = event.data;
      return { years: { ...state.years, [year]: { year, source, holidays, makeUpWorkdays } } };
    }
    default:
      return assertNever(event.type);
  }
};

export const createCalendarDecider = (
  base: readonly HolidayYearInForce[],
): Decider<CalendarCommand, CalendarState, CalendarEvent> => ({
  decide: (command, state) => decideSetHolidayYear(command, state, base),
  evolve: evolveCalendar,
  initialState: () => ({ years: {} }),
});
