import { ChainWalker } from '../event-store/chain-verifier';
import { EventStore } from '../event-store/event-store.port';
import { StreamHead } from '../event-store/event-store.types';
import { ARCHIVE_MANIFEST_STREAM, ArchivedEventSource, ArchivedStream, checkArchivedEvents, isArchivableStream, readManifest } from './archived-streams';
import { CheckpointHead, CheckpointV2, eventCountOf, headsDigest, headsListProblem, headsMap, sortedHeads } from './checkpoint';
import type { CheckpointVerificationOptions } from './checkpoint-verifier';
import { IntegrityProblem, IntegrityReport } from './integrity-report';
import { notInCheckpointAt as at, OrderDigest, walkStore } from './store-walk';

type About = NonNullable<IntegrityReport['checkpoint']>;

/** The heads list kept beside the checkpoint, if there is one and it is the list the signature covers. */
const listedHeads = async (checkpoint: CheckpointV2, headsOf: CheckpointVerificationOptions['headsOf']): Promise<Map<string, StreamHead> | undefined> => {
  const heads = await headsOf?.(checkpoint.headsDigest);
  if (heads === undefined || headsListProblem(heads) !== undefined || headsDigest(heads) !== checkpoint.headsDigest) return undefined;
  return headsMap(heads);
};

/**
 * The head, as of `limit`, of a stream archived after the checkpoint: from its manifest entry when
 * the checkpoint covered all of it, from its archive file when only a part.
 */
const archivedHeadAsOf = async (entry: ArchivedStream, limit: bigint, archive: ArchivedEventSource | undefined): Promise<StreamHead | IntegrityProblem | undefined> => {
  if (entry.firstPosition > limit) return undefined;
  if (entry.lastPosition <= limit) return { revision: entry.headRevision, hash: entry.headHash };
  const file = await archive?.open(entry);
  if (file === undefined) {
    const detail = `${entry.streamId} was archived after the checkpoint, which covered part of it: its archive file ${entry.file} is needed and not found`;
    return { kind: 'archive_unavailable', streamId: entry.streamId, detail };
  }
  const checked = await checkArchivedEvents(entry, file, limit);
  return checked.ok ? checked.headAsOf : checked.problem;
};

/** The first stream whose head differs between the listed (signed) heads and the recomputed ones. */
const namedDifference = (listed: ReadonlyMap<string, StreamHead>, found: ReadonlyMap<string, StreamHead>, limit: bigint): IntegrityProblem | undefined => {
  for (const head of sortedHeads(new Map([...listed, ...found]))) {
    const known = listed.get(head.streamId);
    const seen = found.get(head.streamId);
    if (known === undefined) return { kind: 'not_in_checkpoint', streamId: head.streamId, revision: seen?.revision.toString(), detail: `${head.streamId}: has events at or before position ${limit} but is not covered by the checkpoint` };
    if (seen === undefined || seen.revision < known.revision) {
      const end = seen === undefined ? 'no events' : `revision ${seen.revision}`;
      return { kind: 'truncated', streamId: head.streamId, revision: seen?.revision.toString(), detail: `${head.streamId}: chain ends at ${end} as of position ${limit}, but revision ${known.revision} is known to exist` };
    }
    if (seen.revision > known.revision) return { kind: 'not_in_checkpoint', streamId: head.streamId, revision: seen.revision.toString(), detail: `${head.streamId}@${seen.revision} is at or before position ${limit} but not covered by the checkpoint` };
    if (seen.hash !== known.hash) return { kind: 'head_mismatch', streamId: head.streamId, revision: known.revision.toString(), detail: `${head.streamId}@${known.revision}: differs from the known head` };
  }
  return undefined;
};

/**
 * Version 2 against the store, in one walk:
 * 1. every stream's chain, and with a listed heads list every listed head (as version 1 does);
 * 2. the heads as of the checkpoint's position, recomputed on the way, leaving out the streams the
 *    archive manifest had archived when it was signed and putting back those archived since (from
 *    their manifest entry, or their archive file when the checkpoint covered only part of them);
 * 3. their count, their digest against the signed one, and the order digest of the events up to
 *    the position that are not access-log segments.
 * Without the heads list a difference is reported as `heads_mismatch` without naming a stream.
 */
