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

/** One instance per referral, until it is accepted (in whole or in part): then nothing is left to split off. */
export interface ForwardedReferralState {
  readonly referral?: ForwardableReferral;
  /** The region of the organisation holding the referral now (the acting commission's). */
  readonly holderRegionId?: string;
}

/** The key of the command that opens `childId` (the id the partial-acceptance request used before). */
export const openChildKey = (parentId: string, childId: string): string => `open-child:${parentId}:${childId}`;

/** The key of the command that opens the returned part `childId` of a partial return. */
export const openReturnedChildKey = (parentId: string, childId: string): string =>
  `open-returned:${parentId}:${childId}`;

/**
 * R6 部分受理 (实施条例 art. 171(3)) → the child referral for the forwarded subjects, opened on behalf
 * of the commission that partially accepted, with the parent's package (the forwarded subjects only),
 * rulebook version and evaluation. 部分退回 (art. 171(4), issue 17 item 3) → likewise the child for
 * the returned subjects, which opens Returned with the owning office.
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
    'ReferralPartiallyReturned',
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
      case 'ReferralPartiallyReturned':
        return {};
      default:
        return state;
    }
  },
  decide(input, state) {
    const event = caseEventOf('referral', input);
    const { referral, holderRegionId } = state;
    if (!referral || !holderRegionId) return [];
    if (event?.type !== 'ReferralPartiallyAccepted' && event?.type !== 'ReferralPartiallyReturned') return [];
    const parentId = input.streamId;
    // The commission that split the referral acts again; its position is not recorded (nor checked).
    const commission: Actor = { ...event.data.by, position: 'Staff', regionId: holderRegionId };
    const { at, childReferralId, reason } = event.data;
    const partOf = (ids: readonly string[]) => ({
      ...referral.package,
      subjects: referral.package.subjects.filter((s) => ids.includes(s.subjectId)),
    });
    if (event.type === 'ReferralPartiallyReturned') {
      return [
        {
          kind: 'referral',
          id: childReferralId,
          key: openReturnedChildKey(parentId, childReferralId),
          command: {
            type: 'OpenReturnedReferral',
            actor: commission,
            at,
            referralId: childReferralId,
            parentReferralId: parentId,
            clueId: referral.clueId,
            regionId: referral.regionId,
            ownerOrgId: referral.ownerOrgId,
            package: partOf(event.data.returnedSubjectIds),
            rulebookVersion: referral.rulebookVersion,
            evaluation: referral.evaluation,
            returnedBy: event.data.by.orgId,
            reason,
          },
        },
      ];
    }
    const { by, forwardedSubjectIds, forwardTo } = event.data;
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
          package: partOf(forwardedSubjectIds),
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
