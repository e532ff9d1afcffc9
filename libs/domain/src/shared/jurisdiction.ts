import { levelOf, regionCovers } from './actor';
import { DomainError, validation } from './domain-error';
import { CadreRank, PersonSubject, Subject, UnitSubject } from './subject';

/**
 * 管辖 — jurisdiction belongs to the person (DOMAIN.md Decision 5): the level of the commission (or
 * appointing authority) that manages a cadre follows the cadre's rank (干部管理权限; 监察法 art. 16:
 * 各级监察机关按照管理权限管辖). This file is the one place the rule lives; sending, re-routing,
 * forwarding and (partial) acceptance all call it, and the action forms offer only what it allows.
 */

/** The levels a receiving organisation can sit at. A deployment is one city inside one province. */
export const JURISDICTION_LEVELS = ['Province', 'City', 'County'] as const;
export type JurisdictionLevel = (typeof JURISDICTION_LEVELS)[number];

/** 厅局级 → provincial, 县处级 → city, 乡科级及以下 → county. */
export const jurisdictionLevelOfRank = (rank: CadreRank): JurisdictionLevel => {
  switch (rank) {
    case 'DepartmentBureau':
      return 'Province';
    case 'CountyDivision':
      return 'City';
    case 'TownshipSectionOrBelow':
      return 'County';
    default: {
      const never: never = rank;
      return never;
    }
  }
};

/** The level of the organisation that has jurisdiction over a person (干部管理权限). */
export const jurisdictionLevelOf = (subject: Pick<PersonSubject, 'cadreRank'>): JurisdictionLevel =>
  jurisdictionLevelOfRank(subject.cadreRank);

/**
 * A receiving organisation as the rule sees it. `level` is the directory's word for organisations
 * above the deployment's city (the provincial commission); without it the level follows the region
 * path (one segment: city; more: county), which is also how every event stored before the
 * provincial level existed reads.
 */
export interface Receiver {
  readonly orgId: string;
  readonly regionId: string;
  readonly level?: JurisdictionLevel;
  /** A commission unless it says otherwise (forwarding names commissions only). */
  readonly kind?: 'DisciplineCommission' | 'AppointingAuthority';
}

/**
 * The rank rule binds the commissions (监察法 art. 16, 实施条例 art. 171). A 任免机关 (行政复议法
 * art. 85) is whoever appointed the persons; the office names it, and nothing here second-guesses it.
 */
const isBoundByRank = (receiver: Pick<Receiver, 'kind'>): boolean => receiver.kind !== 'AppointingAuthority';

export const receiverLevelOf = (receiver: Pick<Receiver, 'regionId' | 'level'>): JurisdictionLevel =>
  receiver.level ?? levelOf(receiver.regionId);

const RANK_ORDER: Readonly<Record<JurisdictionLevel, number>> = { County: 0, City: 1, Province: 2 };

/** What the rule reads of a subject: a person's rank, or that it is a unit. */
export type JurisdictionSubject = Pick<PersonSubject, 'kind' | 'cadreRank'> | Pick<UnitSubject, 'kind'>;

/**
 * The level that manages this person in a case of this region: the rank's level, but never below
 * the level of the case's region — a 科员 of a city bureau is the city commission's, as no county
 * commission covers a city-level unit. A unit has no rank: it answers to the commission of its own
 * region's level (监察法 art. 16: 各级监察机关按照管理权限管辖本辖区内…; the 监察建议 of art. 52(5) goes
 * to the unit from the commission supervising it), so a county bureau is the county commission's and
 * a city bureau the city's.
 */
export const competentLevelOf = (subject: JurisdictionSubject, caseRegionId: string): JurisdictionLevel => {
  const byRegion = levelOf(caseRegionId);
  if (subject.kind === 'Unit') return byRegion;
  const byRank = jurisdictionLevelOf(subject);
  return RANK_ORDER[byRegion] > RANK_ORDER[byRank] ? byRegion : byRank;
};

