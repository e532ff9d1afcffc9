import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import type { Request, Response } from 'express';
import { UserRecord } from '@xj/composition';
import { Public } from './auth.guard';
import { claimsOf, LoginService } from './login.service';
import { TokenService } from './token-service';

export class TokenRequestDto {
  @ApiProperty({ example: 'office' }) @IsString() @Length(1, 100) username!: string;
  @ApiProperty() @IsString() @Length(1, 200) password!: string;
}

/** The password step's answer (202) for an account with a second factor: send the challenge back with a code. */
export class SecondFactorRequiredDto {
  @ApiProperty({ enum: ['totp'] }) secondFactorRequired!: 'totp';
  @ApiProperty({ description: 'Send it back with the code (POST …/second-factor); it is no token.' })
  challenge!: string;
  @ApiProperty({ description: 'Seconds the challenge stays valid.' }) expiresIn!: number;
}

export class SecondFactorCodeDto {
  @ApiProperty() @IsString() @Length(1, 2000) challenge!: string;
  @ApiProperty({ example: '123456', description: 'The six digits the authenticator app shows.' })
  @IsString()
  @Matches(/^\d{6}$/)
  code!: string;
}

export class TokenResponseDto {
  @ApiProperty() accessToken!: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType!: 'Bearer';
  @ApiProperty({ description: 'Seconds until the token expires.' }) expiresIn!: number;
}

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly login: LoginService,
    private readonly tokens: TokenService,
  ) {}

  @Post('token')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange username and password for a bearer token (embedded default only; rate-limited)',
    description:
      'Failures are counted per account and per client address: an account is locked for a while after a few failures, an address after more; 429 then, with Retry-After in seconds.',
  })
  @ApiOkResponse({ type: TokenResponseDto })
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
  @ApiAcceptedResponse({
    type: SecondFactorRequiredDto,
    description: 'The account has a second factor: no token yet; POST /api/v1/auth/token/second-factor with a code.',
  })
  async token(
    @Body() dto: TokenRequestDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TokenResponseDto | SecondFactorRequiredDto> {
    const step = await this.login.passwordStep(dto.username, dto.password, req.ip, 'token');
    if (step.kind === 'code-required') {
      res.status(202);
      return { secondFactorRequired: 'totp', challenge: step.challenge, expiresIn: step.expiresIn };
    }
    return this.issue(step.user);
  }

  @Post('token/second-factor')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'The second step of a token login: the challenge of the password step and a TOTP code',
    description:
      'A wrong code is a failed login of the account (the login limits apply); a code is accepted once only.',
  })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiResponse({
    status: 401,
    description: 'AUTH.INVALID_SECOND_FACTOR_CODE, AUTH.SECOND_FACTOR_CHALLENGE_INVALID (expired or not from here)',
  })
  @ApiResponse({ status: 404, description: 'AUTH.TOKENS_NOT_ISSUED_HERE' })
  @ApiResponse({ status: 429, description: 'RATE_LIMITED, AUTH.ACCOUNT_LOCKED (Retry-After: seconds)' })
  async tokenSecondFactor(@Body() dto: SecondFactorCodeDto, @Req() req: Request): Promise<TokenResponseDto> {
    return this.issue(await this.login.codeStep(dto.challenge, dto.code, req.ip, 'token'));
  }

  private async issue(user: UserRecord): Promise<TokenResponseDto> {
    const { token, expiresIn } = await this.tokens.issue(claimsOf(user));
    return { accessToken: token, tokenType: 'Bearer', expiresIn };
  }
}
