import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckResult,
  HealthCheckService,
  HealthIndicatorResult,
  HealthIndicatorService,
} from '@nestjs/terminus';
import {
  CLOCK,
  CalendarService,
  CheckpointKeeper,
  Clock,
  EVENT_STORE,
  EventStore,
  IntegrityBreaches,
  ProjectionRunner,
  StoreWritability,
} from '@xj/application';
import { AppConfig } from '@xj/composition';
import { localDateOf } from '@xj/domain';
import { Public } from '../auth/auth.guard';

/**
 * Why readiness is down, in the indicator's `reason` (the 503 problem lists them in `reasons`):
 * - `store_unavailable`: the event store cannot even be read;
 * - `store_not_writable`: it reads, but writes fail (a full or read-only disk): the last append
 *   failed, or the write probe did;
 * - `integrity_breach`: the store was found altered and no administrator has acknowledged it yet
 *   (writes are suspended, only auditors read);
 * - `integrity_unknown`: the breach record could not be read yet;
 * - `projections_stopped`: a projection stopped (where this process runs them).
 */
export type NotReadyReason =
  'store_unavailable' | 'store_not_writable' | 'integrity_breach' | 'integrity_unknown' | 'projections_stopped';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  private readonly runProjections: boolean;

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly writability: StoreWritability,
    private readonly breaches: IntegrityBreaches,
    private readonly runner: ProjectionRunner,
    private readonly calendar: CalendarService,
    @Inject(CLOCK) private readonly clock: Clock,
    config: ConfigService<AppConfig, true>,
    @Optional() private readonly keeper?: CheckpointKeeper,
  ) {
    this.runProjections = config.get('runProjections', { infer: true });
  }

  /** The process is up (no dependency checked: a liveness probe must not restart on a store outage). */
  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  /**
   * Ready to serve: the event store reads and WRITES, no integrity breach is unacknowledged, and
   * (where this process runs them) the projections run. A projection that parked an event is
   * reported `degraded` with its lag, but the API stays ready: commands and case reads do not
   * depend on read models.
   *
   * The start-up verification is reported (`verification`) but does not make the process
   * unready while it runs: it walks the whole store (seconds per million events), and being
   * unready for that long on every restart would make availability depend on the store's size
   * (bench:replay's target is ready within 3 s of a restart on a million events). What it guards
   * against is already bounded: events appended meanwhile come after the checkpoint and are
   * chain-checked, and a breach it finds suspends writes from then on.
   */
  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.eventStore(),
      () => this.integrity(),
      () => this.projections(),
      () => this.calendarTables(),
    ]);
  }

  /**
   * A year without a holiday table, from 60 days before it starts: reported as a warning, and the
   * process stays READY. Commands still decide correctly for everything but the exact working days
   * of that year: those deadlines are computed on weekends alone, marked provisional, and
   * recomputed when the table arrives. Taking replicas out of a load balancer would stop all case
   * work over a table an administrator can add at run time — a far worse outcome.
   */
  private calendarTables(): HealthIndicatorResult {
    const indicator = this.indicators.check('calendar');
    const missing = this.calendar.missingYears(localDateOf(this.clock.now().toISOString()));
    if (missing.length === 0) return indicator.up({ tablesFor: this.calendar.inForce().map((e) => e.table.year) });
    return indicator.up({
      warning: missing.map((year) => `calendar for ${year} missing`).join('; '),
      missingYears: missing,
    });
  }

  private async eventStore(): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check('eventStore');
    try {
      await this.store.streamRevision('health-probe');
    } catch {
      return indicator.down({ reason: 'store_unavailable' satisfies NotReadyReason });
    }
    const { writable, seenBy, at } = await this.writability.check();
    return writable
      ? indicator.up({ writable, seenBy })
      : indicator.down({ reason: 'store_not_writable' satisfies NotReadyReason, writable, seenBy, at });
  }

  private integrity(): HealthIndicatorResult {
    const indicator = this.indicators.check('integrity');
    const startup = this.runProjections && this.keeper ? this.keeper.startupVerification() : undefined;
    const verification = startup
      ? { verification: startup.state, ...(startup.at ? { verifiedAt: startup.at } : {}) }
      : { verification: 'not_run_here' };
    if (!this.breaches.isLoaded)
      return indicator.down({ reason: 'integrity_unknown' satisfies NotReadyReason, ...verification });
    const open = this.breaches.open();
    if (open.length > 0) {
      const breaches = open.map((breach) => ({
        breachId: breach.breachId,
        detectedAt: breach.detectedAt,
        kind: breach.problem.kind,
      }));
      return indicator.down({ reason: 'integrity_breach' satisfies NotReadyReason, breaches, ...verification });
    }
    return indicator.up(verification);
  }

  private async projections(): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check('projections');
    if (!this.runProjections) return indicator.up({ runHere: false });
    const statuses = await this.runner.status();
    const projections = Object.fromEntries(
      statuses.map((p) => [
        p.name,
        {
          state: p.state,
          lag: p.lag,
          parked: p.parkedCount,
          checkpoint: p.checkpoint ?? null,
          ...(p.build ? { build: p.build } : {}),
        },
      ]),
    );
    const degraded = statuses.some((p) => p.state === 'degraded' || p.parkedCount > 0);
    const maxLag = Math.max(0, ...statuses.map((p) => p.lag));
    if (statuses.some((p) => p.state === 'stopped'))
      return indicator.down({
        reason: 'projections_stopped' satisfies NotReadyReason,
        degraded: true,
        lag: maxLag,
        projections,
      });
    return indicator.up({ degraded, lag: maxLag, projections });
  }
}
