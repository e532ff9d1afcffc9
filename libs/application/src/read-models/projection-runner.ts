import { EventStore } from '../event-store/event-store.port';
import { RecordedEvent, Subscription } from '../event-store/event-store.types';
import { BatchContext, describeFailure } from './batch';
import { DocumentCache } from './document-cache';
import { toProjectedEvent } from './projected-event';
import { Projection } from './projection';
import {
  BuildLimit,
  BuildResult,
  buildVersion,
  ensureProjectionIndexes,
  RetryResult,
  retryParkedEvents,
} from './projection-maintenance';
import { catchUpLagging } from './lagging-catch-up';
import { feedFilter } from './projection-events';
import { ProjectionPipeline } from './projection-pipeline';
import {
  ProjectionRunnerOptions,
  ProjectionState,
  ProjectionStatus,
  ResolvedRunnerOptions,
  resolveRunnerOptions,
} from './projection-runner.options';
import { assertReadModelNames } from './read-model-guards';
import { newSwitch, Switch } from './version-switch';
import { ParkedEvent, ReadModelStore } from './read-model-store.port';
import { PositionWaiters } from './read-your-writes';
import { IN_ORDER_REBUILD } from './rebuild/in-order.rebuild';
import { RebuildProgress, RebuildSession, RebuildStrategy, RebuildTarget } from './rebuild/rebuild-strategy';

/**
 * Feeds projections from ONE event-store subscription (never the in-process bus): it starts at
 * the lowest saved checkpoint, each projection skips what its own checkpoint covers, and every
 * projection commits its batches (documents + checkpoint) on its own. A failing event is
 * retried with backoff, then parked; a failing store stops the subscription, which restarts
 * from the saved checkpoints. A projection whose declared version is not the active one is
 * built beside it from position 0, and queries switch over once it has caught up. How a version is
 * built from position 0 is the rebuild strategy's business (see RebuildStrategy).
 */
export class ProjectionRunner {
  private readonly pipelines: ProjectionPipeline[];
  private readonly byName = new Map<string, ProjectionPipeline>();
  private readonly options: ResolvedRunnerOptions;
  private readonly activeVersions = new Map<string, number | undefined>();
  private readonly switches = new Map<string, Switch>();
  private readonly waiters = new PositionWaiters((position, names) => this.reflects(position, names));
  private readonly wakers = new Set<() => void>();
  private running = false;
  private live = false;
  private head: bigint | undefined;
  private feedError: string | undefined;
  private subscription: Subscription | undefined;
  /** The catch-up of the projections behind the others (catchUpLagging), while it runs. */
  private laggingFeed: Subscription | undefined;
  private loops: Promise<void>[] = [];
  private readonly rebuildStrategy: RebuildStrategy;
  /** Aborted by stop(): a rebuild under way stops where it is. */
  private stopping = new AbortController();
  /** The rebuild strategy's build under way, for status(). */
  private rebuilding: RebuildProgress | undefined;

  constructor(
    private readonly events: EventStore,
    private readonly readModels: ReadModelStore,
    projections: readonly Projection[],
    private readonly settings: ProjectionRunnerOptions = {},
  ) {
    this.options = resolveRunnerOptions(settings);
    this.rebuildStrategy = settings.rebuildStrategy ?? IN_ORDER_REBUILD;
    this.pipelines = projections.map((projection) => {
      assertReadModelNames(projection.name, undefined, projection.version);
      projection.collections.forEach((collection) => assertReadModelNames(projection.name, collection));
      if (this.byName.has(projection.name)) throw new Error(`Two projections are named ${projection.name}.`);
      const pipeline = new ProjectionPipeline(this.context(projection, projection.version), () =>
        this.live ? this.options.batchSize : this.options.catchUpBatchSize,
      );
      this.byName.set(projection.name, pipeline);
      return pipeline;
    });
  }

