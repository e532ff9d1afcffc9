import { computeDeadline } from '../calendar/deadline-policy';
import { DomainConfig } from '../domain-config';
import { Decision } from '../shared/decider';
import { isDomainError, validation } from '../shared/domain-error';
import { eventBase } from '../shared/messages';
import { localDateOf } from '../shared/time';
import { firstError, requireDate, requireOneOf } from '../shared/validate';
import { requireExisting } from './referral.authorize';
import { RecordTalkOrInquiryHeld } from './referral.commands';
import { ReferralEvent } from './referral.events';
import { TALK_OR_INQUIRY_FORMS } from './referral.model';
import { REFERRAL_PRECONDITIONS } from './referral.preconditions';
import { ReferralState } from './referral.state';

/**
 * R8 — the talk held or the written reply received. It meets TalkOrInquiryStart (5 working days
 * after approval) and starts TalkOrInquiryConclusion: [S2] 西乡, 谈话函询 to be concluded within 30
 * days of the talk or of the reply. The day is given (a reply is often logged after it arrives),
 * never after today nor before the disposal was decided.
 */
export const decideTalkOrInquiryHeld = (
  command: RecordTalkOrInquiryHeld,
  state: ReferralState,
  config: DomainConfig,
): Decision<ReferralEvent> => {
  const existing = requireExisting(state, command.referralId);
  if (isDomainError(existing)) return existing;
  const today = localDateOf(command.at);
  const heldOn = command.heldOn ?? today;
  const error =
    REFERRAL_PRECONDITIONS.RecordTalkOrInquiryHeld(existing, command.actor) ??
    firstError(requireOneOf(command.form, TALK_OR_INQUIRY_FORMS, 'form'), requireDate(heldOn, 'heldOn'));
  if (error) return error;
  const decidedOn = existing.disposal ? localDateOf(existing.disposal.decidedAt) : heldOn;
  if (heldOn > today || heldOn < decidedOn) {
    return validation('REFERRAL.HELD_ON_OUT_OF_RANGE', 'heldOn must lie between the disposal decision and today', {
      heldOn,
      earliest: decidedOn,
      latest: today,
    });
  }
  return [
    {
      type: 'TalkOrInquiryHeld',
      data: {
        ...eventBase(command),
        form: command.form,
        heldOn,
        disposalDeadline: computeDeadline('TalkOrInquiryConclusion', heldOn, config.deadlines, config.calendar),
      },
    },
  ];
};
