import {
  CLUE_CATEGORY,
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
  createClueDecider,
  createRectificationDecider,
  createReferralDecider,
} from '@xj/domain';
import { AggregateDefinition } from '../command/aggregate-definition';

/** The three case aggregates of DOMAIN.md Decision 1, bound to the deployment's configuration. */
export interface CaseAggregates {
  readonly clue: AggregateDefinition<ClueCommand, ClueState, ClueEvent>;
  readonly referral: AggregateDefinition<ReferralCommand, ReferralState, ReferralEvent>;
  readonly rectification: AggregateDefinition<RectificationCommand, RectificationState, RectificationEvent>;
}

/** The kinds of case are the domain's (clue, referral, rectification); each has its aggregate. */
export type { CaseKind } from '@xj/domain';

/** The commands of each case kind. */
export interface CaseCommandOf {
  readonly clue: ClueCommand;
  readonly referral: ReferralCommand;
  readonly rectification: RectificationCommand;
}

/** The state of each case kind. */
export interface CaseStateOf {
  readonly clue: ClueState;
  readonly referral: ReferralState;
  readonly rectification: RectificationState;
}

export const CASE_AGGREGATES = Symbol('CASE_AGGREGATES');

export const createCaseAggregates = (config: DomainConfig): CaseAggregates => ({
  clue: { category: CLUE_CATEGORY, decider: createClueDecider(config), schemaVersion: 1 },
  referral: { category: REFERRAL_CATEGORY, decider: createReferralDecider(config), schemaVersion: 1 },
  rectification: { category: RECTIFICATION_CATEGORY, decider: createRectificationDecider(config), schemaVersion: 1 },
});
