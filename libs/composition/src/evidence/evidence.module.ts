import { join } from 'node:path';
import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import {
  BLOB_STORE,
  BlobStore,
  CLOCK,
  Clock,
  EVENT_STORE,
  EventStore,
  EvidenceIntake,
  FileBlobStore,
  chainHashOfStore,
  collectOrphanBlobs,
} from '@xj/application';
import { AppConfig } from '../config/app-config';

/** Where the embedded default keeps evidence files. */
export const BLOBS_DIRNAME = 'blobs';

/**
 * The evidence blob store: GridFS when MONGO_URL is set (the production layout), else
 * `$DATA_DIR/blobs`. Its digest is the event store's suite's (SM3 in a 国密 store, issue 18), read
 * from the store, so blobs and the events that reference them never mix algorithms.
 */
export const createBlobStore = async (
  config: Pick<AppConfig, 'dataDir' | 'mongoUrl'>,
  eventStore: EventStore,
): Promise<BlobStore> => {
  const algorithm = chainHashOfStore(eventStore);
  if (config.mongoUrl)
    return (await import('@xj/mongo-read-models')).connectMongoBlobStore(config.mongoUrl, { algorithm });
  return new FileBlobStore(join(config.dataDir, BLOBS_DIRNAME), algorithm);
};

const ORPHAN_SWEEP_MS = 60 * 60 * 1000;
const EVIDENCE_CONFIG = Symbol('EVIDENCE_CONFIG');

/** Hourly, where the background work runs: blobs no event references, older than the grace period, go. */
@Injectable()
class OrphanBlobCollector implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('evidence');
  private timer?: NodeJS.Timeout;
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(EVIDENCE_CONFIG) private readonly config: Pick<AppConfig, 'evidence' | 'runProjections'>,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runProjections) return;
    this.timer = setInterval(() => void this.collect(), ORPHAN_SWEEP_MS);
    this.timer.unref();
  }

  async collect(): Promise<void> {
    try {
      const { removed, stagingRemoved } = await collectOrphanBlobs(
        this.store,
        this.blobs,
        this.clock,
        this.config.evidence.orphanGraceMs,
      );
      if (removed.length + stagingRemoved > 0)
        this.logger.log({ removed, stagingRemoved }, 'orphaned evidence removed');
    } catch (error) {
      this.logger.error({ err: error }, 'orphaned evidence collection failed');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.blobs.close?.();
  }
}

/** The evidence blob store and the intake over it, for the API and the CLI's verification (global). */
@Global()
@Module({})
export class EvidenceModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: EvidenceModule,
      providers: [
        {
          provide: BLOB_STORE,
          useFactory: (store: EventStore) => createBlobStore(config, store),
          inject: [EVENT_STORE],
        },
        { provide: EVIDENCE_CONFIG, useValue: config },
        {
          provide: EvidenceIntake,
          useFactory: (blobs: BlobStore) => new EvidenceIntake(blobs, config.evidence.maxBytes),
          inject: [BLOB_STORE],
        },
        OrphanBlobCollector,
      ],
      exports: [BLOB_STORE, EvidenceIntake],
    };
  }
}
