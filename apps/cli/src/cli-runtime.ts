import { userInfo } from 'node:os';
import { randomUUID } from 'node:crypto';
import { OnApplicationShutdown } from '@nestjs/common';
import {
  AccessLog,
  AccessLogArchiver,
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
} from '@xj/application';
import {
  AccountAdministration,
  SecondFactorAdministration,
  SecretSealer,
  AppConfig,
  createBlobStore,
  createEventStore,
  dataFile,
  createReadModelStore,
  describeContextOf,
  loadOrganisationDirectory,
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

  constructor(readonly config: AppConfig) {}

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

  /** Case views; every read is recorded in the access log as the operator (`cli:<os user>`). */
  dossiers(): CaseDossierService {
    if (this.dossierService) return this.dossierService;
    const store = this.eventStore();
    // No batch to wait for: the CLI records a read or two, each appended at once.
    const log = new AccessLog(store, systemClock, { writer: this.config.accessLog.writer, flushMs: 0 });
    this.accessLog = log;
    const operator = `cli:${safeUserName()}`;
    const domainConfig = createDomainConfig();
    this.dossierService = new CaseDossierService({
      store,
      aggregates: createCaseAggregates(domainConfig),
      domainConfig,
      clock: systemClock,
      names: describeContextOf(loadOrganisationDirectory(this.config)),
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
  accounts(): {
    readonly administration: AccountAdministration;
    readonly secondFactor: SecondFactorAdministration;
    readonly operator: EventActor;
  } {
    const users = new UserStore(dataFile(this.config, USERS_FILENAME));
    const administration = new AccountAdministration(
      users,
      this.eventStore(),
      systemClock,
      loadOrganisationDirectory(this.config),
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
    await this.accessLog?.close();
    await this.readModelStore?.close();
    await this.blobs?.close?.();
    await this.store?.close();
  }
}

const safeUserName = (): string => {
  try {
    return userInfo().username.replace(/[^A-Za-z0-9_.-]/g, '_') || 'unknown';
  } catch {
    return 'unknown';
  }
};
