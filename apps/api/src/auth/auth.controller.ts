import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import type { Request } from 'express';
import { Public } from './auth.guard';
import { claimsOf, LoginService } from './login.service';
import { TokenService } from './token-service';

export class TokenRequestDto {
  @ApiProperty({ example: 'office' }) @IsString() @Length(1, 100) username!: string;
  @ApiProperty() @IsString() @Length(1, 200) password!: string;
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
  async token(@Body() dto: TokenRequestDto, @Req() req: Request): Promise<TokenResponseDto> {
    const user = await this.login.authenticate(dto.username, dto.password, req.ip);
    const { token, expiresIn } = await this.tokens.issue(claimsOf(user));
    return { accessToken: token, tokenType: 'Bearer', expiresIn };
  }
}
