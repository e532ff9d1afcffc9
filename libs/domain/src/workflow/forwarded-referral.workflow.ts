import type { SituationEvaluation } from '../rulebook/evaluate-situations';
import { REFERRAL_CATEGORY, TransferPackage } from '../referral/referral.model';
import type { Actor } from '../shared/actor';
import { Workflow, caseEventOf } from './workflow';

/** What the child of a partial acceptance copies from its parent (the child cannot read the parent's stream). */
export interface ForwardableReferral {
  readonly clueId: string;
  readonly regionId: string;
  readonly ownerOrgId: string;
  readonly package: TransferPackage;
  readonly rulebookVersion: string;
  readonly evaluation: SituationEvaluation;
}

/** One instance per referral, until it is accepted (in whole or in part): then nothing is left to forward. */
export interface ForwardedReferralState {
  readonly referral?: ForwardableReferral;
  /** The region of the organisation holding the referral now (the acting commission's). */
  readonly holderRegionId?: string;
}

/** The key of the command that opens `childId` (the id the partial-acceptance request used before). */
export const openChildKey = (parentId: string, childId: string): string => `open-child:${parentId}:${childId}`;

/**
 * R6 部分受理 (实施条例 art. 171(3)) → the child referral for the forwarded subjects, opened on behalf
 * of the commission that partially accepted, with the parent's package (the forwarded subjects only),
 * rulebook version and evaluation.
 */
export const forwardedReferralWorkflow: Workflow<ForwardedReferralState> = {
  name: 'forwarded-referral',
  version: 1,
  categories: [REFERRAL_CATEGORY],
  eventTypes: [
    'ReferralDrafted',
    'ForwardedReferralOpened',
    'ReferralSent',
    'ReferralRerouted',
    'ReferralForwarded',
    'ReferralAccepted',
    'ReferralPartiallyAccepted',
  ],
  instanceOf: (event) => (event.category === REFERRAL_CATEGORY ? event.streamId : undefined),
  initialState: () => ({}),
  evolve(state, input) {
    const event = caseEventOf('referral', input);
    switch (event?.type) {
      case 'ReferralDrafted':
      case 'ForwardedReferralOpened': {
        const { clueId, regionId, ownerOrgId, package: pkg, rulebookVersion, evaluation } = event.data;
        const referral = { clueId, regionId, ownerOrgId, package: pkg, rulebookVersion, evaluation };
        return event.type === 'ForwardedReferralOpened'
          ? { referral, holderRegionId: event.data.forwardTo.regionId }
          : { referral };
      }
      case 'ReferralSent':
      case 'ReferralRerouted':
        return { ...state, holderRegionId: event.data.target.regionId };
      case 'ReferralForwarded':
        return { ...state, holderRegionId: event.data.forwardTo.regionId };
      case 'ReferralAccepted':
      case 'ReferralPartiallyAccepted':
        return {};
      default:
        return state;
    }
  },
  decide(input, state) {
    const event = caseEventOf('referral', input);
    const { referral, holderRegionId } = state;
    if (event?.type !== 'ReferralPartiallyAccepted' || !referral || !holderRegionId) return [];
    const parentId = input.streamId;
    const { by, at, childReferralId, forwardedSubjectIds, forwardTo, reason } = event.data;
    // The commission that partially accepted acts again; its position is not recorded (nor checked).
    const commission: Actor = { ...by, position: 'Staff', regionId: holderRegionId };
    const forwarded = new Set(forwardedSubjectIds);
    return [
      {
        kind: 'referral',
        id: childReferralId,
        key: openChildKey(parentId, childReferralId),
        command: {
          type: 'OpenForwardedReferral',
          actor: commission,
          at,
          referralId: childReferralId,
          parentReferralId: parentId,
          clueId: referral.clueId,
          regionId: referral.regionId,
          ownerOrgId: referral.ownerOrgId,
          package: {
            ...referral.package,
            subjects: referral.package.subjects.filter((s) => forwarded.has(s.subjectId)),
          },
          rulebookVersion: referral.rulebookVersion,
          evaluation: referral.evaluation,
          forwardedBy: by.orgId,
          forwardTo,
          reason,
        },
      },
    ];
  },
};
