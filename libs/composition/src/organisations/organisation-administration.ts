import { randomUUID } from 'node:crypto';
import { Clock, CommandRejectedError, mayAdministerOrganisations, mayReadOrganisations } from '@xj/application';
import { Actor, DomainError, JurisdictionLevel, NameSince, Organisation, OrganisationCommand, Role } from '@xj/domain';
import { OrganisationDirectory } from './organisation-directory';
import { OrganisationStream } from './organisation-stream';

/** An organisation as its administrator sees it: where it is, whether it is closed, every name it had. */
export interface OrganisationView extends Organisation {
  readonly closed: boolean;
  readonly closedAt?: string;
  readonly names: readonly NameSince[];
}

export interface NewOrganisation {
  readonly id: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly role: Role;
  readonly regionId: string;
  readonly parentId?: string;
  readonly level?: JurisdictionLevel;
}

export interface OrganisationChange {
  readonly nameZh?: string;
  readonly nameEn?: string;
  readonly parentId?: string;
  readonly regionId?: string;
}

/**
 * 组织机构管理 — the organisation administrators' (ORGANISATION_ADMINISTRATOR_ROLES) maintenance of
 * the directory: the API's /api/v1/organisations routes and the CLI's `org` commands both call
 * this. Every change is a command on the `administration-organisations` stream (the decider
 * refuses what the rules forbid); the answer is read from this process's directory, already
 * holding the change.
 */
export class OrganisationAdministration {
  constructor(
    private readonly stream: OrganisationStream,
    private readonly clock: Clock,
  ) {}

  private get directory(): OrganisationDirectory {
    return this.stream.directory;
  }

  list(by: Pick<Actor, 'role'>): readonly OrganisationView[] {
    if (!mayReadOrganisations(by.role)) this.requireAdministrator(by);
    return this.directory.organisations.map((o) => this.viewOf(o.id));
  }

  async add(by: Actor, organisation: NewOrganisation): Promise<OrganisationView> {
    await this.run({ type: 'AddOrganisation', actor: by, at: this.now(), organisation });
    return this.viewOf(organisation.id);
  }

  /** A new name and/or a new parent or region, as one request (rename first, then the move). */
  async change(by: Actor, orgId: string, change: OrganisationChange): Promise<OrganisationView> {
    this.requireAdministrator(by);
    this.requireKnown(orgId);
    if (change.nameZh !== undefined || change.nameEn !== undefined) {
      const current = this.directory.get(orgId);
      await this.run({
        type: 'RenameOrganisation',
        actor: by,
        at: this.now(),
        orgId,
        nameZh: change.nameZh ?? current?.nameZh ?? '',
        nameEn: change.nameEn ?? current?.nameEn ?? '',
      });
    }
    if (change.parentId !== undefined || change.regionId !== undefined)
      await this.run({
        type: 'MoveOrganisation',
        actor: by,
        at: this.now(),
        orgId,
        ...(change.parentId !== undefined ? { parentId: change.parentId } : {}),
        ...(change.regionId !== undefined ? { regionId: change.regionId } : {}),
      });
    return this.viewOf(orgId);
  }

  async close(by: Actor, orgId: string, reason?: string): Promise<OrganisationView> {
    await this.run({ type: 'CloseOrganisation', actor: by, at: this.now(), orgId, ...(reason ? { reason } : {}) });
    return this.viewOf(orgId);
  }

  private async run(command: OrganisationCommand): Promise<void> {
    const commandId = randomUUID();
    await this.stream.execute(command, { commandId, correlationId: commandId });
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  private requireAdministrator(by: Pick<Actor, 'role'>): void {
    if (!mayAdministerOrganisations(by.role))
      throw new CommandRejectedError(
        new DomainError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED', `${by.role} may not administer the organisations`),
      );
  }

  private requireKnown(orgId: string): void {
    if (!this.directory.get(orgId))
      throw new CommandRejectedError(
        new DomainError('NotFound', 'ORGANISATION.NOT_FOUND', `no organisation ${orgId}`, { orgId }),
      );
  }

  private viewOf(orgId: string): OrganisationView {
    const org = this.directory.get(orgId);
    if (!org) throw new Error(`organisation ${orgId} not in the directory after its command`);
    const closedAt = this.directory.closedAt(orgId);
    return {
      ...org,
      closed: closedAt !== undefined,
      ...(closedAt ? { closedAt } : {}),
      names: this.directory.names(orgId),
    };
  }
}
