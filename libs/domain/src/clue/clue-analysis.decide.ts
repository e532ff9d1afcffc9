import { Deadline, computeDeadline, explicitDeadline } from '../calendar/deadline-policy';
import { DomainConfig } from '../domain-config';
import { SituationClaim, SituationEvaluation, evaluateSituations } from '../rulebook/evaluate-situations';
import { requireRegion, requireRole } from '../shared/authorize';
import { Decision } from '../shared/decider';
import { DomainError, conflict, invalidTransition, validation } from '../shared/domain-error';
import { Subject } from '../shared/subject';
import { localDateOf } from '../shared/time';
import {
  firstError,
  requireDate,
  requireInstant,
  requireOneOf,
  requireSubjects,
  requireText,
} from '../shared/validate';
import { eventBase } from '../shared/messages';
import { CLUE_SOURCES, INSTRUMENT_DEADLINE_RULES, SUPERVISION_INSTRUMENT_KINDS } from './clue-source';
import {
  CLUE_CATEGORIES,
  DISMISSAL_REASONS,
  DismissClue,
  IssueSupervisionInstrument,
  RegisterClue,
  StartAnalysis,
  StartVerification,
} from './clue.commands';
import { ClueEvent } from './clue.events';
import { CLUE_PRECONDITIONS } from './clue.preconditions';
import {
  SUPERVISOR_ROLES,
  attachment,
  requireAttachments,
  requireDueDate,
  requireKnownCodes,
  requireObjectList,
  requireTextList,
} from './clue.guards';
import { ClueState } from './clue.state';

/** C1–C6: from registration to the supervision instrument. */

/** Only the known fields reach the stored event. */
const subject = (s: Subject): Subject => ({
  subjectId: s.subjectId,
  name: s.name,
  unit: s.unit,
  post: s.post,
  cadreRank: s.cadreRank,
  isPartyMember: s.isPartyMember,
  isPublicOfficial: s.isPublicOfficial,
});

/** The service date is a real date, not after the day the issuance is recorded. */
export const requireServedOn = (value: unknown, today: string): DomainError | undefined =>
  requireDate(value, 'instrument.servedOn') ??
  ((value as string) > today
    ? validation('CLUE.SERVED_ON_IN_FUTURE', 'instrument.servedOn lies after the day of the decision', {
        field: 'instrument.servedOn',
      })
    : undefined);

/** C1 — anyone of the office or the justice bureau may register a clue in its own region. */
export const decideRegisterClue = (command: RegisterClue, state: ClueState): Decision<ClueEvent> => {
  const action = 'register a clue';
  const error = firstError(
    requireRole(command.actor, SUPERVISOR_ROLES, action),
    typeof command.regionId === 'string' ? requireRegion(command.actor, command.regionId, action) : undefined,
    requireText(command.clueId, 'clueId', 100),
    requireText(command.regionId, 'regionId', 200),
    requireOneOf(command.source, CLUE_SOURCES, 'source'),
    requireText(command.sourceRef, 'sourceRef', 200),
    requireInstant(command.receivedAt, 'receivedAt'),
    requireText(command.agency?.orgId, 'agency.orgId', 200),
    requireText(command.agency?.name, 'agency.name', 200),
    requireText(command.summary, 'summary', 4_000),
    requireObjectList(command.subjects, 'subjects') ?? requireSubjects(command.subjects),
    requireAttachments(command.attachments, 'attachments'),
  );
  if (error) return error;
  if (Date.parse(command.receivedAt) > Date.parse(command.at)) {
    return validation('CLUE.RECEIVED_IN_FUTURE', 'receivedAt lies after the registration');
  }
  if (state.status !== 'None') return conflict('CLUE.ALREADY_EXISTS', 'a clue with this id is already registered');
  return [
    {
      type: 'ClueRegistered',
      data: {
        ...eventBase(command),
        clueId: command.clueId,
        regionId: command.regionId,
        ownerOrgId: command.actor.orgId,
        source: command.source,
        sourceRef: command.sourceRef,
        receivedAt: command.receivedAt,
        agency: { orgId: command.agency.orgId, name: command.agency.name },
        summary: command.summary,
        subjects: (command.subjects ?? []).map(subject),
        attachments: (command.attachments ?? []).map(attachment),
      },
    },
  ];
};

