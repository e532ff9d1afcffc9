import {
  BeforeApplicationShutdown,
  DynamicModule,
  Inject,
  Logger,
  Module,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  EVENT_STORE,
  EventStore,
  NOTIFICATION_SENDERS,
  NotificationOutbox,
  NotificationSender,
  ProjectionRunner,
  READ_MODEL_STORE,
  ReadModelStore,
  createOutboxProjection,
} from '@xj/application';
import { DingTalkSender, SmtpSender, WeComSender, WebhookSender } from '@xj/notification-senders';
import { AppConfig, NotificationsConfig } from '../config/app-config';

const logger = new Logger('notifications');

/** The channels the configuration names (none by default: notifications then stay in the inbox). */
export const sendersOf = (config: NotificationsConfig): NotificationSender[] => [
  ...(config.webhook ? [new WebhookSender(config.webhook)] : []),
  ...(config.dingtalk ? [new DingTalkSender(config.dingtalk)] : []),
  ...(config.wecom ? [new WeComSender(config.wecom)] : []),
  ...(config.smtp ? [new SmtpSender(config.smtp)] : []),
];

/**
 * The outbox (issue 15 §3): its own projection runner (never a read-model rebuild) and the
 * dispatcher, where the projections run (config.runProjections) and only when a channel is
 * configured. The API reads the parked deliveries through the same NotificationOutbox.
 */
@Module({})
export class NotificationsModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private runner: ProjectionRunner | undefined;
  private readonly runHere: boolean;

  constructor(
    private readonly outbox: NotificationOutbox,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    config: ConfigService<AppConfig, true>,
  ) {
    this.runHere = config.get('runProjections', { infer: true });
  }

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: NotificationsModule,
      providers: [
        { provide: NOTIFICATION_SENDERS, useFactory: () => sendersOf(config.notifications) },
        {
          provide: NotificationOutbox,
          useFactory: (store: ReadModelStore, senders: NotificationSender[]) =>
            new NotificationOutbox(store, senders, {
              maxAttempts: config.notifications.maxAttempts,
              retryBaseMs: config.notifications.retryBaseMs,
              retryMaxMs: config.notifications.retryMaxMs,
              onError: (error) =>
                logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'outbox error'),
            }),
          inject: [READ_MODEL_STORE, NOTIFICATION_SENDERS],
        },
      ],
      exports: [NotificationOutbox],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.runHere || this.outbox.channels.length === 0) return;
    const since = await this.outbox.markStart();
    this.runner = new ProjectionRunner(this.events, this.store, [createOutboxProjection(this.outbox.channels, since)], {
      onError: (error) =>
        logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'outbox feed error'),
    });
    await this.runner.start();
    this.outbox.start();
    logger.log(`outbox started: ${this.outbox.channels.join(', ')}`);
  }

  /** Stop sending and feeding before the stores close. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.outbox.stop();
    await this.runner?.stop();
  }
}
