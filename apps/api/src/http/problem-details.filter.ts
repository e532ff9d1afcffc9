import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  Logger,
  Optional,
  ServiceUnavailableException,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  AccessLogCursorError,
  AccountError,
  type PasswordViolation,
  CaseNotVisibleError,
  CommandRejectedError,
  ConcurrencyExhaustedError,
  DocumentNotAvailableError,
  DocumentTemplateError,
  EventStoreError,
  EvidenceUploadError,
  EvidenceUploadProblem,
  ERROR_CODE_LABELS,
  IdempotencyKeyReusedError,
  Lang,
  LoginLimiterUnavailableError,
  RevisionMismatchError,
  TransferPackageRefusedError,
  languageOf,
} from '@xj/application';
import { OrganisationDirectory } from '@xj/composition';
import { DomainErrorKind } from '@xj/domain';
import { competenceDetail } from './competence-detail';
import { FieldError, renderFieldErrors } from './field-errors';
import { ApiProblem, PROBLEM_CONTENT_TYPE, Problem, TooManyRequestsProblem, problemType } from './problem';
import { wrongStateDetail } from './wrong-state-detail';

const DOMAIN_STATUS: Record<DomainErrorKind, number> = {
  NotFound: 404,
  Forbidden: 403,
  Conflict: 409,
  InvalidTransition: 409,
  Validation: 422,
};

export type Mapped = Omit<Problem, 'type' | 'instance' | 'correlationId' | 'errors'> & {
  /** Worded in the request's language when the problem is sent. */
  readonly errors?: readonly FieldError[];
  /** Sent as the Retry-After header, not in the body. */
  readonly retryAfterSeconds?: number;
};

/**
 * The one place that knows HTTP status codes. Every error becomes application/problem+json with
 * a stable code; nothing internal (stack, SQL, driver message) ever reaches the client.
 */
const HTTP_LOGGER = new Logger('http');

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = HTTP_LOGGER;

  /** The directory names the competent organisations of a jurisdiction refusal (absent in bare test modules). */
  constructor(@Optional() private readonly directory?: OrganisationDirectory) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(
      error,
      http.getRequest<Request & { id?: string }>(),
      http.getResponse<Response>(),
      this.directory,
      this.logger,
    );
  }
}

/**
 * Answers `error` as application/problem+json in the request's language: the filter's answer, and
 * the one a streamed file gives when it fails before its first byte (ledger-exports.ts).
 */
