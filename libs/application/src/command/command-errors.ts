import { DomainError } from '@xj/domain';
import type { CaseKind } from '../cases/case-aggregates';

/**
 * Errors of the command path. Only apps/api knows HTTP; these carry a stable `code` and a kind
 * it maps once, like the domain's own errors.
 */
export class CommandRejectedError extends Error {
  override readonly name = 'CommandRejectedError';
  constructor(readonly domainError: DomainError) {
    super(domainError.message);
  }
}

/** The client pinned a revision (If-Match) and the stream has moved on. */
export class RevisionMismatchError extends Error {
  override readonly name = 'RevisionMismatchError';
  readonly code = 'COMMAND.REVISION_MISMATCH';
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`The case is at revision ${actual}, not ${expected}.`);
  }
}

/** Unpinned retries on concurrent writers ran out; the client may try again. */
export class ConcurrencyExhaustedError extends Error {
  override readonly name = 'ConcurrencyExhaustedError';
  readonly code = 'COMMAND.CONCURRENCY_RETRIES_EXHAUSTED';
  constructor(readonly attempts: number) {
    super(`The case kept changing under ${attempts} attempts; try again.`);
  }
}

/** The same Idempotency-Key was sent with a different request. */
export class IdempotencyKeyReusedError extends Error {
  override readonly name = 'IdempotencyKeyReusedError';
  readonly code = 'IDEMPOTENCY.KEY_REUSED';
  constructor() {
    super('This Idempotency-Key was already used for a different request.');
  }
}

/** A caller's command refused because its case is not visible: a probe for the case. */
export interface CaseProbe {
  readonly kind: CaseKind;
  readonly id: string;
  readonly commandType: string;
}

/**
 * The caller may not see this case. Answered exactly like a case that does not exist (404), so
 * existence does not leak. A refused command carries its `probe`, which the API records in the
 * access log like a denied read (it needs the request's origin, which only the API knows).
 */
export class CaseNotVisibleError extends Error {
  override readonly name = 'CaseNotVisibleError';
  readonly code = 'NOT_FOUND';
  constructor(readonly probe?: CaseProbe) {
    super('No such case.');
  }
}