  async start(): Promise<void> {
    if (this.running) return;
    for (const pipeline of this.pipelines) {
      const { name, version } = pipeline;
      await pipeline.load();
      await ensureProjectionIndexes(this.readModels, pipeline.context.projection, version);
      let active = await this.readModels.activeVersion(name);
      // A first build serves as it goes (there is nothing else to serve); a new version is
      // built beside the active one, which keeps serving until the switch.
      if (active === undefined) await this.readModels.setActiveVersion(name, (active = version));
      if (active !== version && !this.switches.has(name)) this.switches.set(name, newSwitch(active));
      this.activeVersions.set(name, active);
    }
    this.running = true;
    this.live = false;
    this.stopping = new AbortController();
    this.loops = [this.runFeed(), this.runTicks()];
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.stopping.abort();
    this.wakers.forEach((wake) => wake());
    await this.subscription?.stop();
    await this.laggingFeed?.stop();
    await Promise.all(this.loops);
    try {
      await Promise.all(this.pipelines.map((pipeline) => pipeline.flush()));
    } catch (error) {
      this.settings.onError?.(error);
    }
    this.waiters.settleAll();
    this.switches.forEach((pending) =>
      pending.reject(new Error('The projection runner stopped before the switch-over.')),
    );
    this.switches.clear();
  }

  async status(): Promise<ProjectionStatus[]> {
    const head = (await this.settings.headPosition?.()) ?? this.head;
    return this.pipelines.map((pipeline) => {
      const reflected = pipeline.reflectedThrough ?? 0n;
      const lag = head === undefined || head <= reflected ? 0 : Number(head - reflected);
      const state: ProjectionState = !this.running
        ? 'stopped'
        : pipeline.parkedCount > 0 || this.feedError !== undefined
          ? 'degraded'
          : !this.live || this.switches.has(pipeline.name)
            ? 'catching-up'
            : 'live';
      return {
        name: pipeline.name,
        version: pipeline.version,
        activeVersion: this.activeVersions.get(pipeline.name),
        checkpoint: pipeline.checkpoint?.toString(),
        ...(this.rebuilding?.names.includes(pipeline.name)
          ? { build: { through: this.rebuilding.through.toString(), events: this.rebuilding.events } }
          : {}),
        lag,
        parkedCount: pipeline.parkedCount,
        state,
        ...(this.feedError === undefined ? {} : { error: this.feedError }),
      };
    });
  }

  /**
   * Read-your-writes: resolves true once the served documents of `projections` (default: all)
   * reflect every event up to `position`, false after `timeoutMs`.
   */
  async waitFor(position: bigint, timeoutMs: number, projections?: readonly string[]): Promise<boolean> {
    const names = projections ?? [...this.byName.keys()];
    names.forEach((name) => this.pipeline(name));
    return this.waiters.wait(position, names, timeoutMs);
  }

  /** Resolves once the projection's declared version, built beside the active one, serves queries. */
  async rebuild(name: string): Promise<void> {
    const pipeline = this.pipeline(name);
    if (!this.running) throw new Error('Start the projection runner before rebuilding.');
    const pending = this.switches.get(name);
    if (pending) return pending.done;
    const active = await this.readModels.activeVersion(name);
    if (active === pipeline.version) {
      throw new Error(
        `Version ${active} of ${name} is already active: bump the projection's version to rebuild it beside the live one.`,
      );
    }
    const created = newSwitch(active ?? pipeline.version);
    this.switches.set(name, created);
    return created.done;
  }

  /** Builds `targetVersion` (a throw-away copy, e.g. as of a past date) without touching what is served. */
  async buildInto(name: string, targetVersion: number, limit: BuildLimit = {}): Promise<BuildResult> {
    const { projection } = this.pipeline(name).context;
    assertReadModelNames(name, undefined, targetVersion);
    if (targetVersion === projection.version || targetVersion === (await this.readModels.activeVersion(name))) {
      throw new Error(`Version ${targetVersion} of ${name} is live; build into another version.`);
    }
    return buildVersion(this.events, this.context(projection, targetVersion), this.options.catchUpBatchSize, limit);
  }

