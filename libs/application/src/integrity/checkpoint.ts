import * as crypto from 'node:crypto';
import { canonicalJson } from '../event-store/canonical-json';
import { isHash } from '../event-store/event-hash';
import { StreamHead } from '../event-store/event-store.types';
import { eachInTurns } from './heads-work';

/**
 * A signed checkpoint: the state of every stream at a global position, signed with the product's
 * Ed25519 key. Revisions and positions are decimal strings (they are unsigned 64-bit in
 * EventStoreDB, beyond what a JSON number holds exactly). The signature covers
 * `canonicalJson(checkpoint)` (RFC 8785, the same encoding as the hash chains), so any edit of the
 * exported document breaks it.
 *
 * Version 2 (signed since #13) signs a digest of the heads instead of listing them, so its size is
 * the same whatever the number of streams (version 1 listed every head: 3.4 MB once every read of
 * a random id made a stream). The verifier recomputes the heads as of `globalPosition` in its walk
 * of the store and compares digests. The heads list may be kept beside it (the checkpoint
 * repository keeps it for recent checkpoints), outside the signed document: checked against the
 * digest before use, it lets the verifier name the stream that differs. Version 1 documents still
 * verify as before.
 */
export interface CheckpointHead {
  readonly streamId: string;
  readonly revision: string;
  readonly hash: string;
}

interface CheckpointCommon {
  /** When it was signed (ISO-8601, from the injected clock). */
  readonly createdAt: string;
  /** Position of the last event covered; "0" for an empty store. */
  readonly globalPosition: string;
  readonly streamCount: number;
  readonly eventCount: number;
  /** hex SHA-256 of canonicalJson(heads), the heads sorted by stream id (UTF-16 code units). */
  readonly headsDigest: string;
  /**
   * hex SHA-256 over `streamId\nrevision\n` of every covered event in global order. The chains
   * are per stream; this pins the order across streams too (projections fold in that order).
   * Positions themselves are left out, so a faithful copy into another store still verifies.
   */
  readonly orderDigest: string;
  /** Identifies the signing key: the first 16 hex digits of SHA-256 over its SPKI DER encoding. */
  readonly keyId: string;
}

export interface CheckpointV1 extends CheckpointCommon {
  readonly version: 1;
  /** Every stream's last event at `globalPosition`, sorted by stream id. */
  readonly heads: readonly CheckpointHead[];
}

/**
 * Version 2. Its heads are those of every stream as of `globalPosition` except the archived ones
 * (the first `archivedStreams` entries of the archive manifest, archived-streams.ts); `eventCount` is
 * the sum of their revisions + 1. `orderDigest` leaves out access-log segments, which may be archived
 * (their order within each is held by its chain; across streams it carries no meaning).
 */
export interface CheckpointV2 extends CheckpointCommon {
  readonly version: 2;
  readonly archivedStreams: number;
}

export type Checkpoint = CheckpointV1 | CheckpointV2;

/** The exported document: what is saved, served and verified. */
export interface SignedCheckpoint {
  readonly checkpoint: Checkpoint;
  /** base64 Ed25519 signature over canonicalJson(checkpoint). */
  readonly signature: string;
  /** The signer's public key (SPKI PEM); a verifier may pin the key it trusts instead. */
  readonly publicKey: string;
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const sortedHeads = (heads: ReadonlyMap<string, StreamHead>): CheckpointHead[] =>
  [...heads.entries()]
    .sort(([a], [b]) => byCodeUnits(a, b))
    .map(([streamId, head]) => ({ streamId, revision: head.revision.toString(), hash: head.hash }));

/**
 * canonicalJson of one head: its keys in code-unit order, each string as JSON.stringify writes it
 * (what canonicalJson does for strings), without the generic encoder's per-object work.
 */
const canonicalHead = (head: CheckpointHead): string =>
  `{"hash":${JSON.stringify(head.hash)},"revision":${JSON.stringify(head.revision)},"streamId":${JSON.stringify(head.streamId)}}`;

/**
 * hex SHA-256 of canonicalJson(heads), fed head by head in stream-id order: the same digest as
 * encoding the whole list at once, without a string the size of the list (a million streams make
 * ~100 MB of JSON).
 */
export class HeadsDigest {
  private readonly hash = crypto.createHash('sha256');
  private chunk = '[';
  private count = 0;

  add(head: CheckpointHead): void {
    this.chunk += (this.count++ === 0 ? '' : ',') + canonicalHead(head);
    if (this.chunk.length > 65_536) {
      this.hash.update(this.chunk, 'utf8');
      this.chunk = '';
    }
  }

