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

export type CalendarCommand = SetHolidayYear;

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
}

/** 节假日安排 — a year's holiday table set at run time. */
export type HolidayYearSet = DomainEvent<'HolidayYearSet', HolidayYearSetData>;

export type CalendarEvent = HolidayYearSet;
