export type { RebuildProgress, RebuildSession, RebuildStrategy, RebuildTarget } from './rebuild-strategy';
export { IN_ORDER_REBUILD } from './in-order.rebuild';
export { PartitionedRebuild } from './partitioned.rebuild';
export type { PartitionedRebuildOptions } from './partitioned.rebuild';
export type { PartitionedProjections, Partitioning } from './partitioning';
export { isPartitionReads } from './partition-reads.port';
export type { DataFieldRow, PartitionReads } from './partition-reads.port';
export type { ParkedOnThread, PartitionShare, PartitionWorkers, ShareListener } from './partition-workers.port';
// For the threads of PartitionWorkers, which build their shares with it.
export { buildPartitioned } from './partitioned-build';
export type { PartitionedBuildOptions } from './partitioned-build';
