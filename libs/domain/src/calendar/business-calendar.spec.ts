import { BusinessCalendar } from './business-calendar';
import { DEFAULT_DEADLINE_POLICY, computeDeadline, isOverdue } from './deadline-policy';
import { PRC_2026 } from './prc-holidays';

const calendar = new BusinessCalendar([PRC_2026]);

describe('BusinessCalendar with the 2026 PRC table', () => {
  it.each([
    ['2026-01-01', false, '元旦'],
    ['2026-01-04', true, 'Sunday make-up workday after 元旦'],
    ['2026-02-14', true, 'Saturday make-up workday before 春节'],
    ['2026-02-16', false, '春节 Monday'],
    ['2026-02-24', true, 'first day back after 春节'],
    ['2026-02-28', true, 'Saturday make-up workday after 春节'],
    ['2026-03-07', false, 'ordinary Saturday'],
    ['2026-03-09', true, 'ordinary Monday'],
    ['2026-10-08', true, 'Thursday after 国庆'],
    ['2026-10-10', true, 'Saturday make-up workday after 国庆'],
  ])('%s is a working day: %s (%s)', (date, expected) => {
    expect(calendar.isWorkingDay(date)).toBe(expected);
  });

  it('counts working days across the Spring Festival, skipping the holiday and using make-up days', () => {
    // Fri 2026-02-13 + 5 working days: Sat 14 (make-up), then 15–23 holiday, Tue 24, Wed 25, Thu 26, Fri 27.
    expect(calendar.addWorkingDays('2026-02-13', 5)).toBe('2026-02-27');
    expect(calendar.workingDaysBetween('2026-02-13', '2026-02-27')).toBe(5);
  });

  it('moves a calendar-day deadline that ends on a rest day to the next working day', () => {
    // 2026-09-01 + 30 days = 2026-10-01 (国庆) → first working day is 2026-10-08.
    const deadline = computeDeadline('SupervisionOpinionCorrection', '2026-09-01', DEFAULT_DEADLINE_POLICY, calendar);
    expect(deadline).toMatchObject({
      rule: 'SupervisionOpinionCorrection',
      amount: 30,
      unit: 'Days',
      dueOn: '2026-10-08',
    });
  });

  it('computes month deadlines with month-end clamping', () => {
    expect(computeDeadline('LookBack', '2026-11-30', DEFAULT_DEADLINE_POLICY, calendar).dueOn).toBe('2027-03-01');
  });

  it('is overdue only after the due date', () => {
    expect(isOverdue({ dueOn: '2026-03-09' }, '2026-03-09')).toBe(false);
    expect(isOverdue({ dueOn: '2026-03-09' }, '2026-03-10')).toBe(true);
    expect(isOverdue(undefined, '2026-03-10')).toBe(false);
  });

  it('falls back to weekends for a year without a table and says so', () => {
    expect(calendar.hasTableFor(2026)).toBe(true);
    expect(calendar.hasTableFor(2027)).toBe(false);
    expect(calendar.isWorkingDay('2027-01-01')).toBe(true); // a Friday; 2027 table not loaded
  });

  it('rejects an inconsistent table', () => {
    expect(() => new BusinessCalendar([{ ...PRC_2026, makeUpWorkdays: ['2026-01-01'] }])).toThrow(RangeError);
    expect(() => new BusinessCalendar([{ ...PRC_2026, holidays: ['2027-01-01'] }])).toThrow(RangeError);
  });
});
