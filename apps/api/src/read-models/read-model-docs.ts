import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

const problem = (status: number, description: string) =>
  ApiResponse({
    status,
    description,
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  });

/** The errors every read-model endpoint may answer. */
export const ApiReadModelResponses = () =>
  applyDecorators(
    problem(400, 'REQUEST.VALIDATION_FAILED (unknown or invalid query parameter), REQUEST.FORBIDDEN_KEY'),
    problem(401, 'AUTH.UNAUTHENTICATED, AUTH.UNKNOWN_ORGANISATION'),
    problem(403, 'AUTH.ROLE_NOT_ALLOWED — the role may not read this view (e.g. administrators never see case data)'),
    problem(429, "RATE_LIMITED — the caller's per-user read limit; Retry-After: seconds"),
  );