/** Whether the receiver's level manages this person. */
export const isCompetentFor = (
  receiver: Pick<Receiver, 'regionId' | 'level'>,
  subject: JurisdictionSubject,
  caseRegionId: string,
): boolean => competentLevelOf(subject, caseRegionId) === receiverLevelOf(receiver);

/**
 * How many of the subjects the receiver must be competent for:
 * - `Every`: it keeps them all (受理, and the part a commission keeps on partial acceptance).
 * - `Some`: it receives them (移送, 改送, 转送, the rest of a partial acceptance) and keeps those it
 *   manages, passing the others on by partial acceptance (实施条例 art. 171(3)); a receiver that
 *   manages none of them is the wrong receiver.
 */
export type CompetenceScope = 'Every' | 'Some';

/** A subject the receiver is not competent for, and the level that is. */
export interface MisdirectedSubject {
  readonly subjectId: string;
  readonly name: string;
  /** Present for a unit only; a person has none. */
  readonly kind?: 'Unit';
  /** Absent for a unit. */
  readonly cadreRank?: CadreRank;
  readonly competentLevel: JurisdictionLevel;
}

export const misdirectedSubjects = (
  receiver: Pick<Receiver, 'regionId' | 'level'>,
  subjects: readonly Subject[],
  caseRegionId: string,
): MisdirectedSubject[] =>
  subjects
    .filter((s) => !isCompetentFor(receiver, s, caseRegionId))
    .map((s) => ({
      subjectId: s.subjectId,
      name: s.name,
      ...(s.kind === 'Unit' ? { kind: 'Unit' as const } : { cadreRank: s.cadreRank }),
      competentLevel: competentLevelOf(s, caseRegionId),
    }));

/** Whether the receiver may take these subjects of a case in `caseRegionId`, in the given scope. */
export const isCompetentReceiver = (
  receiver: Pick<Receiver, 'regionId' | 'level' | 'kind'>,
  subjects: readonly Subject[],
  caseRegionId: string,
  scope: CompetenceScope,
): boolean => {
  if (!isBoundByRank(receiver)) return true;
  const misdirected = misdirectedSubjects(receiver, subjects, caseRegionId).length;
  return scope === 'Every' ? misdirected === 0 : misdirected < subjects.length;
};

/**
 * REFERRAL.RECEIVER_NOT_COMPETENT, naming the receiver (organisation and level), the subjects it
 * does not manage and, for each, the level that does; the API adds the organisations of that level.
 */
export const requireCompetentReceiver = (
  receiver: Receiver,
  subjects: readonly Subject[],
  caseRegionId: string,
  scope: CompetenceScope,
): DomainError | undefined => {
  if (isCompetentReceiver(receiver, subjects, caseRegionId, scope)) return undefined;
  const misdirected = misdirectedSubjects(receiver, subjects, caseRegionId);
  const level = receiverLevelOf(receiver);
  const names = misdirected.map((s) => `${s.name} (${s.cadreRank ?? 'Unit'} → ${s.competentLevel})`).join(', ');
  return validation(
    'REFERRAL.RECEIVER_NOT_COMPETENT',
    `${receiver.orgId} (${level} level) has no jurisdiction over ${names}: jurisdiction follows the person's cadre rank`,
    {
      receiver: { orgId: receiver.orgId, regionId: receiver.regionId, level },
      caseRegionId,
      subjects: misdirected,
      competentLevels: [...new Set(misdirected.map((s) => s.competentLevel))],
    },
  );
};

/**
 * The receiver must also have jurisdiction over the case's region: a county case goes to its own
 * county's organisations or the city's, never another county's (DOMAIN.md §2 level routing). The
 * province covers every region of the deployment, which lies inside it.
 */
export const requireReceiverCovers = (receiver: Receiver | undefined, regionId: string): DomainError | undefined =>
  receiver &&
  typeof receiver.regionId === 'string' &&
  (receiverLevelOf(receiver) === 'Province' || regionCovers(receiver.regionId, regionId))
    ? undefined
    : validation(
        'REFERRAL.TARGET_OUTSIDE_JURISDICTION',
        'the receiving organisation has no jurisdiction over the region of this case',
      );
