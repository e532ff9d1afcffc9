import {
  ACCOUNTABILITY_CATEGORY,
  AccountabilityCommand,
  AccountabilityEvent,
  AccountabilityState,
  AttachEvidence,
  CAMPAIGN_CATEGORY,
  CampaignCommand,
  CampaignEvent,
  CampaignState,
  createCampaignDecider,
  CLUE_CATEGORY,
  EvidenceAttached,
  ClueCommand,
  ClueEvent,
  ClueState,
  DomainConfig,
  REFERRAL_CATEGORY,
  RECTIFICATION_CATEGORY,
  RectificationCommand,
  RectificationEvent,
  RectificationState,
  ReferralCommand,
  ReferralEvent,
  ReferralState,
  createAccountabilityDecider,
  createClueDecider,
  createRectificationDecider,
  createReferralDecider,
  ImportClueFromLedger,
  ImportRectificationFromLedger,
  withClueImport,
  withRectificationImport,
  withEvidence,
} from '@xj/domain';
import { AggregateDefinition } from '../command/aggregate-definition';

/** The three case aggregates of DOMAIN.md Decision 1, bound to the deployment's configuration. */
export interface CaseAggregates {
  readonly clue: AggregateDefinition<CaseCommandOf['clue'], ClueState, ClueEvent | EvidenceAttached>;
  readonly referral: AggregateDefinition<CaseCommandOf['referral'], ReferralState, ReferralEvent | EvidenceAttached>;
  readonly rectification: AggregateDefinition<
    CaseCommandOf['rectification'],
    RectificationState,
    RectificationEvent | EvidenceAttached
  >;
  readonly accountability: AggregateDefinition<
    CaseCommandOf['accountability'],
    AccountabilityState,
    AccountabilityEvent | EvidenceAttached
  >;
  readonly campaign: AggregateDefinition<CaseCommandOf['campaign'], CampaignState, CampaignEvent | EvidenceAttached>;
}

/** The kinds of case are the domain's (clue, referral, rectification); each has its aggregate. */
export type { CaseKind } from '@xj/domain';

/**
 * The commands of each case kind: its own, and attaching evidence (the domain's overlay of all three);
 * a clue and a rectification item also come from a legacy ledger line (历史补录, the import overlays).
 */
export interface CaseCommandOf {
  readonly clue: ClueCommand | AttachEvidence | ImportClueFromLedger;
  readonly referral: ReferralCommand | AttachEvidence;
  readonly rectification: RectificationCommand | AttachEvidence | ImportRectificationFromLedger;
  readonly accountability: AccountabilityCommand | AttachEvidence;
  readonly campaign: CampaignCommand | AttachEvidence;
}

/** The state of each case kind. */
export interface CaseStateOf {
  readonly clue: ClueState;
  readonly referral: ReferralState;
  readonly rectification: RectificationState;
  readonly accountability: AccountabilityState;
  readonly campaign: CampaignState;
}

export const CASE_AGGREGATES = Symbol('CASE_AGGREGATES');

const exists = (state: { readonly status: string }): boolean => state.status !== 'None';

export const createCaseAggregates = (config: DomainConfig): CaseAggregates => ({
  clue: {
    category: CLUE_CATEGORY,
    decider: withEvidence(withClueImport(createClueDecider(config)), exists, 'CLUE'),
    schemaVersion: 1,
  },
  referral: {
    category: REFERRAL_CATEGORY,
    decider: withEvidence(createReferralDecider(config), exists, 'REFERRAL'),
    schemaVersion: 1,
  },
  rectification: {
    category: RECTIFICATION_CATEGORY,
    decider: withEvidence(withRectificationImport(createRectificationDecider(config), config), exists, 'RECTIFICATION'),
    schemaVersion: 1,
  },
  accountability: {
    category: ACCOUNTABILITY_CATEGORY,
    decider: withEvidence(createAccountabilityDecider(), exists, 'ACCOUNTABILITY'),
    schemaVersion: 1,
  },
  campaign: {
    category: CAMPAIGN_CATEGORY,
    decider: withEvidence(createCampaignDecider(), exists, 'CAMPAIGN'),
    schemaVersion: 1,
  },
});
