import { BusinessCalendar } from './business-calendar';
import { DEFAULT_DEADLINE_POLICY, computeDeadline, explicitDeadline, recountDeadline } from './deadline-policy';
import { HolidayYear, PRC_2026 } from './prc-holidays';

const shipped = new BusinessCalendar([PRC_2026]);

/** A table made up for tests: NOT the State Council's 2027 notice, which has not been published. */
const TEST_2027: HolidayYear = {
  year: 2027,
  source: 'test table (not an official notice)',
  holidays: ['2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'],
  makeUpWorkdays: ['2027-01-02'],
};
const with2027 = new BusinessCalendar([PRC_2026, TEST_2027]);

describe('provisional deadlines: a year without a holiday table (issue 15 §4)', () => {
  it('marks the 60 days of 行政复议法 art. 76 from 2026-12-07 provisional: they end on 2027-02-05 (除夕) with no 2027 table', () => {
    expect(computeDeadline('ReconsiderationOpinionCorrection', '2026-12-07', DEFAULT_DEADLINE_POLICY, shipped)).toEqual(
      {
        rule: 'ReconsiderationOpinionCorrection',
        from: '2026-12-07',
        amount: 60,
        unit: 'Days',
        dueOn: '2027-02-05',
        provisional: true,
      },
    );
  });

  it('marks a working-day count that crosses into 2027 provisional (2027-01-01 counted as a working day)', () => {
    // 2026-12-24 (Thu) + 10 working days: 25, 28, 29, 30, 31 Dec, then 1 (!), 4, 5, 6, 7 Jan.
    const deadline = computeDeadline('ResultFeedback', '2026-12-24', DEFAULT_DEADLINE_POLICY, shipped);
    expect(deadline).toMatchObject({ dueOn: '2027-01-07', provisional: true });
  });

  it('does not mark a deadline counted wholly inside a year with a table', () => {
    const deadline = computeDeadline('ResultFeedback', '2026-12-01', DEFAULT_DEADLINE_POLICY, shipped);
    expect(deadline.dueOn).toBe('2026-12-15');
    expect(deadline).not.toHaveProperty('provisional');
  });

  it('marks an explicit date in a year without a table provisional, and not one inside 2026', () => {
    expect(explicitDeadline('LookBack', '2026-12-07', '2027-03-01', shipped)).toMatchObject({ provisional: true });
    expect(explicitDeadline('LookBack', '2026-12-07', '2026-12-30', shipped)).not.toHaveProperty('provisional');
  });

  it('recounts a provisional deadline from its own start, amount and unit once the year has a table', () => {
    const provisional = computeDeadline(
      'ReconsiderationOpinionCorrection',
      '2026-12-07',
      DEFAULT_DEADLINE_POLICY,
      shipped,
    );
    // 2027-02-05 is a holiday in the test table: the period moves to the first working day after it.
    expect(recountDeadline(provisional, with2027)).toEqual({
      rule: 'ReconsiderationOpinionCorrection',
      from: '2026-12-07',
      amount: 60,
      unit: 'Days',
      dueOn: '2027-02-09',
    });
  });

  it('recounts with the recorded amount, not the policy of today', () => {
    const recorded = { rule: 'ResultFeedback' as const, from: '2026-12-24', amount: 3, unit: 'WorkingDays' as const };
    // 25, 28, 29 Dec: the count stays inside 2026 even though the policy says 10.
    expect(recountDeadline({ ...recorded, dueOn: '2026-12-29', provisional: true }, with2027).dueOn).toBe('2026-12-29');
  });

  it('keeps an explicit date when recounting, refreshing its flags only', () => {
    const explicit = explicitDeadline('LookBack', '2026-12-07', '2027-02-05', shipped);
    expect(explicit).toMatchObject({ dueOn: '2027-02-05', provisional: true });
    expect(explicit).not.toHaveProperty('nonWorkingDay');
    expect(recountDeadline(explicit, with2027)).toEqual({
      rule: 'LookBack',
      from: '2026-12-07',
      amount: 0,
      unit: 'Days',
      dueOn: '2027-02-05',
      nonWorkingDay: true,
    });
  });
});

describe('explicit due dates on a rest day are kept and flagged (issue 15 §4)', () => {
  it('keeps 2026-10-01 (国庆) as given and flags it; a working day carries no flag', () => {
    expect(explicitDeadline('LookBack', '2026-09-01', '2026-10-01', shipped)).toEqual({
      rule: 'LookBack',
      from: '2026-09-01',
      amount: 0,
      unit: 'Days',
      dueOn: '2026-10-01',
      nonWorkingDay: true,
    });
    expect(explicitDeadline('LookBack', '2026-09-01', '2026-10-08', shipped)).not.toHaveProperty('nonWorkingDay');
  });
});

describe('BusinessCalendar.missingYearsBetween', () => {
  it('lists the years without a table between two dates, inclusive', () => {
    expect(shipped.missingYearsBetween('2026-12-01', '2028-01-01')).toEqual([2027, 2028]);
    expect(shipped.missingYearsBetween('2026-01-01', '2026-12-31')).toEqual([]);
    expect(shipped.missingYearsBetween('2027-01-01', '2026-12-31')).toEqual([]);
  });
});
