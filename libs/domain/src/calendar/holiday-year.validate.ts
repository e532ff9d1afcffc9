import { DomainError, validation } from '../shared/domain-error';
import { LocalDate, isLocalDate, weekdayOf } from '../shared/time';
import { HolidayYear } from './prc-holidays';

/** The years a table may be given for: wide enough for any case, narrow enough to catch typos. */
export const CALENDAR_YEARS = { min: 2000, max: 2100 } as const;

/**
 * A holiday table as the State Council's notice gives it (国务院办公厅关于YYYY年部分节假日安排的通知):
 * the year, the citation of the notice, the days off and the weekend days worked instead (调休).
 * Returns the first problem, with a stable code, or undefined. The same rules hold for a file
 * under `$DATA_DIR/calendar/` and for `PUT /api/v1/calendar/{year}`.
 */
export const validateHolidayYear = (input: unknown): DomainError | undefined => {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return validation(
      'CALENDAR.INVALID',
      'a holiday year must be an object with year, source, holidays, makeUpWorkdays',
    );
  }
  const table = input as Partial<Record<keyof HolidayYear, unknown>>;
  const year = table.year;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < CALENDAR_YEARS.min || year > CALENDAR_YEARS.max) {
    return validation(
      'CALENDAR.YEAR_INVALID',
      `year must be a whole number from ${CALENDAR_YEARS.min} to ${CALENDAR_YEARS.max}`,
      { field: 'year' },
    );
  }
  if (typeof table.source !== 'string' || table.source.trim().length === 0 || table.source.length > 500) {
    return validation(
      'CALENDAR.SOURCE_REQUIRED',
      'source must cite the official notice the table is taken from (at most 500 characters)',
      { field: 'source' },
    );
  }
  const holidays = dateList(table.holidays, 'holidays', year);
  if (holidays instanceof DomainError) return holidays;
  const workdays = dateList(table.makeUpWorkdays, 'makeUpWorkdays', year);
  if (workdays instanceof DomainError) return workdays;
  const notWeekend = workdays.filter((d) => weekdayOf(d) !== 0 && weekdayOf(d) !== 6);
  if (notWeekend.length > 0) {
    return validation('CALENDAR.MAKE_UP_NOT_WEEKEND', 'a make-up working day (调休上班) is a Saturday or Sunday', {
      field: 'makeUpWorkdays',
      dates: notWeekend,
    });
  }
  const both = holidays.filter((d) => workdays.includes(d));
  if (both.length > 0) {
    return validation('CALENDAR.DATE_BOTH', 'a date cannot be both a holiday and a make-up working day', {
      dates: both,
    });
  }
  return undefined;
};

const dateList = (value: unknown, field: string, year: number): readonly LocalDate[] | DomainError => {
  if (!Array.isArray(value) || value.length > 366) {
    return validation('CALENDAR.DATES_INVALID', `${field} must be a list of at most 366 dates`, { field });
  }
  const invalid = value.filter((d) => !isLocalDate(d));
  if (invalid.length > 0) {
    return validation('CALENDAR.DATES_INVALID', `${field} must hold dates YYYY-MM-DD`, {
      field,
      dates: invalid.slice(0, 10).map(String),
    });
  }
  const dates = value as LocalDate[];
  const outside = dates.filter((d) => !d.startsWith(`${year}-`));
  if (outside.length > 0) {
    return validation('CALENDAR.DATE_OUTSIDE_YEAR', `${field} must lie inside ${year}`, { field, dates: outside });
  }
  const duplicates = dates.filter((d, i) => dates.indexOf(d) !== i);
  if (duplicates.length > 0) {
    return validation('CALENDAR.DATE_DUPLICATE', `${field} lists a date twice`, { field, dates: duplicates });
  }
  return dates;
};

/** The table in its stored form: the known fields only, dates in order. */
export const normaliseHolidayYear = (table: HolidayYear): HolidayYear => ({
  year: table.year,
  source: table.source.trim(),
  holidays: [...table.holidays].sort(),
  makeUpWorkdays: [...table.makeUpWorkdays].sort(),
});
