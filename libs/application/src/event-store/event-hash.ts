import * as crypto from 'node:crypto';
import { canonicalEntries, canonicalJson } from './canonical-json';
import { RecordedEvent } from './event-store.types';

/**
 * The tamper-evidence chain, computed identically by every adapter (hashing never depends on
 * the store):
 *
 *   hash_n = hex(SHA-256( prevHash_n ‖ canonical({ streamId, revision, eventId, type, data, metadata }) ))
 *
 * where `prevHash_0` is {@link GENESIS_HASH}, `prevHash_n = hash_{n-1}`, `revision` is written
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
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text).digest('hex');

export const computeEventHash = (prevHash: string, input: HashInput): string => sha256Hex(prevHash + canonicalEventBody(input));

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
export const recomputeHash = (event: RecordedEvent): string =>
  computeEventHash(event.metadata.prevHash, {
    streamId: event.streamId,
    revision: event.revision,
    eventId: event.eventId,
    type: event.type,
    dataJson: canonicalJson(event.data, 'data'),
    metadataJson: metadataWithoutHashJson(event.metadata),
  });

/**
 * An event exactly as an adapter stored it: the canonical texts it hashed at append time, not
 * parsed. Hashing these directly is the verifier's fast path (no parse, no re-encoding). It is
 * at least as strict as {@link recomputeHash}: text that hashes correctly is byte for byte what
 * was appended, and anything else (even a semantically equal re-encoding) is a mismatch.
 */
export interface StoredChainRow {
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: bigint;
  readonly eventId: string;
  readonly type: string;
  /** canonicalJson(data) as stored. */
  readonly dataJson: string;
  /** canonicalJson(writer metadata) as stored: without `recordedAt`, `prevHash` and `hash`. */
  readonly metadataJson: string;
  readonly recordedAt: string;
  readonly prevHash: string;
  readonly hash: string;
}

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;

/** Index of the quote closing the JSON string opened at `open`, or -1. */
const stringEnd = (text: string, open: number): number => {
  for (let i = text.indexOf('"', open + 1); i >= 0; i = text.indexOf('"', i + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(i - 1 - backslashes) === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return i;
  }
  return -1;
};

/** Index just after the JSON value starting at `from` (at a top-level `,` or the closing `}`), or -1. */
const valueEnd = (text: string, from: number): number => {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = stringEnd(text, i);
      if (i < 0) return -1;
    } else if (c === 123 || c === 91) depth += 1;
    else if (c === 125 || c === 93) {
      if (depth === 0) return i;
      depth -= 1;
    } else if (c === COMMA && depth === 0) return i;
  }
  return -1;
};

/**
 * The canonical object `objectJson` (already canonical) with two members merged in at their
 * sorted places, scanning only its top-level keys. `undefined` when the text is not a JSON
 * object of the expected shape (the caller then treats the row as not matching its hash).
 */
const mergeMembers = (objectJson: string, extras: readonly (readonly [key: string, encoded: string])[]): string | undefined => {
  const last = objectJson.length - 1;
  if (objectJson.charCodeAt(0) !== 123 || objectJson.charCodeAt(last) !== 125) return undefined;
  let out = '{';
  let next = 0;
  const take = (member: string): void => {
    out += out.length === 1 ? member : ',' + member;
  };
  let i = 1;
  while (i < last) {
    if (objectJson.charCodeAt(i) !== QUOTE) return undefined;
    const close = stringEnd(objectJson, i);
    if (close < 0 || objectJson.charCodeAt(close + 1) !== 58) return undefined;
    const raw = objectJson.slice(i + 1, close);
    const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
    for (let extra = extras[next]; extra !== undefined && extra[0] < key; extra = extras[++next]) take(`"${extra[0]}":${extra[1]}`);
    const end = valueEnd(objectJson, close + 2);
    if (end < 0) return undefined;
    take(objectJson.slice(i, end));
    i = end + 1;
  }
  for (let extra = extras[next]; extra !== undefined; extra = extras[++next]) take(`"${extra[0]}":${extra[1]}`);
  return out + '}';
};

/**
 * The hash a stored row should carry, computed from its stored texts; `undefined` when its
 * metadata text is not a JSON object at all. Equals {@link recomputeHash} of the parsed event
 * whenever the stored texts are canonical.
 */
export const computeStoredRowHash = (row: StoredChainRow): string | undefined => {
  // Sorted: 'prevHash' < 'recordedAt'. The same members chainEvents merges in at append time.
  const metadataJson = mergeMembers(row.metadataJson, [
    ['prevHash', JSON.stringify(row.prevHash)],
    ['recordedAt', JSON.stringify(row.recordedAt)],
  ]);
  if (metadataJson === undefined) return undefined;
  return computeEventHash(row.prevHash, {
    streamId: row.streamId,
    revision: row.revision,
    eventId: row.eventId,
    type: row.type,
    dataJson: row.dataJson,
    metadataJson,
  });
};

/**
 * Writer metadata keys that sort right after `recordedAt`: where the recorder's two members sit
 * in almost every stored event (the command path always writes `schemaVersion`).
 */
const LIKELY_SUCCESSORS = [',"rulebookVersion":', ',"schemaVersion":'] as const;

/**
 * Whether a stored row's texts hash to its stored hash — the verifier's hot path. It first tries
 * splicing `prevHash` and `recordedAt` in before the likely next key (two native searches instead
 * of a scan of the metadata): a hit means the spliced text is the very text that was hashed, which
 * can only be what the exact merge yields for an intact row; a miss falls back to
 * {@link computeStoredRowHash}. Either way the verdict is the exact one for every row whose
 * stored hash was not itself forged — and a forged hash passes the exact check just as well.
 */
export const storedRowHashMatches = (row: StoredChainRow): boolean => {
  const metadata = row.metadataJson;
  for (const successor of LIKELY_SUCCESSORS) {
    const at = metadata.indexOf(successor);
    if (at < 0) continue;
    const spliced = `${metadata.slice(0, at)},"prevHash":${JSON.stringify(row.prevHash)},"recordedAt":${JSON.stringify(row.recordedAt)}${metadata.slice(at)}`;
    const input = { streamId: row.streamId, revision: row.revision, eventId: row.eventId, type: row.type, dataJson: row.dataJson, metadataJson: spliced };
    if (computeEventHash(row.prevHash, input) === row.hash) return true;
    break;
  }
  return computeStoredRowHash(row) === row.hash;
};
