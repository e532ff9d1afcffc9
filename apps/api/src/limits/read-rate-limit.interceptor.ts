import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { AuthenticatedRequest } from '../auth/auth.guard';
import { TooManyRequestsProblem } from '../http/problem';
import { TokenBuckets } from './token-buckets';

/** DI token of the read limit's {@link TokenBuckets}. */
export const READ_BUCKETS = Symbol('READ_BUCKETS');

const READS = ['GET', 'HEAD'];

/**
 * The per-user read limit (issue #13 item 2): every authenticated read — case details, history,
 * as-of, explanations, the access log, ledgers, inbox, statistics, and any read route added later
 * — takes a token from its user's bucket (READ_RATE_PER_SECOND, READ_BURST). It bounds how much
 * one account can make the system read and record in the access log. An interceptor, so it runs
 * after every guard has settled who the user is, and before the handler: a refused read is not
 * recorded in the access log (nothing was read) — the HTTP log has its 429. The buckets live in
 * this process's memory: a shared store would cost a write per read, which is what the limit
 * protects; with several replicas a user gets the rate on each.
 */
@Injectable()
export class ReadRateLimitInterceptor implements NestInterceptor {
  constructor(@Inject(READ_BUCKETS) private readonly buckets: TokenBuckets) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (context.getType() === 'http' && request.actor && READS.includes(request.method)) {
      const retryAfterSeconds = this.buckets.take(request.actor.userId);
      if (retryAfterSeconds > 0)
        throw new TooManyRequestsProblem('RATE_LIMITED', 'Too many reads; slow down.', retryAfterSeconds);
    }
    return next.handle();
  }
}
