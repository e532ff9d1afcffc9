export { EmbeddedPartitionWorkers } from './partition-workers';
export type { EmbeddedPartitionWorkersOptions } from './partition-workers';
