import { HolidayYear } from './prc-holidays';
import { LocalDate, addDays, isLocalDate, weekdayOf } from '../shared/time';

/**
 * Working days: Monday–Friday, minus official holidays, plus make-up working days (调休).
 * Years without a table fall back to plain weekends; `hasTableFor` lets callers warn about that.
 */
export class BusinessCalendar {
  private readonly holidays: ReadonlySet<LocalDate>;
  private readonly workdays: ReadonlySet<LocalDate>;
  private readonly years: ReadonlySet<number>;

  constructor(readonly tables: readonly HolidayYear[]) {
    const holidays = new Set<LocalDate>();
    const workdays = new Set<LocalDate>();
    for (const table of tables) {
      for (const day of [...table.holidays, ...table.makeUpWorkdays]) {
        if (!isLocalDate(day) || !day.startsWith(`${table.year}-`)) {
          throw new RangeError(`Holiday table ${table.year} lists an invalid date: ${day}`);
        }
      }
      table.holidays.forEach((d) => holidays.add(d));
      table.makeUpWorkdays.forEach((d) => workdays.add(d));
    }
    const both = [...holidays].filter((d) => workdays.has(d));
    if (both.length > 0) throw new RangeError(`Dates both holiday and make-up workday: ${both.join(', ')}`);
    this.holidays = holidays;
    this.workdays = workdays;
    this.years = new Set(tables.map((t) => t.year));
  }

  hasTableFor(year: number): boolean {
    return this.years.has(year);
  }

  /** The years from `from`'s to `to`'s (inclusive) that have no table; `[]` when `to` < `from`. */
  missingYearsBetween(from: LocalDate, to: LocalDate): number[] {
    const missing: number[] = [];
    for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year += 1) {
      if (!this.years.has(year)) missing.push(year);
    }
    return missing;
  }

  isWorkingDay(date: LocalDate): boolean {
    if (this.workdays.has(date)) return true;
    if (this.holidays.has(date)) return false;
    const weekday = weekdayOf(date);
    return weekday !== 0 && weekday !== 6;
  }

  /** The date itself if it is a working day, else the first working day after it. */
  onOrNextWorkingDay(date: LocalDate): LocalDate {
    let cursor = date;
    while (!this.isWorkingDay(cursor)) cursor = addDays(cursor, 1);
    return cursor;
  }

  /** The n-th working day after `from` (the starting day itself is not counted). n ≥ 0. */
  addWorkingDays(from: LocalDate, n: number): LocalDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`Working days must be a whole number ≥ 0: ${n}`);
    if (n === 0) return this.onOrNextWorkingDay(from);
    let cursor = from;
    for (let counted = 0; counted < n;) {
      cursor = addDays(cursor, 1);
      if (this.isWorkingDay(cursor)) counted += 1;
    }
    return cursor;
  }

  /** Working days strictly after `from` up to and including `to` (0 when `to` ≤ `from`). */
  workingDaysBetween(from: LocalDate, to: LocalDate): number {
    let count = 0;
    for (let cursor = addDays(from, 1); cursor <= to; cursor = addDays(cursor, 1)) {
      if (this.isWorkingDay(cursor)) count += 1;
    }
    return count;
  }
}
