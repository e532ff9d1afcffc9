import { AGENCY_CLUE_VIEW } from './agency-clue-view';
import { ORG_DEPT_CLUE_VIEW } from './org-dept-clue-view';
import type { CarbonCopyRule, SecrecyRule, VisibilityTable } from './case-visibility.types';

/*
 * 谁能看到哪个案件 — who sees which case: the one home of the rule (DOMAIN.md Decision 6: "who may
 * see what is decided by role, organisation and the case's state"). The API's per-case check, the
 * read models' filters (lists and statistics) and the history views are all derived from this
 * table; a property test keeps the per-case check and the generated filters equal.
 * A case the caller may not see answers exactly like a missing one. What a caller who sees a case
 * may *do* with it is the deciders' call, not this table's.
 */

/** 法治建设办, 司法局, 党委: the supervising side works its own region and everything below it. */
const SUPERVISES_REGION = {
  sight: 'see',
  reach: 'region',
  reason:
    'DOMAIN.md §2: a county office runs the flow for its county, the city office for the whole city; the party leadership supervises and escalates (§4.4) within its region',
} as const;

/** 审计 — reads and replays everything, changes nothing. */
const AUDITS_EVERYTHING = {
  sight: 'see',
  reach: 'all',
  reason:
    'DOMAIN.md Decision 3: an auditor can see why a clue was (or was not) transferred; the role reads every case and changes none',
} as const;

/** 系统管理员, 安全管理员, 安全审计员 — accounts, security and the logs, never case work (三员分立). */
const ADMINISTERS_NO_CASES = {
  sight: 'not-see',
  reason: 'The administrator manages accounts and configuration and sees no case content (Decision 6)',
} as const;

