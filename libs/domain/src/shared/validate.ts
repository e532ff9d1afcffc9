import { DomainError, validation } from './domain-error';
import { isInstant, isLocalDate } from './time';
import { CADRE_RANKS, SUBJECT_KINDS, Subject } from './subject';

/**
 * Small checks shared by the deciders. Each returns a DomainError (kind Validation) or undefined,
 * so a decider can write `return firstError(check1, check2) ?? [events]`.
 */
export const firstError = (...errors: (DomainError | undefined)[]): DomainError | undefined =>
  errors.find((e) => e !== undefined);

export const requireText = (value: unknown, field: string, max = 10_000): DomainError | undefined =>
  typeof value === 'string' && value.trim().length > 0 && value.length <= max
    ? undefined
    : validation('VALIDATION.TEXT_REQUIRED', `${field} must be non-empty text of at most ${max} characters`, { field });

export const requireInstant = (value: unknown, field: string): DomainError | undefined =>
  isInstant(value) ? undefined : validation('VALIDATION.INSTANT', `${field} must be an ISO-8601 instant`, { field });

export const requireDate = (value: unknown, field: string): DomainError | undefined =>
  isLocalDate(value) ? undefined : validation('VALIDATION.DATE', `${field} must be a date YYYY-MM-DD`, { field });

export const requireNonEmpty = (value: readonly unknown[] | undefined, field: string): DomainError | undefined =>
  value !== undefined && value.length > 0
    ? undefined
    : validation('VALIDATION.LIST_REQUIRED', `${field} must list at least one entry`, { field });

export const requireOneOf = <T extends string>(
  value: unknown,
  allowed: readonly T[],
  field: string,
): DomainError | undefined =>
  typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? undefined
    : validation('VALIDATION.UNKNOWN_VALUE', `${field} must be one of ${allowed.join(', ')}`, { field });

/** A unit names itself and its agency; a person's rank and flags do not belong to it. */
const PERSON_ONLY_FIELDS = ['post', 'cadreRank', 'isPartyMember', 'isPublicOfficial'] as const;

const requireSubject = (s: Subject, field: string): DomainError | undefined => {
  const kind = (s as { kind?: unknown }).kind;
  if (kind !== undefined && !(SUBJECT_KINDS as readonly unknown[]).includes(kind)) {
    return requireOneOf(kind, SUBJECT_KINDS, `${field}.kind`);
  }
  const common = firstError(
    requireText(s.subjectId, `${field}.subjectId`, 100),
    requireText(s.name, `${field}.name`, 200),
    requireText(s.unit, `${field}.unit`, 200),
  );
  if (common) return common;
  if (s.kind === 'Unit') {
    const extra = PERSON_ONLY_FIELDS.filter((f) => (s as unknown as Partial<Record<string, unknown>>)[f] !== undefined);
    return extra.length > 0
      ? validation(
          'VALIDATION.UNIT_SUBJECT_FIELDS',
          `${field}: a unit has no ${extra.join(', ')} (those describe a person)`,
          { field, fields: extra },
        )
      : undefined;
  }
  const error = firstError(
    requireText(s.post, `${field}.post`, 200),
    requireOneOf(s.cadreRank, CADRE_RANKS, `${field}.cadreRank`),
  );
  if (error) return error;
  if (typeof s.isPartyMember !== 'boolean' || typeof s.isPublicOfficial !== 'boolean') {
    return validation(
      'VALIDATION.SUBJECT_FLAGS',
      `${field}: isPartyMember and isPublicOfficial must be true or false`,
      {
        field,
      },
    );
  }
  return undefined;
};

export const requireSubjects = (
  subjects: readonly Subject[] | undefined,
  field = 'subjects',
): DomainError | undefined => {
  const list = subjects ?? [];
  const ids = new Set<string>();
  for (const s of list) {
    const error = requireSubject(s, field);
    if (error) return error;
    if (ids.has(s.subjectId))
      return validation('VALIDATION.DUPLICATE_SUBJECT', `${field}: duplicate subjectId ${s.subjectId}`, { field });
    ids.add(s.subjectId);
  }
  return undefined;
};