  /** Re-applies the projection's parked events in order; unparks those that now succeed. */
  async retryParked(name: string): Promise<RetryResult> {
    const pipeline = this.pipeline(name);
    if (!this.running) await pipeline.load();
    const result = await pipeline.serialized(() =>
      retryParkedEvents(this.events, pipeline.context, pipeline.checkpoint),
    );
    pipeline.parkedCount = result.stillParked;
    return result;
  }

  private context(projection: Projection, version: number): BatchContext {
    const { retry, clock, sleep, cacheSize } = this.options;
    const onParked = (entry: ParkedEvent): void =>
      this.settings.onError?.(
        new Error(`Parked event ${entry.position} (${entry.type}) of ${projection.name} v${version}: ${entry.error}`),
        projection.name,
      );
    return {
      store: this.readModels,
      projection,
      version,
      cache: new DocumentCache(cacheSize),
      retry,
      clock,
      sleep,
      onParked,
    };
  }

  private pipeline(name: string): ProjectionPipeline {
    const pipeline = this.byName.get(name);
    if (!pipeline) throw new Error(`No projection named ${name}.`);
    return pipeline;
  }

  private reflects(position: bigint, names: readonly string[]): boolean {
    return names.every((name) => !this.switches.has(name) && this.pipeline(name).reflects(position));
  }

