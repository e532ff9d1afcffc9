import { requireRoleStrict } from '../shared/authorize';
import { forbidden, validation } from '../shared/domain-error';
import { Decider, Decision, assertNever } from '../shared/decider';
import { eventBase } from '../shared/messages';
import { firstError, requireInstant } from '../shared/validate';
import {
  CALENDAR_FILES_USER_ID,
  CalendarCommand,
  CalendarEvent,
  HolidayYearOrigin,
  RecordHolidayYearFile,
  SetHolidayYear,
} from './calendar.events';
import { normaliseHolidayYear, validateHolidayYear } from './holiday-year.validate';
import { HolidayYear, SHIPPED_HOLIDAY_YEARS } from './prc-holidays';

/** A table in force and where it came from. */
export interface HolidayYearInForce {
  readonly table: HolidayYear;
  readonly origin: HolidayYearOrigin;
}

/** The calendar stream folded: the tables set through the API, by year, and the file years recorded. */
export interface CalendarState {
  readonly years: Readonly<Record<number, HolidayYear>>;
  /** Years whose file table is on the stream (origin File); the files themselves stay in force. */
  readonly fileYears?: readonly number[];
}

/** Whether the stream already holds a table for the year, set through the API or recorded from its file. */
export const isYearRecorded = (state: CalendarState, year: number): boolean =>
  state.years[year] !== undefined || (state.fileYears ?? []).includes(year);

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

/**
 * A file's year not yet on the stream is recorded, once, by the system: the event a PUT would have
 * given, so DeadlineRecomputeProcess recounts the provisional deadlines that reach the year. A year
 * already set through the API or recorded decides nothing (the file may have changed since: a
 * correction of a table in force is not recounted, README "Calendar").
 */
const decideRecordHolidayYearFile = (
  command: RecordHolidayYearFile,
  state: CalendarState,
  base: readonly HolidayYearInForce[],
): Decision<CalendarEvent> => {
  if (command.actor.userId !== CALENDAR_FILES_USER_ID) {
    return forbidden('AUTH.ROLE_NOT_ALLOWED', 'only the system records the calendar files');
  }
  const error = requireInstant(command.at, 'at');
  if (error) return error;
  const file = base.find((entry) => entry.table.year === command.year && entry.origin === 'File');
  if (!file) {
    return validation('CALENDAR.NO_FILE', `no calendar file holds the year ${command.year}`, { year: command.year });
  }
  if (isYearRecorded(state, command.year)) return [];
  const table = normaliseHolidayYear(file.table);
  const shipped = SHIPPED_HOLIDAY_YEARS.find((t) => t.year === command.year);
  return [
    {
      type: 'HolidayYearSet',
      data: {
        ...eventBase(command),
        ...table,
        origin: 'File',
        ...(shipped
          ? {
              replaced: {
                origin: 'Shipped',
                source: shipped.source,
                holidays: shipped.holidays,
                makeUpWorkdays: shipped.makeUpWorkdays,
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
      const { year, source, holidays, makeUpWorkdays, origin } = event.data;
      if (origin === 'File') return { ...state, fileYears: [...(state.fileYears ?? []), year] };
      return { ...state, years: { ...state.years, [year]: { year, source, holidays, makeUpWorkdays } } };
    }
    default:
      return assertNever(event.type);
  }
};

export const createCalendarDecider = (
  base: readonly HolidayYearInForce[],
): Decider<CalendarCommand, CalendarState, CalendarEvent> => ({
  decide: (command, state) => {
    switch (command.type) {
      case 'SetHolidayYear':
        return decideSetHolidayYear(command, state, base);
      case 'RecordHolidayYearFile':
        return decideRecordHolidayYearFile(command, state, base);
      default:
        return assertNever(command);
    }
  },
  evolve: evolveCalendar,
  initialState: () => ({ years: {} }),
});
