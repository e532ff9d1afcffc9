import { EventStore } from '../../event-store/event-store.port';
import { BatchContext } from '../batch';

/** A projection version without a checkpoint, which has to be built from position 0. */
export type RebuildTarget = BatchContext;

/** How far a build from position 0 has come: the runner shows it in its status (and so readiness, the CLI's progress bar). */
export interface RebuildProgress {
  /** The projections whose versions are being built. */
  readonly names: readonly string[];
  /** The position the build reads through. */
  readonly through: bigint;
  /** Events built so far. */
  readonly events: number;
}

/** What the runner lends a strategy for one build. */
export interface RebuildSession {
  readonly events: EventStore;
  /** Aborted when the runner stops: the strategy stops where it is and returns. */
  readonly signal: AbortSignal;
  /** Drops whatever the version holds (what a build cut short wrote), so that a build starts from nothing. */
  discard(target: RebuildTarget): Promise<void>;
  progress(report: RebuildProgress): void;
  /**
   * Every document of the version reflects every event through `through`: the runner saves that as
   * its checkpoint, and the feed goes on from there.
   */
  built(target: RebuildTarget, through: bigint, parked: number): Promise<void>;
}

/**
 * How the runner builds projection versions from position 0 (a first start, a bumped version):
 * before it subscribes, it hands the strategy the versions without a checkpoint. What the strategy
 * does not build (it tells `session.built` for what it does), the feed builds from position 0 in
 * global order, as it catches up. The runner knows nothing else of how a strategy builds.
 */
export interface RebuildStrategy {
  /**
   * Builds those of `targets` it takes, and resolves once they are built or the session's signal
   * stopped it. Throws when a build failed: the runner notes it, waits, and calls again with the
   * versions that still have no checkpoint.
   */
  rebuild(targets: readonly RebuildTarget[], session: RebuildSession): Promise<void>;
}
