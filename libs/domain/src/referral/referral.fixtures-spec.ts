/**
 * Test data for the referral specs. Named `*-spec.ts` so the build leaves it out and jest does not
 * run it as a suite; product code never imports it (lint).
 */
import { createDomainConfig } from '../domain-config';
import { Actor } from '../shared/actor';
import { fold } from '../shared/decider';
import { isDomainError } from '../shared/domain-error';
import { PersonSubject as Subject } from '../shared/subject';
import { ReferralCommand } from './referral.commands';
import { createReferralDecider } from './referral.decider';
import { ReferralEvent } from './referral.events';
import { TransferPackage } from './referral.model';
import { ReferralState } from './referral.state';

export const config = createDomainConfig();
export const decider = createReferralDecider(config);

export const REFERRAL_ID = 'ref-1';
export const CHILD_ID = 'ref-1a';
export const CLUE_ID = 'clue-1';
/** The clue lies in a county of the city. */
export const REGION = 'panjin/xinglongtai';

const actor = (
  userId: string,
  role: Actor['role'],
  position: Actor['position'],
  orgId: string,
  regionId: string,
): Actor => ({
  userId,
  role,
  position,
  orgId,
  regionId,
});

export const officeHead = actor('u-office-head', 'RuleOfLawOffice', 'Head', 'panjin.rol-office', 'panjin');
export const officeStaff = actor('u-office-staff', 'RuleOfLawOffice', 'Staff', 'panjin.rol-office', 'panjin');
export const bureauStaff = actor('u-bureau', 'JusticeBureau', 'Staff', 'panjin/xinglongtai.justice', REGION);
/** A county office of another county: outside the referral's region. */
export const otherCountyOffice = actor(
  'u-dawa-office',
  'RuleOfLawOffice',
  'Head',
  'panjin/dawa.rol-office',
  'panjin/dawa',
);
export const cityCdiHead = actor('u-cdi-head', 'DisciplineCommission', 'Head', 'panjin.cdi', 'panjin');
export const cityCdiStaff = actor('u-cdi-staff', 'DisciplineCommission', 'Staff', 'panjin.cdi', 'panjin');
export const countyCdiHead = actor('u-xlt-cdi-head', 'DisciplineCommission', 'Head', 'panjin/xinglongtai.cdi', REGION);
export const countyCdiStaff = actor(
  'u-xlt-cdi-staff',
  'DisciplineCommission',
  'Staff',
  'panjin/xinglongtai.cdi',
  REGION,
);
export const appointingHead = actor('u-aa-head', 'AppointingAuthority', 'Head', 'panjin.gov', 'panjin');
export const agencyStaff = actor('u-agency', 'EnforcementAgency', 'Staff', 'panjin.emergency', 'panjin');
export const auditor = actor('u-audit', 'Auditor', 'Head', 'panjin.audit', 'panjin');
export const administrator = actor('u-admin', 'Administrator', 'Head', 'panjin.it', 'panjin');

export const CITY_CDI = { kind: 'DisciplineCommission', orgId: 'panjin.cdi', regionId: 'panjin' } as const;
export const COUNTY_CDI = { orgId: 'panjin/xinglongtai.cdi', regionId: REGION } as const;
export const APPOINTING = { kind: 'AppointingAuthority', orgId: 'panjin.gov', regionId: 'panjin' } as const;

/** 2026-03-02 is a Monday; `day(n)` is n calendar days later at 09:30 CST. */
export const day = (n: number): string => {
  const date = new Date(Date.UTC(2026, 2, 2 + n));
  return `${date.toISOString().slice(0, 10)}T09:30:00+08:00`;
};
export const T0 = day(0);

/**
 * The main path's persons: all 县处级, so the city commission has jurisdiction over every one of
 * them (DOMAIN.md Decision 5) and accepts the whole referral.
 */
export const subjects: readonly Subject[] = [
  {
    subjectId: 's1',
    name: '张某',
    unit: '应急管理局',
    post: '局长',
    cadreRank: 'CountyDivision',
    isPartyMember: true,
    isPublicOfficial: true,
  },
  {
    subjectId: 's2',
    name: '李某',
    unit: '应急管理局',
    post: '副局长',
    cadreRank: 'CountyDivision',
    isPartyMember: false,
    isPublicOfficial: true,
  },
  {
    subjectId: 's3',
    name: '王某',
    unit: '应急管理局',
    post: '原副局长（已退休）',
    cadreRank: 'CountyDivision',
    isPartyMember: true,
    isPublicOfficial: false,
  },
];

/** A 县处级 局长 (s1) with two 乡科级 staff (s2, s3): the city keeps s1, the county commission manages the others. */
export const mixedSubjects: readonly Subject[] = [
  subjects[0]!,
  { ...subjects[1]!, post: '科员', cadreRank: 'TownshipSectionOrBelow' },
  { ...subjects[2]!, post: '协管员', cadreRank: 'TownshipSectionOrBelow' },
];

/** A package that matches situation #1 (ImproperPerformance): transfer is mandatory. */
export const pkg: TransferPackage = {
  transferLetter: '关于移送张某等人问题线索的函',
  clueSummary: '拒不履行行政复议决定',
  source: 'Reconsideration',
  sourceRef: '兴复决字〔2026〕3号',
  situationCodes: ['ImproperPerformance'],
  subjects,
  facts: '2026年1月起拒不履行复议决定',
  evidence: [{ title: '行政复议决定书', documentRef: 'doc-1' }],
  evidenceCodes: ['IP.DUTY_SOURCE', 'IP.ACT_OR_OMISSION'],
  legalBasis: ['行政复议法 art. 83'],
  transferorOpinion: '建议依规依纪依法处理',
  contact: '法治建设办 0427-0000000',
  secrecyLevel: 'Confidential',
};