export const CASE_VISIBILITY: VisibilityTable = {
  clue: {
    RuleOfLawOffice: SUPERVISES_REGION,
    JusticeBureau: SUPERVISES_REGION,
    PartyLeadership: SUPERVISES_REGION,
    EnforcementAgency: {
      sight: 'see-without-fields',
      reach: { organisationIs: ['agency'] },
      statuses: ['Supervision', 'Rectification', 'Feedback', 'Evaluation', 'Closed', 'Archived'],
      hidden: AGENCY_CLUE_VIEW,
      reason:
        'DOMAIN.md §4.1 C6 (问题监督): the supervised agency learns of a clue only once the supervision instrument is served on it; analysis and verification are confidential, and so is whom they concern (Decision 6)',
    },
    DisciplineCommission: {
      sight: 'not-see',
      reason:
        'DOMAIN.md §4.2 R0/R2: a commission receives the transfer package of a referral, never the clue behind it (Decision 6)',
    },
    AppointingAuthority: {
      sight: 'see-without-fields',
      reach: 'region',
      categories: ['Inaction'],
      hidden: ORG_DEPT_CLUE_VIEW,
      reason:
        'DOMAIN.md §8 Panjin (seed 004): the 组织部 pulls the 行政不作为 data of the departments for cadre evaluation — the inaction clues of its region, without persons, analysis or referrals (those reach it as the 任免机关 by referral, 行政复议法 art. 85)',
    },
    Auditor: AUDITS_EVERYTHING,
    Administrator: ADMINISTERS_NO_CASES,
    SecurityAdministrator: ADMINISTERS_NO_CASES,
    AuditAdministrator: ADMINISTERS_NO_CASES,
  },
  referral: {
    RuleOfLawOffice: SUPERVISES_REGION,
    JusticeBureau: SUPERVISES_REGION,
    PartyLeadership: SUPERVISES_REGION,
    EnforcementAgency: {
      sight: 'not-see',
      reason:
        "DOMAIN.md §9.7: only authorised roles see the persons named; a referral transfers the agency's own officials to the commission",
    },
    DisciplineCommission: {
      sight: 'see',
      reach: { organisationIs: ['target', 'holder', 'forwardedTo'] },
      reason:
        'DOMAIN.md §4.2 R2–R6: a commission sees the referrals sent, re-routed or forwarded to it; not the part it split off by partial acceptance, whose persons are no longer its case (Decision 5, 实施条例 art. 171(3))',
    },
    AppointingAuthority: {
      sight: 'see',
      reach: { organisationIs: ['target', 'holder', 'forwardedTo'] },
      reason:
        'DOMAIN.md §4.2 R5 (行政复议法 art. 85): the appointing authority sees the referrals sent, re-routed or forwarded to it (the rest of a partial acceptance, 实施条例 art. 171(3))',
    },
    Auditor: AUDITS_EVERYTHING,
    Administrator: ADMINISTERS_NO_CASES,
    SecurityAdministrator: ADMINISTERS_NO_CASES,
    AuditAdministrator: ADMINISTERS_NO_CASES,
  },
  rectification: {
    RuleOfLawOffice: SUPERVISES_REGION,
    JusticeBureau: SUPERVISES_REGION,
    PartyLeadership: SUPERVISES_REGION,
    EnforcementAgency: {
      sight: 'see',
      reach: { organisationIs: ['agency'] },
      reason:
        'DOMAIN.md §4.3, Decision 1: the supervised agency owns the rectification of its items (and only of its own)',
    },
    DisciplineCommission: {
      sight: 'not-see',
      reason:
        "DOMAIN.md Decision 1: rectification of the matter (对事) is the agency's and the supervisor's; the commission handles the persons (对人)",
    },
    AppointingAuthority: {
      sight: 'not-see',
      reason:
        "DOMAIN.md Decision 1: rectification of the matter (对事) is the agency's and the supervisor's; the appointing authority handles the persons (对人)",
    },
    Auditor: AUDITS_EVERYTHING,
    Administrator: ADMINISTERS_NO_CASES,
    SecurityAdministrator: ADMINISTERS_NO_CASES,
    AuditAdministrator: ADMINISTERS_NO_CASES,
  },
  // 行政执法过错责任追究 / 行政错案问责 (issue 17): decided outside the commission, read by the
  // deciding organisation, the supervising offices of the region and the auditor.
  accountability: {
    RuleOfLawOffice: SUPERVISES_REGION,
    JusticeBureau: SUPERVISES_REGION,
    PartyLeadership: SUPERVISES_REGION,
    EnforcementAgency: {
      sight: 'see',
      reach: { organisationIs: ['decidingOrg'] },
      reason:
        'issue 17 and DOMAIN.md §7 (行政执法过错责任追究 by the justice bureau or the agency): an agency reads the accountability cases it decides itself, no other',
    },
    DisciplineCommission: {
      sight: 'not-see',
      reason:
        "issue 17 and DOMAIN.md §7 (行政执法过错责任追究: justice bureau / agency): accountability outside the commission is theirs; the commission's own runs through referrals",
    },
    AppointingAuthority: {
      sight: 'not-see',
      reason:
        'issue 17 and DOMAIN.md §7 (行政执法过错责任追究: justice bureau / agency): accountability outside the commission is theirs; the 任免机关 receives persons by referral',
    },
    Auditor: AUDITS_EVERYTHING,
    Administrator: ADMINISTERS_NO_CASES,
    SecurityAdministrator: ADMINISTERS_NO_CASES,
    AuditAdministrator: ADMINISTERS_NO_CASES,
  },
  campaign: {
    RuleOfLawOffice: SUPERVISES_REGION,
    JusticeBureau: SUPERVISES_REGION,
    PartyLeadership: SUPERVISES_REGION,
    EnforcementAgency: {
      sight: 'not-see',
      reason:
        'DOMAIN.md §1.2 督察反馈意见书 (issue 17, 法治督察 as a campaign): a supervised unit receives its own feedback and the clues served on it, not the plan, the other units or their findings',
    },
    DisciplineCommission: {
      sight: 'see',
      reach: 'region',
      reason:
        'DOMAIN.md §3 CarbonCopy (seed 003: Bijie copies 督察 results to the discipline commission): the commission of the region reads the campaigns of its region',
    },
    AppointingAuthority: {
      sight: 'not-see',
      reason:
        "DOMAIN.md Decision 1: a campaign inspects units (对事); the appointing authority's part reaches it by referral",
    },
    Auditor: AUDITS_EVERYTHING,
    Administrator: ADMINISTERS_NO_CASES,
    SecurityAdministrator: ADMINISTERS_NO_CASES,
    AuditAdministrator: ADMINISTERS_NO_CASES,
  },
};

/**
 * 抄送 — a copy is for information only (DOMAIN.md §3 `CarbonCopy`, §9.5): the organisations a
 * referral or a clue's instrument was copied to read the case and find it in their lists; they act
 * on nothing (the deciders never name a copy's recipient). The administrator still sees no case.
 */
export const CARBON_COPY_READS: CarbonCopyRule = {
  exceptRoles: ['Administrator', 'SecurityAdministrator', 'AuditAdministrator'],
  sight: 'see',
  reason:
    'DOMAIN.md §3 CarbonCopy (seed 003: Bijie copies 督察 results to the discipline commission) and §9.5: a copy informs, so its recipients read the case',
};

/**
 * 机密 — the 知悉范围 of a case so classified is limited to named persons (保密法 2010 art. 16): the
 * handlers each organisation working on it named, and the heads who name them and approve anyone
 * else (the owning office's, the holder's, a copy recipient's). The auditor keeps reading every
 * case (DOMAIN.md Decision 3); every read of a case is in the access log.
 */
export const SECRECY_RESTRICTION: SecrecyRule = {
  levels: ['Secret'],
  exemptRoles: ['Auditor'],
  reason:
    'issue 17 item 8 and 保密法 2010 art. 16 (知悉范围 limited to named persons); DOMAIN.md §9.7: only authorised persons see the persons named',
};
