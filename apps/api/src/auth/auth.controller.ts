import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import { IsString, Length } from 'class-validator';
import { ApiProblem } from '../http/problem';
import { Public } from './auth.guard';
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
  ) {}

  @Post('token')
  @Public()
  @UseGuards(ThrottlerGuard)
  @Throttle({ login: {} })
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange username and password for a bearer token (embedded default only; rate-limited)' })
  @ApiResponse({ status: 200, description: '{ accessToken, tokenType: "Bearer", expiresIn }' })
  @ApiResponse({ status: 401, description: 'AUTH.INVALID_CREDENTIALS' })
  @ApiResponse({ status: 404, description: 'AUTH.TOKENS_NOT_ISSUED_HERE — production uses the external identity provider' })
  @ApiResponse({ status: 429, description: 'RATE_LIMITED' })
  async token(@Body() dto: TokenRequestDto): Promise<{ accessToken: string; tokenType: 'Bearer'; expiresIn: number }> {
    if (!this.tokens.issuesTokens) throw new ApiProblem(404, 'AUTH.TOKENS_NOT_ISSUED_HERE', 'Tokens come from the identity provider in this deployment.');
    const user = this.users.find(dto.username);
    const ok = await verifyPassword(dto.password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) throw new ApiProblem(401, 'AUTH.INVALID_CREDENTIALS', 'Unknown user or wrong password.');
    const { token, expiresIn } = await this.tokens.issue({ userId: user.userId, role: user.role, orgId: user.orgId, position: user.position });
    return { accessToken: token, tokenType: 'Bearer', expiresIn };
  }
}
