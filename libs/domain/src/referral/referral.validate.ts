import { RECTIFICATION_MODES } from '../rectification/rectification.state';
import { DomainError, validation } from '../shared/domain-error';
import { JURISDICTION_LEVELS } from '../shared/jurisdiction';
import { addMonths, LocalDate } from '../shared/time';
import {
  firstError,
  requireDate,
  requireNonEmpty,
  requireOneOf,
  requireSubjects,
  requireText,
} from '../shared/validate';
import { findOutcome, outcomeApplies } from './outcomes';
import {
  ForwardTarget,
  LinkedRectification,
  OrgRef,
  OutcomeEntry,
  RecordedOutcome,
  ReferralTarget,
  SECRECY_LEVELS,
  TARGET_KINDS,
  TransferPackage,
} from './referral.model';
import { ExistingReferral } from './referral.state';

/**
 * Input checks for referral commands. Commands arrive from HTTP through DTO validation, but the
 * domain does not trust that: a missing list or object is a Validation error, never a crash.
 */

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;

/** Unlike Array.isArray, keeps the element type of a readonly list. */
const isList = (value: unknown): value is readonly unknown[] => Array.isArray(value);

const missing = (field: string): DomainError => validation('VALIDATION.REQUIRED', `${field} is required`, { field });

/** A list (possibly empty) whose entries are all non-empty text. */
export const requireTextList = (values: unknown, field: string, max = 2_000): DomainError | undefined => {
  if (!isList(values)) return validation('VALIDATION.LIST_REQUIRED', `${field} must be a list`, { field });
  return firstError(...values.map((v: unknown, i) => requireText(v, `${field}[${i}]`, max)));
};

const optionalText = (value: unknown, field: string, max?: number): DomainError | undefined =>
  value === undefined ? undefined : requireText(value, field, max);

export const requireBoolean = (value: unknown, field: string): DomainError | undefined =>
  typeof value === 'boolean'
    ? undefined
    : validation('VALIDATION.BOOLEAN', `${field} must be true or false`, { field });

export const validateOrgRef = (ref: OrgRef | undefined, field: string): DomainError | undefined =>
  isObject(ref)
    ? firstError(
        requireText(ref.orgId, `${field}.orgId`, 200),
        requireText(ref.regionId, `${field}.regionId`, 200),
        ref.level === undefined ? undefined : requireOneOf(ref.level, JURISDICTION_LEVELS, `${field}.level`),
      )
    : missing(field);

/** A forward target: a commission, or the 任免机关 when `kind` says so (实施条例 art. 171(3)). */
export const validateForwardTarget = (ref: ForwardTarget | undefined, field: string): DomainError | undefined =>
  validateOrgRef(ref, field) ??
  (ref?.kind === undefined ? undefined : requireOneOf(ref.kind, TARGET_KINDS, `${field}.kind`));

export const validateTarget = (target: ReferralTarget | undefined, field = 'target'): DomainError | undefined =>
  isObject(target)
    ? firstError(requireOneOf(target.kind, TARGET_KINDS, `${field}.kind`), validateOrgRef(target, field))
    : missing(field);

/** R0: the transfer package (行政复议法 art. 85 "违法的事实材料"; identity fields per 保山). */
export const validatePackage = (pkg: TransferPackage | undefined): DomainError | undefined => {
  if (!isObject(pkg)) return missing('package');
  const listError = firstError(
    requireTextList(pkg.situationCodes, 'package.situationCodes', 100),
    pkg.statutoryGroundCodes === undefined
      ? undefined
      : requireTextList(pkg.statutoryGroundCodes, 'package.statutoryGroundCodes', 100),
    requireTextList(pkg.evidenceCodes, 'package.evidenceCodes', 100),
    requireTextList(pkg.legalBasis, 'package.legalBasis', 500),
    isList(pkg.subjects) ? requireNonEmpty(pkg.subjects, 'package.subjects') : missing('package.subjects'),
    isList(pkg.evidence) ? undefined : missing('package.evidence'),
  );
  if (listError) return listError;
  return firstError(
    requireText(pkg.transferLetter, 'package.transferLetter'),
    requireText(pkg.clueSummary, 'package.clueSummary'),
    requireText(pkg.source, 'package.source', 100),
    requireText(pkg.sourceRef, 'package.sourceRef', 200),
    requireSubjects(pkg.subjects, 'package.subjects'),
    requireText(pkg.facts, 'package.facts', 50_000),
    ...pkg.evidence.map((e, i) =>
      isObject(e)
        ? firstError(
            requireText(e.title, `package.evidence[${i}].title`, 500),
            requireText(e.documentRef, `package.evidence[${i}].documentRef`, 500),
          )
        : missing(`package.evidence[${i}]`),
    ),
    optionalText(pkg.verificationReport, 'package.verificationReport', 50_000),
    requireText(pkg.transferorOpinion, 'package.transferorOpinion'),
    requireText(pkg.contact, 'package.contact', 500),
    requireOneOf(pkg.secrecyLevel, SECRECY_LEVELS, 'package.secrecyLevel'),
    optionalText(pkg.justification, 'package.justification'),
  );
};

