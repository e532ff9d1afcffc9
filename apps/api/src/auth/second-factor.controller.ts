import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import type { Request } from 'express';
import { SecondFactorAdministration } from '@xj/composition';
import { Actor } from '@xj/domain';
import { ApiProblem } from '../http/problem';
import { AllowedBeforeSecondFactorEnrolment } from './account-access';
import { CurrentActor } from './auth.guard';
import { LoginService } from './login.service';
import { TokenService } from './token-service';

export class SecondFactorEnrolmentDto {
  @ApiProperty({ description: 'Base32 (RFC 4648); shown this once, never again.' }) secret!: string;
  @ApiProperty({ example: 'otpauth://totp/xingji-link:wang.li?secret=…&issuer=xingji-link&period=30' })
  otpauthUri!: string;
}

export class ConfirmSecondFactorDto {
  @ApiProperty({ example: '123456', description: 'A code the authenticator app shows for the new secret.' })
  @IsString()
  @Matches(/^\d{6}$/)
  code!: string;
}

/**
 * 双因素认证 — a user enrols a TOTP second factor (RFC 6238) for their own account: the server makes
 * the secret, shows it once, and the first code confirms it. Open before anything else for an
 * account that MFA_REQUIRED_* asks to enrol.
 */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/v1/auth/second-factor')
@ApiResponse({ status: 404, description: 'AUTH.TOKENS_NOT_ISSUED_HERE — an identity provider signs users in' })
export class SecondFactorController {
  constructor(
    private readonly secondFactor: SecondFactorAdministration,
    private readonly login: LoginService,
    private readonly tokens: TokenService,
  ) {}

  private administration(): SecondFactorAdministration {
    if (!this.tokens.issuesTokens)
      throw new ApiProblem(
        404,
        'AUTH.TOKENS_NOT_ISSUED_HERE',
        'Second factors are the identity provider’s in this deployment.',
      );
    return this.secondFactor;
  }

  @Post('enrolment')
  @AllowedBeforeSecondFactorEnrolment()
  @ApiOperation({
    summary: 'Begin enrolling a TOTP second factor: a new secret, shown once as an otpauth:// URI',
    description: 'Replaces an enrolment begun before and not confirmed. Confirm with a first code.',
  })
  @ApiCreatedResponse({ type: SecondFactorEnrolmentDto })
  @ApiResponse({ status: 409, description: 'ACCOUNT.SECOND_FACTOR_ENROLLED — an administrator resets it first' })
  begin(@CurrentActor() actor: Actor): SecondFactorEnrolmentDto {
    return this.administration().beginEnrolment(actor.userId);
  }

  @Post('enrolment/confirmation')
  @HttpCode(204)
  @AllowedBeforeSecondFactorEnrolment()
  @ApiOperation({
    summary: 'Confirm the enrolment with a first code; from the next login on, the password is followed by a code',
  })
  @ApiResponse({ status: 204, description: 'Enrolled (an event of the administration stream).' })
  @ApiResponse({
    status: 403,
    description: 'AUTH.INVALID_SECOND_FACTOR_CODE — a wrong code or no enrolment begun; a failed login of the account',
  })
  @ApiResponse({ status: 409, description: 'ACCOUNT.SECOND_FACTOR_ENROLLED' })
  @ApiResponse({ status: 429, description: 'RATE_LIMITED, AUTH.ACCOUNT_LOCKED (Retry-After: seconds)' })
  async confirm(@CurrentActor() actor: Actor, @Body() dto: ConfirmSecondFactorDto, @Req() req: Request): Promise<void> {
    this.administration();
    await this.login.confirmEnrolment(actor.userId, dto.code, req.ip);
  }
}