/** C2 — assign the analyst; staff may do it. */
export const decideStartAnalysis = (command: StartAnalysis, state: ClueState): Decision<ClueEvent> => {
  const error =
    CLUE_PRECONDITIONS.StartAnalysis(state, command.actor) ?? requireText(command.analystUserId, 'analystUserId', 100);
  return (
    error ?? [{ type: 'ClueAnalysisStarted', data: { ...eventBase(command), analystUserId: command.analystUserId } }]
  );
};

/** C3 / C5 — dropping a clue is approved by the head; "no problem found" needs a verification behind it. */
export const decideDismissClue = (command: DismissClue, state: ClueState): Decision<ClueEvent> => {
  const noProblem = command.reason === 'NoProblemFound';
  const error =
    CLUE_PRECONDITIONS.DismissClue(state, command.actor) ??
    firstError(
      requireOneOf(command.reason, DISMISSAL_REASONS, 'reason'),
      requireText(command.explanation, 'explanation', 4_000),
      noProblem || command.verificationReport !== undefined
        ? requireText(command.verificationReport, 'verificationReport')
        : undefined,
    );
  if (error) return error;
  if (noProblem && state.status !== 'Verification') {
    return invalidTransition('CLUE.NOT_VERIFIED', 'only a verified clue can be dismissed for finding no problem (C5)');
  }
  return [
    {
      type: 'ClueDismissed',
      data: {
        ...eventBase(command),
        reason: command.reason,
        explanation: command.explanation,
        ...(command.verificationReport !== undefined ? { verificationReport: command.verificationReport } : {}),
      },
    },
  ];
};

/**
 * A transfer deadline starts the first time the rulebook makes transfer mandatory (Decision 3:
 * "第一时间", default 15 working days), unless one is running or a referral has already gone out.
 */
export const newTransferDeadline = (
  evaluation: SituationEvaluation,
  state: ClueState,
  today: string,
  config: DomainConfig,
): Deadline | undefined =>
  evaluation.transferMandatory && state.transferDeadline === undefined && state.transferredAt === undefined
    ? computeDeadline('TransferAfterConditionsMet', today, config.deadlines, config.calendar)
    : undefined;

/** The facts for the rulebook are well-formed and name only codes the current rulebook knows. */
export const validateClaim = (claim: Partial<SituationClaim>, config: DomainConfig): DomainError | undefined =>
  firstError(
    requireTextList(claim.situationCodes, 'situationCodes', false, 100),
    requireTextList(claim.evidenceCodes, 'evidenceCodes', false, 100),
    requireTextList(claim.statutoryGroundCodes, 'statutoryGroundCodes', false, 100),
    claim.justification !== undefined ? requireText(claim.justification, 'justification', 4_000) : undefined,
    requireTextList(claim.legalBasis, 'legalBasis'),
    requireKnownCodes(config.currentRulebook, claim.situationCodes, claim.statutoryGroundCodes),
  );

/** C4 — the head orders verification after collective study (集体研究); the rulebook verdict is recorded. */
export const decideStartVerification = (
  command: StartVerification,
  state: ClueState,
  config: DomainConfig,
): Decision<ClueEvent> => {
  const error =
    CLUE_PRECONDITIONS.StartVerification(state, command.actor) ??
    firstError(
      validateClaim(command, config),
      requireOneOf(command.category, CLUE_CATEGORIES, 'category'),
      requireText(command.verificationPlan, 'verificationPlan'),
      requireTextList(command.team, 'team', true, 100),
    );
  if (error) return error;
  const today = localDateOf(command.at);
  const claim: SituationClaim = {
    situationCodes: command.situationCodes ?? [],
    evidenceCodes: command.evidenceCodes ?? [],
    statutoryGroundCodes: command.statutoryGroundCodes ?? [],
    justification: command.justification,
    legalBasis: command.legalBasis ?? [],
  };
  const evaluation = evaluateSituations(config.currentRulebook, claim);
  const transferDeadline = newTransferDeadline(evaluation, state, today, config);
  return [
    {
      type: 'VerificationStarted',
      data: {
        ...eventBase(command),
        situationCodes: claim.situationCodes,
        evidenceCodes: claim.evidenceCodes,
        statutoryGroundCodes: claim.statutoryGroundCodes ?? [],
        ...(command.justification !== undefined ? { justification: command.justification } : {}),
        legalBasis: claim.legalBasis ?? [],
        category: command.category,
        verificationPlan: command.verificationPlan,
        team: command.team,
        evaluation,
        deadline: computeDeadline('ClueVerification', today, config.deadlines, config.calendar),
        ...(transferDeadline ? { transferDeadline } : {}),
      },
    },
  ];
};

