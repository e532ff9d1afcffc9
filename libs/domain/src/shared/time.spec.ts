import { addDays, addMonths, compareDates, isInstant, isLocalDate, localDateOf, weekdayOf } from './time';

describe('time (China Standard Time, UTC+8)', () => {
  describe('localDateOf', () => {
    it.each([
      ['2026-03-01T15:59:59Z', '2026-03-01', 'one second before midnight in Beijing'],
      ['2026-03-01T16:00:00Z', '2026-03-02', 'midnight in Beijing, still the 1st in UTC'],
      ['2026-03-01T23:59:59+08:00', '2026-03-01', 'last second of the day, local offset'],
      ['2026-03-02T00:00:00+08:00', '2026-03-02', 'first second of the day, local offset'],
      ['2026-03-01T12:00:00-05:00', '2026-03-02', 'an instant written with another offset'],
      ['2025-12-31T16:00:00Z', '2026-01-01', 'New Year in Beijing while UTC is still in 2025'],
      ['2028-02-28T16:30:00.5Z', '2028-02-29', 'into a leap day, with fractional seconds'],
    ])('%s falls on %s (%s)', (at, date) => {
      expect(localDateOf(at)).toBe(date);
    });
  });

  describe('addDays', () => {
    it.each([
      ['2026-02-28', 1, '2026-03-01'],
      ['2028-02-28', 1, '2028-02-29'],
      ['2026-12-31', 1, '2027-01-01'],
      ['2026-03-01', -1, '2026-02-28'],
      ['2026-03-01', 0, '2026-03-01'],
      ['2026-01-05', 365, '2027-01-05'],
    ])('%s + %i days = %s', (date, days, expected) => {
      expect(addDays(date, days)).toBe(expected);
    });

    it('refuses an impossible date', () => {
      expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    });
  });

  describe('addMonths', () => {
    it.each([
      ['2026-01-31', 1, '2026-02-28', 'clamped to the end of February'],
      ['2028-01-31', 1, '2028-02-29', 'clamped to a leap day'],
      ['2026-03-31', 1, '2026-04-30', 'clamped to a 30-day month'],
      ['2026-11-30', 3, '2027-02-28', 'across the year end and clamped'],
      ['2026-12-15', 1, '2027-01-15', 'into the next year'],
      ['2026-03-15', 12, '2027-03-15', 'a whole year'],
      ['2026-03-31', -1, '2026-02-28', 'backwards, clamped'],
      ['2026-01-15', -1, '2025-12-15', 'backwards across the year start'],
      ['2026-05-20', 0, '2026-05-20', 'zero months'],
    ])('%s + %i months = %s (%s)', (date, months, expected) => {
      expect(addMonths(date, months)).toBe(expected);
    });
  });

  describe('weekdayOf', () => {
    it.each([
      ['1970-01-01', 4],
      ['2026-03-01', 0],
      ['2026-03-02', 1],
      ['2026-03-07', 6],
      ['1969-12-31', 3],
    ])('%s is weekday %i (0 = Sunday)', (date, weekday) => {
      expect(weekdayOf(date)).toBe(weekday);
    });

    it('refuses an impossible date', () => {
      expect(() => weekdayOf('2026-04-31')).toThrow(RangeError);
    });
  });

  describe('isLocalDate', () => {
    it.each([
      ['2026-02-28', true],
      ['2028-02-29', true],
      ['2026-02-29', false],
      ['2026-02-30', false],
      ['2026-04-31', false],
      ['2026-13-01', false],
      ['2026-2-3', false],
      ['2026-03-02T00:00:00Z', false],
      ['', false],
      [20260302, false],
      [undefined, false],
    ])('%p → %p', (value, expected) => {
      expect(isLocalDate(value)).toBe(expected);
    });
  });

  describe('isInstant', () => {
    it.each([
      ['2026-03-02T09:30:00+08:00', true],
      ['2026-03-02T09:30Z', true],
      ['2026-03-02T09:30:00.123456789Z', true],
      ['2026-03-02T09:30:00-05:00', true],
      ['2026-03-02', false],
      ['2026-03-02T09:30:00', false],
      ['2026-03-02 09:30:00Z', false],
      ['2026-13-01T00:00:00Z', false],
      ['2026-02-32T00:00:00Z', false],
      ['2026-03-02T25:00:00Z', false],
      [1772409600000, false],
      [undefined, false],
    ])('%p → %p', (value, expected) => {
      expect(isInstant(value)).toBe(expected);
    });

    // V8's Date.parse rolls 2026-02-30 over to 2026-03-02; isInstant must not.
    it('rejects an impossible calendar day such as 2026-02-30', () => {
      expect(isInstant('2026-02-30T00:00:00Z')).toBe(false);
    });
  });

  it('compareDates orders ISO dates', () => {
    expect(compareDates('2026-03-01', '2026-03-02')).toBe(-1);
    expect(compareDates('2026-03-02', '2026-03-02')).toBe(0);
    expect(compareDates('2027-01-01', '2026-12-31')).toBe(1);
  });
});
