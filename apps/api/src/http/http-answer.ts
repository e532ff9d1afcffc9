import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { Observable, map } from 'rxjs';

/**
 * A route's complete answer — status, headers and body — as one value: what a result interceptor
 * maps a route's result to, and what an Idempotency-Key records and replays. Routes and
 * interceptors return it; only {@link HttpAnswerInterceptor}, the outermost interceptor of such a
 * route, writes it to the response.
 */
export class HttpAnswer<B = unknown> {
  constructor(
    readonly status: number,
    /** Lower-case names. */
    readonly headers: Readonly<Record<string, string>>,
    /** JSON (an object or array), or a string sent as it is under its own content-type header. */
    readonly body: B,
    /** A retry answered with the answer first given: sent with `Idempotent-Replayed: true`. */
    readonly replayed = false,
  ) {}

  get isSuccess(): boolean {
    return this.status >= 200 && this.status < 300;
  }
}

/**
 * Writes a returned {@link HttpAnswer}: its status and headers, then its body through Nest as any
 * returned value (JSON for an object; a string as it is). Other values pass untouched. The one
 * place where answers meet the response object.
 */
@Injectable()
export class HttpAnswerInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(map((value: unknown) => (value instanceof HttpAnswer ? write(response, value) : value)));
  }
}

const write = (response: Response, answer: HttpAnswer): unknown => {
  response.status(answer.status);
  for (const [name, value] of Object.entries(answer.headers)) response.setHeader(name, value);
  if (answer.replayed) response.setHeader('idempotent-replayed', 'true');
  return answer.body;
};
