import { UseInterceptors, applyDecorators } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { HttpAnswerInterceptor } from '../http/http-answer';
import { IdempotencyInterceptor } from '../http/idempotency.interceptor';
import { ApiCommandResponses, ApiCreateResponses, ApiReadResponses } from './api-docs';
import { CaseCommandInterceptor, CaseViewInterceptor } from './case-results.interceptor';

/**
 * What makes a route a case route: its documented responses and the interceptors that turn its
 * returned value into the HTTP answer. Listed outermost first: the idempotency interceptor records
 * and replays the answer the command interceptor makes of the route's CaseCommandResult, and the
 * answer interceptor writes it.
 */
const COMMAND_INTERCEPTORS = UseInterceptors(HttpAnswerInterceptor, IdempotencyInterceptor, CaseCommandInterceptor);

/** A command on an existing case. */
export const CommandRoute = (summary: string) =>
  applyDecorators(ApiOperation({ summary }), ApiCommandResponses(), COMMAND_INTERCEPTORS);

/** A command creating a case (201, Location). */
export const CreateRoute = (summary: string) =>
  applyDecorators(ApiOperation({ summary }), ApiCreateResponses(), COMMAND_INTERCEPTORS);

/** A read of one case (ETag). */
export const ReadRoute = (summary: string) =>
  applyDecorators(
    ApiOperation({ summary }),
    ApiReadResponses(),
    UseInterceptors(HttpAnswerInterceptor, CaseViewInterceptor),
  );
