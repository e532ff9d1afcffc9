import { RectificationMode } from '../rectification/rectification.state';
import { Subject } from '../shared/subject';
import { LocalDate } from '../shared/time';

/** Stream category of the Referral aggregate: streams are `referral-<referralId>` (no dash in the category). */
export const REFERRAL_CATEGORY = 'referral';

/**
 * 移送 lifecycle, DOMAIN.md §4.2. The commission's internal Investigated/Reviewed steps are not
 * modelled (statutory case timelines are out of scope, R11): CaseFiled goes straight to Decided.
 */
export const REFERRAL_STATUSES = [
  'None',
  /** 拟移送 — transfer package drafted by the office (R0). */
  'Draft',
  /** 已审批 — approved by the office head (R1). */
  'Approved',
  /** 已移送 — sent to the commission or the appointing authority (R2). */
  'Sent',
  /** 已登记 — registered by the receiving 案管室 (R3). */
  'Received',
  /** 已转送 — passed on to the competent commission, which must receive it (R4). */
  'Forwarded',
  /** 已退回 — returned: no supervisory jurisdiction (R5). */
  'Returned',
  /** 已受理 — accepted for all subjects (R6). */
  'Accepted',
  /** 部分受理 — accepted for some subjects, the rest forwarded (R6). */
  'PartiallyAccepted',
  /** 处置中 — a disposal method is running (R7). */
  'Disposing',
  /** 已立案 — formal case filed (R9). */
  'CaseFiled',
  /** 已作出处理 — outcomes per subject recorded (R11). */
  'Decided',
  /** 予以了结 — ended without a case (R7, R8, R9). */
  'Concluded',
  /** 已反馈 — result fed back to the transferor (R12). */
  'ResultFedBack',
  /** 已办结 — closed (R14). */
  'Closed',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** 密级 of the transfer package. */
export const SECRECY_LEVELS = ['Internal', 'Confidential', 'Secret'] as const;
export type SecrecyLevel = (typeof SECRECY_LEVELS)[number];

/** Who a referral may be addressed to (DOMAIN.md §9.4; 行政复议法 art. 85: 监察机关 or 任免机关). */
export const TARGET_KINDS = ['DisciplineCommission', 'AppointingAuthority'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** 处置方式 — the commission's four disposal methods (监督执纪工作规则, DOMAIN.md §1.3). */
export const DISPOSAL_METHODS = [
  /** 谈话函询 — talk or written inquiry for minor, early-sign issues. */
  'TalkOrInquiryLetter',
  /** 初步核实 — formal preliminary verification (监察法 art. 41). */
  'PreliminaryVerification',
  /** 暂存待查 — verifiable in principle, but parked. */
  'ShelvedPending',
  /** 予以了结 — untrue or not verifiable: closed. */
  'Concluded',
] as const;
export type DisposalMethod = (typeof DISPOSAL_METHODS)[number];

/** How a 谈话函询 took place (R8): a talk held, or the written reply to an inquiry letter received. */
export const TALK_OR_INQUIRY_FORMS = ['Talk', 'WrittenReply'] as const;
export type TalkOrInquiryForm = (typeof TALK_OR_INQUIRY_FORMS)[number];

/** Clue statuses from which nothing can be transferred: not yet analysed, dropped or archived (C14). */
export const NON_REFERABLE_CLUE_STATUSES = ['None', 'Registered', 'Dismissed', 'Archived'] as const;

/** A document of the file, kept by reference. */
export interface EvidenceDocument {
  readonly title: string;
  readonly documentRef: string;
}

/** 移送材料 — the transfer package of R0 (行政复议法 art. 85: "违法的事实材料"). */
export interface TransferPackage {
  /** 移送函 — cover letter. */
  readonly transferLetter: string;
  readonly clueSummary: string;
  /** 线索来源 (e.g. `Reconsideration`) and its reference (case number, inspection id). */
  readonly source: string;
  readonly sourceRef: string;
  /** 七种情形 claimed (0..n); evaluated against the current rulebook. */
  readonly situationCodes: readonly string[];
  /** 贪污贿赂 / 失职渎职: grounds on which the law itself mandates transfer (行政复议法 art. 86, 监察法 art. 37). */
  readonly statutoryGroundCodes?: readonly string[];
  /** 被反映人 — at least one; jurisdiction follows each person (DOMAIN.md Decision 5). */
  readonly subjects: readonly Subject[];
  readonly facts: string;
  readonly evidence: readonly EvidenceDocument[];
  /** Codes of the rulebook checklist items present in the file (e.g. `IP.DUTY_SOURCE`). */
  readonly evidenceCodes: readonly string[];
  /** 核查报告, when the clue was verified first. */
  readonly verificationReport?: string;
  readonly legalBasis: readonly string[];
  /** 移送意见 — the transferor's opinion. */
  readonly transferorOpinion: string;
  readonly contact: string;
  readonly secrecyLevel: SecrecyLevel;
  /** Required for a discretionary transfer (行政复议法 art. 85) and for situation `Other`. */
  readonly justification?: string;
}

/** An organisation in a region (a commission to forward to). */
export interface OrgRef {
  readonly orgId: string;
  readonly regionId: string;
}

/** The receiving organisation: a commission (city or county) or an appointing authority. */
export interface ReferralTarget extends OrgRef {
  readonly kind: TargetKind;
}

/** One outcome decided for one person (DOMAIN.md §7), as given on a command. */
export interface OutcomeEntry {
  readonly subjectId: string;
  /** A code of OUTCOME_CATALOGUE, e.g. `GovSanction.Demerit`. */
  readonly outcome: string;
  readonly decisionDate: LocalDate;
  readonly documentNo: string;
}

/** An outcome as recorded: the entry plus what the catalogue says about it. */
export interface RecordedOutcome extends OutcomeEntry {
  readonly layer: string;
  /** End of the 处分期间, counted from the decision (政务处分法 art. 8); only for sanctions that have one. */
  readonly sanctionEndsOn?: LocalDate;
}

/**
 * 作出处理的机关 — who decided an outcome (DOMAIN.md §7, column "Decided by"): the commission, the
 * party organisation or the 组织部 (组织处理, 问责条例 art. 9), the appointing authority, the
 * justice bureau or the agency itself (行政执法过错责任追究).
 */
export const DECIDING_BODY_KINDS = [
  'DisciplineCommission',
  'OrganisationDept',
  'PartyOrganisation',
  'AppointingAuthority',
  'JusticeBureau',
  'Agency',
] as const;
export type DecidingBodyKind = (typeof DECIDING_BODY_KINDS)[number];

export interface DecidingBody {
  readonly kind: DecidingBodyKind;
  /** The organisation, when it is one the product knows (e.g. `panjin.org-dept`). */
  readonly orgId?: string;
}

/** One outcome as given on RecordOutcomes: the deciding body defaults to the recording holder. */
export interface DecidedOutcomeEntry extends OutcomeEntry {
  readonly decidedBy?: DecidingBody;
}

/** An outcome as it accumulates on the referral (OutcomesAdded): who decided it and when. */
export interface DecidedOutcome extends RecordedOutcome {
  readonly decidedBy: DecidingBody;
}

/**
 * The state of one rectification item of the same clue, read by the application from the item's
 * stream (the referral cannot see other streams, so the facts come in on the command).
 */
export interface LinkedRectification {
  readonly itemId: string;
  readonly status: string;
  readonly mode: RectificationMode;
}

/** The clue a referral is drafted from, read by the application from the clue stream. */
export interface ClueContext {
  readonly regionId: string;
  readonly status: string;
  /** The day the clue was received (业务日期): the case began then. Absent from older callers. */
  readonly receivedOn?: LocalDate;
}
