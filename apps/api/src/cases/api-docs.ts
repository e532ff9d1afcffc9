import { applyDecorators, Injectable, Param, PipeTransform } from '@nestjs/common';
import { ApiHeader, ApiParam, ApiResponse } from '@nestjs/swagger';
import { CaseViewDto } from '../audit/audit-views.dto';
import { ApiProblem } from '../http/problem';

const ID = /^[A-Za-z0-9_.:-]{1,100}$/;

/** Case ids in paths: anything else is a 404 before any store access. */
@Injectable()
export class CaseIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!ID.test(value)) throw new ApiProblem(404, 'NOT_FOUND', 'No such case.');
    return value;
  }
}

/** The case id of the path (`:id`), checked by {@link CaseIdPipe}. */
export const CaseId = (): ParameterDecorator => Param('id', CaseIdPipe);

const problem = (status: number, description: string) =>
  ApiResponse({
    status,
    description,
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  });

const COMMON = [
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Clients MUST send one (8–128 chars of A–Z a–z 0–9 _ . : -), fresh per intended change: a committed write can still answer 503 when the disk fails at the wrong moment, and only a retry under the same key is safe. ' +
      'Same key + same body → the original success (201/200, same body and headers), nothing written, also during a concurrent attempt and after a restart; same key + other body → 422 IDEMPOTENCY.KEY_REUSED. Errors are not remembered: a retry after one is executed again. ' +
      'Not required by the server, for older clients; without it a retry may write twice.',
  }),
  problem(
    400,
    'REQUEST.VALIDATION_FAILED, REQUEST.MALFORMED, REQUEST.TOO_DEEP, REQUEST.INVALID_TEXT, REQUEST.FORBIDDEN_KEY, IDEMPOTENCY.INVALID_KEY, PRECONDITION.INVALID_IF_MATCH',
  ),
  problem(401, 'AUTH.UNAUTHENTICATED, AUTH.UNKNOWN_ORGANISATION'),
  problem(
    403,
    'AUTH.ROLE_NOT_ALLOWED, AUTH.READ_ONLY_ROLE, AUTH.HEAD_REQUIRED, AUTH.OUTSIDE_JURISDICTION, AUTH.WRONG_ORGANISATION',
  ),
  problem(409, '<CASE>.WRONG_STATE and other InvalidTransition/Conflict codes; COMMAND.CONCURRENCY_RETRIES_EXHAUSTED'),
  problem(413, 'REQUEST.BODY_TOO_LARGE, EVENT.PAYLOAD_TOO_LARGE'),
  problem(415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE — a body that is not UTF-8 JSON'),
  problem(422, 'Domain validation codes (VALIDATION.*, <CASE>.*); IDEMPOTENCY.KEY_REUSED'),
  problem(429, 'RATE_LIMITED'),
  problem(503, 'STORE.UNAVAILABLE'),
];

export const ApiCaseIdParam = () => ApiParam({ name: 'id', description: 'Case id', example: 'c-2026-0001' });

/** Responses of a creating command route. */
export const ApiCreateResponses = () =>
  applyDecorators(
    ApiResponse({
      status: 201,
      description: 'Created. ETag = stream revision; X-Global-Position = global position; Location = the case.',
      schema: { $ref: '#/components/schemas/CommandResult' },
    }),
    ...COMMON,
  );

/** Responses of a command on an existing case. */
export const ApiCommandResponses = () =>
  applyDecorators(
    ApiCaseIdParam(),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'ETag of the revision the client acted on; a mismatch answers 412 and writes nothing.',
    }),
    ApiResponse({
      status: 200,
      description: 'Done (also when the command changed nothing). ETag = new revision.',
      schema: { $ref: '#/components/schemas/CommandResult' },
    }),
    problem(404, 'NOT_FOUND — no such case, or one the caller may not see'),
    problem(412, 'COMMAND.REVISION_MISMATCH'),
    ...COMMON,
  );

/** Responses of a case read. */
export const ApiReadResponses = () =>
  applyDecorators(
    ApiCaseIdParam(),
    ApiResponse({
      status: 200,
      description: 'The case: { kind, id, revision, position, state }. ETag = revision.',
      type: CaseViewDto,
    }),
    problem(401, 'AUTH.UNAUTHENTICATED'),
    problem(404, 'NOT_FOUND — no such case, or one the caller may not see'),
    problem(429, "RATE_LIMITED — the caller's per-user read limit; Retry-After: seconds"),
  );
