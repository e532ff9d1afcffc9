/**
 * Time in the domain is always given, never read: commands carry `at` (an ISO-8601 instant).
 * Business dates are calendar dates in China Standard Time (UTC+8, no daylight saving).
 */

/** A calendar date, `YYYY-MM-DD`. */
export type LocalDate = string;
/** An ISO-8601 instant with an offset or `Z`, e.g. `2026-03-02T09:30:00+08:00`. */
export type Instant = string;

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CST_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

export const isInstant = (value: unknown): value is Instant =>
  typeof value === 'string' &&
  INSTANT.test(value) &&
  !Number.isNaN(Date.parse(value)) &&
  isLocalDate(value.slice(0, 10));

export const isLocalDate = (value: unknown): value is LocalDate =>
  typeof value === 'string' && DATE.test(value) && toEpochDay(value) !== undefined;

/** Days since 1970-01-01 for a valid date, or undefined (e.g. 2026-02-30). */
const toEpochDay = (date: LocalDate): number | undefined => {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms)) return undefined;
  const day = ms / DAY_MS;
  return fromEpochDay(day) === date ? day : undefined;
};

const fromEpochDay = (day: number): LocalDate => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The date in China Standard Time on which an instant falls. */
export const localDateOf = (at: Instant): LocalDate =>
  new Date(Date.parse(at) + CST_OFFSET_MS).toISOString().slice(0, 10);

export const addDays = (date: LocalDate, days: number): LocalDate => {
  const day = toEpochDay(date);
  if (day === undefined) throw new RangeError(`Not a date: ${date}`);
  return fromEpochDay(day + days);
};

/** Adds calendar months, clamping to the month's last day (1-31 + 1 month → 02-28/29). */
export const addMonths = (date: LocalDate, months: number): LocalDate => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, lastDay))}`;
};

/** 0 = Sunday … 6 = Saturday. */
export const weekdayOf = (date: LocalDate): number => {
  const day = toEpochDay(date);
  if (day === undefined) throw new RangeError(`Not a date: ${date}`);
  return (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
};

export const compareDates = (a: LocalDate, b: LocalDate): number => (a < b ? -1 : a > b ? 1 : 0);
