import type { AccountabilityCommand } from '../accountability/accountability.events';
import type { CaseEventOf, CaseKind } from '../access/case-visibility.types';
import type { CampaignCommand } from '../campaign/campaign.events';
import type { ClueCommand } from '../clue/clue.commands';
import type { RectificationCommand } from '../rectification/rectification.commands';
import type { ReferralCommand } from '../referral/referral.commands';

/**
 * An event as a workflow receives it: the stream it was recorded on (category and id within it),
 * its id and its stored type and data. Data is plain JSON as the decider produced it.
 */
export interface WorkflowEvent {
  /** `clue` for `clue-42`. */
  readonly category: string;
  /** `42` for `clue-42`. */
  readonly streamId: string;
  readonly eventId: string;
  readonly type: string;
  readonly data: object;
}

/** The commands of each kind of case a workflow can act on. */
interface CaseCommands {
  readonly clue: ClueCommand;
  readonly referral: ReferralCommand;
  readonly rectification: RectificationCommand;
  readonly accountability: AccountabilityCommand;
  readonly campaign: CampaignCommand;
}

/**
 * One command a workflow sends, to one case. `key` names the step: the command id is derived from
 * it (the same key always gives the same id), so a re-delivered event or a second processor sends
 * a command the command path recognises as already executed. A key must name the triggering facts
 * and the step (`assign:<clue>:<item>`), never anything that differs between two deliveries.
 */
export type WorkflowCommand = {
  readonly [K in CaseKind]: {
    readonly kind: K;
    readonly id: string;
    readonly key: string;
    readonly command: CaseCommands[K];
  };
}[CaseKind];

/**
 * A workflow in the emmett sense: pure functions that turn events of some streams into commands on
 * other cases. The processor keeps one state per instance (`instanceOf`): for each event it calls
 * `decide(event, state)` with the state before the event, sends the commands, then keeps
 * `evolve(state, event)`. State is plain JSON (it is stored between events).
 *
 * Methods, not function properties: through method bivariance a workflow of any state is a
 * `Workflow<unknown>`, so workflows of different states go in one list.
 */
export interface Workflow<S> {
  /** Stable, kebab-case: names the workflow's checkpoint and stored state. */
  readonly name: string;
  /** Bump to run the workflow again from the first event (its commands are replay-safe). */
  readonly version: number;
  /** Stream categories it consumes. */
  readonly categories: readonly string[];
  /** Event types it consumes; others are not given to it. */
  readonly eventTypes: readonly string[];
  /** The instance an event belongs to; undefined: the event is not for this workflow. */
  instanceOf(event: WorkflowEvent): string | undefined;
  initialState(): S;
  decide(event: WorkflowEvent, state: S): readonly WorkflowCommand[];
  evolve(state: S, event: WorkflowEvent): S;
}

/**
 * The event as the domain type of its case kind, when it is one of the workflow's case streams.
 * Stored case events were produced by the deciders, as the command path assumes too.
 */
export const caseEventOf = <K extends CaseKind>(kind: K, event: WorkflowEvent): CaseEventOf<K> | undefined =>
  event.category === kind ? ({ type: event.type, data: event.data } as CaseEventOf<K>) : undefined;
