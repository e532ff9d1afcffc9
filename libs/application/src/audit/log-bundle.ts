import { createPublicKey, KeyObject } from 'node:crypto';
import { canonicalJson } from '../event-store/canonical-json';
import { ChainHashAlgorithm, CryptoSuite, chainHashOf, isCryptoSuite } from '../event-store/crypto-suite';
import { recomputeHash } from '../event-store/event-hash';
import { EventActor, JsonObject, RecordedEvent } from '../event-store/event-store.types';
import { keyIdOf, samePublicKey, verifySignedBytes } from '../integrity/checkpoint-signing';
import type { DocumentSignature } from '../integrity/integrity.service';
import { AdministrationLogEntry, ExportedLog } from './administration-log';

export const LOG_BUNDLE_FORMAT = 'xingji-link/audit-log-bundle';
export const LOG_BUNDLE_VERSION = 1;

/** A stream's or a segment's last event at the time of the export. */
export interface BundleHead {
  readonly streamId: string;
  readonly revision: string;
  readonly hash: string;
}

/**
 * 签名日志包 — a log exported with evidence: the records, the heads of the streams (or access-log
 * segments) they come from at the time of the export, and the instance's signature over the
 * canonical JSON of everything else (the checkpoint signing key: Ed25519 under intl, SM2 under gm).
 * Administration records are whole events, so each one's hash is recomputed by the verifier; an
 * access-log record is one of the many in a batch event, so its batch event is named with its hash.
 */
export interface LogBundle {
  readonly format: typeof LOG_BUNDLE_FORMAT;
  readonly version: typeof LOG_BUNDLE_VERSION;
  readonly log: ExportedLog;
  readonly exportedAt: string;
  readonly exportedBy: EventActor;
  readonly from: string;
  readonly to: string;
  readonly cryptoSuite: CryptoSuite;
  readonly records: readonly JsonObject[];
  readonly heads: readonly BundleHead[];
  /** Access log: the batch events holding the records. */
  readonly events?: readonly BundleHead[];
  readonly signature: DocumentSignature;
}

export type UnsignedLogBundle = Omit<LogBundle, 'signature'>;

/** The bytes that are signed: canonical JSON (sorted keys, no whitespace) of the bundle without its signature. */
export const bundleSigningInput = (bundle: UnsignedLogBundle): Buffer => {
  const { signature: _signature, ...unsigned } = bundle as LogBundle;
  return Buffer.from(canonicalJson(unsigned, 'bundle'), 'utf8');
};

export interface BundleVerification {
  readonly ok: boolean;
  readonly log?: ExportedLog;
  readonly records: number;
  readonly keyId?: string;
  /** The signing key is the trusted one given (undefined: none given). */
  readonly trustedKey?: boolean;
  readonly problems: readonly string[];
}

const administrationEventOf = (record: JsonObject): RecordedEvent => {
  const entry = record as unknown as AdministrationLogEntry;
  return { ...entry, revision: BigInt(entry.revision), position: BigInt(entry.position) };
};

/** Administration records: each hash recomputed, and linked to the one before where both are in the bundle. */
const administrationProblems = (bundle: LogBundle, algorithm: ChainHashAlgorithm): string[] => {
  const problems: string[] = [];
  const last = new Map<string, { revision: bigint; hash: string }>();
  const heads = new Map(bundle.heads.map((h) => [h.streamId, h]));
  for (const record of bundle.records) {
    let event: RecordedEvent;
    let hash: string;
    try {
      event = administrationEventOf(record);
      hash = recomputeHash(event, algorithm);
    } catch {
      problems.push('a record is not an event');
      continue;
    }
    const where = `${event.streamId}@${event.revision}`;
    if (hash !== event.metadata.hash) problems.push(`${where}: hash does not match`);
    const before = last.get(event.streamId);
    if (before && before.revision + 1n === event.revision && event.metadata.prevHash !== before.hash)
      problems.push(`${where}: does not link to the event before`);
    const head = heads.get(event.streamId);
    if (head && head.revision === event.revision.toString() && head.hash !== event.metadata.hash)
      problems.push(`${where}: differs from the head the bundle names`);
    last.set(event.streamId, { revision: event.revision, hash: event.metadata.hash });
  }
  return problems;
};

/**
 * Checks a bundle: its shape, its signature (with the key it carries, and that key against
 * `trusted` when given — a bundle signed by any other key proves nothing), and for the
 * administration log every record's hash and link.
 */
export const verifyLogBundle = (value: unknown, trusted?: KeyObject): BundleVerification => {
  // A copy of plain JSON of this realm: what was read from a file, whoever parsed it.
  const bundle = (value === undefined ? null : JSON.parse(JSON.stringify(value))) as Partial<LogBundle> | null;
  if (
    bundle === null ||
    typeof bundle !== 'object' ||
    bundle.format !== LOG_BUNDLE_FORMAT ||
    bundle.version !== LOG_BUNDLE_VERSION ||
    (bundle.log !== 'administration' && bundle.log !== 'access') ||
    !isCryptoSuite(bundle.cryptoSuite) ||
    !Array.isArray(bundle.records) ||
    !Array.isArray(bundle.heads) ||
    typeof bundle.signature?.value !== 'string' ||
    typeof bundle.signature.publicKey !== 'string'
  )
    return { ok: false, records: 0, problems: [`not a ${LOG_BUNDLE_FORMAT} version ${LOG_BUNDLE_VERSION}`] };
  const full = bundle as LogBundle;
  const problems: string[] = [];
  let key: KeyObject | undefined;
  try {
    key = createPublicKey(full.signature.publicKey);
  } catch {
    problems.push('the signing key is not a public key');
  }
  let signed = false;
  try {
    signed = key !== undefined && verifySignedBytes(bundleSigningInput(full), full.signature.value, key);
  } catch {
    signed = false;
  }
  if (!signed) problems.push('the signature does not verify: the bundle was changed after it was signed');
  const trustedKey = trusted && key ? samePublicKey(trusted, key) : undefined;
  if (trustedKey === false) problems.push('signed by a key other than the trusted one');
  if (full.log === 'administration') problems.push(...administrationProblems(full, chainHashOf(full.cryptoSuite)));
  return {
    ok: problems.length === 0,
    log: full.log,
    records: full.records.length,
    ...(key ? { keyId: keyIdOf(key) } : {}),
    ...(trustedKey !== undefined ? { trustedKey } : {}),
    problems,
  };
};
