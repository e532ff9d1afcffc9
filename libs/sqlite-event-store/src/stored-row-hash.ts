// Loaded by chain-segment.worker.ts too. That thread loads only what verification needs: the
// event-store kit of @xj/application, not the library (all of it costs each thread ~0.5 s to
// load); types only from the library itself.
import type { RecordedEvent, RecordedMetadata } from '@xj/application';
import type { ChainHashAlgorithm } from '@xj/application/event-store-kit';
import { ChainRow, computeEventHash } from '@xj/application/event-store-kit';

/**
 * The chain verifier's fast path for the embedded store (see ChainRow): this store keeps each
 * event's canonical texts as they were hashed at append time, with `recordedAt`, `prevHash` and
 * `hash` in columns of their own, so a row is checked by hashing those texts (no parse, no
 * re-encoding) with the two recorded members merged back in.
 */

/**
 * An event exactly as the embedded store keeps it: the canonical texts hashed at append time, not
 * parsed. Hashing these directly is the verifier's fast path (no parse, no re-encoding). It is
 * at least as strict as the parsed path (recomputeHash): text that hashes correctly is byte for byte what
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
const mergeMembers = (
  objectJson: string,
  extras: readonly (readonly [key: string, encoded: string])[],
): string | undefined => {
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
    for (let extra = extras[next]; extra !== undefined && extra[0] < key; extra = extras[++next])
      take(`"${extra[0]}":${extra[1]}`);
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
export const computeStoredRowHash = (
  row: StoredChainRow,
  algorithm: ChainHashAlgorithm = 'sha256',
): string | undefined => {
  // Sorted: 'prevHash' < 'recordedAt'. The same members chainEvents merges in at append time.
  const metadataJson = mergeMembers(row.metadataJson, [
    ['prevHash', JSON.stringify(row.prevHash)],
    ['recordedAt', JSON.stringify(row.recordedAt)],
  ]);
  if (metadataJson === undefined) return undefined;
  return computeEventHash(
    row.prevHash,
    {
      streamId: row.streamId,
      revision: row.revision,
      eventId: row.eventId,
      type: row.type,
      dataJson: row.dataJson,
      metadataJson,
    },
    algorithm,
  );
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
export const storedRowHashMatches = (row: StoredChainRow, algorithm: ChainHashAlgorithm = 'sha256'): boolean => {
  const metadata = row.metadataJson;
  for (const successor of LIKELY_SUCCESSORS) {
    const at = metadata.indexOf(successor);
    if (at < 0) continue;
    const spliced = `${metadata.slice(0, at)},"prevHash":${JSON.stringify(row.prevHash)},"recordedAt":${JSON.stringify(row.recordedAt)}${metadata.slice(at)}`;
    const input = {
      streamId: row.streamId,
      revision: row.revision,
      eventId: row.eventId,
      type: row.type,
      dataJson: row.dataJson,
      metadataJson: spliced,
    };
    if (computeEventHash(row.prevHash, input, algorithm) === row.hash) return true;
    break;
  }
  return computeStoredRowHash(row, algorithm) === row.hash;
};

/**
 * A stored row as the chain verifier walks it: its texts hashed as they are, parsed only to name a
 * failure. Constructed for every row of a verification, so its fields are parameters, not an object.
 */
export class SqliteChainRow implements StoredChainRow, ChainRow {
  constructor(
    readonly streamId: string,
    readonly revision: bigint,
    readonly position: bigint,
    readonly eventId: string,
    readonly type: string,
    readonly dataJson: string,
    readonly metadataJson: string,
    readonly recordedAt: string,
    readonly prevHash: string,
    readonly hash: string,
    /** The store's chain digest (its crypto suite). */
    readonly algorithm: ChainHashAlgorithm = 'sha256',
  ) {}

  static of(row: StoredChainRow, algorithm: ChainHashAlgorithm = 'sha256'): SqliteChainRow {
    return new SqliteChainRow(
      row.streamId,
      row.revision,
      row.position,
      row.eventId,
      row.type,
      row.dataJson,
      row.metadataJson,
      row.recordedAt,
      row.prevHash,
      row.hash,
      algorithm,
    );
  }

  hashMatches(): boolean {
    return storedRowHashMatches(this, this.algorithm);
  }

  /** As readStream/readAll return it; undefined if its texts are not JSON. */
  toEvent(): RecordedEvent | undefined {
    try {
      const metadata = JSON.parse(this.metadataJson) as object;
      return {
        streamId: this.streamId,
        revision: this.revision,
        position: this.position,
        eventId: this.eventId,
        type: this.type,
        data: JSON.parse(this.dataJson),
        metadata: {
          ...metadata,
          recordedAt: this.recordedAt,
          prevHash: this.prevHash,
          hash: this.hash,
        } as RecordedMetadata,
      };
    } catch {
      return undefined;
    }
  }
}
