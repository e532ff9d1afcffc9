import * as crypto from 'node:crypto';
import { canonicalJson } from '../event-store/canonical-json';
import { isHash } from '../event-store/event-hash';
import { StreamHead } from '../event-store/event-store.types';

/**
 * A signed checkpoint: the heads of every stream and the global position, signed with the
 * product's Ed25519 key. Revisions and positions are decimal strings (they are unsigned 64-bit
 * in EventStoreDB, beyond what a JSON number holds exactly).
 *
 * The signature covers `canonicalJson(checkpoint)` (RFC 8785, the same encoding as the hash
 * chains), so any edit of the exported document — a head, a count, the position — breaks it.
 */
export interface CheckpointHead {
  readonly streamId: string;
  readonly revision: string;
  readonly hash: string;
}

export interface Checkpoint {
  readonly version: 1;
  /** When it was signed (ISO-8601, from the injected clock). */
  readonly createdAt: string;
  /** Position of the last event covered; "0" for an empty store. */
  readonly globalPosition: string;
  readonly streamCount: number;
  readonly eventCount: number;
  /** Every stream's last event at `globalPosition`, sorted by stream id (UTF-16 code units). */
  readonly heads: readonly CheckpointHead[];
  /** hex SHA-256 of canonicalJson(heads): lets two parties compare heads without the list. */
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

export const headsDigest = (heads: readonly CheckpointHead[]): string =>
  crypto.createHash('sha256').update(canonicalJson(heads, 'heads'), 'utf8').digest('hex');

/** What the signature covers. */
export const checkpointSigningInput = (checkpoint: Checkpoint): Buffer => Buffer.from(canonicalJson(checkpoint, 'checkpoint'), 'utf8');

const DECIMAL = /^(0|[1-9][0-9]{0,19})$/;
const isDecimal = (value: unknown): value is string => typeof value === 'string' && DECIMAL.test(value);
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const CHECKPOINT_KEYS = ['createdAt', 'eventCount', 'globalPosition', 'headsDigest', 'heads', 'keyId', 'orderDigest', 'streamCount', 'version'];

/** Why a document is not a well-formed signed checkpoint; undefined when it is one. */
export const checkpointShapeProblem = (value: unknown): string | undefined => {
  if (!isObject(value)) return 'not a JSON object';
  if (typeof value.signature !== 'string' || typeof value.publicKey !== 'string') return 'signature and publicKey must be strings';
  const c = value.checkpoint;
  if (!isObject(c)) return 'checkpoint must be an object';
  const extra = Object.keys(c).find((key) => !CHECKPOINT_KEYS.includes(key));
  if (extra !== undefined) return `checkpoint has an unknown field ${extra}`;
  if (c.version !== 1) return 'checkpoint.version must be 1';
  if (typeof c.createdAt !== 'string' || Number.isNaN(Date.parse(c.createdAt))) return 'checkpoint.createdAt must be an ISO-8601 time';
  if (!isDecimal(c.globalPosition)) return 'checkpoint.globalPosition must be a decimal string';
  if (!isCount(c.streamCount) || !isCount(c.eventCount)) return 'checkpoint.streamCount and eventCount must be non-negative integers';
  if (!isHash(c.headsDigest) || !isHash(c.orderDigest) || typeof c.keyId !== 'string') return 'checkpoint.headsDigest, orderDigest and keyId are required';
  if (!Array.isArray(c.heads)) return 'checkpoint.heads must be an array';
  let previous: string | undefined;
  for (const [index, head] of c.heads.entries()) {
    if (!isObject(head) || typeof head.streamId !== 'string' || !isDecimal(head.revision) || !isHash(head.hash)) {
      return `checkpoint.heads[${index}] must be { streamId, revision (decimal string), hash }`;
    }
    if (previous !== undefined && byCodeUnits(previous, head.streamId) >= 0) return 'checkpoint.heads must be sorted by stream id without duplicates';
    previous = head.streamId;
  }
  if (c.heads.length !== c.streamCount) return 'checkpoint.streamCount does not match its heads';
  return undefined;
};

export const isSignedCheckpoint = (value: unknown): value is SignedCheckpoint => checkpointShapeProblem(value) === undefined;

/** The heads as the chain verifier takes them. */
export const headsMap = (checkpoint: Checkpoint): Map<string, StreamHead> =>
  new Map(checkpoint.heads.map((head) => [head.streamId, { revision: BigInt(head.revision), hash: head.hash }]));
