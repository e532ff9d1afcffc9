import { DomainConfig } from '../domain-config';
import { Decision } from '../shared/decider';
import { isDomainError } from '../shared/domain-error';
import { requireCompetentReceiver } from '../shared/jurisdiction';
import { eventBase } from '../shared/messages';
import { firstError, requireText } from '../shared/validate';
import { deadlineFrom, requireExisting } from './referral.authorize';
import { OpenReturnedReferral, PartiallyReturnReferral } from './referral.commands';
import { ReferralEvent } from './referral.events';
import { REFERRAL_PRECONDITIONS } from './referral.preconditions';
import { ReferralState } from './referral.state';
import {
  SplitKind,
  checkChildOpening,
  childIsParent,
  childOpeningData,
  requireNewChild,
  splitSubjects,
} from './referral-split';
import { requireTextList } from './referral.validate';

/**
 * 部分退回 — 监察法实施条例 art. 171 lets the commission accept (1), forward (2), partly accept (3) or
 * return (4); a referral naming several persons can meet (1) for some and (4) for others (issue 17
 * item 3). The kept persons are accepted here; the returned ones go back to the owning office in a
 * child referral that opens Returned, so the office may re-route them (行政复议法 art. 85).
 */

const PARTIAL_RETURN: SplitKind = {
  field: 'returnedSubjectIds',
  notPartialCode: 'REFERRAL.NOT_A_PARTIAL_RETURN',
  notPartialMessage: 'return some but not all subjects; use ReturnReferral to return every subject',
  countKey: 'returned',
};

export const decidePartiallyReturn = (
  command: PartiallyReturnReferral,
  state: ReferralState,
  config: DomainConfig,
): Decision<ReferralEvent> => {
  const existing = requireExisting(state, command.referralId);
  if (isDomainError(existing)) return existing;
  const error =
    REFERRAL_PRECONDITIONS.PartiallyReturnReferral(existing, command.actor) ??
    firstError(
      requireTextList(command.returnedSubjectIds, 'returnedSubjectIds', 100),
      requireText(command.childReferralId, 'childReferralId', 100),
      requireText(command.reason, 'reason', 4_000),
    );
  if (error) return error;
  if (command.childReferralId === existing.referralId) return childIsParent(command.childReferralId, 'childReferralId');
  const split = splitSubjects(existing, command.returnedSubjectIds, PARTIAL_RETURN);
  if (isDomainError(split)) return split;
  // Decision 5: what the commission keeps, it accepts, so it must manage every kept person.
  const kept = existing.package.subjects.filter((s) => split.others.includes(s.subjectId));
  const competence = existing.holder
    ? requireCompetentReceiver(existing.holder, kept, existing.regionId, 'Every')
    : undefined;
  if (competence) return competence;
  return [
    {
      type: 'ReferralPartiallyReturned',
      data: {
        ...eventBase(command),
        // Package order, so the event does not depend on how the client ordered the list.
        acceptedSubjectIds: split.others,
        returnedSubjectIds: split.listed,
        childReferralId: command.childReferralId,
        reason: command.reason,
        disposalDeadline: deadlineFrom('DisposalProposal', command, config),
      },
    },
  ];
};

/**
 * Opens the child stream for the returned part: Returned, with no holder, owned by the parent's
 * office. The rulebook's verdict is the parent's: the transfer decision was taken on the whole package.
 */
export const decideOpenReturned = (
  command: OpenReturnedReferral,
  state: ReferralState,
  config: DomainConfig,
): Decision<ReferralEvent> => {
  const error =
    checkChildOpening(command, command.returnedBy, state, config, 'open a returned referral') ??
    requireNewChild(state, command.referralId);
  if (error) return error;
  return [
    {
      type: 'ReturnedReferralOpened',
      data: {
        ...eventBase(command),
        ...childOpeningData(command),
        returnedBy: command.returnedBy,
      },
    },
  ];
};
