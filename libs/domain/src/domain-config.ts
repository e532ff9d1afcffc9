import { BusinessCalendar } from './calendar/business-calendar';
import { DEFAULT_DEADLINE_POLICY, DeadlinePolicy } from './calendar/deadline-policy';
import { DEFAULT_LADDER_POLICY, LadderPolicy, assertLadderPolicy } from './deadlines/escalation-ladder';
import { HolidayYear, SHIPPED_HOLIDAY_YEARS } from './calendar/prc-holidays';
import { Rulebook } from './rulebook/rulebook';
import { RULEBOOK_V1 } from './rulebook/rulebook-v1';

/**
 * The configuration data the deciders decide with: the business calendar, the deadline catalogue
 * and the rulebooks. It is data, passed in, so deployments change it without touching code.
 */
export interface DomainConfig {
  /**
   * The business calendar as of now. With a `calendarSource` it is read through on every access,
   * so a holiday year added at run time reaches the next decision without a restart; replay stays
   * deterministic because every computed deadline is recorded on its event.
   */
  readonly calendar: BusinessCalendar;
  readonly deadlines: DeadlinePolicy;
  /** The 督办 ladder per deadline rule (reminders, miss, 催办, proposal, 通报). */
  readonly ladder: LadderPolicy;
  /** Every rulebook ever in force, by version; `currentRulebook` is the one new decisions use. */
  readonly rulebooks: readonly Rulebook[];
  readonly currentRulebook: Rulebook;
}

/** Where the calendar comes from when it changes at run time (the application's calendar service). */
export interface CalendarSource {
  current(): BusinessCalendar;
}

export interface DomainConfigOverrides {
  readonly extraHolidayYears?: readonly HolidayYear[];
  /** Supersedes `extraHolidayYears`: the calendar is whatever the source holds at decision time. */
  readonly calendarSource?: CalendarSource;
  readonly deadlines?: Partial<DeadlinePolicy>;
  readonly ladder?: LadderPolicy;
  readonly rulebooks?: readonly Rulebook[];
  readonly currentRulebookVersion?: string;
}

export const createDomainConfig = (overrides: DomainConfigOverrides = {}): DomainConfig => {
  const extra = overrides.extraHolidayYears ?? [];
  const years = [...SHIPPED_HOLIDAY_YEARS.filter((y) => !extra.some((e) => e.year === y.year)), ...extra];
  const rulebooks = overrides.rulebooks ?? [RULEBOOK_V1];
  const version = overrides.currentRulebookVersion ?? rulebooks[rulebooks.length - 1]?.version;
  const currentRulebook = rulebooks.find((r) => r.version === version);
  if (!currentRulebook) throw new RangeError(`No rulebook with version ${String(version)}`);
  const source = overrides.calendarSource ?? fixedCalendar(new BusinessCalendar(years));
  const ladder = overrides.ladder ?? DEFAULT_LADDER_POLICY;
  assertLadderPolicy(ladder);
  return {
    get calendar(): BusinessCalendar {
      return source.current();
    },
    deadlines: { ...DEFAULT_DEADLINE_POLICY, ...overrides.deadlines },
    ladder,
    rulebooks,
    currentRulebook,
  };
};

const fixedCalendar = (calendar: BusinessCalendar): CalendarSource => ({ current: () => calendar });
