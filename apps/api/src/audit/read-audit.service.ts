import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import { AccessAction, AccessExport, AccessLog, AccessOutcome, AccessRecord, AccessTarget } from '@xj/application';
import { Actor } from '@xj/domain';
import { ApiProblem } from '../http/problem';
import { routeOf } from './access-log-routes';

/**
 * Records reads in the access log (查阅记录) on behalf of the HTTP layer: who (user, role,
 * organisation), what (target, action), from which request (correlation id, client IP, and method
 * and path without the query string unless they are the route the target and action name — never
 * a body), allowed or denied. Auditing is a requirement, not a best effort: when the entry cannot
 * be written the read fails with 503 and nothing is shown.
 */
@Injectable()
export class ReadAuditService {
  private readonly logger = new Logger('access-log');

  constructor(private readonly log: AccessLog) {}

  async record(
    request: Request,
    actor: Actor,
    target: AccessTarget,
    action: AccessAction,
    outcome: AccessOutcome,
    detail?: string,
  ): Promise<void> {
    await this.append(action, target.kind, () =>
      this.log.record(this.recordOf(request, actor, target, action, outcome, detail)),
    );
  }

  /**
   * Records a ledger export as one record naming the file, with the cases it showed listed once
   * (issue 19 §3); 503 when it cannot be recorded.
   */
  async recordExport(request: Request, actor: Actor, exported: AccessExport, detail: string): Promise<void> {
    const target = { kind: exported.kind, id: '*' };
    await this.append('export', exported.kind, () =>
      this.log.recordExport(this.recordOf(request, actor, target, 'export', 'allowed', detail), exported),
    );
  }

  private async append(action: AccessAction, kind: string, write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (error) {
      this.logger.error({ err: error, action, kind }, 'access log append failed');
      throw new ApiProblem(
        503,
        'AUDIT.LOG_UNAVAILABLE',
        'The read could not be recorded in the access log; try again.',
      );
    }
  }

  private recordOf(
    request: Request,
    actor: Actor,
    target: AccessTarget,
    action: AccessAction,
    outcome: AccessOutcome,
    detail?: string,
  ): AccessRecord {
    const correlation = (request as Request & { id?: unknown }).id;
    const path = (request.originalUrl ?? request.url ?? '').split('?')[0] ?? '';
    const route = routeOf(target, action);
    const derived = route !== undefined && route.method === request.method && route.path === path;
    return {
      target,
      action,
      outcome,
      reader: {
        userId: actor.userId,
        role: actor.role,
        orgId: actor.orgId,
        position: actor.position,
        regionId: actor.regionId,
      },
      request: {
        ...(derived ? {} : { method: request.method, path }),
        correlationId: typeof correlation === 'string' && correlation.length > 0 ? correlation : randomUUID(),
        clientIp: request.ip ?? null,
      },
      ...(detail !== undefined ? { detail } : {}),
    };
  }
}
