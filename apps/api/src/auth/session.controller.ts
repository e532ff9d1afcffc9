import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { dutiesOf, roleFitsOrganisation } from '@xj/application';
import { OrganisationDirectory, UserRecord, UserStore } from '@xj/composition';
import { Actor } from '@xj/domain';
import { ApiProblem } from '../http/problem';
import { AccountAccess, AllowedBeforePasswordChange } from './account-access';
import { AuthenticatedRequest, CurrentActor, Public } from './auth.guard';
import { SecondFactorCodeDto, SecondFactorRequiredDto, TokenRequestDto } from './auth.controller';
import { BrowserSessions, hasCsrfHeader, sessionCookieOf } from './browser-sessions';
import { claimsOf, LoginService } from './login.service';

export class SessionUserDto {
  @ApiProperty({ example: 'user-dawa-office' }) userId!: string;
  @ApiPropertyOptional({ example: '大洼区法治建设办 工作人员' }) displayName?: string;
  @ApiProperty({ example: 'RuleOfLawOffice' }) role!: string;
  @ApiProperty({ enum: ['Head', 'Staff'] }) position!: string;
  @ApiProperty({ example: 'dawa.rol-office' }) orgId!: string;
  @ApiPropertyOptional({ example: '大洼区法治建设办' }) orgNameZh?: string;
  @ApiProperty({ example: 'panjin/dawa' }) regionId!: string;
  @ApiProperty({ enum: ['cookie', 'bearer'], description: 'How this request was authenticated.' })
  authenticatedBy!: 'cookie' | 'bearer';
  @ApiPropertyOptional({ description: 'Cookie sessions: when the session ends at the latest (ISO-8601).' })
  sessionEndsAt?: string;
  @ApiPropertyOptional({ description: 'Cookie sessions: signed out after this many seconds without a request.' })
  idleTimeoutSeconds?: number;
  @ApiPropertyOptional({
    enum: ['one-time', 'expired'],
    description:
      'Accounts issued here: the password must be changed (POST /api/v1/auth/password) before anything else — every other route answers 403 until then.',
  })
  passwordChangeDue?: 'one-time' | 'expired';
  @ApiPropertyOptional({
    description:
      'MFA_REQUIRED_* asks this account for a second factor: enrol it (POST /api/v1/auth/second-factor/enrolment) before anything else.',
  })
  secondFactorEnrolmentDue?: boolean;
  @ApiProperty({
    type: [String],
    description:
      'The administrative duties of the role (三员分立, ADMINISTRATIVE_DUTIES: accounts, account-roles, second-factors, log-export, …); empty for a case role. The workbench offers only these.',
  })
  duties!: string[];
}

const csrfRequired = (): ApiProblem =>
  new ApiProblem(403, 'AUTH.CSRF_HEADER_REQUIRED', 'Send X-Requested-With: XMLHttpRequest with this request.');

/**
 * The browser's session (issue 16): log in with the same accounts as POST /auth/token, get an
 * httpOnly SameSite=Strict cookie (Secure over HTTPS) instead of a token a page script could read.
 */
@ApiTags('auth')
@Controller('api/v1/auth/session')
export class SessionController {
  constructor(
    private readonly login: LoginService,
    private readonly sessions: BrowserSessions,
    private readonly users: UserStore,
    private readonly directory: OrganisationDirectory,
    private readonly access: AccountAccess,
  ) {}

  private passwordChangeOf(
    user: UserRecord | undefined,
  ): Pick<SessionUserDto, 'passwordChangeDue' | 'secondFactorEnrolmentDue'> {
    const due = user ? this.access.passwordChangeDue(user) : undefined;
    return {
      ...(due ? { passwordChangeDue: due } : {}),
      ...(user && this.access.secondFactorEnrolmentDue(user) ? { secondFactorEnrolmentDue: true } : {}),
    };
  }