export function sendProblem(
  error: unknown,
  request: Request,
  response: Response,
  directory?: OrganisationDirectory,
  logger: Logger = HTTP_LOGGER,
): void {
  const { retryAfterSeconds, ...mapped } = mapError(error);
  // Not being ready is a state, reported where it changes; a readiness poll is not a failure.
  if (mapped.status >= 500 && mapped.code !== NOT_READY)
    logger.error({ err: error, code: mapped.code }, 'request failed');
  // API clients get English unless they ask; the workbench sends Accept-Language: zh-CN.
  const lang = languageOf(request.headers?.['accept-language'], 'en');
  const detail = wrongStateDetail(error, lang) ?? competenceDetail(error, lang, directory);
  const { errors, ...worded } = inLanguage(mapped, lang);
  const problem: Problem = {
    type: problemType(mapped.code),
    ...worded,
    ...(errors === undefined ? {} : { errors: renderFieldErrors(errors, lang) }),
    ...(detail === undefined ? {} : { detail }),
    instance: request.originalUrl?.split('?')[0],
    correlationId: typeof request.id === 'string' ? request.id : undefined,
  };
  if (response.headersSent) return;
  if (retryAfterSeconds !== undefined) response.setHeader('retry-after', String(retryAfterSeconds));
  response.setHeader('content-language', lang === 'zh' ? 'zh-CN' : 'en');
  response.vary('accept-language');
  response.status(mapped.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

/** The password policy's violations as field-error codes (worded in field-errors.ts). */
const PASSWORD_CODE: Readonly<Record<PasswordViolation, string>> = {
  TOO_SHORT: 'passwordTooShort',
  TOO_LONG: 'passwordTooLong',
  TOO_FEW_CHARACTER_CLASSES: 'passwordTooFewCharacterClasses',
  CONTAINS_USERNAME: 'passwordContainsUsername',
  REUSED: 'passwordReused',
};

/** Maps any error to its problem (status, stable code, title). */
export function mapError(error: unknown): Mapped {
  if (error instanceof TooManyRequestsProblem)
    return { status: 429, code: error.code, title: error.title, retryAfterSeconds: error.retryAfterSeconds };
  if (error instanceof ApiProblem)
    return { status: error.status, code: error.code, title: error.title, errors: error.errors };
  if (error instanceof CommandRejectedError) {
    const e = error.domainError;
    return { status: DOMAIN_STATUS[e.kind], code: e.code, title: e.message };
  }
  if (error instanceof AccountError)
    return {
      status: DOMAIN_STATUS[error.kind],
      code: error.code,
      title: error.message,
      ...(error.violations.length > 0
        ? { errors: [{ field: 'newPassword', violations: error.violations.map((v) => ({ code: PASSWORD_CODE[v] })) }] }
        : {}),
    };
  if (error instanceof CaseNotVisibleError) return { status: 404, code: 'NOT_FOUND', title: 'No such case.' };
  if (error instanceof RevisionMismatchError)
    return {
      status: 412,
      code: error.code,
      title: 'The case has changed since the revision given in If-Match.',
      detail: error.message,
    };
  if (error instanceof ConcurrencyExhaustedError) return { status: 409, code: error.code, title: error.message };
  if (error instanceof IdempotencyKeyReusedError) return { status: 422, code: error.code, title: error.message };
  if (error instanceof AccessLogCursorError) return { status: 400, code: error.code, title: error.message };
  if (error instanceof EvidenceUploadError)
    return { status: UPLOAD_STATUS[error.problem], code: error.code, title: error.message };
  // The case has not reached the step that produces this document (issue 19 §2).
  if (error instanceof DocumentNotAvailableError) return { status: 409, code: error.code, title: error.message };
  // The deployment's template file is broken: the server's configuration, not the request.
  if (error instanceof DocumentTemplateError) return { status: 503, code: error.code, title: error.message };
  // A transfer package that does not verify (issue 19 §4): nothing was stored; each finding is named.
  if (error instanceof TransferPackageRefusedError)
    return { status: 422, code: error.code, title: 'The transfer package was refused.', problems: error.problems };
  if (error instanceof EventStoreError) return mapStore(error);
  // Fail closed: a login that cannot be counted is not checked.
  if (error instanceof LoginLimiterUnavailableError)
    return { status: 503, code: error.code, title: 'Logins are unavailable for a moment; try again.' };
  if (error instanceof ServiceUnavailableException) {
    const notReady = notReadyOf(error.getResponse());
    if (notReady) return notReady;
  }
  const status = (error as { status?: unknown; type?: unknown })?.status;
  const type = (error as { type?: unknown })?.type;
  // body-parser errors (malformed JSON, body too large) arrive before any controller.
  if (type === 'entity.too.large' || status === 413)
    return { status: 413, code: 'REQUEST.BODY_TOO_LARGE', title: 'The request body is too large.' };
  if (type === 'entity.parse.failed')
    return { status: 400, code: 'REQUEST.MALFORMED', title: 'The request body is not valid JSON.' };
  if (type === 'charset.unsupported' || type === 'encoding.unsupported')
    return {
      status: 415,
      code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
      title: "The request body's charset or content encoding is not supported.",
    };
  if (error instanceof HttpException) return mapHttp(error);
  if (typeof status === 'number' && status >= 400 && status < 500)
    return { status, code: 'REQUEST.INVALID', title: 'The request is invalid.' };
  return { status: 500, code: 'INTERNAL', title: 'An internal error occurred.' };
}

const NOT_READY = 'HEALTH.NOT_READY';

const UPLOAD_STATUS: Readonly<Record<EvidenceUploadProblem, number>> = {
  'too-large': 413,
  'unsupported-type': 415,
  incomplete: 400,
  'missing-file': 400,
  'invalid-form': 400,
};

/** When a code has no label of its own (it always should: label-catalogue.spec.ts checks). */
const ZH_BY_STATUS: Readonly<Record<number, string>> = {
  400: '请求无效',
  401: '请先登录',
  403: '无权执行此操作',
  404: '未找到该对象',
  409: '操作与案件当前情况冲突',
  412: '案件已被他人修改，请刷新后重试',
  413: '请求内容过大',
  415: '不支持的请求内容类型',
  422: '填写内容未通过校验',
  429: '请求过于频繁，请稍后再试',
  503: '服务暂不可用，请稍后再试',
};

/**
 * The problem in the language asked for. English keeps the specific message of today (the
 * domain's own words); Chinese titles the code from the label catalogue and drops the English
 * detail — the code, the field list and the status still say exactly what went wrong.
 */
export function inLanguage(mapped: Omit<Mapped, 'retryAfterSeconds'>, lang: Lang): Omit<Mapped, 'retryAfterSeconds'> {
  if (lang === 'en') return mapped;
  const { detail: _english, ...rest } = mapped;
  const own = Object.prototype.hasOwnProperty.call(ERROR_CODE_LABELS, mapped.code);
  const title =
    (own ? ERROR_CODE_LABELS[mapped.code]?.zh : undefined) ?? ZH_BY_STATUS[mapped.status] ?? '服务器内部错误';
  return { ...rest, title };
}

/** @nestjs/terminus throws a 503 whose response is the health check result: keep its reasons and checks. */
function notReadyOf(body: unknown): Mapped | undefined {
  const result = body as { status?: unknown; error?: unknown; details?: unknown } | undefined;
  if (typeof result !== 'object' || result === null || (result.status !== 'error' && result.status !== 'shutting_down'))
    return undefined;
  const failing =
    typeof result.error === 'object' && result.error !== null
      ? Object.values(result.error as Record<string, { reason?: unknown }>)
      : [];
  const reasons = failing.map((check) => check.reason).filter((reason): reason is string => typeof reason === 'string');
  const checks =
    typeof result.details === 'object' && result.details !== null ? (result.details as Record<string, unknown>) : {};
  return {
    status: 503,
    code: NOT_READY,
    title: 'Not ready to serve.',
    reasons: result.status === 'shutting_down' ? ['shutting_down'] : reasons,
    checks,
  };
}

function mapStore(error: EventStoreError): Mapped {
  switch (error.code) {
    case 'STREAM.WRONG_EXPECTED_REVISION':
    case 'EVENT.ID_CONFLICT':
      return { status: 409, code: error.code, title: 'The case changed concurrently; try again.' };
    case 'EVENT.PAYLOAD_TOO_LARGE':
      return { status: 413, code: error.code, title: 'The case data is too large.' };
    case 'STORE.UNAVAILABLE':
      return { status: 503, code: error.code, title: 'The event store is unavailable; try again.' };
    default:
      return { status: 400, code: error.code, title: 'The request could not be stored as given.' };
  }
}

function mapHttp(error: HttpException): Mapped {
  const status = error.getStatus();
  if (status === 404) return { status, code: 'NOT_FOUND', title: 'No such resource.' };
  if (status === 401) return { status, code: 'AUTH.UNAUTHENTICATED', title: 'A valid bearer token is required.' };
  if (status === 403) return { status, code: 'AUTH.FORBIDDEN', title: 'Not allowed.' };
  if (status === 413) return { status, code: 'REQUEST.BODY_TOO_LARGE', title: 'The request body is too large.' };
  // Nest turns body-parser's JSON SyntaxError and Express's URIError into a bare 400 before any pipe runs.
  if (status === 400)
    return {
      status,
      code: 'REQUEST.MALFORMED',
      title: 'The request could not be parsed (malformed JSON or URL encoding).',
    };
  if (status >= 500) return { status: 500, code: 'INTERNAL', title: 'An internal error occurred.' };
  return { status, code: 'REQUEST.INVALID', title: 'The request is invalid.' };
}