/**
 * C6 — the head issues the instrument. Its period comes from the instrument's rule unless a due
 * date is given. The plan is due within RectificationPlan, but never after the correction itself.
 */
export const decideIssueSupervisionInstrument = (
  command: IssueSupervisionInstrument,
  state: ClueState,
  config: DomainConfig,
): Decision<ClueEvent> => {
  const today = localDateOf(command.at);
  const error =
    CLUE_PRECONDITIONS.IssueSupervisionInstrument(state, command.actor) ??
    firstError(
      requireText(command.verificationReport, 'verificationReport'),
      requireTextList(command.responsibleUnits, 'responsibleUnits', true, 200),
      requireOneOf(command.instrument?.kind, SUPERVISION_INSTRUMENT_KINDS, 'instrument.kind'),
      requireText(command.instrument?.documentNo, 'instrument.documentNo', 100),
      command.dueDate !== undefined ? requireDueDate(command.dueDate, today, 'dueDate') : undefined,
      command.instrument?.servedOn !== undefined ? requireServedOn(command.instrument.servedOn, today) : undefined,
      validateClaim({ situationCodes: command.situationCodes, evidenceCodes: command.evidenceCodes }, config),
    );
  if (error) return error;
  const rule = INSTRUMENT_DEADLINE_RULES[command.instrument.kind];
  const servedOn = command.instrument.servedOn;
  // 行政复议法 art. 76: the period runs from receipt of the instrument; without a service date
  // the issuance stands in for it, and the deadline records which one it ran from.
  const runsFrom = servedOn !== undefined ? 'Service' : 'Issuance';
  const deadline = {
    ...(command.dueDate !== undefined
      ? explicitDeadline(rule, servedOn ?? today, command.dueDate, config.calendar)
      : computeDeadline(rule, servedOn ?? today, config.deadlines, config.calendar)),
    runsFrom,
  } as const;
  const planDue = computeDeadline('RectificationPlan', today, config.deadlines, config.calendar);
  const planDeadline =
    planDue.dueOn <= deadline.dueOn
      ? planDue
      : explicitDeadline('RectificationPlan', today, deadline.dueOn, config.calendar);
  const updated = command.situationCodes !== undefined || command.evidenceCodes !== undefined;
  const evaluation = updated
    ? evaluateSituations(config.currentRulebook, {
        situationCodes: command.situationCodes ?? state.situationCodes,
        evidenceCodes: command.evidenceCodes ?? state.evidenceCodes,
        statutoryGroundCodes: state.statutoryGroundCodes,
        justification: state.justification,
        legalBasis: state.legalBasis,
      })
    : undefined;
  const transferDeadline = evaluation ? newTransferDeadline(evaluation, state, today, config) : undefined;
  return [
    {
      type: 'SupervisionInstrumentIssued',
      data: {
        ...eventBase(command),
        verificationReport: command.verificationReport,
        responsibleUnits: command.responsibleUnits,
        instrument: {
          kind: command.instrument.kind,
          documentNo: command.instrument.documentNo,
          ...(servedOn !== undefined ? { servedOn } : {}),
        },
        deadline,
        planDeadline,
        ...(command.situationCodes !== undefined ? { situationCodes: command.situationCodes } : {}),
        ...(command.evidenceCodes !== undefined ? { evidenceCodes: command.evidenceCodes } : {}),
        ...(evaluation ? { evaluation } : {}),
        ...(transferDeadline ? { transferDeadline } : {}),
      },
    },
  ];
};
