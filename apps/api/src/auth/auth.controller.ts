import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import type { Request } from 'express';
import { LoginLimiter } from '@xj/application';
import { ApiProblem, TooManyRequestsProblem } from '../http/problem';
import { Public } from './auth.guard';
import { LOGIN_LIMITER } from './login-limits.module';
import { TokenService } from './token-service';
import { UserStore, verifyPassword } from './user-store';

export class TokenRequestDto {
  @ApiProperty({ example: 'office' }) @IsString() @Length(1, 100) username!: string;
  @ApiProperty() @IsString() @Length(1, 200) password!: string;
}

/** A fixed hash so an unknown user costs as much as a wrong password (no user enumeration by timing). */
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly users: UserStore,
    private readonly tokens: TokenService,
    @Inject(LOGIN_LIMITER) private readonly limiter: LoginLimiter | null,
  ) {}

  @Post('token')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange username and password for a bearer token (embedded default only; rate-limited)',
    description:
      'Failures are counted per account and per client address: an account is locked for a while after a few failures, an address after more; 429 then, with Retry-After in seconds.',
  })
  @ApiResponse({ status: 200, description: '{ accessToken, tokenType: "Bearer", expiresIn }' })
  @ApiResponse({ status: 401, description: 'AUTH.INVALID_CREDENTIALS' })
  @ApiResponse({
    status: 404,
    description: 'AUTH.TOKENS_NOT_ISSUED_HERE — production uses the external identity provider',
  })
  @ApiResponse({
    status: 429,
    description:
      'RATE_LIMITED — too many failures from this client address; AUTH.ACCOUNT_LOCKED — the account is locked (also said of names that are no account). Retry-After: seconds.',
  })
  @ApiResponse({
    status: 503,
    description: 'AUTH.LOGIN_UNAVAILABLE — the login counters cannot be reached; nothing was checked',
  })
  async token(
    @Body() dto: TokenRequestDto,
    @Req() req: Request,
  ): Promise<{ accessToken: string; tokenType: 'Bearer'; expiresIn: number }> {
    if (!this.tokens.issuesTokens || !this.limiter)
      throw new ApiProblem(
        404,
        'AUTH.TOKENS_NOT_ISSUED_HERE',
        'Tokens come from the identity provider in this deployment.',
      );
    const user = this.users.find(dto.username);
    // req.ip is the connection's peer unless it is a trusted proxy (TRUSTED_PROXIES, bootstrap.ts).
    const outcome = await this.limiter.attempt(
      dto.username,
      req.ip,
      async () => (await verifyPassword(dto.password, user?.passwordHash ?? DUMMY_HASH)) && user !== undefined,
    );
    if (outcome.kind === 'address-limited') {
      throw new TooManyRequestsProblem(
        'RATE_LIMITED',
        'Too many failed logins from this address; try again later.',
        outcome.retryAfterSeconds,
      );
    }
    if (outcome.kind === 'account-locked') {
      throw new TooManyRequestsProblem(
        'AUTH.ACCOUNT_LOCKED',
        'Too many failed logins for this account; it is locked for a while.',
        outcome.retryAfterSeconds,
      );
    }
    // 'accepted' implies a user (the check requires one); the test is for the compiler.
    if (outcome.kind === 'rejected' || !user)
      throw new ApiProblem(401, 'AUTH.INVALID_CREDENTIALS', 'Unknown user or wrong password.');
    const { token, expiresIn } = await this.tokens.issue({
      userId: user.userId,
      role: user.role,
      orgId: user.orgId,
      position: user.position,
    });
    return { accessToken: token, tokenType: 'Bearer', expiresIn };
  }
}
