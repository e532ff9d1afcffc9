/**
 * Typed domain errors. `kind` decides the HTTP status in exactly one place (apps/api);
 * `code` is stable and documented, e.g. `CLUE.WRONG_STATE`.
 */
export type DomainErrorKind = 'NotFound' | 'Conflict' | 'InvalidTransition' | 'Forbidden' | 'Validation';

export class DomainError {
  readonly name = 'DomainError';
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    readonly message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {}
}

export const isDomainError = (value: unknown): value is DomainError => value instanceof DomainError;

export const forbidden = (code: string, message: string, details?: Record<string, unknown>): DomainError =>
  new DomainError('Forbidden', code, message, details);
export const invalidTransition = (code: string, message: string, details?: Record<string, unknown>): DomainError =>
  new DomainError('InvalidTransition', code, message, details);
export const validation = (code: string, message: string, details?: Record<string, unknown>): DomainError =>
  new DomainError('Validation', code, message, details);
export const conflict = (code: string, message: string, details?: Record<string, unknown>): DomainError =>
  new DomainError('Conflict', code, message, details);
export const notFound = (code: string, message: string, details?: Record<string, unknown>): DomainError =>
  new DomainError('NotFound', code, message, details);
