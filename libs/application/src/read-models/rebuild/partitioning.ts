import { Projection } from '../projection';
import { PartitionReads } from './partition-reads.port';

/**
 * How a build from position 0 may split the log into partitions of streams. The promise the
 * projections that keep to it make: for an event of one partition, `keys` and `apply` read and write
 * only documents that no event of another partition reads or writes. Each partition may then be
 * built on its own (its events in global order, its documents in memory and each written once)
 * instead of walking the whole log in order; every document comes out the same, `_position`
 * included, because it sees the same events in the same order.
 */
export interface Partitioning {
  /** For logs and errors. */
  readonly name: string;
  /** The partitions of the log up to `through`, each as the ids of its streams, in a stable order. */
  partitions(source: PartitionReads, through: bigint): Promise<readonly (readonly string[])[]>;
}

/**
 * Projections that keep to one partitioning, declared once for all of them (not by each
 * projection: how a projection is rebuilt is no part of what it is). Built together, they read each
 * partition once. By name: any version of them the runner builds.
 */
export interface PartitionedProjections {
  readonly partitioning: Partitioning;
  readonly projections: readonly Projection[];
}
