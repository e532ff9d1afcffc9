import * as crypto from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { verifyChain } from '../event-store/chain-verifier';
import { chainHashOf, isCryptoSuite } from '../event-store/crypto-suite';
import { isHash } from '../event-store/event-hash';
import { RecordedEvent } from '../event-store/event-store.types';
import { verifySignedBytes } from '../integrity/checkpoint-signing';
import {
  MANIFEST_FILE,
  PACKAGE_FORMAT,
  PACKAGE_FORMAT_VERSION,
  PackageEvent,
  PackageManifest,
  PackageSignature,
  SIGNATURE_FILE,
  blobFileOf,
  eventsFileOf,
  packageHashOf,
} from './transfer-package.format';
import { TarFormatError, readTar } from './tar-archive';

/** What is wrong with a package: each names what it concerns (stream and revision, or attachment). */
export type PackageProblemCode =
  | 'PACKAGE.MALFORMED'
  | 'PACKAGE.UNKNOWN_KEY'
  | 'PACKAGE.BAD_SIGNATURE'
  | 'PACKAGE.CHAIN_BROKEN'
  | 'PACKAGE.ATTACHMENT_ALTERED'
  | 'PACKAGE.ATTACHMENT_MISSING'
  | 'PACKAGE.UNEXPECTED_FILE'
  | 'PACKAGE.SENDER_MISMATCH'
  | 'PACKAGE.DIVERGED';

export interface PackageProblem {
  readonly code: PackageProblemCode;
  readonly message: string;
  readonly streamId?: string;
  readonly revision?: string;
  readonly sha256?: string;
  readonly file?: string;
}

/** The package was refused: nothing of it was stored. */
export class TransferPackageRefusedError extends Error {
  override readonly name = 'TransferPackageRefusedError';
  readonly code: PackageProblemCode;
  constructor(readonly problems: readonly [PackageProblem, ...PackageProblem[]]) {
    super(problems.map((p) => p.message).join('; '));
    this.code = problems[0].code;
  }
}

/** The public keys trusted for an organisation, by key id (TRANSFER_TRUSTED_KEYS_DIR). */
export type TrustedKeyLookup = (orgId: string, keyId: string) => KeyObject | undefined;

export interface VerifiedPackage {
  readonly manifest: PackageManifest;
  readonly packageHash: string;
  readonly streams: ReadonlyArray<{ readonly streamId: string; readonly events: readonly RecordedEvent[] }>;
  readonly blobs: ReadonlyMap<string, Buffer>;
}

const STREAM_ID = /^[a-z][a-z0-9]*-[A-Za-z0-9._:-]{1,200}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200;

const malformed = (message: string, file?: string): PackageProblem => ({
  code: 'PACKAGE.MALFORMED',
  message,
  ...(file ? { file } : {}),
});

const parseJson = (bytes: Buffer | undefined): unknown => {
  if (!bytes) return undefined;
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
};

/** The manifest, if it has the shape this version writes. */
const manifestOf = (value: unknown): PackageManifest | undefined => {
  const m = value as Partial<PackageManifest> | undefined;
  if (typeof m !== 'object' || m === null) return undefined;
  const ok =
    m.format === PACKAGE_FORMAT &&
    m.version === PACKAGE_FORMAT_VERSION &&
    (m.kind === 'referral' || m.kind === 'feedback') &&
    isText(m.referralId) &&
    isText(m.clueId) &&
    isText(m.sender?.orgId) &&
    isText(m.keyId) &&
    (m.algorithm === 'ed25519' || m.algorithm === 'sm2') &&
    isCryptoSuite(m.suite) &&
    isText(m.createdAt) &&
    Array.isArray(m.streams) &&
    m.streams.every(
      (s) =>
        STREAM_ID.test(s?.streamId) &&
        s.file === eventsFileOf(s.streamId) &&
        Number.isSafeInteger(s.events) &&
        s.events > 0 &&
        /^\d+$/.test(s.head?.revision) &&
        isHash(s.head.hash),
    ) &&
    Array.isArray(m.attachments) &&
    m.attachments.every(
      (a) => SHA256.test(a?.sha256) && a.file === blobFileOf(a.sha256) && Number.isSafeInteger(a.size),
    );
  return ok ? (m as PackageManifest) : undefined;
};

const signatureOf = (value: unknown): PackageSignature | undefined => {
  const s = value as Partial<PackageSignature> | undefined;
  return typeof s === 'object' && s !== null && isText(s.keyId) && typeof s.signature === 'string'
    ? (s as PackageSignature)
    : undefined;
};

const eventOf = (line: string): RecordedEvent | undefined => {
  try {
    const e = JSON.parse(line) as PackageEvent;
    if (!/^\d+$/.test(e.revision) || !/^\d+$/.test(e.position)) return undefined;
    return { ...e, revision: BigInt(e.revision), position: BigInt(e.position) };
  } catch {
    return undefined;
  }
};

