import { CLUE_CATEGORY } from '@xj/domain';
import { PartitionedProjections, Partitioning } from '../read-models/rebuild/partitioning';
import { CREATION_TYPES } from './clue-links';
import { CASE_PROJECTIONS } from './projections';

/**
 * A case: a clue's stream with the streams of the referrals and rectification items created for it
 * (their creation events name the clue, and a stream's creation event is its first). The case
 * ledgers keep to it: each of their documents is a clue's, a referral's or an item's, and the
 * index they read maps a stream of the case to the case's clue. So a build from position 0 may
 * build them case by case (see Partitioning, PartitionedRebuild).
 *
 * Cases come in clue-id order, which is also the order of the clue-keyed documents they write.
 * A referral or item whose creation event names no clue (the deciders never append one) is a
 * partition of its own, so that its events are still applied.
 */
export const CASE_PARTITIONING: Partitioning = {
  name: 'case',
  partitions: async (source, through) => {
    const rows = await source.readDataField(['ClueRegistered', ...CREATION_TYPES], 'clueId', through);
    const cases = new Map<string, string[]>();
    for (const { streamId, type, value } of rows) {
      const clueId = type === 'ClueRegistered' ? streamId.slice(CLUE_CATEGORY.length + 1) : value;
      const partition = clueId === undefined ? `\u0000${streamId}` : clueId;
      const streams = cases.get(partition);
      if (streams === undefined) cases.set(partition, [streamId]);
      else streams.push(streamId);
    }
    return [...cases.keys()].sort().map((clueId) => cases.get(clueId) as string[]);
  },
};

/**
 * How the case ledgers are rebuilt from position 0, declared once for all of them: every one keeps
 * to the case partitioning (test/projections/case-partitioning.spec.ts builds them case by case and
 * in global order, and compares).
 */
export const CASE_PARTITIONED: PartitionedProjections = {
  partitioning: CASE_PARTITIONING,
  projections: CASE_PROJECTIONS,
};
