import * as crypto from 'node:crypto';
import { canonicalJson } from '../event-store/canonical-json';
import { CryptoSuite, chainHashOf } from '../event-store/crypto-suite';
import { JsonObject, RecordedEvent, RecordedMetadata } from '../event-store/event-store.types';
import { SignatureAlgorithm } from '../integrity/checkpoint-signing';
import { TarEntry, writeTar } from './tar-archive';

/**
 * 移送材料包 — the transfer package file (issue 19 §4): a ustar archive of
 *
 *   manifest.json               canonical JSON of {@link PackageManifest}
 *   signature.json              {@link PackageSignature}: the sender's signature over manifest.json's bytes
 *   events/<streamId>.jsonl     every event of the stream, revision 0 to the head, one {@link PackageEvent} a line
 *   blobs/<sha256>              each attachment's bytes
 *
 * The manifest names each stream's head (revision + hash) and each attachment's SHA-256, so the
 * one signature covers everything: the receiver recomputes each chain with the manifest's suite
 * and each attachment's hash. The package's hash is the suite's digest of manifest.json.
 */
export const PACKAGE_FORMAT = 'xingji-link.transfer-package';
export const PACKAGE_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'signature.json';

/** `referral`: the office hands a referral over; `feedback`: the holder sends its handling back. */
export type PackageKind = 'referral' | 'feedback';

export interface PackageStream {
  readonly streamId: string;
  readonly file: string;
  readonly events: number;
  readonly head: { readonly revision: string; readonly hash: string };
}

export interface PackageAttachment {
  readonly sha256: string;
  readonly size: number;
  readonly file: string;
}

export interface PackageManifest {
  readonly format: typeof PACKAGE_FORMAT;
  readonly version: number;
  readonly kind: PackageKind;
  readonly referralId: string;
  readonly clueId: string;
  readonly sender: { readonly orgId: string };
  readonly keyId: string;
  readonly algorithm: SignatureAlgorithm;
  /** The sending store's suite: the chain digest every stream is recomputed with. */
  readonly suite: CryptoSuite;
  readonly createdAt: string;
  readonly streams: readonly PackageStream[];
  readonly attachments: readonly PackageAttachment[];
}

export interface PackageSignature {
  readonly keyId: string;
  readonly algorithm: SignatureAlgorithm;
  /** base64 over the bytes of manifest.json. */
  readonly signature: string;
}

/** An event as a line of events/*.jsonl: the stored event, revision and position as decimal strings. */
export interface PackageEvent {
  readonly streamId: string;
  readonly revision: string;
  readonly position: string;
  readonly eventId: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: RecordedMetadata;
}

export const eventsFileOf = (streamId: string): string => `events/${streamId}.jsonl`;
export const blobFileOf = (sha256: string): string => `blobs/${sha256}`;

export const toPackageEvent = (e: RecordedEvent): PackageEvent => ({
  streamId: e.streamId,
  revision: e.revision.toString(),
  position: e.position.toString(),
  eventId: e.eventId,
  type: e.type,
  data: e.data,
  metadata: e.metadata,
});

/** The manifest's bytes, as signed and hashed. */
export const manifestBytes = (manifest: PackageManifest): Buffer => Buffer.from(canonicalJson(manifest), 'utf8');

/** The package's hash: the suite's digest (SHA-256 or SM3) of manifest.json. */
export const packageHashOf = (manifestFile: Buffer, suite: CryptoSuite): string =>
  crypto.createHash(chainHashOf(suite)).update(manifestFile).digest('hex');

/** What goes into a package; the events of each stream from revision 0, in order. */
export interface PackageContent {
  readonly kind: PackageKind;
  readonly referralId: string;
  readonly clueId: string;
  readonly senderOrgId: string;
  readonly suite: CryptoSuite;
  readonly createdAt: Date;
  readonly streams: ReadonlyArray<{ readonly streamId: string; readonly events: readonly RecordedEvent[] }>;
  readonly blobs: ReadonlyArray<{ readonly sha256: string; readonly data: Buffer }>;
}

/** Signs with whatever holds the sending organisation's key (the instance's CheckpointSigner). */
export interface PackageSigner {
  readonly keyId: string;
  /** SPKI PEM: what the receiving side puts in its TRANSFER_TRUSTED_KEYS_DIR/<orgId>/. */
  readonly publicKeyPem: string;
  readonly algorithm: SignatureAlgorithm;
  signBytes(input: Uint8Array): string;
}

/** The package file, and its hash. */
export const buildPackage = (
  content: PackageContent,
  signer: PackageSigner,
): { readonly file: Buffer; readonly packageHash: string; readonly manifest: PackageManifest } => {
  const streams: PackageStream[] = [];
  const entries: TarEntry[] = [];
  for (const { streamId, events } of content.streams) {
    const last = events[events.length - 1];
    if (!last) continue;
    const file = eventsFileOf(streamId);
    streams.push({
      streamId,
      file,
      events: events.length,
      head: { revision: last.revision.toString(), hash: last.metadata.hash },
    });
    entries.push({
      name: file,
      data: Buffer.from(events.map((e) => JSON.stringify(toPackageEvent(e)) + '\n').join(''), 'utf8'),
    });
  }
  const attachments = content.blobs.map((b) => ({ sha256: b.sha256, size: b.data.length, file: blobFileOf(b.sha256) }));
  const manifest: PackageManifest = {
    format: PACKAGE_FORMAT,
    version: PACKAGE_FORMAT_VERSION,
    kind: content.kind,
    referralId: content.referralId,
    clueId: content.clueId,
    sender: { orgId: content.senderOrgId },
    keyId: signer.keyId,
    algorithm: signer.algorithm,
    suite: content.suite,
    createdAt: content.createdAt.toISOString(),
    streams,
    attachments,
  };
  const bytes = manifestBytes(manifest);
  const signature: PackageSignature = {
    keyId: signer.keyId,
    algorithm: signer.algorithm,
    signature: signer.signBytes(bytes),
  };
  const file = writeTar(
    [
      { name: MANIFEST_FILE, data: bytes },
      { name: SIGNATURE_FILE, data: Buffer.from(JSON.stringify(signature, null, 2) + '\n', 'utf8') },
      ...entries,
      ...content.blobs.map((b) => ({ name: blobFileOf(b.sha256), data: b.data })),
    ],
    content.createdAt,
  );
  return { file, packageHash: packageHashOf(bytes, content.suite), manifest };
};
