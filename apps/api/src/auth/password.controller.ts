import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ACCOUNT_ERRORS } from '@xj/application';
import { AccountAdministration, UserStore } from '@xj/composition';
import { Actor } from '@xj/domain';
import { ChangePasswordDto } from '../accounts/accounts.dto';
import { ApiProblem } from '../http/problem';
import { AllowedBeforePasswordChange } from './account-access';
import { CurrentActor } from './auth.guard';
import { BrowserSessions } from './browser-sessions';
import { LoginService } from './login.service';
import { TokenService } from './token-service';

@ApiTags('auth')
@Controller('api/v1/auth/password')
export class PasswordController {
  constructor(
    private readonly accounts: AccountAdministration,
    private readonly tokens: TokenService,
    private readonly sessions: BrowserSessions,
    private readonly login: LoginService,
    private readonly users: UserStore,
  ) {}

  @Post()
  @HttpCode(204)
  @AllowedBeforePasswordChange()
  @ApiOperation({
    summary: 'Change your own password (also a one-time or expired one); then log in again',
    description:
      'The new password must follow the policy (PASSWORD_MIN_LENGTH, PASSWORD_MIN_CHARACTER_CLASSES, none of the last PASSWORD_HISTORY). Every token and session of the account ends, this one included.',
  })
  @ApiResponse({ status: 204, description: 'Changed; log in with the new password.' })
  @ApiResponse({ status: 403, description: 'AUTH.WRONG_CURRENT_PASSWORD' })
  @ApiResponse({ status: 404, description: 'AUTH.TOKENS_NOT_ISSUED_HERE' })
  @ApiResponse({ status: 422, description: 'AUTH.PASSWORD_POLICY (errors name each rule broken)' })
  @ApiResponse({
    status: 429,
    description: 'AUTH.ACCOUNT_LOCKED, RATE_LIMITED — wrong current passwords count as failed logins',
  })
  async change(
    @CurrentActor() actor: Actor,
    @Body() dto: ChangePasswordDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    if (!this.tokens.issuesTokens)
      throw new ApiProblem(
        404,
        'AUTH.TOKENS_NOT_ISSUED_HERE',
        'Passwords are the identity provider’s in this deployment.',
      );
    // The current password is checked under the login limits: a stolen token is no way to guess it.
    const username = this.users.byUserId(actor.userId)?.username ?? '';
    try {
      await this.login.authenticate(username, dto.currentPassword, req.ip);
    } catch (error) {
      if (error instanceof ApiProblem && error.code === 'AUTH.INVALID_CREDENTIALS')
        throw ACCOUNT_ERRORS.wrongCurrentPassword();
      throw error;
    }
    await this.accounts.changeOwnPassword(actor.userId, dto.currentPassword, dto.newPassword);
    this.sessions.clearCookie(req, res);
  }
}
