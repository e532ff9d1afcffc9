import { CanActivate, ExecutionContext, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { roleFitsOrganisation } from '@xj/application';
import { Actor } from '@xj/domain';
import { ApiProblem } from '../http/problem';
import { OrganisationDirectory } from '@xj/composition';
import { AccountAccess, OpenBefore, PASSWORD_CHANGE_ALLOWED_KEY } from './account-access';
import { BrowserSessions, hasCsrfHeader, isSafeMethod, sessionCookieOf } from './browser-sessions';
import { SessionClaims, TokenClaims, TokenService } from './token-service';

const PUBLIC = 'xj:public';
/** Marks a route that needs no token (health, token issuance, docs). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC, true);

/** Whether the route is marked @Public() (on the handler or its controller). */
export const isPublicRoute = (reflector: Reflector, context: ExecutionContext): boolean =>
  reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()]) === true;

export type AuthenticatedRequest = Request & { actor?: Actor; session?: SessionClaims };

/**
 * Every route needs a valid bearer token or browser session unless marked @Public(). A request
 * with an Authorization header is judged by it alone; otherwise the session cookie counts, and a
 * cookie-authenticated write must carry X-Requested-With (CSRF). The actor's region comes from
 * the organisation directory, never from the token alone, so a token cannot widen its own scope.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly directory: OrganisationDirectory,
    private readonly sessions: BrowserSessions,
    private readonly accounts: AccountAccess,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (isPublicRoute(this.reflector, context)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    let claims: TokenClaims | undefined;
    if (header !== undefined) {
      const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
      claims = token ? await this.tokens.verify(token) : undefined;
    } else {
      claims = await this.sessionOf(request, context.switchToHttp().getResponse<Response>());
    }
    if (!claims) throw new ApiProblem(401, 'AUTH.UNAUTHENTICATED', 'A valid bearer token is required.');
    // Tokens signed here belong to accounts of the users file; an identity provider's are its business.
    if (this.tokens.issuesTokens)
      this.accounts.check(
        claims,
        this.reflector.getAllAndOverride<OpenBefore | undefined>(PASSWORD_CHANGE_ALLOWED_KEY, [context.getHandler()]),
      );
    const org = this.directory.get(claims.orgId);
    if (!org || !roleFitsOrganisation(claims.role, org.role))
      throw new ApiProblem(
        401,
        'AUTH.UNKNOWN_ORGANISATION',
        'The token names an organisation this deployment does not know.',
      );
    request.actor = {
      userId: claims.userId,
      role: claims.role,
      position: claims.position,
      orgId: org.id,
      regionId: org.regionId,
    };
    return true;
  }

  private async sessionOf(request: AuthenticatedRequest, response: Response): Promise<SessionClaims | undefined> {
    const cookie = sessionCookieOf(request);
    if (cookie === undefined || !this.sessions.available) return undefined;
    const session = await this.sessions.check(cookie);
    if (!session) return undefined;
    if (!isSafeMethod(request.method) && !hasCsrfHeader(request))
      throw new ApiProblem(
        403,
        'AUTH.CSRF_HEADER_REQUIRED',
        'Send X-Requested-With: XMLHttpRequest with this request.',
      );
    const renewed = await this.sessions.renewal(session);
    if (renewed) this.sessions.setCookie(request, response, renewed);
    request.session = session;
    return session;
  }
}

/** The authenticated actor of the request. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new ApiProblem(401, 'AUTH.UNAUTHENTICATED', 'A valid bearer token is required.');
  return actor;
});
