import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IntegrityBreaches, mayPerform } from '@xj/application';
import { AuthenticatedRequest, isPublicRoute } from '../auth/auth.guard';
import { ApiProblem } from '../http/problem';

/**
 * How a route is treated while an integrity breach is unacknowledged:
 * - `open`: served as usual (looking at breaches, acknowledging one);
 * - `read`: auditors only (a verification is a POST that changes nothing);
 * - `write`: refused.
 * Without the decorator: GET and HEAD are reads, every other method a write. Public routes
 * (health, login, docs) are open.
 */
export type BreachPolicy = 'open' | 'read' | 'write';

const BREACH_POLICY = 'xj:breach-policy';

export const DuringBreach = (policy: BreachPolicy): MethodDecorator & ClassDecorator =>
  SetMetadata(BREACH_POLICY, policy);

/**
 * The one place writes are suspended after the store was found altered (#13 item 3): while a
 * breach is open, writes answer 503 INTEGRITY.WRITES_SUSPENDED and reads other than an auditor's
 * 503 INTEGRITY.READS_SUSPENDED, until the security administrator acknowledges the breach. Registered after
 * AuthGuard, so the actor is known.
 */
@Injectable()
export class IntegrityGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly breaches: IntegrityBreaches,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const open = this.breaches.open();
    if (open.length === 0 || isPublicRoute(this.reflector, context)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const declared = this.reflector.getAllAndOverride<BreachPolicy | undefined>(BREACH_POLICY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const policy = declared ?? (request.method === 'GET' || request.method === 'HEAD' ? 'read' : 'write');
    if (policy === 'open' || (policy === 'read' && mayPerform(request.actor?.role ?? '', 'reads-during-breach')))
      return true;
    const which = open.map((breach) => breach.breachId).join(', ');
    if (policy === 'read') {
      throw new ApiProblem(
        503,
        'INTEGRITY.READS_SUSPENDED',
        `The record was found altered (integrity breach ${which}): only auditors read until the security administrator acknowledges it.`,
      );
    }
    throw new ApiProblem(
      503,
      'INTEGRITY.WRITES_SUSPENDED',
      `The record was found altered (integrity breach ${which}): writes are suspended until the security administrator acknowledges it.`,
    );
  }
}
