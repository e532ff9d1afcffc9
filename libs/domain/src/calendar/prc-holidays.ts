import { LocalDate } from '../shared/time';

/** One year of official public holidays and make-up working days (调休上班). */
export interface HolidayYear {
  readonly year: number;
  /** Citation of the notice the table is taken from. */
  readonly source: string;
  /** Days off, weekends inside a holiday block included. */
  readonly holidays: readonly LocalDate[];
  /** Weekend days that are working days (调休). */
  readonly makeUpWorkdays: readonly LocalDate[];
}

const range = (from: LocalDate, to: LocalDate): LocalDate[] => {
  const out: LocalDate[] = [];
  const cursor = new Date(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  while (cursor.getTime() <= end) {
    out.push(cursor.toISOString().slice(0, 10));
    cursor.setUTCDate(cursor.getUTCDate() + 1);
  }
  return out;
};

/**
 * 《国务院办公厅关于2026年部分节假日安排的通知》(国办发明电〔2025〕7号, 2025-11-04, published by 新华社).
 * 元旦 1/1–1/3, 1/4 上班; 春节 2/15–2/23, 2/14 与 2/28 上班; 清明 4/4–4/6; 劳动节 5/1–5/5, 5/9 上班;
 * 端午 6/19–6/21; 中秋 9/25–9/27; 国庆 10/1–10/7, 9/20 与 10/10 上班.
 */
export const PRC_2026: HolidayYear = {
  year: 2026,
  source: '国务院办公厅关于2026年部分节假日安排的通知 (国办发明电〔2025〕7号, 2025-11-04)',
  holidays: [
    ...range('2026-01-01', '2026-01-03'),
    ...range('2026-02-15', '2026-02-23'),
    ...range('2026-04-04', '2026-04-06'),
    ...range('2026-05-01', '2026-05-05'),
    ...range('2026-06-19', '2026-06-21'),
    ...range('2026-09-25', '2026-09-27'),
    ...range('2026-10-01', '2026-10-07'),
  ],
  makeUpWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};

/** The tables the product ships. Deployments add years through configuration. */
export const SHIPPED_HOLIDAY_YEARS: readonly HolidayYear[] = [PRC_2026];
