/**
 * The Panjin city and its four counties as the replay benchmark populates them: organisations
 * from the demo organisation directory, the people acting for them, a seeded random source and
 * business times over 2026 (China time).
 */
import { Actor, Role, Subject } from '@xj/domain';
import { DEMO_ORGANISATIONS } from '@xj/composition';

/** A small, fast, seeded PRNG (mulberry32): the same seed gives the same history. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T;
  }

  /** `weights` as [value, weight] pairs. */
  weighted<T>(weights: readonly (readonly [T, number])[]): T {
    const total = weights.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.next() * total;
    for (const [value, weight] of weights) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return (weights[weights.length - 1] as readonly [T, number])[0];
  }
}

export interface Org {
  readonly id: string;
  readonly name: string;
  readonly regionId: string;
}

/** One region (the city, or a county) and the organisations that act in it. */
export interface Region {
  readonly regionId: string;
  readonly office: Org;
  readonly justice: Org;
  readonly commission: Org;
  readonly orgDept: Org;
  readonly leadership: Org;
  readonly agencies: readonly Org[];
}

const orgOf = (role: Role, regionId: string): Org[] =>
  DEMO_ORGANISATIONS.filter((o) => o.role === role && o.regionId === regionId).map((o) => ({
    id: o.id,
    name: o.nameZh,
    regionId,
  }));

const one = (role: Role, regionId: string): Org => {
  const found = orgOf(role, regionId)[0];
  if (!found) throw new Error(`The demo directory has no ${role} in ${regionId}`);
  return found;
};

export const CITY = 'panjin';
export const COUNTY_IDS = ['panjin/shuangtaizi', 'panjin/xinglongtai', 'panjin/dawa', 'panjin/panshan'] as const;

export const REGIONS: readonly Region[] = [CITY, ...COUNTY_IDS].map((regionId) => ({
  regionId,
  office: one('RuleOfLawOffice', regionId),
  justice: one('JusticeBureau', regionId),
  commission: one('DisciplineCommission', regionId),
  orgDept: one('AppointingAuthority', regionId),
  leadership: one('PartyLeadership', regionId),
  agencies: orgOf('EnforcementAgency', regionId),
}));

export const regionOf = (regionId: string): Region => {
  const region = REGIONS.find((r) => r.regionId === regionId);
  if (!region) throw new Error(`Unknown region ${regionId}`);
  return region;
};

export const CITY_REGION = regionOf(CITY);

/** A member of an organisation: a handful of staff per organisation and one head. */
export const staffOf = (random: Random, org: Org, role: Role): Actor => ({
  userId: `u-${org.id}-${random.int(1, 4)}`,
  role,
  position: 'Staff',
  orgId: org.id,
  regionId: org.regionId,
});

export const headOf = (org: Org, role: Role): Actor => ({
  userId: `u-${org.id}-head`,
  role,
  position: 'Head',
  orgId: org.id,
  regionId: org.regionId,
});

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙'];
const POSTS_COUNTY = ['局长', '副局长', '党组书记'];
const POSTS_TOWNSHIP = ['科长', '副科长', '执法队长', '科员', '执法人员'];

export const subjectFor = (random: Random, subjectId: string, unit: string, countyDivision: boolean): Subject => ({
  subjectId,
  name: `${random.pick(SURNAMES)}某${subjectId.slice(-2)}`,
  unit,
  post: random.pick(countyDivision ? POSTS_COUNTY : POSTS_TOWNSHIP),
  cadreRank: countyDivision ? 'CountyDivision' : 'TownshipSectionOrBelow',
  isPartyMember: random.chance(0.8),
  isPublicOfficial: random.chance(0.95),
});

// ---- Business time: days of 2026, China time (UTC+8) ----

const DAY_MS = 86_400_000;
const YEAR_START = Date.UTC(2026, 0, 1);

/** Days since 2026-01-01 moved forward past a weekend (holidays are the calendar's business). */
export const workingDay = (day: number): number => {
  const weekday = new Date(YEAR_START + day * DAY_MS).getUTCDay();
  return weekday === 6 ? day + 2 : weekday === 0 ? day + 1 : day;
};

/** `2026-03-02` for day 60. */
export const dateOfDay = (day: number): string => new Date(YEAR_START + day * DAY_MS).toISOString().slice(0, 10);

/** An instant on `day` at `minute` minutes after midnight, China time: `2026-03-02T09:30:00+08:00`. */
export const instantOf = (day: number, minute: number): string => {
  const hh = String(Math.floor(minute / 60)).padStart(2, '0');
  const mm = String(minute % 60).padStart(2, '0');
  return `${dateOfDay(day)}T${hh}:${mm}:00+08:00`;
};

/** Epoch milliseconds of `instantOf(day, minute)`, for ordering. */
export const epochOf = (day: number, minute: number): number => YEAR_START + day * DAY_MS + (minute - 8 * 60) * 60_000;

/** Office hours: 08:30 to 17:30. */
const OPENS = 8 * 60 + 30;
const CLOSES = 17 * 60 + 30;

/**
 * A cursor over business time for one track of a case (the clue's own steps, a referral, an
 * item): steps move it forward, never back; `fork` starts a parallel track at the same moment.
 */
export class Timeline {
  constructor(
    private readonly random: Random,
    public day: number,
    public minute: number = random.int(OPENS, OPENS + 90),
  ) {
    this.day = workingDay(day);
  }

  /** A little later the same day, or the next working morning. */
  soon(): string {
    this.minute += this.random.int(5, 90);
    if (this.minute > CLOSES) {
      this.day = workingDay(this.day + 1);
      this.minute = this.random.int(OPENS, OPENS + 60);
    }
    return this.now();
  }

  /** Some days later (calendar days, moved off weekends), at some time of the working day. */
  after(minDays: number, maxDays: number): string {
    this.day = workingDay(this.day + this.random.int(minDays, maxDays));
    this.minute = this.random.int(OPENS, CLOSES - 60);
    return this.now();
  }

  now(): string {
    return instantOf(this.day, this.minute);
  }

  /** The date `days` after the cursor's day. */
  date(days = 0): string {
    return dateOfDay(this.day + days);
  }

  fork(): Timeline {
    return new Timeline(this.random, this.day, this.minute);
  }

  /** Moves to the later of the two cursors (the step waits for both tracks). */
  join(other: Timeline): void {
    if (other.day > this.day || (other.day === this.day && other.minute > this.minute)) {
      this.day = other.day;
      this.minute = other.minute;
    }
  }
}
