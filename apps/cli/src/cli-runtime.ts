import { userInfo } from 'node:os';
import { randomUUID } from 'node:crypto';
import { OnApplicationShutdown } from '@nestjs/common';
import {
  AccessAction,
  AccessLog,
  AccessLogArchiver,
  AccessTargetKind,
  BlobStore,
  READ_MODEL_PROJECTIONS,
  CaseDossierService,
  CheckpointKeeper,
  createCaseAggregates,
  EventActor,
  EventStore,
  HOST_OPERATOR_ROLE,
  IntegrityBreaches,
  IntegrityService,
  ReadModelStore,
  systemClock,
  TransferPackages,
} from '@xj/application';
import {
  AccountAdministration,
  SecondFactorAdministration,
  SecretSealer,
  AppConfig,
  createBlobStore,
  createTransferPackages,
  createEventStore,
  dataFile,
  createReadModelStore,
  describeContextOf,
  loadBootstrapOrganisations,
  OrganisationAdministration,
  OrganisationDirectory,
  OrganisationStream,
  UserStore,
  USERS_FILENAME,
} from '@xj/composition';
import { createDomainConfig } from '@xj/domain';

/**
 * The stores and services a command needs, opened on first use only (verifying never connects
 * to MongoDB) from the same configuration as the API (DATA_DIR, ESDB_URL, MONGO_URL,
 * ORG_DIRECTORY_FILE, CHECKPOINT_*, ACCESS_LOG_*), through the same adapter selection. Closed
 * when the command ends.
 */
export class CliRuntime implements OnApplicationShutdown {
  private store?: EventStore;
  private readModelStore?: ReadModelStore;
  private integrityService?: IntegrityService;
  private dossierService?: CaseDossierService;
  private accessLog?: AccessLog;
  private blobs?: BlobStore;
  private organisationStream?: OrganisationStream;

  constructor(readonly config: AppConfig) {}

  /**
   * The organisation directory as the stream holds it (the bootstrap list on a store without the
   * stream). `seed`: record the bootstrap list on such a store first, as a start of the API does —
   * for the commands that change organisations or accounts; reads do not write.
   */
  async organisations(seed = false): Promise<OrganisationStream> {
    if (!this.organisationStream) {
      const bootstrap = loadBootstrapOrganisations(this.config);
      this.organisationStream = new OrganisationStream(
        this.eventStore(),
        new OrganisationDirectory(bootstrap),
        bootstrap,
      );
    }
    if (seed) await this.organisationStream.seed(systemClock.now().toISOString());
    else await this.organisationStream.refresh();
    return this.organisationStream;
  }

  /** 组织机构管理 as the operator: the same service and stream as the API. */
  async organisationAdministration(): Promise<OrganisationAdministration> {
    return new OrganisationAdministration(await this.organisations(true), systemClock);
  }

  eventStore(): EventStore {
    this.store ??= createEventStore(this.config);
    return this.store;
  }

  /** The evidence files (DATA_DIR/blobs, or GridFS with MONGO_URL), for verification. */
  async blobStore(): Promise<BlobStore> {
    this.blobs ??= await createBlobStore(this.config, this.eventStore());
    return this.blobs;
  }

  integrity(): IntegrityService {
    this.integrityService ??= IntegrityService.fromConfig(this.eventStore(), systemClock, this.config.integrity);
    return this.integrityService;
  }

  /** Signing that verifies against the newest checkpoint first; the CLI reports a breach, it does not record one. */
  keeper(): CheckpointKeeper {
    return new CheckpointKeeper(this.integrity(), new IntegrityBreaches(this.eventStore(), systemClock));
  }

  /** The access log as the CLI writes it: no batch to wait for, a read or two each appended at once. */
  private log(): AccessLog {
    this.accessLog ??= new AccessLog(this.eventStore(), systemClock, {
      writer: this.config.accessLog.writer,
      flushMs: 0,
    });
    return this.accessLog;
  }

  /** Transfer packages (issue 19 §4) over the same store, blobs and signing key as the API. */
  async transferPackages(): Promise<TransferPackages> {
    return createTransferPackages(this.config, this.eventStore(), await this.blobStore(), systemClock);
  }

  /** The operator (`cli:<os user>`), as recorded on what the CLI writes. */
  operator(): EventActor {
    return { userId: `cli:${safeUserName()}`, role: HOST_OPERATOR_ROLE, orgId: 'cli' };
  }

  /** A read by the operator, in the access log like the API's. */
  async recordRead(kind: AccessTargetKind, id: string, action: AccessAction, detail?: string): Promise<void> {
    await this.log().record({
      target: { kind, id },
      action,
      outcome: 'allowed',
      reader: { userId: this.operator().userId, role: 'Operator', orgId: 'cli' },
      request: { method: 'CLI', path: process.argv.slice(2).join(' '), correlationId: randomUUID(), clientIp: null },
      ...(detail !== undefined ? { detail } : {}),
    });
  }

  /** Case views; every read is recorded in the access log as the operator (`cli:<os user>`). */
  async dossiers(): Promise<CaseDossierService> {
    if (this.dossierService) return this.dossierService;
    const { directory } = await this.organisations();
    const store = this.eventStore();
    const log = this.log();
    const operator = `cli:${safeUserName()}`;
    const domainConfig = createDomainConfig();
    this.dossierService = new CaseDossierService({
      store,
      aggregates: createCaseAggregates(domainConfig),
      domainConfig,
      clock: systemClock,
      names: describeContextOf(directory),
      recordRead: async (kind, id, action, detail) => {
        await log.record({
          target: { kind, id },
          action,
          outcome: 'allowed',
          reader: { userId: operator, role: 'Operator', orgId: 'cli' },
          request: {
            method: 'CLI',
            path: process.argv.slice(2).join(' '),
            correlationId: randomUUID(),
            clientIp: null,
          },
          ...(detail !== undefined ? { detail } : {}),
        });
      },
    });
    return this.dossierService;
  }

  /** User management as the operator (`cli:<os user>`): the same service, users file and stream as the API. */
  async accounts(): Promise<{
    readonly administration: AccountAdministration;
    readonly secondFactor: SecondFactorAdministration;
    readonly operator: EventActor;
  }> {
    const { directory } = await this.organisations(true);
    const users = new UserStore(dataFile(this.config, USERS_FILENAME));
    const administration = new AccountAdministration(
      users,
      this.eventStore(),
      systemClock,
      directory,
      this.config.auth.passwordPolicy,
    );
    const { secondFactor: settings } = this.config.auth;
    const secondFactor = new SecondFactorAdministration(
      users,
      this.eventStore(),
      systemClock,
      SecretSealer.fromSettings(settings),
      settings,
    );
    return {
      administration,
      secondFactor,
      operator: { userId: `cli:${safeUserName()}`, role: HOST_OPERATOR_ROLE, orgId: 'cli' },
    };
  }

  archiver(): AccessLogArchiver {
    return new AccessLogArchiver(this.eventStore(), systemClock, this.config.accessLog);
  }

  async readModels(): Promise<ReadModelStore> {
    this.readModelStore ??= await createReadModelStore(this.config);
    return this.readModelStore;
  }

  readonly projections = READ_MODEL_PROJECTIONS;

  async onApplicationShutdown(): Promise<void> {
    await this.organisationStream?.stop();
    await this.accessLog?.close();
    await this.readModelStore?.close();
    await this.blobs?.close?.();
    await this.store?.close();
  }
}

export const safeUserName = (): string => {
  try {
    return userInfo().username.replace(/[^A-Za-z0-9_.-]/g, '_') || 'unknown';
  } catch {
    return 'unknown';
  }
};
