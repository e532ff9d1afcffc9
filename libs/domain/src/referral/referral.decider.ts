import { decideDeadlineAlarm } from '../deadlines/deadline-alarm.decide';
import { decideDeadlineRecompute } from '../calendar/deadline-recompute';
import { decideEscalation } from '../escalation/escalation';
import { DomainConfig } from '../domain-config';
import { assertNever, Decider, Decision } from '../shared/decider';
import { isDomainError, notFound } from '../shared/domain-error';
import { requireInstant } from '../shared/validate';
import { requireExisting } from './referral.authorize';
import { decideReferralDeadline } from './referral-deadlines.decide';
import { decideTalkOrInquiryHeld } from './referral-talk.decide';
import { decideOrganisationalHandlingDone } from './referral-organisational-handling.decide';
import { REFERRAL_PRECONDITIONS, referralAlarmTarget } from './referral.preconditions';
import { RaiseReferralEscalation, RecomputeReferralDeadline, ReferralCommand } from './referral.commands';
import { ReferralEvent } from './referral.events';
import { evolveReferral, initialReferralState, openReferralDeadlines, ReferralState } from './referral.state';
import { decideApprove, decideClose, decideDraft, decideReroute, decideSend } from './referral-office.decide';
import {
  decideAccept,
  decideForward,
  decideOpenForwarded,
  decidePartiallyAccept,
  decideReceive,
  decideReturn,
} from './referral-receiving.decide';
import {
  decideCompleteTalkOrInquiry,
  decideConcludeVerification,
  decideDisposal,
  decideFeedBack,
  decideFileCase,
  decidePublishTypicalCase,
  decideResumeShelved,
} from './referral-disposal.decide';
import { decideCompleteOutcomes, decideRecordOutcomes } from './referral-outcomes.decide';

export type ReferralDecider = Decider<ReferralCommand, ReferralState, ReferralEvent>;

/**
 * 移送 — the Referral aggregate (DOMAIN.md §4.2, R0–R14): co-owned by the transferor office and the
 * organisation that currently holds it on the receiving side. Each step first needs the referral
 * it names (REFERRAL.NOT_FOUND: there is no owner or holder to authorise against otherwise), then
 * checks authorisation (role → position → region / organisation), the input, and the state.
 */
export const createReferralDecider = (config: DomainConfig): ReferralDecider => ({
  decide: (command, state) =>
    // Time comes from the application's clock; a malformed instant is a wiring fault, rejected
    // before anything else so that no deadline computation sees it.
    requireInstant(command.at, 'at') ?? decideReferral(command, state, config),
  evolve: evolveReferral,
  initialState: initialReferralState,
});

const decideReferral = (
  command: ReferralCommand,
  state: ReferralState,
  config: DomainConfig,
): Decision<ReferralEvent> => {
  switch (command.type) {
    case 'DraftReferral':
      return decideDraft(command, state, config);
    case 'ApproveReferral':
      return decideApprove(command, state);
    case 'SendReferral':
      return decideSend(command, state);
    case 'RerouteReferral':
      return decideReroute(command, state);
    case 'CloseReferral':
      return decideClose(command, state);
    case 'ReceiveReferral':
      return decideReceive(command, state, config);
    case 'ForwardReferral':
      return decideForward(command, state);
    case 'ReturnReferral':
      return decideReturn(command, state);
    case 'AcceptReferral':
      return decideAccept(command, state, config);
    case 'PartiallyAcceptReferral':
      return decidePartiallyAccept(command, state, config);
    case 'OpenForwardedReferral':
      return decideOpenForwarded(command, state, config);
    case 'DecideDisposal':
      return decideDisposal(command, state, config);
    case 'ResumeShelved':
      return decideResumeShelved(command, state, config);
    case 'RecordTalkOrInquiryHeld':
      return decideTalkOrInquiryHeld(command, state, config);
    case 'CompleteTalkOrInquiry':
      return decideCompleteTalkOrInquiry(command, state, config);
    case 'FileCase':
      return decideFileCase(command, state);
    case 'ConcludeVerification':
      return decideConcludeVerification(command, state, config);
    case 'RecordOutcomes':
      return decideRecordOutcomes(command, state, config);
    case 'CompleteOutcomes':
      return decideCompleteOutcomes(command, state, config);
    case 'RecordOrganisationalHandlingDone':
      return decideOrganisationalHandlingDone(command, state);
    case 'FeedBackResult':
      return decideFeedBack(command, state);
    case 'PublishTypicalCase':
      return decidePublishTypicalCase(command, state);
    case 'RaiseEscalation':
      return decideReferralEscalation(command, state, config);
    case 'RequestDeadlineExtension':
    case 'ApproveDeadlineExtension':
    case 'RefuseDeadlineExtension':
    case 'PauseDeadline':
    case 'ResumeDeadline':
      return decideReferralDeadline(command, state, config);
    case 'FireDeadlineAlarm':
    case 'ConfirmEscalationRung':
    case 'WaiveEscalationRung':
      if (state.status === 'None') return notFound('REFERRAL.NOT_FOUND', 'no referral with this id');
      return decideDeadlineAlarm(command, referralAlarmTarget(state), config);
    case 'RecomputeDeadline':
      return decideReferralRecompute(command, state, config);
    default:
      return assertNever(command);
  }
};

/** 督办 on any open referral (not yet closed), by the supervisors of its region (DOMAIN.md §4.4). */
const decideReferralEscalation = (
  command: RaiseReferralEscalation,
  state: ReferralState,
  config: DomainConfig,
): Decision<ReferralEvent> => {
  const existing = requireExisting(state, command.referralId);
  if (isDomainError(existing)) return existing;
  // The precondition first, as for every command, then the overlay's own checks of the input.
  return (
    REFERRAL_PRECONDITIONS.RaiseEscalation(existing, command.actor) ??
    decideEscalation(
      command,
      { regionId: existing.regionId, open: existing.status !== 'Closed', escalationIds: existing.escalationIds },
      config,
      'REFERRAL',
    )
  );
};

/** 期限重算 of an open provisional deadline; a closed referral has only a 组织处理 one left (closure cleared the others). */
const decideReferralRecompute = (
  command: RecomputeReferralDeadline,
  state: ReferralState,
  config: DomainConfig,
): Decision<ReferralEvent> => {
  const existing = requireExisting(state, command.referralId);
  if (isDomainError(existing)) return existing;
  const open = openReferralDeadlines(existing);
  return decideDeadlineRecompute(command, open, config.calendar, 'REFERRAL');
};
