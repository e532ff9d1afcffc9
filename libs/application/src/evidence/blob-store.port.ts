import type { Readable } from 'node:stream';
import { ChainHashAlgorithm } from '../event-store/crypto-suite';

/** DI token for the configured {@link BlobStore}. */
export const BLOB_STORE = Symbol('BLOB_STORE');

/**
 * The digest blobs are addressed by: the event store's suite decides (SHA-256 under `intl`, SM3
 * under `gm`), so a 国密 store's evidence is SM3 throughout and never mixed.
 */
export type BlobHashAlgorithm = ChainHashAlgorithm;

/** A stored blob: addressed by the digest of its bytes under the store's {@link BlobHashAlgorithm}. */
export interface BlobInfo {
  /** Lower-case hex digest (SHA-256 or SM3: the name was kept from when SHA-256 was the only one). */
  readonly sha256: string;
  readonly size: number;
  /** When the bytes were stored (a blob stored again keeps its first time or takes the new one: either is fine). */
  readonly storedAt: Date;
}

/** Bytes received and hashed but not yet stored under their hash. */
export interface StagedBlob {
  readonly sha256: string;
  readonly size: number;
  /** Up to `length` bytes from `start` (fewer at the end): what a type check reads of the file. */
  read(start: number, length: number): Promise<Uint8Array>;
  /**
   * Stores the bytes under their hash, atomically; the staged copy goes. A blob already there is
   * kept and its `storedAt` renewed (the orphan collection's grace starts again).
   */
  commit(): Promise<BlobInfo>;
  /** Removes the staged bytes; nothing of them remains. Safe to call twice or after commit. */
  discard(): Promise<void>;
}

/**
 * Content-addressed file storage for evidence (issue 19 §1): each file once, under its digest
 * (SHA-256, or SM3 in a 国密 store: `algorithm`, fixed when the store is built from the event
 * store's crypto suite, issue 18).
 * Two adapters — files under `$DATA_DIR/blobs` (FileBlobStore) and MongoDB GridFS (MongoBlobStore)
 * — held to one contract suite (test/contract/blob-store.contract-spec.ts).
 *
 * - `stage` streams the source into a staging area while hashing, so a file is held in memory
 *   at most one chunk at a time. More than `maxBytes`: BlobTooLargeError; the source failing
 *   (an upload cut short): its error. Either way nothing is left behind.
 * - A blob is visible under its hash only once complete: a crash never leaves a partial file there.
 */
export interface BlobStore {
  /** How this store hashes what it stages: every blob under it is addressed by this digest. */
  readonly algorithm: BlobHashAlgorithm;
  stage(source: AsyncIterable<Uint8Array>, maxBytes: number): Promise<StagedBlob>;
  /** The bytes of a stored blob, or undefined when there is none under the hash. */
  open(sha256: string): Promise<Readable | undefined>;
  stat(sha256: string): Promise<BlobInfo | undefined>;
  /** Every stored blob (not staged ones). */
  list(): AsyncIterable<BlobInfo>;
  /** Removes a stored blob; nothing when there is none. */
  remove(sha256: string): Promise<void>;
  /** Removes staged bytes older than `before` that a crash left behind; returns how many. */
  sweepStaging(before: Date): Promise<number>;
  /** Releases the connection, where there is one. */
  close?(): Promise<void>;
}

/** Why an upload was refused; the API maps each reason to a status (problem-details.filter.ts). */
export type EvidenceUploadProblem = 'too-large' | 'unsupported-type' | 'incomplete' | 'missing-file' | 'invalid-form';

const CODES: Readonly<Record<EvidenceUploadProblem, string>> = {
  'too-large': 'EVIDENCE.TOO_LARGE',
  'unsupported-type': 'EVIDENCE.UNSUPPORTED_TYPE',
  incomplete: 'EVIDENCE.UPLOAD_INCOMPLETE',
  'missing-file': 'EVIDENCE.FILE_REQUIRED',
  'invalid-form': 'EVIDENCE.INVALID_FORM',
};

/** An upload refused before anything was stored: it leaves nothing behind. */
export class EvidenceUploadError extends Error {
  readonly code: string;
  constructor(
    readonly problem: EvidenceUploadProblem,
    message: string,
  ) {
    super(message);
    this.name = 'EvidenceUploadError';
    this.code = CODES[problem];
  }
}

/** `stage` read more than its limit. */
export class BlobTooLargeError extends EvidenceUploadError {
  constructor(readonly maxBytes: number) {
    super('too-large', `The file is larger than ${maxBytes} bytes.`);
  }
}

export const SHA256_PATTERN = /^[0-9a-f]{64}$/;