export const draft = (
  overrides: Partial<Extract<ReferralCommand, { type: 'DraftReferral' }>> = {},
): ReferralCommand => ({
  type: 'DraftReferral',
  actor: officeStaff,
  at: T0,
  referralId: REFERRAL_ID,
  clueId: CLUE_ID,
  clue: { regionId: REGION, status: 'Verification' },
  package: pkg,
  ...overrides,
});

/** Applies commands in order and returns every event; throws on a rejection (test setup only). */
export const eventsOf = (
  commands: readonly ReferralCommand[],
  given: readonly ReferralEvent[] = [],
): ReferralEvent[] => {
  const events = [...given];
  for (const command of commands) {
    const result = decider.decide(command, fold(decider, events));
    if (isDomainError(result)) throw new Error(`setup: ${command.type} rejected: ${result.code} ${result.message}`);
    events.push(...result);
  }
  return events;
};

export const stateOf = (events: readonly ReferralEvent[]): ReferralState => fold(decider, events);

type Cmd<T extends ReferralCommand['type']> = Omit<
  Extract<ReferralCommand, { type: T }>,
  'type' | 'actor' | 'at' | 'referralId'
>;

/** Builds a command on REFERRAL_ID with a default actor and time. */
export const cmd = <T extends ReferralCommand['type']>(
  type: T,
  actorOf: Actor,
  at: string,
  body: Cmd<T>,
): ReferralCommand => ({ type, actor: actorOf, at, referralId: REFERRAL_ID, ...body }) as unknown as ReferralCommand;

export const approve = (at = day(1)) => cmd('ApproveReferral', officeHead, at, { opinion: '同意移送' });
export const send = (target: typeof CITY_CDI | typeof APPOINTING = CITY_CDI, at = day(2)) =>
  cmd('SendReferral', officeStaff, at, { target });
export const receive = (by: Actor = cityCdiStaff, at = day(3)) =>
  cmd('ReceiveReferral', by, at, { registrationNo: 'JW-2026-001' });
export const accept = (by: Actor = cityCdiStaff, at = day(4)) => cmd('AcceptReferral', by, at, {});
export const decideMethod = (
  method: 'TalkOrInquiryLetter' | 'PreliminaryVerification' | 'ShelvedPending' | 'Concluded',
  at = day(7),
) => cmd('DecideDisposal', cityCdiHead, at, { method, reason: '集体研究' });
export const fileCase = (at = day(28)) => cmd('FileCase', cityCdiHead, at, { caseNo: '盘纪立〔2026〕5号' });
export const recordOutcomes = (by: Actor = cityCdiStaff, at = day(60)) =>
  cmd('RecordOutcomes', by, at, {
    outcomes: [
      {
        subjectId: 's1',
        outcome: 'GovSanction.Demerit',
        decisionDate: day(60).slice(0, 10),
        documentNo: '盘监处〔2026〕1号',
      },
      {
        subjectId: 's1',
        outcome: 'PartySanction.Warning',
        decisionDate: day(60).slice(0, 10),
        documentNo: '盘纪处〔2026〕1号',
      },
    ],
  });
export const feedBack = (by: Actor = cityCdiStaff, at = day(62)) =>
  cmd('FeedBackResult', by, at, { summary: '已作出处理' });
export const close = (
  at = day(70),
  linkedRectification: readonly { itemId: string; status: string; mode: 'Immediate' | 'Deadline' | 'LongTerm' }[] = [],
) => cmd('CloseReferral', officeStaff, at, { linkedRectification });

/** The mixed package (mixedSubjects) sent to the city commission and registered there. */
export const mixedDraft = () => draft({ package: { ...pkg, subjects: mixedSubjects } });
export const atMixedApproved = () => eventsOf([mixedDraft(), approve()]);
export const atMixedReceived = () => eventsOf([mixedDraft(), approve(), send(), receive()]);

/** Histories at each step of the main path (city commission, full acceptance, case filed). */
export const atDraft = () => eventsOf([draft()]);
export const atApproved = () => eventsOf([draft(), approve()]);
export const atSent = () => eventsOf([draft(), approve(), send()]);
export const atReceived = () => eventsOf([draft(), approve(), send(), receive()]);
export const atAccepted = () => eventsOf([draft(), approve(), send(), receive(), accept()]);
export const atDisposing = (method: 'TalkOrInquiryLetter' | 'PreliminaryVerification' | 'ShelvedPending') =>
  eventsOf([decideMethod(method)], atAccepted());
export const atCaseFiled = () => eventsOf([fileCase()], atDisposing('PreliminaryVerification'));
export const atDecided = () => eventsOf([recordOutcomes()], atCaseFiled());
export const atFedBack = () => eventsOf([feedBack()], atDecided());
export const atClosed = () => eventsOf([close()], atFedBack());
/** The appointing-authority path: sent there, received, accepted. */
export const atAppointingAccepted = () =>
  eventsOf([draft(), approve(), send(APPOINTING), receive(appointingHead), accept(appointingHead)]);
