import { Decider, Decision } from '../shared/decider';
import { DomainError, notFound, validation } from '../shared/domain-error';
import { requireRole } from '../shared/authorize';
import { CommandBase, DomainEvent, EventDataBase, eventBase } from '../shared/messages';
import { Actor, ROLES } from '../shared/actor';

/** The media types evidence may have; what a file is comes from its bytes (the application sniffs them). */
export const EVIDENCE_MEDIA_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/tiff',
  /** OLE2 compound file: .doc, .xls, .wps, .et (the bytes do not tell them apart). */
  'application/x-ole-storage',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  /** OFD (GB/T 33190-2016), the national fixed-layout document format. */
  'application/ofd',
] as const;
export type EvidenceMediaType = (typeof EVIDENCE_MEDIA_TYPES)[number];

/**
 * The digest evidence is addressed by: the store's crypto suite decides (SHA-256 under `intl`, SM3
 * GB/T 32905-2016 under `gm`, 国密); both give 64 hex digits.
 */
export const EVIDENCE_HASH_ALGORITHMS = ['sha256', 'sm3'] as const;
export type EvidenceHashAlgorithm = (typeof EVIDENCE_HASH_ALGORITHMS)[number];

/** The algorithm of an attachment: events from before the field were all SHA-256. */
export const evidenceHashAlgorithmOf = (file: {
  readonly hashAlgorithm?: EvidenceHashAlgorithm;
}): EvidenceHashAlgorithm => file.hashAlgorithm ?? 'sha256';

/** One file of evidence as the event that attaches it records it: the hash addresses the stored bytes. */
export interface EvidenceFile {
  /**
   * Lower-case hex digest of the bytes under `hashAlgorithm` (the field keeps the name it was
   * stored with when SHA-256 was the only one).
   */
  readonly sha256: string;
  /** Absent on events recorded before the 国密 suite: SHA-256. */
  readonly hashAlgorithm?: EvidenceHashAlgorithm;
  /** The name the uploader gave, for the download's Content-Disposition only. */
  readonly fileName: string;
  readonly mediaType: EvidenceMediaType;
  readonly size: number;
}

/** 证据材料 — attach a stored file to a case (clue, referral or rectification item). */
export interface AttachEvidence extends CommandBase<'AttachEvidence'>, EvidenceFile {}

export interface EvidenceAttachedData extends EventDataBase, EvidenceFile {}
export type EvidenceAttached = DomainEvent<'EvidenceAttached', EvidenceAttachedData>;

export const EVIDENCE_ATTACHED = 'EvidenceAttached';

const SHA256 = /^[0-9a-f]{64}$/;
const MAX_FILE_NAME = 255;
/** A name is shown in timelines and sent back in a header: no control characters. */
// eslint-disable-next-line no-control-regex -- the control characters are what it matches
const CONTROL = /[\u0000-\u001f\u007f]/;

/** The state a case kind gives the evidence overlay: whether the case exists at all. */
export type CaseExists<S> = (state: S) => boolean;

/** Why `actor` may not attach evidence to an existing case now, or nothing. */
export const attachEvidencePrecondition = (actor: Actor): DomainError | undefined =>
  // Whoever may see the case (the application's access guard) may add to its file, except the
  // roles that never change a case (authorize.ts).
  requireRole(actor, ROLES, 'attach evidence');

export const decideAttachEvidence = (
  command: AttachEvidence,
  exists: boolean,
  prefix: string,
): Decision<EvidenceAttached> => {
  if (!exists) return notFound(`${prefix}.NOT_FOUND`, 'no case with this id');
  const refused = attachEvidencePrecondition(command.actor);
  if (refused) return refused;
  const name = command.fileName.trim();
  if (!SHA256.test(command.sha256))
    return validation('EVIDENCE.INVALID_HASH', 'sha256 must be 64 lower-case hex digits');
  if (command.hashAlgorithm !== undefined && !EVIDENCE_HASH_ALGORITHMS.includes(command.hashAlgorithm))
    return validation('EVIDENCE.INVALID_HASH_ALGORITHM', 'hashAlgorithm must be sha256 or sm3');
  if (name.length === 0 || name.length > MAX_FILE_NAME || CONTROL.test(name))
    return validation(
      'EVIDENCE.INVALID_FILE_NAME',
      `a file name has 1–${MAX_FILE_NAME} characters, none a control character`,
    );
  if (!Number.isSafeInteger(command.size) || command.size < 0)
    return validation('EVIDENCE.INVALID_SIZE', 'size must be a non-negative integer');
  if (!(EVIDENCE_MEDIA_TYPES as readonly string[]).includes(command.mediaType))
    return validation('EVIDENCE.UNSUPPORTED_TYPE', 'this media type is not accepted as evidence');
  return [
    {
      type: EVIDENCE_ATTACHED,
      data: {
        ...eventBase(command),
        sha256: command.sha256,
        ...(command.hashAlgorithm !== undefined ? { hashAlgorithm: command.hashAlgorithm } : {}),
        fileName: name,
        mediaType: command.mediaType,
        size: command.size,
      },
    },
  ];
};

/**
 * A case decider that also takes AttachEvidence. Evidence is recorded on the case stream (so the
 * hash chain covers each file's SHA-256) but changes nothing the case's own rules read: its
 * `evolve` passes EvidenceAttached by, and the list of a case's evidence is read from the stream.
 * One overlay for the three kinds, as the escalation overlay is.
 */
export const withEvidence = <C extends { readonly type: string }, S, E>(
  decider: Decider<C, S, E>,
  exists: CaseExists<S>,
  prefix: string,
): Decider<C | AttachEvidence, S, E | EvidenceAttached> => ({
  initialState: decider.initialState,
  evolve: (state, event) => (isEvidenceAttached(event) ? state : decider.evolve(state, event as E)),
  decide: (command, state) =>
    isAttachEvidence(command)
      ? decideAttachEvidence(command, exists(state), prefix)
      : decider.decide(command as C, state),
});

const isAttachEvidence = (command: { readonly type: string }): command is AttachEvidence =>
  command.type === 'AttachEvidence';

export const isEvidenceAttached = (event: unknown): event is EvidenceAttached =>
  typeof event === 'object' && event !== null && (event as { type?: unknown }).type === EVIDENCE_ATTACHED;
