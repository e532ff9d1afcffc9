import { computeDeadline, isOverdue } from '../calendar/deadline-policy';
import { DomainConfig } from '../domain-config';
import { evaluateSituations } from '../rulebook/evaluate-situations';
import { requireRole } from '../shared/authorize';
import { requireCompetentReceiver, requireReceiverCovers } from '../shared/jurisdiction';
import { Decision } from '../shared/decider';
import { conflict, isDomainError, validation } from '../shared/domain-error';
import { localDateOf } from '../shared/time';
import { businessDateOf } from '../shared/business-date';
import { firstError, requireDate, requireText } from '../shared/validate';
import { OFFICE_ROLES, requireExisting } from './referral.authorize';
import { REFERRAL_PRECONDITIONS, draftReferralPrecondition } from './referral.preconditions';
import { ApproveReferral, CloseReferral, DraftReferral, RerouteReferral, SendReferral } from './referral.commands';
import { ReferralEvent } from './referral.events';
import { CLOSED_RECTIFICATION_STATUSES } from '../rectification/rectification.state';
import { eventBase } from '../shared/messages';
import { ReferralState } from './referral.state';
import { validateLinkedRectification, validatePackage, validateTarget } from './referral.validate';

/** The transferor side of the referral: draft, approve, send, re-route, close (R0–R2, R14). */

/**
 * R0. Transfer is allowed when the rulebook makes it mandatory (a matched situation or a statutory
 * ground: 行政复议法 art. 86, 监察法 art. 37), or as a discretionary transfer under 行政复议法 art. 85
 * when the office gives a justification and a legal basis. The verdict is recorded either way.
 */
export const decideDraft = (
  command: DraftReferral,
  state: ReferralState,
  config: DomainConfig,
): Decision<ReferralEvent> => {
  const action = 'draft a referral';
  const { actor } = command;
  // The region to authorise against is the clue's, so it must be present before the region check.
  const regionId: unknown = command.clue?.regionId;
  const authError =
    requireRole(actor, OFFICE_ROLES, action) ??
    requireText(regionId, 'clue.regionId', 200) ??
    draftReferralPrecondition({ regionId: String(regionId), status: String(command.clue.status) }, actor);
  if (authError) return authError;
  const today = localDateOf(command.at);
  const conditionsMetOn = command.conditionsMetOn ?? today;
  const inputError = firstError(
    requireText(command.referralId, 'referralId', 100),
    requireText(command.clueId, 'clueId', 100),
    requireText(command.clue.status, 'clue.status', 50),
    validatePackage(command.package),
    requireDate(conditionsMetOn, 'conditionsMetOn'),
  );
  if (inputError) return inputError;
  if (conditionsMetOn > today) {
    return validation('REFERRAL.CONDITIONS_MET_IN_FUTURE', 'conditionsMetOn cannot lie after today', {
      conditionsMetOn,
      today,
    });
  }
  // The case began when the clue was received (issue 17): its conditions cannot be met before.
  const receivedOn = command.clue.receivedOn;
  if (receivedOn !== undefined && conditionsMetOn < receivedOn) {
    return validation('BUSINESS_DATE.BEFORE_CASE_BEGAN', 'conditionsMetOn cannot lie before the clue was received', {
      field: 'conditionsMetOn',
      conditionsMetOn,
      caseBeganOn: receivedOn,
    });
  }
  const pkg = command.package;
  const evaluation = evaluateSituations(config.currentRulebook, {
    situationCodes: pkg.situationCodes,
    evidenceCodes: pkg.evidenceCodes,
    statutoryGroundCodes: pkg.statutoryGroundCodes ?? [],
    legalBasis: pkg.legalBasis,
    ...(pkg.justification !== undefined ? { justification: pkg.justification } : {}),
  });
  if (evaluation.unknownCodes.length > 0) {
    return validation(
      'REFERRAL.UNKNOWN_SITUATION_CODE',
      `rulebook ${evaluation.rulebookVersion} does not know ${evaluation.unknownCodes.join(', ')}`,
      {
        unknownCodes: evaluation.unknownCodes,
      },
    );
  }
  const discretionary = !evaluation.transferMandatory;
  if (discretionary && (pkg.justification === undefined || pkg.legalBasis.length === 0)) {
    return validation('REFERRAL.TRANSFER_CONDITIONS_NOT_MET', evaluation.summaryEn, { evaluation });
  }
  if (state.status !== 'None')
    return conflict('REFERRAL.ALREADY_EXISTS', `referral ${command.referralId} already exists`);
  return [
    {
      type: 'ReferralDrafted',
      data: {
        ...eventBase(command),
        referralId: command.referralId,
        clueId: command.clueId,
        regionId: command.clue.regionId,
        ownerOrgId: actor.orgId,
        package: pkg,
        rulebookVersion: config.currentRulebook.version,
        evaluation,
        discretionary,
        conditionsMetOn,
        // "第一时间" (seed 004), default 15 working days from the day the conditions were met.
        transferDeadline: computeDeadline(
          'TransferAfterConditionsMet',
          conditionsMetOn,
          config.deadlines,
          config.calendar,
        ),
      },
    },
  ];
};

