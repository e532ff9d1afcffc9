import type { PackageProblem } from '@xj/application';
import type { FieldError, RenderedFieldError } from './field-errors';

/** RFC 9457 problem document: the only error shape the API ever returns. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  /** Stable machine-readable code, e.g. `CLUE.WRONG_STATE`. */
  readonly code: string;
  readonly detail?: string;
  readonly instance?: string;
  readonly correlationId?: string;
  /** Per-field rule codes and messages in the answer's language (never values from the request). */
  readonly errors?: readonly RenderedFieldError[];
  /** HEALTH.NOT_READY: why (each failing check's `reason`), and every check as /health/ready reports it. */
  readonly reasons?: readonly string[];
  readonly checks?: Readonly<Record<string, unknown>>;
  /** A refused transfer package: every finding, each naming its stream and revision or attachment. */
  readonly problems?: readonly PackageProblem[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const problemType = (code: string): string => `urn:xingji-link:problem:${code.toLowerCase()}`;

/** Raised by the HTTP layer itself (auth, input checks); mapped by the one filter. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    /** Language-neutral: the filter words them in the request's language. */
    readonly errors?: readonly FieldError[],
  ) {
    super(title);
  }
}

/** 429 with the seconds the client should wait, sent as Retry-After (RFC 9110 §10.2.3) by the one filter. */
export class TooManyRequestsProblem extends ApiProblem {
  constructor(
    code: string,
    title: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, code, title);
  }
}

export const notFoundProblem = (what = 'case'): ApiProblem => new ApiProblem(404, 'NOT_FOUND', `No such ${what}.`);
