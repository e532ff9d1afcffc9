import { yieldToEventLoop } from '../event-store/chain-pages';
import { headBreak } from '../event-store/chain-verifier';
import { ChainHashAlgorithm, chainHashOfStore } from '../event-store/crypto-suite';
import { EventStore } from '../event-store/event-store.port';
import { StreamHead } from '../event-store/event-store.types';
import {
  ARCHIVE_MANIFEST_STREAM,
  ArchivedEventSource,
  ArchivedStream,
  checkArchivedEvents,
  isArchivableStream,
  readManifest,
} from './archived-streams';
import { CheckpointHead, CheckpointV2, HeadsDigest, isCheckpointHead } from './checkpoint';
import type { CheckpointVerificationOptions } from './checkpoint-verifier';
import { StoreCheck, WalkedStore } from './checked-walk';
import { eachInTurns, HEADS_PER_TURN } from './heads-work';
import { IntegrityProblem, problemOfBreak } from './integrity-report';
import { HeadsAsOf, notInCheckpointAt as at, OrderDigest } from './store-walk';

/** The heads list kept beside the checkpoint: by stream id, with its entries in order. */
interface ListedHeads {
  readonly sorted: readonly CheckpointHead[];
  readonly byStream: ReadonlyMap<string, StreamHead>;
}

/** The heads list kept beside the checkpoint, if there is one and it is the list the signature covers; checked in turns. */
const listedHeads = async (
  checkpoint: CheckpointV2,
  headsOf: CheckpointVerificationOptions['headsOf'],
): Promise<ListedHeads | undefined> => {
  const heads: unknown = await headsOf?.(checkpoint.headsDigest);
  if (!Array.isArray(heads)) return undefined;
  const digest = new HeadsDigest();
  const byStream = new Map<string, StreamHead>();
  let previous: string | undefined;
  let wellFormed = true;
  await eachInTurns(heads as unknown[], (head) => {
    if (!wellFormed) return;
    if (!isCheckpointHead(head) || (previous !== undefined && previous >= head.streamId)) {
      wellFormed = false;
      return;
    }
    previous = head.streamId;
    digest.add(head);
    byStream.set(head.streamId, { revision: BigInt(head.revision), hash: head.hash });
  });
  return wellFormed && digest.digest() === checkpoint.headsDigest
    ? { sorted: heads as CheckpointHead[], byStream }
    : undefined;
};

/**
 * The head, as of `limit`, of a stream archived after the checkpoint: from its manifest entry when
 * the checkpoint covered all of it, from its archive file when only a part.
 */
const archivedHeadAsOf = async (
  entry: ArchivedStream,
  limit: bigint,
  archive: ArchivedEventSource | undefined,
  hashAlgorithm: ChainHashAlgorithm,
): Promise<StreamHead | IntegrityProblem | undefined> => {
  if (entry.firstPosition > limit) return undefined;
  if (entry.lastPosition <= limit) return { revision: entry.headRevision, hash: entry.headHash };
  const file = await archive?.open(entry);
  if (file === undefined) {
    const detail = `${entry.streamId} was archived after the checkpoint, which covered part of it: its archive file ${entry.file} is needed and not found`;
    return { kind: 'archive_unavailable', streamId: entry.streamId, detail };
  }
  const checked = await checkArchivedEvents(entry, file, limit, hashAlgorithm);
  return checked.ok ? checked.headAsOf : checked.problem;
};

/** Two sorted lists of distinct ids as one sorted list. */
function* mergeSorted(a: readonly string[], b: readonly string[]): Generator<string> {
  let j = 0;
  for (const id of a) {
    while (j < b.length && (b[j] as string) < id) yield b[j++] as string;
    yield id;
  }
  while (j < b.length) yield b[j++] as string;
}

const differenceAt = (
  streamId: string,
  known: StreamHead | undefined,
  seen: StreamHead | undefined,
  limit: bigint,
): IntegrityProblem | undefined => {
  if (known === undefined)
    return {
      kind: 'not_in_checkpoint',
      streamId,
      revision: seen?.revision.toString(),
      detail: `${streamId}: has events at or before position ${limit} but is not covered by the checkpoint`,
    };
  if (seen === undefined || seen.revision < known.revision) {
    const end = seen === undefined ? 'no events' : `revision ${seen.revision}`;
    return {
      kind: 'truncated',
      streamId,
      revision: seen?.revision.toString(),
      detail: `${streamId}: chain ends at ${end} as of position ${limit}, but revision ${known.revision} is known to exist`,
    };
  }
  if (seen.revision > known.revision)
    return {
      kind: 'not_in_checkpoint',
      streamId,
      revision: seen.revision.toString(),
      detail: `${streamId}@${seen.revision} is at or before position ${limit} but not covered by the checkpoint`,
    };
  if (seen.hash !== known.hash)
    return {
      kind: 'head_mismatch',
      streamId,
      revision: known.revision.toString(),
      detail: `${streamId}@${known.revision}: differs from the known head`,
    };
  return undefined;
};