/** Parses and checks the events of one stream against the manifest's head; the first break, if any. */
const checkStream = async (
  stream: PackageManifest['streams'][number],
  file: Buffer | undefined,
  manifest: PackageManifest,
): Promise<{ readonly events?: RecordedEvent[]; readonly problem?: PackageProblem }> => {
  const where = { streamId: stream.streamId, file: stream.file };
  if (!file) return { problem: { code: 'PACKAGE.MALFORMED', message: `${stream.file} is missing`, ...where } };
  const lines = file.toString('utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const events: RecordedEvent[] = [];
  for (const [index, line] of lines.entries()) {
    const event = eventOf(line);
    if (!event)
      return {
        problem: {
          code: 'PACKAGE.CHAIN_BROKEN',
          message: `${stream.streamId}: line ${index + 1} is not an event`,
          ...where,
          revision: String(index),
        },
      };
    events.push(event);
  }
  const head = { revision: BigInt(stream.head.revision), hash: stream.head.hash };
  const result = await verifyChain(events, {
    onlyStream: stream.streamId,
    expectedHeads: new Map([[stream.streamId, head]]),
    hashAlgorithm: chainHashOf(manifest.suite),
  });
  if (!result.ok) {
    const f = result.failure;
    return {
      problem: {
        code: 'PACKAGE.CHAIN_BROKEN',
        message: `${f.streamId} revision ${f.revision?.toString() ?? '-'}: ${f.kind} (${f.message})`,
        ...where,
        ...(f.revision === undefined ? {} : { revision: f.revision.toString() }),
      },
    };
  }
  if (events.length !== stream.events || events[events.length - 1]?.revision !== head.revision)
    return {
      problem: {
        code: 'PACKAGE.CHAIN_BROKEN',
        message: `${stream.streamId}: ${events.length} events, the manifest says ${stream.events} ending at revision ${stream.head.revision}`,
        ...where,
        revision: String(events.length - 1),
      },
    };
  return { events };
};

const sha256Of = (data: Buffer): string => crypto.createHash('sha256').update(data).digest('hex');

/**
 * Checks a package file completely before anything is stored: the archive and manifest, the
 * sender's key (trusted for its organisation, else refused), the signature over the manifest,
 * every stream's chain (recomputed with the manifest's suite, up to the signed head) and every
 * attachment's SHA-256 — and that each evidence event's file is in the package. Every problem
 * found is reported; the signature's failure stops there (nothing unsigned is worth reading on).
 */
export const verifyPackage = async (file: Buffer, trusted: TrustedKeyLookup): Promise<VerifiedPackage> => {
  let files: Map<string, Buffer>;
  try {
    files = readTar(file);
  } catch (error) {
    if (error instanceof TarFormatError)
      throw new TransferPackageRefusedError([malformed(`not a transfer package: ${error.message}`)]);
    throw error;
  }
  const manifestFile = files.get(MANIFEST_FILE);
  const manifest = manifestOf(parseJson(manifestFile));
  if (!manifest || !manifestFile)
    throw new TransferPackageRefusedError([malformed('manifest.json is missing or malformed', MANIFEST_FILE)]);
  const signature = signatureOf(parseJson(files.get(SIGNATURE_FILE)));
  if (!signature)
    throw new TransferPackageRefusedError([malformed('signature.json is missing or malformed', SIGNATURE_FILE)]);
  const key = trusted(manifest.sender.orgId, signature.keyId);
  if (!key || signature.keyId !== manifest.keyId)
    throw new TransferPackageRefusedError([
      {
        code: 'PACKAGE.UNKNOWN_KEY',
        message: `key ${signature.keyId} is not trusted for ${manifest.sender.orgId}`,
        file: SIGNATURE_FILE,
      },
    ]);
  if (!verifySignedBytes(manifestFile, signature.signature, key))
    throw new TransferPackageRefusedError([
      {
        code: 'PACKAGE.BAD_SIGNATURE',
        message: `the signature does not verify with key ${signature.keyId} of ${manifest.sender.orgId}`,
        file: SIGNATURE_FILE,
      },
    ]);

  const problems: PackageProblem[] = [];
  const streams: { streamId: string; events: RecordedEvent[] }[] = [];
  for (const stream of manifest.streams) {
    const checked = await checkStream(stream, files.get(stream.file), manifest);
    if (checked.problem) problems.push(checked.problem);
    else if (checked.events) streams.push({ streamId: stream.streamId, events: checked.events });
  }
  const blobs = new Map<string, Buffer>();
  for (const a of manifest.attachments) {
    const data = files.get(a.file);
    if (!data) problems.push({ code: 'PACKAGE.ATTACHMENT_MISSING', message: `${a.file} is missing`, ...a });
    else if (data.length !== a.size || sha256Of(data) !== a.sha256)
      problems.push({
        code: 'PACKAGE.ATTACHMENT_ALTERED',
        message: `${a.file} does not match its SHA-256`,
        sha256: a.sha256,
        file: a.file,
      });
    else blobs.set(a.sha256, data);
  }
  for (const { streamId, events } of streams)
    for (const e of events) {
      const sha256 = e.type === 'EvidenceAttached' ? e.data.sha256 : undefined;
      if (typeof sha256 === 'string' && !manifest.attachments.some((a) => a.sha256 === sha256))
        problems.push({
          code: 'PACKAGE.ATTACHMENT_MISSING',
          message: `${streamId} revision ${e.revision}: the attached file ${sha256} is not in the package`,
          streamId,
          revision: e.revision.toString(),
          sha256,
        });
    }
  const listed = new Set([MANIFEST_FILE, SIGNATURE_FILE, ...manifest.streams.map((s) => s.file)]);
  for (const a of manifest.attachments) listed.add(a.file);
  for (const name of files.keys())
    if (!listed.has(name))
      problems.push({ code: 'PACKAGE.UNEXPECTED_FILE', message: `${name} is not in the manifest`, file: name });
  const [first, ...rest] = problems;
  if (first) throw new TransferPackageRefusedError([first, ...rest]);
  return { manifest, packageHash: packageHashOf(manifestFile, manifest.suite), streams, blobs };
};
