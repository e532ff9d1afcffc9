import { Injectable } from '@nestjs/common';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { AccountAdministration, AssignmentChange, NewAccount } from '@xj/composition';
import { AccountError, EventActor } from '@xj/application';
import { CliError, CliIo } from '../cli-io';
import { CliRuntime } from '../cli-runtime';

interface AccountOptions {
  readonly name?: string;
  readonly role?: string;
  readonly org?: string;
  readonly position?: string;
  readonly reason?: string;
}

/** The account commands' common part: the service as the operator, a refusal as `CODE: message` (exit 2). */
@Injectable()
abstract class AccountCommand extends CommandRunner {
  constructor(
    protected readonly runtime: CliRuntime,
    protected readonly io: CliIo,
  ) {
    super();
  }

  protected abstract act(
    accounts: AccountAdministration,
    operator: EventActor,
    username: string,
    options: AccountOptions,
  ): Promise<unknown>;

  async run([username]: string[], options: AccountOptions = {}): Promise<void> {
    const { administration, operator } = await this.runtime.accounts();
    try {
      this.io.json(await this.act(administration, operator, username ?? '', options));
    } catch (error) {
      if (error instanceof AccountError) throw new CliError(`${error.code}: ${error.message}`, 2);
      throw error;
    }
  }

  @Option({ flags: '--name <displayName>', description: 'Display name (create)' })
  parseName(value: string): string {
    return value;
  }

  @Option({ flags: '--role <role>', description: 'Role, e.g. RuleOfLawOffice' })
  parseRole(value: string): string {
    return value;
  }

  @Option({ flags: '--org <orgId>', description: 'Organisation id of the directory, e.g. dawa.rol-office' })
  parseOrg(value: string): string {
    return value;
  }

  @Option({ flags: '--position <position>', description: 'Head or Staff' })
  parsePosition(value: string): string {
    return value;
  }

  @Option({ flags: '--reason <reason>', description: 'Why (disable)' })
  parseReason(value: string): string {
    return value;
  }
}

const required = (options: AccountOptions, ...names: (keyof AccountOptions)[]): void => {
  const missing = names.filter((n) => options[n] === undefined);
  if (missing.length > 0) throw new CliError(`Missing ${missing.map((n) => `--${n}`).join(', ')}.`, 2);
};

@SubCommand({ name: 'list', description: 'Every account (JSON; never a password hash)' })
export class AccountListCommand extends AccountCommand {
  protected act(accounts: AccountAdministration, operator: EventActor): Promise<unknown> {
    return Promise.resolve(accounts.list(operator));
  }
}

@SubCommand({
  name: 'create',
  arguments: '<username>',
  description: 'Create an account: --name --role --org --position; prints its one-time password once',
})
export class AccountCreateCommand extends AccountCommand {
  protected act(accounts: AccountAdministration, operator: EventActor, username: string, o: AccountOptions) {
    required(o, 'name', 'role', 'org', 'position');
    return accounts.create(operator, {
      username,
      displayName: o.name,
      role: o.role,
      orgId: o.org,
      position: o.position,
    } as NewAccount);
  }
}

@SubCommand({
  name: 'disable',
  arguments: '<username>',
  description: 'Disable an account (--reason): its sessions end',
})
export class AccountDisableCommand extends AccountCommand {
  protected act(accounts: AccountAdministration, operator: EventActor, username: string, o: AccountOptions) {
    return accounts.disable(operator, username, o.reason);
  }
}

@SubCommand({ name: 'enable', arguments: '<username>', description: 'Re-enable a disabled account' })
export class AccountEnableCommand extends AccountCommand {
  protected act(accounts: AccountAdministration, operator: EventActor, username: string) {
    return accounts.reenable(operator, username);
  }
}

@SubCommand({
  name: 'reset-password',
  arguments: '<username>',
  description: 'A new one-time password (printed once); the account’s sessions end',
})
export class AccountResetPasswordCommand extends AccountCommand {
  protected act(accounts: AccountAdministration, operator: EventActor, username: string) {
    return accounts.resetPassword(operator, username);
  }
}

@SubCommand({
  name: 'reset-mfa',
  arguments: '<username>',
  description: 'Remove the account’s TOTP second factor (a lost device); its sessions end and it enrols again',
})
export class AccountResetMfaCommand extends AccountCommand {
  protected async act(_accounts: AccountAdministration, operator: EventActor, username: string) {
    return (await this.runtime.accounts()).secondFactor.reset(operator, username);
  }
}

@SubCommand({
  name: 'change',
  arguments: '<username>',
  description: 'Change --role, --org and/or --position (the organisation must be one of the role); sessions end',
})
export class AccountChangeCommand extends AccountCommand {
  protected act(accounts: AccountAdministration, operator: EventActor, username: string, o: AccountOptions) {
    const change: AssignmentChange = {
      ...(o.role !== undefined ? { role: o.role } : {}),
      ...(o.org !== undefined ? { orgId: o.org } : {}),
      ...(o.position !== undefined ? { position: o.position } : {}),
    } as AssignmentChange;
    return accounts.changeAssignment(operator, username, change);
  }
}

@Command({
  name: 'account',
  description: 'User management: list | create | disable | enable | reset-password | reset-mfa | change',
  subCommands: [
    AccountListCommand,
    AccountCreateCommand,
    AccountDisableCommand,
    AccountEnableCommand,
    AccountResetPasswordCommand,
    AccountResetMfaCommand,
    AccountChangeCommand,
  ],
})
export class AccountCommandGroup extends CommandRunner {
  async run(): Promise<void> {
    throw new CliError('Use "account list|create|disable|enable|reset-password|reset-mfa|change" (--help for each).');
  }
}

export const ACCOUNT_COMMANDS = [
  AccountCommandGroup,
  AccountListCommand,
  AccountCreateCommand,
  AccountDisableCommand,
  AccountEnableCommand,
  AccountResetPasswordCommand,
  AccountResetMfaCommand,
  AccountChangeCommand,
];
