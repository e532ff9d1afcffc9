import { Decision } from '../shared/decider';
import { isDomainError, validation } from '../shared/domain-error';
import { eventBase } from '../shared/messages';
import { localDateOf } from '../shared/time';
import { firstError, requireDate, requireText } from '../shared/validate';
import { requireExisting } from './referral.authorize';
import { RecordOrganisationalHandlingDone } from './referral.commands';
import { ReferralEvent } from './referral.events';
import { REFERRAL_PRECONDITIONS } from './referral.preconditions';
import { ReferralState } from './referral.state';

/**
 * 组织处理 carried out — [S2] 中国共产党问责条例 art. 9: an organisational adjustment or handling is
 * to be 办理完毕 within 1 month of the decision. It ends the OrganisationalHandling deadline; the
 * day is given (the 任免 document is often logged later), never after today nor before the decision.
 */
export const decideOrganisationalHandlingDone = (
  command: RecordOrganisationalHandlingDone,
  state: ReferralState,
): Decision<ReferralEvent> => {
  const existing = requireExisting(state, command.referralId);
  if (isDomainError(existing)) return existing;
  const today = localDateOf(command.at);
  const doneOn = command.doneOn ?? today;
  const error =
    REFERRAL_PRECONDITIONS.RecordOrganisationalHandlingDone(existing, command.actor) ??
    firstError(requireText(command.documentNo, 'documentNo', 200), requireDate(doneOn, 'doneOn'));
  if (error) return error;
  const decidedOn = existing.organisationalHandlingDeadline?.from ?? doneOn;
  if (doneOn > today || doneOn < decidedOn) {
    return validation('REFERRAL.DONE_ON_OUT_OF_RANGE', 'doneOn must lie between the decision and today', {
      doneOn,
      earliest: decidedOn,
      latest: today,
    });
  }
  return [
    {
      type: 'OrganisationalHandlingCarriedOut',
      data: { ...eventBase(command), documentNo: command.documentNo, doneOn },
    },
  ];
};
