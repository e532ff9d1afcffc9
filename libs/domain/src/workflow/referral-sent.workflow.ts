import { CLUE_CATEGORY } from '../clue/clue.state';
import { REFERRAL_CATEGORY } from '../referral/referral.model';
import type { Actor } from '../shared/actor';
import { Workflow, WorkflowEvent, caseEventOf } from './workflow';

/** The system actor that records a sent referral on its clue, for the clue's office. */
export const REFERRAL_SENT_ACTOR_ID = 'process:referral-sent';

/** One instance per referral: its clue and office (from the draft) and the clues that proposed it. */
export interface ReferralSentState {
  readonly clueId?: string;
  readonly ownerOrgId?: string;
  readonly regionId?: string;
  /** Clues whose C14 proposal named this referral id. */
  readonly proposedOn: readonly string[];
}

/** The key of the command that records `referralId` as sent on `clueId` (the id the send request used before). */
export const referralSentKey = (referralId: string, clueId: string): string => `referral-sent:${referralId}:${clueId}`;

const instanceOf = (input: WorkflowEvent): string | undefined => {
  const proposal = caseEventOf('clue', input);
  if (proposal) return proposal.type === 'ReferralProposed' ? proposal.data.referralId : undefined;
  return input.category === REFERRAL_CATEGORY ? input.streamId : undefined;
};

/**
 * R2 送出 / 改送 → C14: the clue learns that its proposed referral went out, which stops its transfer
 * deadline. A referral its clue never proposed is left alone: the clue would refuse it. A re-route
 * sends the same command as the first send (same key), so the clue records the referral once.
 */
export const referralSentWorkflow: Workflow<ReferralSentState> = {
  name: 'referral-sent',
  version: 1,
  categories: [CLUE_CATEGORY, REFERRAL_CATEGORY],
  eventTypes: ['ReferralProposed', 'ReferralDrafted', 'ReferralSent', 'ReferralRerouted'],
  instanceOf,
  initialState: () => ({ proposedOn: [] }),
  evolve(state, input) {
    const proposal = caseEventOf('clue', input);
    if (proposal?.type === 'ReferralProposed') return { ...state, proposedOn: [...state.proposedOn, input.streamId] };
    const event = caseEventOf('referral', input);
    if (event?.type !== 'ReferralDrafted') return state;
    const { clueId, ownerOrgId, regionId } = event.data;
    return { ...state, clueId, ownerOrgId, regionId };
  },
  decide(input, state) {
    const event = caseEventOf('referral', input);
    if (event?.type !== 'ReferralSent' && event?.type !== 'ReferralRerouted') return [];
    const { clueId, ownerOrgId, regionId } = state;
    if (!clueId || !ownerOrgId || !regionId || !state.proposedOn.includes(clueId)) return [];
    const referralId = input.streamId;
    const office: Actor = {
      userId: REFERRAL_SENT_ACTOR_ID,
      role: 'RuleOfLawOffice',
      position: 'Head',
      orgId: ownerOrgId,
      regionId,
    };
    return [
      {
        kind: 'clue',
        id: clueId,
        key: referralSentKey(referralId, clueId),
        command: {
          type: 'RecordReferralSent',
          actor: office,
          at: event.data.at,
          clueId,
          referralId,
          sentAt: event.data.sentAt,
        },
      },
    ];
  },
};
