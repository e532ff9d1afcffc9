import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { EVENT_STORE, EventStore, ProjectionRunner } from '@xj/application';
import { RUN_PROJECTIONS } from '../infrastructure/read-models.module';
import { Public } from '../auth/auth.guard';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: ProjectionRunner,
    @Inject(RUN_PROJECTIONS) private readonly runProjections: boolean,
  ) {}

  /** The process is up (no dependency checked: a liveness probe must not restart on a store outage). */
  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  /**
   * Ready to serve: the event store answers, and (where this process runs them) the projections
   * run. A projection that parked an event is reported `degraded` with its lag, but the API stays
   * ready: commands and case reads do not depend on read models.
   */
  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      async () => {
        const indicator = this.indicators.check('eventStore');
        try {
          await this.store.streamRevision('health-probe');
          return indicator.up();
        } catch {
          return indicator.down({ message: 'event store unavailable' });
        }
      },
      async () => {
        const indicator = this.indicators.check('projections');
        if (!this.runProjections) return indicator.up({ runHere: false });
        const statuses = await this.runner.status();
        const projections = Object.fromEntries(
          statuses.map((p) => [p.name, { state: p.state, lag: p.lag, parked: p.parkedCount, checkpoint: p.checkpoint ?? null, ...(p.build ? { build: p.build } : {}) }]),
        );
        const degraded = statuses.some((p) => p.state === 'degraded' || p.parkedCount > 0);
        const maxLag = Math.max(0, ...statuses.map((p) => p.lag));
        if (statuses.some((p) => p.state === 'stopped')) return indicator.down({ degraded: true, lag: maxLag, projections });
        return indicator.up({ degraded, lag: maxLag, projections });
      },
    ]);
  }
}