/** R1 — the office head approves; the event names both proposer and approver. */
export const decideApprove = (command: ApproveReferral, state: ReferralState): Decision<ReferralEvent> => {
  const existing = requireExisting(state, command.referralId);
  if (isDomainError(existing)) return existing;
  const error =
    REFERRAL_PRECONDITIONS.ApproveReferral(existing, command.actor) ?? requireText(command.opinion, 'opinion', 4_000);
  if (error) return error;
  return [
    {
      type: 'ReferralApproved',
      data: { ...eventBase(command), opinion: command.opinion, proposedBy: existing.draftedBy },
    },
  ];
};

/** R2 — sent to a commission or an appointing authority, late or not against the transfer deadline. */
export const decideSend = (command: SendReferral, state: ReferralState): Decision<ReferralEvent> => {
  const existing = requireExisting(state, command.referralId);
  if (isDomainError(existing)) return existing;
  const error =
    REFERRAL_PRECONDITIONS.SendReferral(existing, command.actor) ??
    firstError(validateTarget(command.target), requireReceiverCovers(command.target, existing.regionId)) ??
    requireCompetentReceiver(command.target, existing.package.subjects, existing.regionId, 'Some');
  if (error) return error;
  // The referral's case began when the clue met the transfer conditions (R0).
  const occurredOn = businessDateOf(command.occurredOn, command.at, existing.conditionsMetOn);
  if (isDomainError(occurredOn)) return occurredOn;
  const sentLate = isOverdue(existing.transferDeadline, occurredOn);
  return [
    {
      type: 'ReferralSent',
      data: {
        ...eventBase(command),
        target: command.target,
        sentAt: command.at,
        sentLate,
        ...(command.occurredOn !== undefined ? { occurredOn } : {}),
      },
    },
  ];
};

/** A returned referral may go to the 任免机关 instead (行政复议法 art. 85; DOMAIN.md §4.2 notes). */
export const decideReroute = (command: RerouteReferral, state: ReferralState): Decision<ReferralEvent> => {
  const existing = requireExisting(state, command.referralId);
  if (isDomainError(existing)) return existing;
  const error =
    REFERRAL_PRECONDITIONS.RerouteReferral(existing, command.actor) ??
    firstError(validateTarget(command.target), requireReceiverCovers(command.target, existing.regionId));
  if (error) return error;
  if (command.target.kind !== 'AppointingAuthority') {
    return validation(
      'REFERRAL.REROUTE_TARGET_NOT_APPOINTING_AUTHORITY',
      'a returned referral can only be re-routed to the appointing authority',
      {
        kind: command.target.kind,
      },
    );
  }
  const competence = requireCompetentReceiver(command.target, existing.package.subjects, existing.regionId, 'Some');
  if (competence) return competence;
  return [{ type: 'ReferralRerouted', data: { ...eventBase(command), target: command.target, sentAt: command.at } }];
};

/**
 * R14 — closing needs the result fed back (wrong state otherwise) and every rectification item of
 * the clue closed or long-term: the matter (事) is corrected as well as the person (人) handled.
 */
export const decideClose = (command: CloseReferral, state: ReferralState): Decision<ReferralEvent> => {
  const existing = requireExisting(state, command.referralId);
  if (isDomainError(existing)) return existing;
  const error =
    REFERRAL_PRECONDITIONS.CloseReferral(existing, command.actor) ??
    validateLinkedRectification(command.linkedRectification);
  if (error) return error;
  const open = command.linkedRectification.filter(
    (item) => item.mode !== 'LongTerm' && !(CLOSED_RECTIFICATION_STATUSES as readonly string[]).includes(item.status),
  );
  if (open.length > 0) {
    return conflict('REFERRAL.RECTIFICATION_OPEN', 'the clue still has open rectification items', {
      itemIds: open.map((i) => i.itemId),
    });
  }
  return [
    { type: 'ReferralClosed', data: { ...eventBase(command), linkedRectification: command.linkedRectification } },
  ];
};