/** The first stream, by id, whose head differs between the listed (signed) heads and the recomputed ones (sorted too); in turns. */
const namedDifference = async (
  listed: ListedHeads,
  found: readonly (readonly [string, StreamHead])[],
  limit: bigint,
): Promise<IntegrityProblem | undefined> => {
  let i = 0;
  let j = 0;
  for (let step = 1; i < listed.sorted.length || j < found.length; step += 1) {
    const listedId = listed.sorted[i]?.streamId;
    const [foundId, foundHead] = found[j] ?? [];
    let problem: IntegrityProblem | undefined;
    if (foundId === undefined || (listedId !== undefined && listedId < foundId)) {
      problem = differenceAt(listedId as string, listed.byStream.get(listedId as string), undefined, limit);
      i += 1;
    } else if (listedId === undefined || foundId < listedId) {
      problem = differenceAt(foundId, undefined, foundHead, limit);
      j += 1;
    } else {
      problem = differenceAt(listedId, listed.byStream.get(listedId), foundHead, limit);
      i += 1;
      j += 1;
    }
    if (problem) return problem;
    if (step % HEADS_PER_TURN === 0) await yieldToEventLoop();
  }
  return undefined;
};

/**
 * Version 2 against the store, as part of one walk:
 * 1. every stream's chain (the walker), and with a listed heads list every listed head (as version 1 does);
 * 2. the heads as of the checkpoint's position, recomputed on the way, leaving out the streams the
 *    archive manifest had archived when it was signed and putting back those archived since (from
 *    their manifest entry, or their archive file when the checkpoint covered only part of them);
 * 3. their count, their digest against the signed one, and the order digest of the events up to
 *    the position that are not access-log segments.
 * Without the heads list a difference is reported as `heads_mismatch` without naming a stream.
 * A problem found before the walk (the manifest) is returned instead of a check.
 */
export const checkAgainstV2 = async (
  store: EventStore,
  checkpoint: CheckpointV2,
  options: CheckpointVerificationOptions,
): Promise<StoreCheck | IntegrityProblem> => {
  const limit = BigInt(checkpoint.globalPosition);
  const manifest = await readManifest(store);
  if (!manifest.ok) return manifest.problem;
  if (manifest.entries.length < checkpoint.archivedStreams) {
    const detail = `the archive manifest holds ${manifest.entries.length} entries, the checkpoint was signed when it held ${checkpoint.archivedStreams}`;
    return { kind: 'truncated', streamId: ARCHIVE_MANIFEST_STREAM, detail };
  }
  const archivedBefore = new Set(manifest.entries.slice(0, checkpoint.archivedStreams).map((entry) => entry.streamId));
  const listed = await listedHeads(checkpoint, options.headsOf);
  const asOf = new HeadsAsOf(limit);
  const order = new OrderDigest();

  /** The heads as of the limit, sorted, without the streams archived before and with those archived since. */
  const headsAsOfLimit = async (
    walked: WalkedStore,
  ): Promise<{ heads: (readonly [string, StreamHead])[]; digest: string; events: bigint } | IntegrityProblem> => {
    // Read again after the walk: a stream archived (and removed) while it ran is put back from its entry.
    const now = await readManifest(store);
    if (!now.ok) return now.problem;
    const since = new Map<string, StreamHead>();
    for (const entry of now.entries.slice(checkpoint.archivedStreams)) {
      if (walked.walker.heads.has(entry.streamId)) continue;
      const head = await archivedHeadAsOf(entry, limit, options.archive, chainHashOfStore(store));
      if (head && 'kind' in head) return head;
      if (head) since.set(entry.streamId, head);
    }
    const heads: (readonly [string, StreamHead])[] = [];
    const digest = new HeadsDigest();
    let events = 0n;
    await eachInTurns(mergeSorted(await walked.sortedStreamIds(), [...since.keys()].sort()), (streamId) => {
      const head = since.get(streamId) ?? asOf.of(streamId, walked.walker.heads.get(streamId));
      if (head === undefined || archivedBefore.has(streamId)) return;
      heads.push([streamId, head]);
      digest.add({ streamId, revision: head.revision.toString(), hash: head.hash });
      events += head.revision + 1n;
    });
    return { heads, digest: digest.digest(), events };
  };

  return {
    about: { createdAt: checkpoint.createdAt, globalPosition: checkpoint.globalPosition, keyId: checkpoint.keyId },
    visit: (event, hash, prevHash) => {
      asOf.accept(event, prevHash);
      const known = listed?.byStream.get(event.streamId);
      const differs = headBreak(event, known, hash);
      if (differs) return problemOfBreak(differs);
      const covered = known !== undefined && event.revision <= known.revision;
      if (event.position > limit)
        return listed && covered
          ? at(event, `covered by the checkpoint but found after its position ${limit}`)
          : undefined;
      if (listed && !archivedBefore.has(event.streamId) && !covered)
        return at(event, `recorded at or before the checkpoint's position ${limit} but not covered by it`);
      if (!isArchivableStream(event.streamId)) order.add(event.streamId, event.revision);
      return undefined;
    },
    conclude: async (walked) => {
      const found = await headsAsOfLimit(walked);
      if ('kind' in found) return found;
      const named = listed && (await namedDifference(listed, found.heads, limit));
      if (named) return named;
      if (found.heads.length !== checkpoint.streamCount || found.events !== BigInt(checkpoint.eventCount)) {
        return {
          kind: 'count_mismatch',
          detail: `${found.events} events in ${found.heads.length} streams as of position ${limit}, the checkpoint covers ${checkpoint.eventCount} in ${checkpoint.streamCount}`,
        };
      }
      if (found.digest !== checkpoint.headsDigest) {
        const detail = `the heads as of position ${limit} differ from the signed digest: a stream was changed, truncated, removed or added (the checkpoint's heads list, where kept, names it)`;
        return { kind: 'heads_mismatch', detail };
      }
      if (order.digest() !== checkpoint.orderDigest)
        return {
          kind: 'order_mismatch',
          detail: 'the covered events are in another global order than when the checkpoint was signed',
        };
      return undefined;
    },
  };
};
