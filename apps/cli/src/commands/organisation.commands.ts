import { Injectable } from '@nestjs/common';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { CommandRejectedError, HOST_OPERATOR_ROLE } from '@xj/application';
import { NewOrganisation, OrganisationAdministration } from '@xj/composition';
import { Actor, Role } from '@xj/domain';
import { CliError, CliIo } from '../cli-io';
import { CliRuntime, safeUserName } from '../cli-runtime';

interface OrganisationOptions {
  readonly nameZh?: string;
  readonly nameEn?: string;
  readonly role?: string;
  readonly region?: string;
  readonly parent?: string;
  readonly level?: string;
  readonly reason?: string;
}

/**
 * The operator (`cli:<os user>`) as the organisation decider sees it: the host operator's role,
 * which mayAdministerOrganisations admits (whoever holds DATA_DIR), recorded as such on the events.
 */
const operator = (): Actor => ({
  userId: `cli:${safeUserName()}`,
  role: HOST_OPERATOR_ROLE as Role,
  position: 'Head',
  orgId: 'cli',
  regionId: '',
});

/** The org commands' common part: the service as the operator, a refusal as `CODE: message` (exit 2). */
@Injectable()
abstract class OrganisationCommand extends CommandRunner {
  constructor(
    protected readonly runtime: CliRuntime,
    protected readonly io: CliIo,
  ) {
    super();
  }

  protected abstract act(
    organisations: OrganisationAdministration,
    by: Actor,
    orgId: string,
    options: OrganisationOptions,
  ): Promise<unknown>;

  async run([orgId]: string[], options: OrganisationOptions = {}): Promise<void> {
    const administration = await this.runtime.organisationAdministration();
    try {
      this.io.json(await this.act(administration, operator(), orgId ?? '', options));
    } catch (error) {
      if (error instanceof CommandRejectedError)
        throw new CliError(`${error.domainError.code}: ${error.domainError.message}`, 2);
      throw error;
    }
  }

  @Option({ flags: '--name-zh <name>', description: 'Chinese name (add, rename)' })
  parseNameZh(value: string): string {
    return value;
  }

  @Option({ flags: '--name-en <name>', description: 'English name (add, rename)' })
  parseNameEn(value: string): string {
    return value;
  }

  @Option({ flags: '--role <role>', description: 'Role its members act in, e.g. EnforcementAgency (add)' })
  parseRole(value: string): string {
    return value;
  }

  @Option({ flags: '--region <regionId>', description: 'Region path, e.g. panjin/dawa (add)' })
  parseRegion(value: string): string {
    return value;
  }

  @Option({ flags: '--parent <orgId>', description: 'Parent organisation (add)' })
  parseParent(value: string): string {
    return value;
  }

  @Option({ flags: '--level <level>', description: 'Province, City or County: only above the city (add)' })
  parseLevel(value: string): string {
    return value;
  }

  @Option({ flags: '--reason <reason>', description: 'Why (close)' })
  parseReason(value: string): string {
    return value;
  }
}

const required = (options: OrganisationOptions, ...names: (keyof OrganisationOptions)[]): void => {
  const flag = (n: string): string => `--${n.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  const missing = names.filter((n) => options[n] === undefined);
  if (missing.length > 0) throw new CliError(`Missing ${missing.map(flag).join(', ')}.`, 2);
};

@SubCommand({ name: 'list', description: 'Every organisation, closed ones too, with every name it had (JSON)' })
export class OrganisationListCommand extends OrganisationCommand {
  protected act(organisations: OrganisationAdministration, by: Actor): Promise<unknown> {
    return Promise.resolve(organisations.list(by));
  }
}

@SubCommand({
  name: 'add',
  arguments: '<orgId>',
  description: 'Add an organisation: --name-zh --name-en --role --region [--parent] [--level]',
})
export class OrganisationAddCommand extends OrganisationCommand {
  protected act(organisations: OrganisationAdministration, by: Actor, orgId: string, o: OrganisationOptions) {
    required(o, 'nameZh', 'nameEn', 'role', 'region');
    return organisations.add(by, {
      id: orgId,
      nameZh: o.nameZh,
      nameEn: o.nameEn,
      role: o.role,
      regionId: o.region,
      ...(o.parent !== undefined ? { parentId: o.parent } : {}),
      ...(o.level !== undefined ? { level: o.level } : {}),
    } as NewOrganisation);
  }
}

@SubCommand({
  name: 'rename',
  arguments: '<orgId>',
  description: 'Rename: --name-zh and/or --name-en (acts recorded before keep the old name)',
})
export class OrganisationRenameCommand extends OrganisationCommand {
  protected act(organisations: OrganisationAdministration, by: Actor, orgId: string, o: OrganisationOptions) {
    if (o.nameZh === undefined && o.nameEn === undefined) throw new CliError('Missing --name-zh or --name-en.', 2);
    return organisations.change(by, orgId, {
      ...(o.nameZh !== undefined ? { nameZh: o.nameZh } : {}),
      ...(o.nameEn !== undefined ? { nameEn: o.nameEn } : {}),
    });
  }
}

@SubCommand({
  name: 'close',
  arguments: '<orgId>',
  description: 'Close (撤销, --reason): no new case is addressed to it',
})
export class OrganisationCloseCommand extends OrganisationCommand {
  protected act(organisations: OrganisationAdministration, by: Actor, orgId: string, o: OrganisationOptions) {
    return organisations.close(by, orgId, o.reason);
  }
}

@Command({
  name: 'org',
  description: 'Organisations and regions (组织机构管理): list | add | rename | close',
  subCommands: [OrganisationListCommand, OrganisationAddCommand, OrganisationRenameCommand, OrganisationCloseCommand],
})
export class OrganisationCommandGroup extends CommandRunner {
  run(): Promise<void> {
    return Promise.reject(new CliError('Use: org list | add <id> | rename <id> | close <id>', 2));
  }
}

export const ORGANISATION_COMMANDS = [
  OrganisationCommandGroup,
  OrganisationListCommand,
  OrganisationAddCommand,
  OrganisationRenameCommand,
  OrganisationCloseCommand,
];
