import { DomainConfig } from '../domain-config';
import { evaluateSituations } from '../rulebook/evaluate-situations';
import { Decision } from '../shared/decider';
import { conflict, notFound, validation } from '../shared/domain-error';
import { localDateOf } from '../shared/time';
import { firstError, requireInstant, requireText } from '../shared/validate';
import { eventBase } from '../shared/messages';
import { newTransferDeadline, validateClaim } from './clue-analysis.decide';
import { ProposeReferral, RecordReferralSent } from './clue.commands';
import { ClueEvent } from './clue.events';
import { CLUE_PRECONDITIONS } from './clue.preconditions';
import { authorizeSupervisor } from './clue.guards';
import { ClueState } from './clue.state';

/**
 * C14: a clue spawns 0..n referrals (对人) while its rectification (对事) goes on (Decision 1).
 * Once analysis has started a referral can be proposed at any step up to closure.
 */

/**
 * C14 — mandatory when the rulebook says so; otherwise discretionary under 行政复议法 art. 85, which
 * needs a justification and a legal basis.
 */
export const decideProposeReferral = (
  command: ProposeReferral,
  state: ClueState,
  config: DomainConfig,
): Decision<ClueEvent> => {
  const error =
    CLUE_PRECONDITIONS.ProposeReferral(state, command.actor) ??
    firstError(requireText(command.referralId, 'referralId', 100), validateClaim(command, config));
  if (error) return error;
  const claim = {
    situationCodes: command.situationCodes ?? [],
    evidenceCodes: command.evidenceCodes ?? [],
    statutoryGroundCodes: command.statutoryGroundCodes ?? [],
    justification: command.justification,
    legalBasis: command.legalBasis ?? [],
  };
  const evaluation = evaluateSituations(config.currentRulebook, claim);
  const justified = (claim.justification ?? '').trim().length > 0 && claim.legalBasis.some((b) => b.trim().length > 0);
  if (!evaluation.transferMandatory && !justified) {
    return validation(
      'CLUE.TRANSFER_CONDITIONS_NOT_MET',
      'no situation or statutory ground is established; a discretionary transfer needs a justification and a legal basis',
      { evaluation: evaluation.summaryEn },
    );
  }
  if (state.referralIds.includes(command.referralId)) {
    return conflict('CLUE.REFERRAL_ALREADY_PROPOSED', 'this referral id is already used on the clue', {
      referralId: command.referralId,
    });
  }
  const transferDeadline = newTransferDeadline(evaluation, state, localDateOf(command.at), config);
  return [
    {
      type: 'ReferralProposed',
      data: {
        ...eventBase(command),
        referralId: command.referralId,
        situationCodes: claim.situationCodes,
        evidenceCodes: claim.evidenceCodes,
        statutoryGroundCodes: claim.statutoryGroundCodes,
        ...(claim.justification !== undefined ? { justification: claim.justification } : {}),
        legalBasis: claim.legalBasis,
        rulebookVersion: evaluation.rulebookVersion,
        evaluation,
        discretionary: !evaluation.transferMandatory,
        ...(transferDeadline ? { transferDeadline } : {}),
      },
    },
  ];
};

/**
 * The referral stream reports that the referral went out; this satisfies the transfer deadline.
 * It records a fact from elsewhere, so it is accepted in every status once the clue exists
 * (a dismissed or archived clue can still have a referral in flight), and it is idempotent:
 * the process manager delivers at least once, and a repeat appends nothing.
 */
export const decideRecordReferralSent = (command: RecordReferralSent, state: ClueState): Decision<ClueEvent> => {
  const error = firstError(
    authorizeSupervisor(command, state, 'record a sent referral'),
    requireText(command.referralId, 'referralId', 100),
    requireInstant(command.sentAt, 'sentAt'),
  );
  if (error) return error;
  if (!state.referralIds.includes(command.referralId)) {
    return notFound('CLUE.REFERRAL_NOT_FOUND', 'no referral with this id was proposed on the clue', {
      referralId: command.referralId,
    });
  }
  if (state.sentReferralIds.includes(command.referralId)) return [];
  return [
    {
      type: 'ClueReferralSent',
      data: { ...eventBase(command), referralId: command.referralId, sentAt: command.sentAt },
    },
  ];
};
