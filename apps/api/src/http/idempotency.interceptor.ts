import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, defer, mergeMap, of } from 'rxjs';
import { IdempotencyService, IdempotentAnswer, IdempotentRequest, JsonObject } from '@xj/application';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { commandRequestOf } from './command-request';
import { HttpAnswer } from './http-answer';

/**
 * Idempotency-Key on a command route (see IdempotencyService for the storage and its
 * guarantees). Before the route: the key's recorded answer is replayed as it was first given,
 * with `Idempotent-Replayed: true` (another request under the key: 422). After it: a success is
 * recorded as the key's answer — status, headers and JSON body, serialized here; the application
 * stores it opaquely. Errors are never recorded: they are thrown past this interceptor, and a
 * non-2xx answer is passed on unrecorded. If a concurrent attempt recorded first, its answer is
 * given instead, so every attempt under a key answers the same.
 *
 * Runs before the route's pipes: a key that answered settles a retry before its body is validated
 * again (another body under it is 422 even where it would not pass validation).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly idempotency: IdempotencyService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const { idempotent } = commandRequestOf(context.switchToHttp().getRequest<AuthenticatedRequest>());
    if (!idempotent) return next.handle();
    return defer(() => this.idempotency.lookup(idempotent)).pipe(
      mergeMap((recorded) =>
        recorded
          ? of(answerOfRecord(recorded, true))
          : next.handle().pipe(mergeMap((answer) => this.record(idempotent, answer))),
      ),
    );
  }

  private async record(request: IdempotentRequest, answer: unknown): Promise<HttpAnswer> {
    if (!(answer instanceof HttpAnswer) || !isJsonObject(answer.body))
      throw new Error('A route under Idempotency-Key must answer with an HttpAnswer of a JSON object.');
    if (!answer.isSuccess) return answer;
    const recorded = await this.idempotency.record(request, {
      status: answer.status,
      headers: { ...answer.headers },
      body: answer.body,
    });
    return answerOfRecord(recorded, answer.replayed);
  }
}

const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isStringRecord = (value: unknown): value is Record<string, string> =>
  isJsonObject(value) && Object.values(value).every((v) => typeof v === 'string');

/**
 * An answer as recorded — `{ status, headers, body }`, also the form versions before #14 stored
 * their responses in (IdempotencyService upcasts those).
 */
const answerOfRecord = (recorded: IdempotentAnswer, replayed: boolean): HttpAnswer => {
  const { status, headers, body } = recorded;
  if (typeof status !== 'number' || !isStringRecord(headers) || !isJsonObject(body))
    throw new Error('An Idempotency-Key record is not an answer.');
  return new HttpAnswer(status, headers, body, replayed);
};
