import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { EventActor } from '@xj/application';
import {
  AccountAdministration,
  AccountView,
  AssignmentChange,
  NewAccount,
  SecondFactorAdministration,
} from '@xj/composition';
import { Actor } from '@xj/domain';
import { CurrentActor } from '../auth/auth.guard';
import { TokenService } from '../auth/token-service';
import { ApiProblem } from '../http/problem';
import {
  AccountDto,
  AccountListDto,
  AccountWithPasswordDto,
  ChangeAssignmentDto,
  CreateAccountDto,
  DisableAccountDto,
} from './accounts.dto';

const by = (actor: Actor): EventActor => ({ userId: actor.userId, role: actor.role, orgId: actor.orgId });

/**
 * 用户管理 — the accounts issued here (embedded default), administered by the account
 * administrators (ACCOUNT_ADMINISTRATOR_ROLES); every change is an event of the stream
 * `administration-accounts`. Under an external identity provider the accounts are its own: 404.
 */
@ApiTags('accounts')
@ApiBearerAuth()
@Controller('api/v1/accounts')
@ApiResponse({ status: 403, description: 'AUTH.ROLE_NOT_ALLOWED — administrators (reads: also auditors)' })
@ApiResponse({ status: 404, description: 'ACCOUNT.NOT_FOUND; AUTH.TOKENS_NOT_ISSUED_HERE under an identity provider' })
export class AccountsController {
  constructor(
    private readonly accounts: AccountAdministration,
    private readonly tokens: TokenService,
    private readonly secondFactor: SecondFactorAdministration,
  ) {}

  private administration(): AccountAdministration {
    if (!this.tokens.issuesTokens)
      throw new ApiProblem(
        404,
        'AUTH.TOKENS_NOT_ISSUED_HERE',
        'Accounts are the identity provider’s in this deployment.',
      );
    return this.accounts;
  }

  @Get()
  @ApiOperation({ summary: 'Every account (administrators and auditors; never a password hash)' })
  @ApiResponse({ status: 200, type: AccountListDto })
  list(@CurrentActor() actor: Actor): AccountListDto {
    return { items: [...this.administration().list(by(actor))] };
  }

  @Post()
  @ApiOperation({ summary: 'Create an account with a one-time password, shown once in the answer' })
  @ApiResponse({ status: 201, type: AccountWithPasswordDto })
  @ApiResponse({ status: 409, description: 'ACCOUNT.USERNAME_TAKEN' })
  @ApiResponse({ status: 422, description: 'ACCOUNT.UNKNOWN_ORGANISATION, ACCOUNT.ROLE_NOT_OF_ORGANISATION' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateAccountDto): Promise<AccountWithPasswordDto> {
    return this.administration().create(by(actor), dto as NewAccount);
  }

  @Get(':username')
  @ApiOperation({ summary: 'One account (administrators and auditors)' })
  @ApiResponse({ status: 200, type: AccountDto })
  get(@CurrentActor() actor: Actor, @Param('username') username: string): AccountView {
    return this.administration().get(by(actor), username);
  }

  @Patch(':username')
  @ApiOperation({
    summary: 'Change role, position and/or organisation (the organisation must be one of the role); ends its sessions',
  })
  @ApiResponse({ status: 200, type: AccountDto })
  @ApiResponse({ status: 403, description: 'ACCOUNT.OWN_ACCOUNT' })
  @ApiResponse({ status: 409, description: 'ACCOUNT.DEMO_ACCOUNT' })
  @ApiResponse({
    status: 422,
    description: 'ACCOUNT.UNKNOWN_ORGANISATION, ACCOUNT.ROLE_NOT_OF_ORGANISATION, ACCOUNT.UNKNOWN_POSITION',
  })
  change(
    @CurrentActor() actor: Actor,
    @Param('username') username: string,
    @Body() dto: ChangeAssignmentDto,
  ): Promise<AccountView> {
    return this.administration().changeAssignment(by(actor), username, dto as AssignmentChange);
  }

  @Post(':username/disable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Disable an account: no login, and its tokens and sessions answer 401 at once' })
  @ApiResponse({ status: 200, type: AccountDto })
  @ApiResponse({ status: 409, description: 'ACCOUNT.ALREADY_DISABLED, ACCOUNT.DEMO_ACCOUNT' })
  disable(
    @CurrentActor() actor: Actor,
    @Param('username') username: string,
    @Body() dto: DisableAccountDto,
  ): Promise<AccountView> {
    return this.administration().disable(by(actor), username, dto.reason);
  }

  @Post(':username/enable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Re-enable a disabled account' })
  @ApiResponse({ status: 200, type: AccountDto })
  @ApiResponse({ status: 409, description: 'ACCOUNT.NOT_DISABLED, ACCOUNT.DEMO_ACCOUNT' })
  enable(@CurrentActor() actor: Actor, @Param('username') username: string): Promise<AccountView> {
    return this.administration().reenable(by(actor), username);
  }

  @Post(':username/reset-password')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new one-time password, shown once; the account’s tokens and sessions end' })
  @ApiResponse({ status: 200, type: AccountWithPasswordDto })
  resetPassword(@CurrentActor() actor: Actor, @Param('username') username: string): Promise<AccountWithPasswordDto> {
    return this.administration().resetPassword(by(actor), username);
  }

  @Post(':username/reset-second-factor')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Remove the account’s second factor (a lost device): its tokens and sessions end; it enrols again',
  })
  @ApiResponse({ status: 200, type: AccountDto })
  @ApiResponse({ status: 403, description: 'ACCOUNT.OWN_ACCOUNT — another administrator or the CLI resets your own' })
  @ApiResponse({ status: 409, description: 'ACCOUNT.NO_SECOND_FACTOR' })
  resetSecondFactor(@CurrentActor() actor: Actor, @Param('username') username: string): Promise<AccountView> {
    this.administration();
    return this.secondFactor.reset(by(actor), username);
  }
}
