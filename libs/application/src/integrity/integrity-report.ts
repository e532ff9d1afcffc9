import { ChainBreak, ChainBreakKind, ChainVerification } from '../event-store/chain-verifier';

/**
 * What can be wrong, beyond the chain breaks of chain-verifier.ts:
 * - `invalid_checkpoint`: the document is not a well-formed signed checkpoint;
 * - `no_trusted_key`: no key to trust is configured (CHECKPOINT_PUBLIC_KEY_FILE) or present (the
 *   instance's own signing key), so no checkpoint can be verified;
 * - `unknown_key`: signed by a key other than the trusted one (or its keyId does not match);
 * - `bad_signature`: the signature does not cover this checkpoint (it was edited);
 * - `not_in_checkpoint`: an event recorded at or before the checkpoint's position that the
 *   checkpoint does not cover (inserted into the past), or a covered event found after it (moved);
 * - `count_mismatch`: the store holds another number of events up to the checkpoint's position;
 * - `order_mismatch`: the covered events are all there, but in another global order;
 * - `heads_mismatch`: (version 2) the heads as of the checkpoint's position differ from the signed
 *   digest — a stream changed, truncated, removed or added — and no heads list was at hand to name it;
 * - `invalid_manifest`: the archive manifest holds an entry that is not one (access-log-archive.ts);
 * - `archive_mismatch`: an archive file differs from its manifest entry (hash, events, head, SHA-256);
 * - `archive_unavailable`: an archive file needed to verify is not there.
 */
export type IntegrityProblemKind =
  | ChainBreakKind
  | 'invalid_checkpoint'
  | 'no_trusted_key'
  | 'unknown_key'
  | 'bad_signature'
  | 'not_in_checkpoint'
  | 'count_mismatch'
  | 'order_mismatch'
  | 'heads_mismatch'
  | 'invalid_manifest'
  | 'archive_mismatch'
  | 'archive_unavailable';

/** The first problem found; event coordinates are decimal strings (JSON-safe). */
export interface IntegrityProblem {
  readonly kind: IntegrityProblemKind;
  readonly streamId?: string;
  readonly revision?: string;
  readonly position?: string;
  readonly eventId?: string;
  readonly detail: string;
}

export interface IntegrityReport {
  readonly ok: boolean;
  /** Events whose chain links and hashes were checked. */
  readonly checkedEvents: number;
  readonly firstProblem?: IntegrityProblem;
  /** The checkpoint verified against, when there was one. */
  readonly checkpoint?: { readonly createdAt: string; readonly globalPosition: string; readonly keyId: string };
}

export const problemOfBreak = (failure: ChainBreak): IntegrityProblem => ({
  kind: failure.kind,
  streamId: failure.streamId,
  revision: failure.revision?.toString(),
  position: failure.position?.toString(),
  eventId: failure.eventId,
  detail: failure.message,
});

export const reportOfVerification = (verification: ChainVerification): IntegrityReport =>
  verification.ok
    ? { ok: true, checkedEvents: verification.eventsChecked }
    : { ok: false, checkedEvents: verification.eventsChecked, firstProblem: problemOfBreak(verification.failure) };

export const failedReport = (kind: IntegrityProblemKind, detail: string, checkedEvents = 0): IntegrityReport => ({
  ok: false,
  checkedEvents,
  firstProblem: { kind, detail },
});
