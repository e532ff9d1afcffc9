import { DomainError, validation } from './domain-error';
import { Subject } from './subject';
import {
  firstError,
  requireDate,
  requireInstant,
  requireNonEmpty,
  requireOneOf,
  requireSubjects,
  requireText,
} from './validate';

const codeOf = (error: DomainError | undefined) =>
  error && { kind: error.kind, code: error.code, field: error.details?.field };

const subject = (over: Partial<Subject> = {}): Subject => ({
  subjectId: 's1',
  name: '王某',
  unit: '大洼区应急管理局',
  post: '局长',
  cadreRank: 'TownshipSectionOrBelow',
  isPartyMember: true,
  isPublicOfficial: true,
  ...over,
});

describe('validate', () => {
  it('firstError returns the first error, or undefined', () => {
    const a = validation('A', 'a');
    const b = validation('B', 'b');
    expect(firstError(undefined, a, b)).toBe(a);
    expect(firstError(undefined, undefined)).toBeUndefined();
    expect(firstError()).toBeUndefined();
  });

  describe('requireText', () => {
    it.each([
      ['text', 10, undefined],
      [' padded ', 10, undefined],
      ['x'.repeat(10), 10, undefined],
      ['x'.repeat(11), 10, 'VALIDATION.TEXT_REQUIRED'],
      ['', 10, 'VALIDATION.TEXT_REQUIRED'],
      ['   ', 10, 'VALIDATION.TEXT_REQUIRED'],
      [42, 10, 'VALIDATION.TEXT_REQUIRED'],
      [undefined, 10, 'VALIDATION.TEXT_REQUIRED'],
    ])('%p (max %i) → %s', (value, max, code) => {
      expect(requireText(value, 'summary', max)?.code).toBe(code);
    });

    it('names the field', () => {
      expect(codeOf(requireText('', 'summary'))).toEqual({
        kind: 'Validation',
        code: 'VALIDATION.TEXT_REQUIRED',
        field: 'summary',
      });
    });
  });

  it('requireInstant and requireDate', () => {
    expect(requireInstant('2026-03-02T09:00:00+08:00', 'at')).toBeUndefined();
    expect(codeOf(requireInstant('2026-03-02', 'at'))).toEqual({
      kind: 'Validation',
      code: 'VALIDATION.INSTANT',
      field: 'at',
    });
    expect(requireDate('2026-03-02', 'dueDate')).toBeUndefined();
    expect(codeOf(requireDate('2026-02-30', 'dueDate'))).toEqual({
      kind: 'Validation',
      code: 'VALIDATION.DATE',
      field: 'dueDate',
    });
  });

  it('requireNonEmpty', () => {
    expect(requireNonEmpty(['x'], 'evidence')).toBeUndefined();
    expect(requireNonEmpty([], 'evidence')?.code).toBe('VALIDATION.LIST_REQUIRED');
    expect(requireNonEmpty(undefined, 'evidence')?.code).toBe('VALIDATION.LIST_REQUIRED');
  });

  it('requireOneOf', () => {
    expect(requireOneOf('b', ['a', 'b'], 'kind')).toBeUndefined();
    expect(requireOneOf('c', ['a', 'b'], 'kind')?.code).toBe('VALIDATION.UNKNOWN_VALUE');
    expect(requireOneOf(undefined, ['a', 'b'], 'kind')?.code).toBe('VALIDATION.UNKNOWN_VALUE');
    expect(requireOneOf('toString', ['a', 'b'], 'kind')?.code).toBe('VALIDATION.UNKNOWN_VALUE');
  });

  describe('requireSubjects', () => {
    it('accepts well-formed subjects, none, or an empty list', () => {
      expect(
        requireSubjects([subject(), subject({ subjectId: 's2', cadreRank: 'CountyDivision', isPartyMember: false })]),
      ).toBeUndefined();
      expect(requireSubjects(undefined)).toBeUndefined();
      expect(requireSubjects([])).toBeUndefined();
    });

    it('rejects a duplicate subjectId', () => {
      expect(codeOf(requireSubjects([subject(), subject({ name: '另一人' })]))).toEqual({
        kind: 'Validation',
        code: 'VALIDATION.DUPLICATE_SUBJECT',
        field: 'subjects',
      });
    });

    it('rejects an unknown cadre rank', () => {
      expect(codeOf(requireSubjects([subject({ cadreRank: 'Ministerial' as never })]))).toEqual({
        kind: 'Validation',
        code: 'VALIDATION.UNKNOWN_VALUE',
        field: 'subjects.cadreRank',
      });
    });

    it.each([
      ['isPartyMember', { isPartyMember: 'yes' as never }],
      ['isPublicOfficial', { isPublicOfficial: undefined as never }],
    ])('rejects a %s flag that is not true or false', (_flag, over) => {
      expect(requireSubjects([subject(over)])?.code).toBe('VALIDATION.SUBJECT_FLAGS');
    });

    it.each([['subjectId'], ['name'], ['unit'], ['post']] as const)('rejects a blank %s, naming the field', (field) => {
      expect(codeOf(requireSubjects([subject({ [field]: ' ' })], 'accepted'))).toEqual({
        kind: 'Validation',
        code: 'VALIDATION.TEXT_REQUIRED',
        field: `accepted.${field}`,
      });
    });
  });
});
