import { HolidayYear } from '../calendar/prc-holidays';
import { DEFAULT_DEADLINE_POLICY } from '../calendar/deadline-policy';
import { createDomainConfig } from '../domain-config';
import { RULEBOOK_V1 } from '../rulebook/rulebook-v1';

const YEAR_2027: HolidayYear = {
  year: 2027,
  source: 'test table',
  holidays: ['2027-01-01'],
  makeUpWorkdays: ['2027-01-02'],
};

describe('createDomainConfig', () => {
  it('ships the 2026 calendar, the default deadlines and rulebook v1', () => {
    const config = createDomainConfig();
    expect(config.calendar.hasTableFor(2026)).toBe(true);
    expect(config.calendar.isWorkingDay('2026-10-01')).toBe(false);
    expect(config.deadlines).toEqual(DEFAULT_DEADLINE_POLICY);
    expect(config.rulebooks).toEqual([RULEBOOK_V1]);
    expect(config.currentRulebook).toBe(RULEBOOK_V1);
  });

  it('adds extra holiday years to the shipped ones', () => {
    const config = createDomainConfig({ extraHolidayYears: [YEAR_2027] });
    expect(config.calendar.hasTableFor(2026)).toBe(true);
    expect(config.calendar.hasTableFor(2027)).toBe(true);
    expect(config.calendar.isWorkingDay('2027-01-01')).toBe(false); // a Friday, holiday in the table
    expect(config.calendar.isWorkingDay('2027-01-02')).toBe(true); // a Saturday, make-up day
  });

  it('lets a configured year replace the shipped table of the same year', () => {
    const config = createDomainConfig({
      extraHolidayYears: [{ year: 2026, source: 'revised', holidays: [], makeUpWorkdays: [] }],
    });
    expect(config.calendar.isWorkingDay('2026-10-01')).toBe(true); // a Thursday once 国庆 is gone
    expect(config.calendar.isWorkingDay('2026-10-10')).toBe(false); // Saturday, no longer a make-up day
  });

  it('overrides single deadlines and keeps the other defaults', () => {
    const lookBack = { amount: 6, unit: 'Months', basis: '[I] local rule' } as const;
    const config = createDomainConfig({ deadlines: { LookBack: lookBack } });
    expect(config.deadlines.LookBack).toEqual(lookBack);
    expect(config.deadlines.ResultFeedback).toEqual(DEFAULT_DEADLINE_POLICY.ResultFeedback);
  });

  it('uses the last rulebook by default, or the named version', () => {
    const v2 = { ...RULEBOOK_V1, version: 'v2', effectiveFrom: '2027-01-01' };
    expect(createDomainConfig({ rulebooks: [RULEBOOK_V1, v2] }).currentRulebook.version).toBe('v2');
    const pinned = createDomainConfig({ rulebooks: [RULEBOOK_V1, v2], currentRulebookVersion: 'v1' });
    expect(pinned.currentRulebook.version).toBe('v1');
    expect(pinned.rulebooks.map((r) => r.version)).toEqual(['v1', 'v2']);
  });

  it('refuses an unknown rulebook version, or no rulebook at all', () => {
    expect(() => createDomainConfig({ currentRulebookVersion: 'v9' })).toThrow(RangeError);
    expect(() => createDomainConfig({ rulebooks: [] })).toThrow(RangeError);
  });

  it('refuses an inconsistent holiday table', () => {
    expect(() => createDomainConfig({ extraHolidayYears: [{ ...YEAR_2027, holidays: ['2027-02-30'] }] })).toThrow(
      RangeError,
    );
  });
});
