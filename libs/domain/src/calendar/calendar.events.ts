import { CommandBase, DomainEvent, EventDataBase } from '../shared/messages';
import { LocalDate } from '../shared/time';

/** The calendar's one stream, `calendar-prc`: every holiday table the deployment added or corrected. */
export const CALENDAR_CATEGORY = 'calendar';
export const CALENDAR_STREAM_ID = 'prc';

/** Where the table in force for a year came from. */
export type HolidayYearOrigin = 'Shipped' | 'File' | 'Api';

/** An administrator sets (adds or corrects) one year's holiday table. */
export interface SetHolidayYear extends CommandBase<'SetHolidayYear'> {
  readonly year: number;
  readonly source: string;
  readonly holidays: readonly LocalDate[];
  readonly makeUpWorkdays: readonly LocalDate[];
}

/**
 * A year's table read from `$DATA_DIR/calendar/<year>.json` and not yet on the stream is recorded
 * there at start-up by the system ({@link CALENDAR_FILES_USER_ID}), so that the deadlines counted
 * provisionally before the file arrived are recounted as after a PUT.
 */
export interface RecordHolidayYearFile extends CommandBase<'RecordHolidayYearFile'> {
  readonly year: number;
}

/** The system actor that records the years of the calendar files. */
export const CALENDAR_FILES_USER_ID = 'system:calendar-files';

export type CalendarCommand = SetHolidayYear | RecordHolidayYearFile;

/** The table a change replaced, so the event says from what to what. */
export interface ReplacedHolidayYear {
  readonly origin: HolidayYearOrigin;
  readonly source: string;
  readonly holidays: readonly LocalDate[];
  readonly makeUpWorkdays: readonly LocalDate[];
}

export interface HolidayYearSetData extends EventDataBase {
  readonly year: number;
  /** Citation of the official notice (国务院办公厅关于YYYY年部分节假日安排的通知, its 文号 and date). */
  readonly source: string;
  readonly holidays: readonly LocalDate[];
  readonly makeUpWorkdays: readonly LocalDate[];
  /** The table in force before; absent when the year had none (its deadlines were provisional). */
  readonly replaced?: ReplacedHolidayYear;
  /**
   * `File`: the table of a calendar file, recorded by the system; the file stays the table in force
   * (it does not override files as an API table does). Absent: set through the API (all older events).
   */
  readonly origin?: 'File';
}

/** 节假日安排 — a year's holiday table set at run time, or a file's recorded at start-up. */
export type HolidayYearSet = DomainEvent<'HolidayYearSet', HolidayYearSetData>;

export type CalendarEvent = HolidayYearSet;