  @Post()
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Log in for a browser session: sets the session cookie (same accounts and login limits as POST /auth/token)',
    description:
      'Needs `X-Requested-With: XMLHttpRequest` (a cross-site form cannot send it). The cookie is httpOnly, SameSite=Strict, Secure over HTTPS, scoped to /api; the session ends after SESSION_IDLE_TIMEOUT_SECONDS without a request and SESSION_MAX_LIFETIME_SECONDS after the login.',
  })
  @ApiHeader({ name: 'X-Requested-With', required: true, description: 'XMLHttpRequest' })
  @ApiOkResponse({ type: SessionUserDto })
  @ApiResponse({ status: 401, description: 'AUTH.INVALID_CREDENTIALS' })
  @ApiResponse({ status: 403, description: 'AUTH.CSRF_HEADER_REQUIRED' })
  @ApiResponse({
    status: 404,
    description: 'AUTH.TOKENS_NOT_ISSUED_HERE — an external identity provider signs users in',
  })
  @ApiResponse({ status: 429, description: 'RATE_LIMITED, AUTH.ACCOUNT_LOCKED (Retry-After: seconds)' })
  @ApiResponse({ status: 503, description: 'AUTH.LOGIN_UNAVAILABLE' })
  @ApiAcceptedResponse({
    type: SecondFactorRequiredDto,
    description: 'The account has a second factor: no cookie yet; POST /api/v1/auth/session/second-factor with a code.',
  })
  async open(
    @Body() dto: TokenRequestDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionUserDto | SecondFactorRequiredDto> {
    if (!hasCsrfHeader(req)) throw csrfRequired();
    const step = await this.login.passwordStep(dto.username, dto.password, req.ip, 'session');
    if (step.kind === 'code-required') {
      res.status(202);
      return { secondFactorRequired: 'totp', challenge: step.challenge, expiresIn: step.expiresIn };
    }
    return this.start(step.user, req, res);
  }

  @Post('second-factor')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'The second step of a browser login: the challenge of the password step and a TOTP code; sets the cookie',
    description:
      'Needs `X-Requested-With: XMLHttpRequest`. A wrong code is a failed login of the account; a code is accepted once only.',
  })
  @ApiHeader({ name: 'X-Requested-With', required: true, description: 'XMLHttpRequest' })
  @ApiOkResponse({ type: SessionUserDto })
  @ApiResponse({
    status: 401,
    description: 'AUTH.INVALID_SECOND_FACTOR_CODE, AUTH.SECOND_FACTOR_CHALLENGE_INVALID, AUTH.UNKNOWN_ORGANISATION',
  })
  @ApiResponse({ status: 403, description: 'AUTH.CSRF_HEADER_REQUIRED' })
  @ApiResponse({ status: 404, description: 'AUTH.TOKENS_NOT_ISSUED_HERE' })
  @ApiResponse({ status: 429, description: 'RATE_LIMITED, AUTH.ACCOUNT_LOCKED (Retry-After: seconds)' })
  async openWithCode(
    @Body() dto: SecondFactorCodeDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionUserDto> {
    if (!hasCsrfHeader(req)) throw csrfRequired();
    return this.start(await this.login.codeStep(dto.challenge, dto.code, req.ip, 'session'), req, res);
  }

  private async start(user: UserRecord, req: Request, res: Response): Promise<SessionUserDto> {
    const org = this.directory.get(user.orgId);
    // As the guard checks every request: the security and audit administrators belong to the system administrator's unit.
    if (!org || !roleFitsOrganisation(user.role, org.role))
      throw new ApiProblem(
        401,
        'AUTH.UNKNOWN_ORGANISATION',
        'The account names an organisation this deployment does not know.',
      );
    const { token, session } = await this.sessions.open(claimsOf(user));
    this.sessions.setCookie(req, res, token);
    return {
      userId: user.userId,
      displayName: user.displayName,
      role: user.role,
      position: user.position,
      orgId: org.id,
      orgNameZh: org.nameZh,
      regionId: org.regionId,
      authenticatedBy: 'cookie',
      sessionEndsAt: new Date((session.startedAt + this.sessions.settings.maxLifetimeSeconds) * 1000).toISOString(),
      idleTimeoutSeconds: this.sessions.settings.idleTimeoutSeconds,
      duties: dutiesOf(user.role),
      ...this.passwordChangeOf(user),
    };
  }

  @Get()
  @AllowedBeforePasswordChange()
  @ApiOperation({ summary: 'Who is signed in (cookie session or bearer token): the workbench asks this on start' })
  @ApiOkResponse({ type: SessionUserDto })
  @ApiResponse({ status: 401, description: 'AUTH.UNAUTHENTICATED — no valid session or token' })
  current(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest): SessionUserDto {
    const user = this.users.byUserId(actor.userId);
    const session = req.session;
    return {
      userId: actor.userId,
      displayName: user?.displayName,
      role: actor.role,
      position: actor.position,
      orgId: actor.orgId,
      orgNameZh: this.directory.get(actor.orgId)?.nameZh,
      regionId: actor.regionId,
      authenticatedBy: session ? 'cookie' : 'bearer',
      ...(session
        ? {
            sessionEndsAt: new Date(
              (session.startedAt + this.sessions.settings.maxLifetimeSeconds) * 1000,
            ).toISOString(),
            idleTimeoutSeconds: this.sessions.settings.idleTimeoutSeconds,
          }
        : {}),
      duties: dutiesOf(actor.role),
      ...this.passwordChangeOf(user),
    };
  }

  @Delete()
  @Public()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Log out: the session is invalidated server-side (on every replica) and the cookie cleared',
    description:
      'Needs `X-Requested-With: XMLHttpRequest` when a session cookie is sent. Without a valid session: 204 all the same.',
  })
  @ApiHeader({ name: 'X-Requested-With', required: true, description: 'XMLHttpRequest' })
  @ApiResponse({ status: 204, description: 'Logged out (or there was nothing to log out).' })
  @ApiResponse({ status: 403, description: 'AUTH.CSRF_HEADER_REQUIRED' })
  async close(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const cookie = sessionCookieOf(req);
    if (cookie === undefined) return;
    if (!hasCsrfHeader(req)) throw csrfRequired();
    const session = await this.sessions.check(cookie);
    if (session) await this.sessions.close(session);
    this.sessions.clearCookie(req, res);
  }
}
