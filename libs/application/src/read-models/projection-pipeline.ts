import { BatchContext, runBatch } from './batch';
import { WrittenIds } from './document-cache';
import { ProjectedEvent } from './projection';
import { readsEvent } from './projection-events';

/**
 * The live side of one projection version: the events it reads (readsEvent) are buffered as the
 * runner's subscription delivers them and committed in batches, one at a time (a flush waits for
 * the previous one). It knows which positions its committed documents reflect, which is what
 * read-your-writes waits on.
 */
export class ProjectionPipeline {
  /** Committed checkpoint. */
  checkpoint: bigint | undefined;
  parkedCount = 0;
  /** Every event at or below it is buffered, committed, or not one this projection reads (readsEvent). */
  private seenThrough: bigint | undefined;
  private buffer: ProjectedEvent[] = [];
  /** First position of the batch being committed. */
  private inFlightFrom: bigint | undefined;
  private flushing = false;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly reads: (category: string, type: string) => boolean;

  constructor(
    public context: BatchContext,
    /** Events per batch now (the runner batches more while catching up). */
    private readonly batchSize: () => number,
  ) {
    this.reads = readsEvent(context.projection);
  }

  get name(): string {
    return this.context.projection.name;
  }

  get version(): number {
    return this.context.version;
  }

  async load(): Promise<void> {
    const { store, projection, version } = this.context;
    this.checkpoint = await store.checkpoint(projection.name, version);
    this.parkedCount = (await store.parked(projection.name, version)).length;
    this.context = { ...this.context, written: this.checkpoint === undefined ? new WrittenIds() : undefined };
    this.reset();
  }

  /** Once caught up, stop tracking the ids a build from position 0 has written (memory). */
  endFreshBuild(): void {
    if (this.context.written !== undefined) this.context = { ...this.context, written: undefined };
  }

  /** The rebuild strategy wrote every document through `checkpoint`, and the runner the checkpoint (see RebuildStrategy). */
  built(checkpoint: bigint, parked: number): void {
    this.checkpoint = checkpoint;
    this.parkedCount = parked;
    this.endFreshBuild();
    this.reset();
  }

  /** Forgets what was delivered but not committed (the subscription will deliver it again). */
  reset(): void {
    this.seenThrough = this.checkpoint;
    this.buffer = [];
    this.context.cache.clear();
  }

  offer(event: ProjectedEvent): void {
    if (this.seenThrough !== undefined && event.position <= this.seenThrough) return;
    this.seenThrough = event.position;
    if (this.reads(event.category, event.type)) this.buffer.push(event);
  }

  /** The feed searched the log through `position`: nothing this projection reads lies in between. */
  passed(position: bigint): void {
    if (this.seenThrough === undefined || position > this.seenThrough) this.seenThrough = position;
  }

  get full(): boolean {
    return this.buffer.length >= this.batchSize();
  }

  /** Nothing buffered, nothing being committed. */
  get idle(): boolean {
    return this.buffer.length === 0 && !this.flushing;
  }

  /** Whether the committed documents reflect every event of this projection up to `position`. */
  reflects(position: bigint): boolean {
    if (this.checkpoint !== undefined && position <= this.checkpoint) return true;
    const firstPending = this.inFlightFrom ?? this.buffer[0]?.position;
    if (firstPending !== undefined) return position < firstPending;
    return this.seenThrough !== undefined && position <= this.seenThrough;
  }

  /** The position up to which the documents are current (for lag). */
  get reflectedThrough(): bigint | undefined {
    return this.idle ? this.seenThrough : this.checkpoint;
  }

  /** Commits the buffer (or, with nothing buffered, just a checkpoint that fell behind). */
  flush(): Promise<void> {
    return this.serialized(() => this.flushNow());
  }

  /** Runs `work` after any flush in flight and before the next one. */
  serialized<T>(work: () => Promise<T>): Promise<T> {
    const run = this.chain.then(work);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async flushNow(): Promise<void> {
    const through = this.seenThrough;
    const events = this.buffer;
    if (through === undefined || (events.length === 0 && this.checkpoint !== undefined && through <= this.checkpoint))
      return;
    this.buffer = [];
    this.inFlightFrom = events[0]?.position;
    this.flushing = true;
    try {
      this.parkedCount += await runBatch(this.context, events, through);
      this.checkpoint = through;
    } finally {
      this.inFlightFrom = undefined;
      this.flushing = false;
    }
  }
}
