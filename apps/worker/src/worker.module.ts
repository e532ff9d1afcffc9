import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, CompositionModule } from '@xj/composition';

/**
 * The production worker: no HTTP. It runs the durable background work fed by event-store
 * subscriptions with saved checkpoints — the projections into the read models, the process
 * managers (a rectification plan's items), the periodic signed checkpoints and the archiving of
 * access-log segments past retention — while the stateless API replicas run with RUN_PROJECTIONS=false.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [CompositionModule.forRoot({ ...config, runProjections: true })],
    };
  }
}
