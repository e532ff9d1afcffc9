import { Actor, HolidayYear, SHIPPED_HOLIDAY_YEARS, SetHolidayYear } from '@xj/domain';

export const PRC_2026_FOR_TESTS = SHIPPED_HOLIDAY_YEARS.find((y) => y.year === 2026) as HolidayYear;

export const admin: Actor = {
  userId: 'u-admin',
  role: 'Administrator',
  position: 'Staff',
  orgId: 'it',
  regionId: 'panjin',
};

/** A table made up for tests: NOT the State Council's 2027 notice, which has not been published. */
export const TEST_2027: HolidayYear = {
  year: 2027,
  source: 'test table (not an official notice)',
  holidays: ['2027-01-01', '2027-02-05', '2027-02-08', '2027-02-09'],
  makeUpWorkdays: ['2027-02-06'],
};

export const table2027 = (over: Partial<SetHolidayYear> = {}): SetHolidayYear => ({
  type: 'SetHolidayYear',
  actor: admin,
  at: '2026-12-07T09:00:00+08:00',
  ...TEST_2027,
  ...over,
});
