import { Decider } from '@xj/domain';

/** Everything the generic command path needs to know about one aggregate type. */
export interface AggregateDefinition<C, S, E extends { readonly type: string; readonly data: object }> {
  /** Stream category, e.g. `clue`: streams are `<category>-<id>`. */
  readonly category: string;
  readonly decider: Decider<C, S, E>;
  /** Schema version written on every event of this aggregate (upcasters key on it). */
  readonly schemaVersion: number;
}

export const streamIdOf = (category: string, id: string): string => `${category}-${id}`;