/** R14: what the application read from the clue's rectification item streams. */
export const validateLinkedRectification = (
  items: readonly LinkedRectification[] | undefined,
): DomainError | undefined => {
  if (!isList(items)) return missing('linkedRectification');
  return firstError(
    ...items.map((item, i) =>
      isObject(item)
        ? firstError(
            requireText(item.itemId, `linkedRectification[${i}].itemId`, 100),
            requireText(item.status, `linkedRectification[${i}].status`, 50),
            requireOneOf(item.mode, RECTIFICATION_MODES, `linkedRectification[${i}].mode`),
          )
        : missing(`linkedRectification[${i}]`),
    ),
  );
};

/**
 * The state-independent checks of outcome entries: shape, a decision date not after today, a code
 * of the catalogue (and, for 谈话函询, a first-form outcome only).
 */
export const validateOutcomeEntries = (
  entries: readonly OutcomeEntry[] | undefined,
  field: string,
  today: LocalDate,
  options: { readonly required: boolean; readonly minorOnly: boolean },
): DomainError | undefined => {
  if (!isList(entries)) return missing(field);
  if (options.required && entries.length === 0) return requireNonEmpty(entries, field);
  for (const [i, entry] of entries.entries()) {
    const at = `${field}[${i}]`;
    if (!isObject(entry)) return missing(at);
    const error = firstError(
      requireText(entry.subjectId, `${at}.subjectId`, 100),
      requireText(entry.outcome, `${at}.outcome`, 100),
      requireDate(entry.decisionDate, `${at}.decisionDate`),
      requireText(entry.documentNo, `${at}.documentNo`, 200),
    );
    if (error) return error;
    if (entry.decisionDate > today) {
      return validation('REFERRAL.DECISION_DATE_IN_FUTURE', `${at}.decisionDate lies in the future`, { field: at });
    }
    const definition = findOutcome(entry.outcome);
    if (!definition)
      return validation('REFERRAL.UNKNOWN_OUTCOME', `${entry.outcome} is not in the outcome catalogue`, {
        outcome: entry.outcome,
      });
    if (options.minorOnly && definition.layer !== 'Minor') {
      return validation('REFERRAL.OUTCOME_NOT_MINOR', `${entry.outcome} is not a first-form (minor) outcome`, {
        outcome: entry.outcome,
      });
    }
  }
  return undefined;
};

/**
 * The state-dependent checks, after the status check: each person must be an accepted subject,
 * the sanction must fit the person (party sanctions for party members, 政务处分 for public
 * officials, DOMAIN.md §9.3), and no outcome may be recorded twice. Returns the outcomes as recorded.
 */
export const resolveOutcomes = (
  entries: readonly OutcomeEntry[],
  state: ExistingReferral,
): readonly RecordedOutcome[] | DomainError => {
  const seen = new Set(state.outcomes.map((o) => `${o.subjectId}|${o.outcome}`));
  const recorded: RecordedOutcome[] = [];
  for (const entry of entries) {
    const subject = state.acceptedSubjectIds.includes(entry.subjectId)
      ? state.package.subjects.find((s) => s.subjectId === entry.subjectId)
      : undefined;
    if (!subject) {
      return validation(
        'REFERRAL.SUBJECT_NOT_ACCEPTED',
        `${entry.subjectId} is not a subject accepted on this referral`,
        { subjectId: entry.subjectId },
      );
    }
    // validateOutcomeEntries has already checked that the code exists.
    const definition = findOutcome(entry.outcome)!;
    if (!outcomeApplies(definition, subject)) {
      return validation('REFERRAL.OUTCOME_NOT_APPLICABLE', `${entry.outcome} cannot be imposed on ${entry.subjectId}`, {
        subjectId: entry.subjectId,
        outcome: entry.outcome,
        appliesTo: definition.appliesTo,
      });
    }
    const key = `${entry.subjectId}|${entry.outcome}`;
    if (seen.has(key)) {
      return validation('REFERRAL.DUPLICATE_OUTCOME', `${entry.outcome} is already recorded for ${entry.subjectId}`, {
        subjectId: entry.subjectId,
        outcome: entry.outcome,
      });
    }
    seen.add(key);
    recorded.push({
      subjectId: entry.subjectId,
      outcome: entry.outcome,
      decisionDate: entry.decisionDate,
      documentNo: entry.documentNo,
      layer: definition.layer,
      // 政务处分法 art. 8: the period runs from the day the decision takes effect.
      ...(definition.sanctionPeriodMonths !== undefined
        ? { sanctionEndsOn: addMonths(entry.decisionDate, definition.sanctionPeriodMonths) }
        : {}),
    });
  }
  return recorded;
};
