import { deciderSpec } from '@xj/testing';
import { Actor } from '../shared/actor';
import { createDomainConfig } from '../domain-config';
import { BusinessCalendar } from './business-calendar';
import { HolidayYearInForce, createCalendarDecider, holidayYearsInForce } from './calendar.decider';
import {
  CALENDAR_FILES_USER_ID,
  CalendarEvent,
  HolidayYearSet,
  RecordHolidayYearFile,
  SetHolidayYear,
} from './calendar.events';
import { PRC_2026 } from './prc-holidays';

const admin: Actor = { userId: 'u-admin', role: 'Administrator', position: 'Staff', orgId: 'it', regionId: 'panjin' };
const office: Actor = {
  userId: 'u-office',
  role: 'RuleOfLawOffice',
  position: 'Head',
  orgId: 'rol',
  regionId: 'panjin',
};
const AT = '2026-12-07T09:00:00+08:00';
const base: HolidayYearInForce[] = [{ table: PRC_2026, origin: 'Shipped' }];
const spec = deciderSpec(createCalendarDecider(base));

/** A table made up for tests: NOT the State Council's 2027 notice, which has not been published. */
const set2027 = (over: Partial<SetHolidayYear> = {}): SetHolidayYear => ({
  type: 'SetHolidayYear',
  actor: admin,
  at: AT,
  year: 2027,
  source: 'test notice (not official)',
  holidays: ['2027-02-08', '2027-01-01'],
  makeUpWorkdays: ['2027-02-06'],
  ...over,
});

const set2027Event: HolidayYearSet = {
  type: 'HolidayYearSet',
  data: {
    at: AT,
    by: { userId: 'u-admin', role: 'Administrator', orgId: 'it' },
    year: 2027,
    source: 'test notice (not official)',
    holidays: ['2027-01-01', '2027-02-08'],
    makeUpWorkdays: ['2027-02-06'],
  },
};

describe('Calendar (节假日安排) as maintained data', () => {
  it('records a new year, dates in order, with who set it and that no table was in force before', () => {
    spec.given([]).when(set2027()).then([set2027Event]);
  });

  it('records from what to what when a year already had a table (a correction of the shipped 2026)', () => {
    const [event] = spec
      .given([])
      .when(set2027({ year: 2026, source: 'corrected', holidays: ['2026-01-01'], makeUpWorkdays: [] }))
      .thenEvents();
    expect(event?.data.replaced).toEqual({
      origin: 'Shipped',
      source: PRC_2026.source,
      holidays: PRC_2026.holidays,
      makeUpWorkdays: PRC_2026.makeUpWorkdays,
    });
  });

  it('changes nothing when the same table is set again (a retried PUT)', () => {
    spec.given([set2027Event]).when(set2027()).then([]);
  });

  it('lets only an administrator set a table', () => {
    spec
      .given([])
      .when(set2027({ actor: office }))
      .thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
  });

  it.each([
    ['a date outside the year', { holidays: ['2028-01-01'] }, 'CALENDAR.DATE_OUTSIDE_YEAR'],
    ['a date both holiday and make-up day', { holidays: ['2027-02-06'] }, 'CALENDAR.DATE_BOTH'],
    [
      'a make-up day on a weekday (调休 is a weekend day)',
      { makeUpWorkdays: ['2027-02-05'] },
      'CALENDAR.MAKE_UP_NOT_WEEKEND',
    ],
    ['a date that does not exist', { holidays: ['2027-02-30'] }, 'CALENDAR.DATES_INVALID'],
    ['a date listed twice', { holidays: ['2027-01-01', '2027-01-01'] }, 'CALENDAR.DATE_DUPLICATE'],
    ['no source cited', { source: ' ' }, 'CALENDAR.SOURCE_REQUIRED'],
    ['a year out of range', { year: 1999 }, 'CALENDAR.YEAR_INVALID'],
    ['holidays not a list', { holidays: 'x' as unknown as string[] }, 'CALENDAR.DATES_INVALID'],
  ])('refuses %s', (_, over, code) => {
    spec.given([]).when(set2027(over)).thenError('Validation', code);
  });

  it('puts the tables set through the API over the shipped and file ones, year by year', () => {
    const state = spec.given([]).when(set2027()).thenState();
    expect(holidayYearsInForce(base, state).map((e) => [e.table.year, e.origin])).toEqual([
      [2026, 'Shipped'],
      [2027, 'Api'],
    ]);
  });
});

describe('a holiday year added by file, recorded on the calendar stream at start-up (issue 15 §4)', () => {
  const system: Actor = {
    userId: CALENDAR_FILES_USER_ID,
    role: 'Administrator',
    position: 'Head',
    orgId: 'system',
    regionId: '',
  };
  const file2027 = {
    year: 2027,
    source: 'test file (not official)',
    holidays: ['2027-02-08', '2027-01-01'],
    makeUpWorkdays: ['2027-02-06'],
  };
  const withFile: HolidayYearInForce[] = [...base, { table: file2027, origin: 'File' }];
  const fileSpec = deciderSpec(createCalendarDecider(withFile));
  const record = (over: Partial<RecordHolidayYearFile> = {}): RecordHolidayYearFile => ({
    type: 'RecordHolidayYearFile',
    actor: system,
    at: AT,
    year: 2027,
    ...over,
  });
  const fileEvent: HolidayYearSet = {
    type: 'HolidayYearSet',
    data: {
      at: AT,
      by: { userId: CALENDAR_FILES_USER_ID, role: 'Administrator', orgId: 'system' },
      year: 2027,
      source: 'test file (not official)',
      holidays: ['2027-01-01', '2027-02-08'],
      makeUpWorkdays: ['2027-02-06'],
      origin: 'File',
    },
  };

  it("records the file's table by the system, as a PUT would, marked origin File (so its deadlines are recounted)", () => {
    fileSpec.given([]).when(record()).then([fileEvent]);
  });

  it('records a year once: a second start (or a second process) finds it on the stream and records nothing', () => {
    fileSpec.given([fileEvent]).when(record()).then([]);
  });

  it('records nothing for a year already set through the API', () => {
    fileSpec.given([set2027Event]).when(record()).then([]);
  });

  it('keeps the file in force after recording it: the stream does not turn it into an API table', () => {
    const state = fileSpec.given([fileEvent]).when(record()).thenState();
    expect(holidayYearsInForce(withFile, state).map((e) => [e.table.year, e.origin])).toEqual([
      [2026, 'Shipped'],
      [2027, 'File'],
    ]);
  });

  it('refuses a year no file holds, and anyone but the system', () => {
    fileSpec
      .given([])
      .when(record({ year: 2028 }))
      .thenError('Validation', 'CALENDAR.NO_FILE');
    fileSpec
      .given([])
      .when(record({ actor: admin }))
      .thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
  });
});

describe('DomainConfig with a calendar source', () => {
  it('reads the calendar through on every access, so a table added at run time reaches the next decision', () => {
    let current = new BusinessCalendar([PRC_2026]);
    const config = createDomainConfig({ calendarSource: { current: () => current } });
    expect(config.calendar.hasTableFor(2027)).toBe(false);
    const events: CalendarEvent[] = [set2027Event];
    current = new BusinessCalendar([PRC_2026, ...events.map((e) => e.data)]);
    expect(config.calendar.hasTableFor(2027)).toBe(true);
    expect(config.calendar.isWorkingDay('2027-01-01')).toBe(false);
  });
});
