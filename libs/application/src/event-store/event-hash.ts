import * as crypto from 'node:crypto';
import { canonicalEntries, canonicalJson } from './canonical-json';
import { ChainHashAlgorithm } from './crypto-suite';
import { RecordedEvent } from './event-store.types';

/**
 * The tamper-evidence chain, computed identically by every adapter (hashing never depends on
 * the store):
 *
 *   hash_n = hex(H( prevHash_n ‖ canonical({ streamId, revision, eventId, type, data, metadata }) ))
 *
 * where H is the store's chain digest (see crypto-suite.ts): SHA-256 (`intl`) or SM3 (`gm`), and
 * `prevHash_0` is {@link GENESIS_HASH}, `prevHash_n = hash_{n-1}`, `revision` is written
 * as a JSON number, and `metadata` is the recorded metadata without `hash` (so it includes
 * `recordedAt` and `prevHash`). Editing, removing, inserting or reordering an event changes a
 * hash or breaks a link; truncating the tail is only visible against a known head
 * (see chain-verifier.ts).
 */
export const GENESIS_HASH = '0'.repeat(64);

const HASH_PATTERN = /^[0-9a-f]{64}$/;
export const isHash = (value: unknown): value is string => typeof value === 'string' && HASH_PATTERN.test(value);

export interface HashInput {
  readonly streamId: string;
  readonly revision: bigint;
  readonly eventId: string;
  readonly type: string;
  /** canonicalJson(data) */
  readonly dataJson: string;
  /** canonicalJson(metadata without `hash`, with `recordedAt` and `prevHash`) */
  readonly metadataJson: string;
}

/**
 * Assembles canonical({data, eventId, metadata, revision, streamId, type}) from the parts that
 * adapters already encoded for storage, instead of encoding the event a second time. The key
 * order below is the sorted order canonicalJson would produce.
 */
const canonicalEventBody = (e: HashInput): string =>
  `{"data":${e.dataJson},"eventId":${JSON.stringify(e.eventId)},"metadata":${e.metadataJson},` +
  `"revision":${e.revision.toString()},"streamId":${JSON.stringify(e.streamId)},"type":${JSON.stringify(e.type)}}`;

/** One-shot `crypto.hash` where available (Node >= 20.12): no Hash object per event appended. */
const digestHex = (algorithm: ChainHashAlgorithm): ((text: string) => string) =>
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash(algorithm, text, 'hex')
    : (text) => crypto.createHash(algorithm).update(text).digest('hex');

const DIGESTS: Readonly<Record<ChainHashAlgorithm, (text: string) => string>> = {
  sha256: digestHex('sha256'),
  // Node's OpenSSL provides SM3; checked against GB/T 32905's vectors and sm-crypto-v2 in event-hash.spec.ts.
  sm3: digestHex('sm3'),
};

export const computeEventHash = (
  prevHash: string,
  input: HashInput,
  algorithm: ChainHashAlgorithm = 'sha256',
): string => DIGESTS[algorithm](prevHash + canonicalEventBody(input));

/**
 * canonical(metadata without `hash`): the recorded metadata's members minus that one, joined —
 * the same text as encoding a copy without it, without copying the object for every event.
 */
const metadataWithoutHashJson = (metadata: object): string => {
  const { keys, entries } = canonicalEntries(metadata, 'metadata');
  const skip = keys.indexOf('hash');
  if (skip < 0) return '{' + entries.join(',') + '}';
  let out = '{';
  for (let i = 0; i < entries.length; i++) {
    if (i !== skip) out += (out.length === 1 ? '' : ',') + (entries[i] as string);
  }
  return out + '}';
};

/** Recomputes the hash of an event as read back from a store (the verifier's side). */
export const recomputeHash = (event: RecordedEvent, algorithm: ChainHashAlgorithm = 'sha256'): string =>
  computeEventHash(
    event.metadata.prevHash,
    {
      streamId: event.streamId,
      revision: event.revision,
      eventId: event.eventId,
      type: event.type,
      dataJson: canonicalJson(event.data, 'data'),
      metadataJson: metadataWithoutHashJson(event.metadata),
    },
    algorithm,
  );