  private async deliver(
    event: RecordedEvent,
    pipelines: readonly ProjectionPipeline[] = this.pipelines,
  ): Promise<void> {
    this.noteHead(event.position);
    const projected = toProjectedEvent(event);
    let full: ProjectionPipeline[] | undefined;
    for (const pipeline of pipelines) {
      pipeline.offer(projected);
      if (pipeline.full) (full ??= []).push(pipeline);
    }
    if (full) {
      await Promise.all(full.map((pipeline) => pipeline.flush()));
      // A catch-up delivers from memory and SQLite without ever yielding to the event loop;
      // let timers and HTTP requests in between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.waiters.check();
  }

  /** The subscription searched the log through `position` past events none of `pipelines` reads. */
  private passed(position: bigint, pipelines: readonly ProjectionPipeline[] = this.pipelines): void {
    this.noteHead(position);
    for (const pipeline of pipelines) pipeline.passed(position);
    this.waiters.check();
  }

  private noteHead(position: bigint): void {
    if (this.head === undefined || position > this.head) this.head = position;
  }

  /**
   * Has the rebuild strategy build the versions without a checkpoint from position 0 (see
   * RebuildStrategy), catches up those left behind the others, then subscribes from the lowest
   * checkpoint, and after a failure waits and resubscribes from the saved checkpoints. Until it
   * subscribes, the ticks do nothing: no version switches over before it is built.
   */
  private async runFeed(): Promise<void> {
    await this.rebuildFresh();
    while (this.running) {
      await this.catchUpLagging();
      if (!this.running) return;
      const checkpoints = this.pipelines.map((pipeline) => pipeline.checkpoint);
      const from = checkpoints.includes(undefined)
        ? undefined
        : (checkpoints as bigint[]).reduce((a, b) => (b < a ? b : a));
      // What the checkpoints cover counts as delivered, so a restart with nothing new is live at once.
      if (from !== undefined && (this.head === undefined || from > this.head)) this.head = from;
      const filter = feedFilter(this.pipelines.map((pipeline) => pipeline.context.projection));
      const subscription = this.events.subscribe({
        fromPosition: from,
        ...(filter ? { filter, onCheckpoint: async (position: bigint) => this.passed(position) } : {}),
        handler: (event) => this.deliver(event),
      });
      this.subscription = subscription;
      try {
        await subscription.done;
      } catch (error) {
        this.noteFailure(error);
      }
      this.subscription = undefined;
      if (!this.running) return;
      this.live = false;
      await this.delay(this.options.restartDelayMs);
      await Promise.all(this.pipelines.map((pipeline) => pipeline.serialized(async () => pipeline.reset())));
    }
  }

  /** See catchUpLagging; a failure is noted, and the feed catches up what is left. */
  private async catchUpLagging(): Promise<void> {
    if (!this.running) return;
    try {
      await catchUpLagging(this.pipelines, {
        events: this.events,
        stallMs: this.options.restartDelayMs,
        deliver: (event, lagging) => this.deliver(event, lagging),
        passed: (position, lagging) => this.passed(position, lagging),
        following: (subscription) => (this.laggingFeed = subscription),
      });
    } catch (error) {
      this.noteFailure(error);
    }
  }

  /** A failed build is tried again after the restart delay, with the versions still without a checkpoint. */
  private async rebuildFresh(): Promise<void> {
    const session = this.rebuildSession(this.stopping.signal);
    while (this.running) {
      const fresh = this.pipelines.filter((pipeline) => pipeline.checkpoint === undefined);
      if (fresh.length === 0) return;
      try {
        await this.rebuildStrategy.rebuild(
          fresh.map((pipeline) => pipeline.context),
          session,
        );
        return;
      } catch (error) {
        this.noteFailure(error);
        await this.delay(this.options.restartDelayMs);
      } finally {
        this.rebuilding = undefined;
      }
    }
  }

  private rebuildSession(signal: AbortSignal): RebuildSession {
    const pipelineOf = (target: RebuildTarget): ProjectionPipeline => this.pipeline(target.projection.name);
    return {
      events: this.events,
      signal,
      discard: async ({ projection, version }) => {
        await this.readModels.dropVersion(projection.name, version, projection.collections);
        // MongoDB drops a collection's indexes with it: those start() created come back.
        await ensureProjectionIndexes(this.readModels, projection, version);
        this.pipeline(projection.name).parkedCount = 0;
      },
      progress: (report) => {
        this.rebuilding = report;
        // The build reads through a position of the log: the log reaches at least there.
        if (this.head === undefined || report.through > this.head) this.head = report.through;
      },
      built: async (target, through, parked) => {
        const pipeline = pipelineOf(target);
        await pipeline.serialized(async () => {
          await this.readModels.commit(pipeline.name, pipeline.version, [], through);
          pipeline.built(through, parked);
        });
      },
    };
  }

  /** Commits batches that are not full, notices when the feed has caught up, switches rebuilt versions. */
  private async runTicks(): Promise<void> {
    while (this.running) {
      await this.delay(this.options.batchDelayMs);
      if (!this.running || !this.subscription) continue;
      try {
        await Promise.all(this.pipelines.map((pipeline) => pipeline.flush()));
        if (!this.live) {
          const ahead = await this.events.readAll({ fromPosition: this.head, maxCount: this.options.liveWithin });
          this.live = ahead.length < this.options.liveWithin;
        }
        if (this.live) {
          this.pipelines.forEach((pipeline) => pipeline.endFreshBuild());
          await this.completeSwitches();
        }
        this.feedError = undefined;
        this.waiters.check();
      } catch (error) {
        this.noteFailure(error);
        await this.subscription?.stop();
      }
    }
  }

  private async completeSwitches(): Promise<void> {
    for (const [name, pending] of this.switches) {
      const pipeline = this.pipeline(name);
      await pipeline.serialized(async () => {
        await this.readModels.setActiveVersion(name, pipeline.version);
        this.activeVersions.set(name, pipeline.version);
        if (pending.previous !== pipeline.version) {
          await this.readModels.dropVersion(name, pending.previous, pipeline.context.projection.collections);
        }
      });
      this.switches.delete(name);
      pending.resolve();
    }
  }

  private noteFailure(error: unknown): void {
    this.feedError = describeFailure(error);
    this.settings.onError?.(error);
  }

  /** A wait that stop() cuts short. */
  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.wakers.add(wake);
    });
  }
}
