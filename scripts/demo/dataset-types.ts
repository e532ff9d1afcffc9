import type {
  CadreRank,
  ClueCategory,
  ClueSource,
  DismissalReason,
  DisposalMethod,
  EscalationType,
  PlanItemMode,
  SupervisionInstrumentKind,
} from '@xj/domain';

/**
 * The shape of the declarative demo dataset (panjin-dataset.ts). Every `name` and `id` is stable:
 * the loader derives Idempotency-Keys and case ids from them, so a second run replays instead of
 * writing.
 */

export type Region = 'panjin' | 'panjin/shuangtaizi' | 'panjin/xinglongtai' | 'panjin/dawa' | 'panjin/panshan';

/** Who works a clue on the supervision side: the city office, or Dawa's own office. */
export type OfficeKey = 'city' | 'dawa';

/** A person named in a clue and its referral (被反映人). */
export interface DemoSubject {
  readonly subjectId: string;
  readonly name: string;
  readonly unit: string;
  readonly post: string;
  readonly cadreRank: CadreRank;
  readonly isPartyMember: boolean;
  readonly isPublicOfficial: boolean;
}

/** Outcomes per subject id (codes of OUTCOME_CATALOGUE, DOMAIN.md §7). */
export type OutcomePlan = Readonly<Record<string, readonly string[]>>;

export interface DemoEscalation {
  readonly id: string;
  readonly type: EscalationType;
  readonly by: string;
  readonly targetOrgId: string;
  readonly reason: string;
}

/** How far a clue goes on the supervision side (DOMAIN.md §4.1). */
export type ClueStage =
  'Registered' | 'Analysis' | 'Dismissed' | 'Verification' | 'Supervision' | 'Rectification' | 'Closed';

export interface DemoPlanItem {
  readonly itemId: string;
  readonly issue: string;
  readonly measures: string;
  readonly mode: PlanItemMode;
  /**
   * `instrument-day`: due the day the instrument was issued (立行立改; overdue from the next day on).
   * `instrument-due`: due with the instrument's own deadline. Both are read back from the server,
   * so a rerun on another day sends the same body.
   */
  readonly due?: 'instrument-day' | 'instrument-due';
  readonly longTermTarget?: string;
  readonly responsiblePerson: string;
  readonly owner: string;
  /** Drive the item to: started by the agency, or through report → evaluation → 销号. */
  readonly progress?: 'started' | 'closed';
  readonly escalations?: readonly DemoEscalation[];
}

export interface DemoClue {
  /** Stable ASCII name: the root of every Idempotency-Key of this clue. */
  readonly name: string;
  readonly office: OfficeKey;
  readonly regionId: Region;
  readonly agency: { readonly orgId: string; readonly name: string };
  readonly source: ClueSource;
  readonly sourceRef: string;
  readonly receivedAt: string;
  readonly summary: string;
  readonly subjects?: readonly DemoSubject[];
  readonly stage: ClueStage;
  readonly dismissal?: {
    readonly reason: DismissalReason;
    readonly explanation: string;
    readonly verificationReport?: string;
  };
  readonly verification?: {
    readonly category: ClueCategory;
    readonly plan: string;
    readonly situationCodes: readonly string[];
    readonly evidenceCodes: readonly string[];
    readonly statutoryGroundCodes?: readonly string[];
  };
  readonly instrument?: {
    readonly kind: SupervisionInstrumentKind;
    readonly documentNo: string;
    readonly report: string;
  };
  /** The agency head who signs the plan and the feedback (签字背书). */
  readonly agencyHead?: string;
  readonly plan?: readonly DemoPlanItem[];
  readonly escalations?: readonly DemoEscalation[];
  readonly referral?: DemoReferral;
}

/** What the receiving side does with the referral (DOMAIN.md §4.2). */
export type ReferralHandling =
  | {
      /** 受理 → 初核 → 立案 → outcomes → 反馈 (→ 典型案例, → 办结 once the clue's rectification is closed). */
      readonly kind: 'accepted';
      readonly outcomes: OutcomePlan;
      readonly typicalCase?: string;
      readonly close?: boolean;
    }
  | {
      /** 部分受理: the commission keeps some persons and forwards the rest to the competent commission. */
      readonly kind: 'partial';
      readonly acceptedSubjectIds: readonly string[];
      readonly forwardTo: string;
      readonly childReferralId: string;
      readonly reason: string;
      readonly outcomes: OutcomePlan;
      /** 立案编号 of the case the competent commission files for the forwarded persons. */
      readonly childCaseNo: string;
      readonly childOutcomes: OutcomePlan;
      readonly typicalCase?: string;
    }
  | {
      /** 退回 (no supervisory jurisdiction) → 改送 the appointing authority (行政复议法 art. 85). */
      readonly kind: 'returned-rerouted';
      readonly returnReason: string;
      readonly appointingAuthority: string;
      readonly outcomes: OutcomePlan;
    }
  | {
      /** Still with the commission: accepted, a disposal method running. */
      readonly kind: 'in-disposal';
      readonly method: DisposalMethod;
    };

export interface DemoReferral {
  readonly referralId: string;
  readonly target: string;
  readonly subjects: readonly DemoSubject[];
  readonly situationCodes: readonly string[];
  readonly evidenceCodes: readonly string[];
  readonly statutoryGroundCodes?: readonly string[];
  readonly legalBasis: readonly string[];
  readonly facts: string;
  readonly transferorOpinion: string;
  readonly evidence: readonly { readonly title: string; readonly documentRef: string }[];
  /** 立案编号 (or the appointing authority's decision number): also the outcomes' document number. */
  readonly caseNo?: string;
  /**
   * 业务日期 of the acts (issue 17): statistics count each on the day it happened, not the load day.
   * The day the clue met the transfer conditions, the day the referral was sent, the day its typical
   * case was published (each default: the load day).
   */
  readonly conditionsMetOn?: string;
  readonly sentOn?: string;
  readonly typicalCasePublishedOn?: string;
  /** The day the outcomes were decided (not after the load day). */
  readonly decidedOn?: string;
  readonly handling: ReferralHandling;
}
