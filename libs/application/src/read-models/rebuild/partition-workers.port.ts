import { RetryPolicy } from '../batch';
import { ParkedEvent } from '../read-model-store.port';

/** One thread's part of a partitioned build (some of its partitions): the projections are named, since functions do not cross threads. */
export interface PartitionShare {
  /** Projection versions to build, by name; the other side knows the projections by these names. */
  readonly projections: readonly { readonly name: string; readonly version: number }[];
  readonly partitions: readonly (readonly string[])[];
  /** Decimal position the build reads through. */
  readonly through: string;
  readonly partitionsPerCommit: number;
  readonly retry: RetryPolicy;
}

/** An event parked on another thread, reported back for the logs (the store has the record). */
export interface ParkedOnThread {
  readonly projection: string;
  readonly entry: ParkedEvent;
}

/** What a share tells the build while it runs. */
export interface ShareListener {
  parked(parked: ParkedOnThread): void;
  /** After each commit: how many events its partitions held. */
  progress(events: number): void;
}

/**
 * Runs shares of a partitioned build on other threads, each with connections of its own to the
 * same stores (see buildPartitioned): partitions are independent, so a build spreads over the
 * machine's cores. PartitionedRebuild splits the partitions and waits for every share; the runner
 * saves the checkpoints.
 */
export interface PartitionWorkers {
  /**
   * Shares to split a build through position `through` into (a thread costs its start-up, worth it
   * only for a large log); below 2, the build runs in the runner's thread.
   */
  sharesFor(through: bigint): number;
  /**
   * Builds one share. Resolves with the events parked per projection (in `share.projections`
   * order), or undefined once `signal` has stopped it between two commits.
   */
  build(share: PartitionShare, signal: AbortSignal, listener: ShareListener): Promise<number[] | undefined>;
}