  digest(): string {
    return this.hash.update(this.chunk + ']', 'utf8').digest('hex');
  }
}

export const headsDigest = (heads: readonly CheckpointHead[]): string => {
  const digest = new HeadsDigest();
  for (const head of heads) digest.add(head);
  return digest.digest();
};

/** Events the heads account for: revisions are gapless from 0, so each stream holds revision + 1. */
export const eventCountOf = (heads: readonly CheckpointHead[]): bigint =>
  heads.reduce((sum, head) => sum + BigInt(head.revision) + 1n, 0n);

/** What the signature covers. */
export const checkpointSigningInput = (checkpoint: Checkpoint): Buffer =>
  Buffer.from(canonicalJson(checkpoint, 'checkpoint'), 'utf8');

const DECIMAL = /^(0|[1-9][0-9]{0,19})$/;
const isDecimal = (value: unknown): value is string => typeof value === 'string' && DECIMAL.test(value);
const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const COMMON_KEYS = [
  'createdAt',
  'eventCount',
  'globalPosition',
  'headsDigest',
  'keyId',
  'orderDigest',
  'streamCount',
  'version',
];
const KEYS: Readonly<Record<number, readonly string[]>> = {
  1: [...COMMON_KEYS, 'heads'],
  2: [...COMMON_KEYS, 'archivedStreams'],
};

/** A well-formed head: { streamId, revision (decimal string), hash }. */
export const isCheckpointHead = (head: unknown): head is CheckpointHead =>
  isObject(head) && typeof head.streamId === 'string' && isDecimal(head.revision) && isHash(head.hash);

/** Why a heads list is not sorted, unique, well-formed heads; undefined when it is. */
export const headsListProblem = (heads: unknown, name = 'checkpoint.heads'): string | undefined => {
  if (!Array.isArray(heads)) return `${name} must be an array`;
  let previous: string | undefined;
  for (const [index, head] of heads.entries()) {
    if (!isCheckpointHead(head)) return `${name}[${index}] must be { streamId, revision (decimal string), hash }`;
    if (previous !== undefined && byCodeUnits(previous, head.streamId) >= 0)
      return `${name} must be sorted by stream id without duplicates`;
    previous = head.streamId;
  }
  return undefined;
};

/** Why a document is not a well-formed signed checkpoint; undefined when it is one. */
export const checkpointShapeProblem = (value: unknown): string | undefined => {
  if (!isObject(value)) return 'not a JSON object';
  if (typeof value.signature !== 'string' || typeof value.publicKey !== 'string')
    return 'signature and publicKey must be strings';
  const c = value.checkpoint;
  if (!isObject(c)) return 'checkpoint must be an object';
  const keys = typeof c.version === 'number' ? KEYS[c.version] : undefined;
  if (keys === undefined) return 'checkpoint.version must be 1 or 2';
  const extra = Object.keys(c).find((key) => !keys.includes(key));
  if (extra !== undefined) return `checkpoint has an unknown field ${extra}`;
  if (typeof c.createdAt !== 'string' || Number.isNaN(Date.parse(c.createdAt)))
    return 'checkpoint.createdAt must be an ISO-8601 time';
  if (!isDecimal(c.globalPosition)) return 'checkpoint.globalPosition must be a decimal string';
  if (!isCount(c.streamCount) || !isCount(c.eventCount))
    return 'checkpoint.streamCount and eventCount must be non-negative integers';
  if (!isHash(c.headsDigest) || !isHash(c.orderDigest) || typeof c.keyId !== 'string')
    return 'checkpoint.headsDigest, orderDigest and keyId are required';
  if (c.version === 2)
    return isCount(c.archivedStreams) ? undefined : 'checkpoint.archivedStreams must be a non-negative integer';
  const heads = headsListProblem(c.heads);
  if (heads !== undefined) return heads;
  if ((c.heads as unknown[]).length !== c.streamCount) return 'checkpoint.streamCount does not match its heads';
  return undefined;
};

export const isSignedCheckpoint = (value: unknown): value is SignedCheckpoint =>
  checkpointShapeProblem(value) === undefined;

/**
 * Why a signed (hence trusted) version 1 document contradicts itself; undefined when it does not,
 * and for version 2, whose heads are not in the document. In turns (heads-work.ts).
 */
export const checkpointConsistencyProblem = async (checkpoint: Checkpoint): Promise<string | undefined> => {
  if (checkpoint.version !== 1) return undefined;
  const digest = new HeadsDigest();
  let events = 0n;
  await eachInTurns(checkpoint.heads, (head) => {
    digest.add(head);
    events += BigInt(head.revision) + 1n;
  });
  if (digest.digest() !== checkpoint.headsDigest) return 'headsDigest does not match heads';
  if (events !== BigInt(checkpoint.eventCount)) return 'eventCount does not match heads';
  return undefined;
};

/** The heads as the chain verifier takes them, built in turns. */
export const headsMap = async (heads: readonly CheckpointHead[]): Promise<Map<string, StreamHead>> => {
  const map = new Map<string, StreamHead>();
  await eachInTurns(heads, (head) => map.set(head.streamId, { revision: BigInt(head.revision), hash: head.hash }));
  return map;
};
