import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import {
  AccessLog,
  AccessLogArchiver,
  AccessLogConfig,
  CASE_PROJECTIONS,
  CaseDossierService,
  CheckpointKeeper,
  createCaseAggregates,
  EventStore,
  IntegrityBreaches,
  IntegrityService,
  loadAccessLogConfig,
  loadIntegrityConfig,
  ReadModelStore,
  systemClock,
} from '@xj/application';
import { createDomainConfig } from '@xj/domain';
import { describeContextOf } from '../../api/src/audit/audit-views';
import { DEMO_ORGANISATIONS, Organisation, OrganisationDirectory } from '../../api/src/auth/organisation-directory';
import { AppConfig, loadAppConfig } from '../../api/src/config/app-config';
import { createReadModelStore } from '../../api/src/infrastructure/read-models.module';
import { createEventStore } from '../../api/src/infrastructure/store.module';

export const CLI_ENV = Symbol('CLI_ENV');

/**
 * The stores and services a command needs, opened on first use only (verifying never connects
 * to MongoDB) from the same environment variables as the API: DATA_DIR, ESDB_URL, MONGO_URL,
 * ORG_DIRECTORY_FILE, CHECKPOINT_*, ACCESS_LOG_*. Closed when the command ends.
 */
@Injectable()
export class CliRuntime implements OnApplicationShutdown {
  readonly config: AppConfig;
  private store?: EventStore;
  private readModelStore?: ReadModelStore;
  private integrityService?: IntegrityService;
  private dossierService?: CaseDossierService;
  private accessLog?: AccessLog;
  private readonly accessLogConfig: AccessLogConfig;

  constructor(@Inject(CLI_ENV) private readonly env: NodeJS.ProcessEnv) {
    this.config = loadAppConfig(env);
    this.accessLogConfig = loadAccessLogConfig({ ...env, DATA_DIR: this.config.dataDir });
  }

  eventStore(): EventStore {
    this.store ??= createEventStore(this.config);
    return this.store;
  }

  integrity(): IntegrityService {
    this.integrityService ??= IntegrityService.fromConfig(this.eventStore(), systemClock, loadIntegrityConfig({ ...this.env, DATA_DIR: this.config.dataDir }));
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
    const log = new AccessLog(store, systemClock, { writer: this.accessLogConfig.writer, flushMs: 0 });
    this.accessLog = log;
    const operator = `cli:${safeUserName()}`;
    const organisations: readonly Organisation[] = this.config.orgDirectoryFile
      ? (JSON.parse(readFileSync(this.config.orgDirectoryFile, 'utf8')) as Organisation[])
      : DEMO_ORGANISATIONS;
    const domainConfig = createDomainConfig();
    this.dossierService = new CaseDossierService({
      store,
      aggregates: createCaseAggregates(domainConfig),
      domainConfig,
      clock: systemClock,
      names: describeContextOf(new OrganisationDirectory(organisations)),
      recordRead: async (kind, id, action, detail) => {
        await log.record({
          target: { kind, id },
          action,
          outcome: 'allowed',
          reader: { userId: operator, role: 'Operator', orgId: 'cli' },
          request: { method: 'CLI', path: process.argv.slice(2).join(' '), correlationId: randomUUID(), clientIp: null },
          ...(detail !== undefined ? { detail } : {}),
        });
      },
    });
    return this.dossierService;
  }

  archiver(): AccessLogArchiver {
    return new AccessLogArchiver(this.eventStore(), systemClock, this.accessLogConfig);
  }

  async readModels(): Promise<ReadModelStore> {
    this.readModelStore ??= await createReadModelStore(this.config);
    return this.readModelStore;
  }

  readonly projections = CASE_PROJECTIONS;

  async onApplicationShutdown(): Promise<void> {
    await this.accessLog?.close();
    await this.readModelStore?.close();
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