export const verifyAgainstV2 = async (store: EventStore, checkpoint: CheckpointV2, options: CheckpointVerificationOptions): Promise<IntegrityReport> => {
  const about: About = { createdAt: checkpoint.createdAt, globalPosition: checkpoint.globalPosition, keyId: checkpoint.keyId };
  const failed = (firstProblem: IntegrityProblem, checkedEvents: number): IntegrityReport => ({ ok: false, checkedEvents, firstProblem, checkpoint: about });
  const limit = BigInt(checkpoint.globalPosition);
  const manifest = await readManifest(store);
  if (!manifest.ok) return failed(manifest.problem, 0);
  if (manifest.entries.length < checkpoint.archivedStreams) {
    const detail = `the archive manifest holds ${manifest.entries.length} entries, the checkpoint was signed when it held ${checkpoint.archivedStreams}`;
    return failed({ kind: 'truncated', streamId: ARCHIVE_MANIFEST_STREAM, detail }, 0);
  }
  const archivedBefore = new Set(manifest.entries.slice(0, checkpoint.archivedStreams).map((entry) => entry.streamId));
  const listed = await listedHeads(checkpoint, options.headsOf);
  const covered = (streamId: string, revision: bigint): boolean => {
    const head = listed?.get(streamId);
    return head !== undefined && revision <= head.revision;
  };
  const walker = new ChainWalker(listed ? { expectedHeads: listed } : {});
  const order = new OrderDigest();
  let asOf: Map<string, StreamHead> | undefined;
  const problem = await walkStore(
    store,
    walker,
    (event) => {
      if (event.position > limit) return listed && covered(event.streamId, event.revision) ? at(event, `covered by the checkpoint but found after its position ${limit}`) : undefined;
      if (listed && !archivedBefore.has(event.streamId) && !covered(event.streamId, event.revision)) {
        return at(event, `recorded at or before the checkpoint's position ${limit} but not covered by it`);
      }
      if (!isArchivableStream(event.streamId)) order.add(event.streamId, event.revision);
      return undefined;
    },
    options.onProgress,
    { position: limit, take: (heads) => (asOf = heads) },
  );
  const checkedEvents = walker.eventsChecked;
  if (problem) return failed(problem, checkedEvents);
  const heads = asOf ?? new Map([...walker.heads].map(([streamId, head]) => [streamId, { revision: head.revision, hash: head.hash }]));
  for (const streamId of archivedBefore) heads.delete(streamId);
  for (const entry of manifest.entries.slice(checkpoint.archivedStreams)) {
    if (heads.has(entry.streamId)) continue;
    const head = await archivedHeadAsOf(entry, limit, options.archive);
    if (head && 'kind' in head) return failed(head, checkedEvents);
    if (head) heads.set(entry.streamId, head);
  }
  const named = listed && namedDifference(listed, heads, limit);
  if (named) return failed(named, checkedEvents);
  const sorted: CheckpointHead[] = sortedHeads(heads);
  const events = eventCountOf(sorted);
  if (sorted.length !== checkpoint.streamCount || events !== BigInt(checkpoint.eventCount)) {
    const detail = `${events} events in ${sorted.length} streams as of position ${limit}, the checkpoint covers ${checkpoint.eventCount} in ${checkpoint.streamCount}`;
    return failed({ kind: 'count_mismatch', detail }, checkedEvents);
  }
  if (headsDigest(sorted) !== checkpoint.headsDigest) {
    const detail = `the heads as of position ${limit} differ from the signed digest: a stream was changed, truncated, removed or added (the checkpoint's heads list, where kept, names it)`;
    return failed({ kind: 'heads_mismatch', detail }, checkedEvents);
  }
  if (order.digest() !== checkpoint.orderDigest) {
    const detail = 'the covered events are in another global order than when the checkpoint was signed';
    return failed({ kind: 'order_mismatch', detail }, checkedEvents);
  }
  return { ok: true, checkedEvents, checkpoint: about };
};
