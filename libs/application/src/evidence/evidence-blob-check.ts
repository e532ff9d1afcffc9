import { createHash } from 'node:crypto';
import { Clock } from '../event-store/clock.port';
import { migrationPositionOf } from '../event-store/crypto-suite-record';
import { EventStore } from '../event-store/event-store.port';
import { BlobHashAlgorithm, BlobStore } from './blob-store.port';
import { allEvidenceEvents } from './case-evidence';

/** A referenced blob that is not what its event recorded. */
export interface EvidenceBlobProblem {
  readonly sha256: string;
  /** The first stream whose event references it. */
  readonly streamId: string;
  /** `algorithm_mismatch`: the event records another digest than the store's suite (a store never mixes suites). */
  readonly problem: 'missing' | 'hash_mismatch' | 'size_mismatch' | 'algorithm_mismatch';
}

export interface EvidenceBlobReport {
  readonly ok: boolean;
  /** Distinct blobs referenced by EvidenceAttached events and checked. */
  readonly blobsChecked: number;
  readonly problems: readonly EvidenceBlobProblem[];
}

/**
 * Verification of the evidence (issue 19 §1): every blob an EvidenceAttached event references
 * exists and its bytes hash to the digest (and size) the event recorded, with the algorithm the
 * event records (SHA-256 before the field; SM3 in a 国密 store, issue 18), which must be the blob
 * store's: a store never mixes suites — except for evidence attached before the store was
 * re-chained from another suite (`cli crypto migrate`: the events are evidence and keep the digest
 * they recorded). The event's hash is covered by the stream's chain, so together they show the
 * evidence is what was attached.
 */
export const checkEvidenceBlobs = async (store: EventStore, blobs: BlobStore): Promise<EvidenceBlobReport> => {
  const referenced = new Map<
    string,
    { readonly streamId: string; readonly size: number; readonly algorithm: BlobHashAlgorithm }
  >();
  const problems: EvidenceBlobProblem[] = [];
  const migratedAt = await migrationPositionOf(store);
  for await (const { streamId, position, sha256, hashAlgorithm, size } of allEvidenceEvents(store)) {
    const beforeMigration = migratedAt !== undefined && position < migratedAt;
    if (hashAlgorithm !== blobs.algorithm && !beforeMigration)
      problems.push({ sha256, streamId, problem: 'algorithm_mismatch' });
    else if (!referenced.has(sha256)) referenced.set(sha256, { streamId, size, algorithm: hashAlgorithm });
  }
  for (const [sha256, { streamId, size, algorithm }] of referenced) {
    const problem = await problemOf(blobs, sha256, size, algorithm);
    if (problem) problems.push({ sha256, streamId, problem });
  }
  return { ok: problems.length === 0, blobsChecked: referenced.size, problems };
};

const problemOf = async (
  blobs: BlobStore,
  sha256: string,
  size: number,
  algorithm: BlobHashAlgorithm,
): Promise<EvidenceBlobProblem['problem'] | undefined> => {
  const stream = await blobs.open(sha256);
  if (!stream) return 'missing';
  const hash = createHash(algorithm);
  let read = 0;
  for await (const chunk of stream as AsyncIterable<Uint8Array>) {
    hash.update(chunk);
    read += chunk.length;
  }
  if (hash.digest('hex') !== sha256) return 'hash_mismatch';
  return read === size ? undefined : 'size_mismatch';
};

/** A whole-store verification report with the evidence check beside it: a blob problem makes it fail. */
export const withEvidenceCheck = async <R extends { readonly ok: boolean }>(
  report: R,
  store: EventStore,
  blobs: BlobStore,
): Promise<R & { readonly evidence: EvidenceBlobReport }> => {
  const evidence = await checkEvidenceBlobs(store, blobs);
  return { ...report, ok: report.ok && evidence.ok, evidence };
};

/** 24 hours: how long a stored blob may wait for the event that attaches it (EVIDENCE_ORPHAN_GRACE_HOURS). */
export const DEFAULT_ORPHAN_GRACE_MS = 24 * 60 * 60 * 1000;

/**
 * Removes blobs no EvidenceAttached event references that were stored longer than `graceMs` ago
 * (an upload whose command was then refused, or a crash between storing and attaching), and
 * staging leftovers as old. The grace covers the moment between a blob's commit and its event.
 */
export const collectOrphanBlobs = async (
  store: EventStore,
  blobs: BlobStore,
  clock: Clock,
  graceMs: number = DEFAULT_ORPHAN_GRACE_MS,
): Promise<{ readonly removed: readonly string[]; readonly stagingRemoved: number }> => {
  const before = new Date(clock.now().getTime() - graceMs);
  const candidates: string[] = [];
  for await (const blob of blobs.list()) if (blob.storedAt < before) candidates.push(blob.sha256);
  const referenced = new Set<string>();
  // Read after listing: an event appended meanwhile is seen, so a just-attached blob is kept.
  for await (const { sha256 } of allEvidenceEvents(store)) referenced.add(sha256);
  const removed = candidates.filter((sha256) => !referenced.has(sha256));
  for (const sha256 of removed) await blobs.remove(sha256);
  return { removed, stagingRemoved: await blobs.sweepStaging(before) };
};
