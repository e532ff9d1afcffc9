import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, defer, map, mergeMap, catchError, throwError } from 'rxjs';
import { CaseKind, CaseNotVisibleError } from '@xj/application';
import { ReadAuditService } from '../audit/read-audit.service';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { HttpAnswer } from '../http/http-answer';
import type { CaseCommandResult } from './case-commands';
import type { CaseView } from './case-reader';

const pathOf = (kind: CaseKind): string => (kind === 'rectification' ? 'rectification-items' : `${kind}s`);

/** The answer to a case command: 201 with Location for a create, else 200; ETag = new revision; X-Global-Position. */
export const commandAnswerOf = (result: CaseCommandResult): HttpAnswer => {
  const { kind, id, status, revision, position, events, created, replayed, flaggedDeadlines, createdCases } = result;
  const headers: Record<string, string> = {};
  if (revision !== null) headers['etag'] = `"${revision}"`;
  if (position !== null) headers['x-global-position'] = position;
  if (created) headers['location'] = `/api/v1/${pathOf(kind)}/${id}`;
  // Array.from: the events may come from a store's driver in another realm, and the answer is stored as plain JSON.
  return new HttpAnswer(
    created ? 201 : 200,
    headers,
    {
      kind,
      id,
      status,
      revision,
      position,
      events: Array.from(events),
      ...(flaggedDeadlines ? { flaggedDeadlines: flaggedDeadlines.map((d) => ({ ...d })) } : {}),
      ...(createdCases ? { createdCases: createdCases.map((c) => ({ kind: c.kind, id: c.id })) } : {}),
    },
    replayed,
  );
};

/**
 * A command route's result as its HTTP answer (which the idempotency interceptor records). A
 * command refused because its case is not visible probes for the case like a read would: it is
 * recorded in the access log as a denied access, before the 404 is answered.
 */
@Injectable()
export class CaseCommandInterceptor implements NestInterceptor<CaseCommandResult, HttpAnswer> {
  constructor(private readonly audit: ReadAuditService) {}

  intercept(context: ExecutionContext, next: CallHandler<CaseCommandResult>): Observable<HttpAnswer> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    return next.handle().pipe(
      map(commandAnswerOf),
      catchError((error: unknown) => {
        const { actor } = request;
        if (!(error instanceof CaseNotVisibleError) || !error.probe || !actor) return throwError(() => error);
        const { kind, id, commandType } = error.probe;
        return defer(() => this.audit.record(request, actor, { kind, id }, 'command', 'denied', commandType)).pipe(
          mergeMap(() => throwError(() => error)),
        );
      }),
    );
  }
}

/** A case read: 200 with ETag = the case's revision. */
@Injectable()
export class CaseViewInterceptor implements NestInterceptor<CaseView, HttpAnswer<CaseView>> {
  intercept(_context: ExecutionContext, next: CallHandler<CaseView>): Observable<HttpAnswer<CaseView>> {
    return next
      .handle()
      .pipe(map((view) => new HttpAnswer(200, view.revision === null ? {} : { etag: `"${view.revision}"` }, view)));
  }
}
