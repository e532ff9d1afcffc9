import { randomUUID } from 'node:crypto';
import {
  Actor,
  DomainError,
  ExistingReferral,
  ReferralEvent,
  ReferralState,
  evolveReferral,
  initialReferralState,
  invalidTransition,
  isDomainError,
  transferPackageKindFor,
} from '@xj/domain';
import { BlobStore } from '../evidence/blob-store.port';
import { Clock } from '../event-store/clock.port';
import { cryptoSuiteOf } from '../event-store/crypto-suite';
import { EventStore } from '../event-store/event-store.port';
import { EventActor, RecordedEvent } from '../event-store/event-store.types';
import { CaseNotVisibleError, CommandRejectedError } from '../command/command-errors';
import { PackageKind, PackageSigner, buildPackage } from './transfer-package.format';
import {
  TransferPackageRefusedError,
  TrustedKeyLookup,
  VerifiedPackage,
  verifyPackage,
} from './transfer-package.verify';

import { checkAgreement, copyMissing, packageRecordStream, recordImport, storeBlobs } from './package-import-store';

export interface ExportedPackage {
  readonly file: Buffer;
  readonly fileName: string;
  readonly packageHash: string;
  readonly kind: PackageKind;
}

export interface ImportedPackage {
  /** False: this package was imported before; nothing was stored this time. */
  readonly imported: boolean;
  readonly packageHash: string;
  readonly kind: PackageKind;
  readonly referralId: string;
  readonly senderOrgId: string;
  /** Events added per stream (those already here, by event id, are not added again). */
  readonly appended: ReadonlyArray<{ readonly streamId: string; readonly events: number }>;
  readonly attachments: number;
}

export type ImportProgress = (step: 'verified' | 'blob' | 'stream', done: number, total: number) => void;

const referralStream = (id: string): string => `referral-${id}`;

const fold = (events: readonly RecordedEvent[]): ReferralState =>
  events.reduce(
    (state, e) => evolveReferral(state, { type: e.type, data: e.data } as unknown as ReferralEvent),
    initialReferralState(),
  );

const actorRefOf = (actor: Actor): EventActor => ({ userId: actor.userId, role: actor.role, orgId: actor.orgId });

const rejected = (error: DomainError): never => {
  throw new CommandRejectedError(error);
};

const readAllBytes = async (source: AsyncIterable<unknown>): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of source) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
};

/**
 * 移送材料包 (issue 19 §4): a referral, its clue's history and their evidence leave as one signed
 * file and arrive on another instance. The events are copied with their ids, types, data and
 * metadata, so the receiving side's deciders and projections treat them as their own; each copy's
 * metadata carries `transfer` (the package's hash, the sender's revision and hash), and the
 * package's record (TransferPackageImported: hash, sender, key, source heads) makes the import
 * idempotent. An event already here (by id) is not copied again: a feedback package adds to the
 * office's referral only what the holder did.
 */
export class TransferPackages {
  constructor(
    private readonly store: EventStore,
    private readonly blobs: BlobStore,
    private readonly clock: Clock,
    private readonly signer: () => PackageSigner,
    private readonly trusted: TrustedKeyLookup,
    private readonly newId: () => string = randomUUID,
  ) {}

  /** The key packages are signed with (the CLI prints its public part for the other side to trust). */
  signingKey(): PackageSigner {
    return this.signer();
  }

  /** The package of referral `referralId` as `actor`'s organisation sends it (the caller has checked visibility). */
  async export(referralId: string, actor: Actor): Promise<ExportedPackage> {
    const { referral, state } = await this.load(referralId);
    const kind = transferPackageKindFor(actor, state.ownerOrgId, state.holder?.orgId);
    if (isDomainError(kind)) return rejected(kind);
    return this.exportAs(referral, state, kind, actor.orgId);
  }

  /** The host's operator (CLI) exports for the party `kind` names: the owning office, or the holder. */
  async exportForOperator(referralId: string, kind: PackageKind): Promise<ExportedPackage> {
    const { referral, state } = await this.load(referralId);
    const sender = kind === 'referral' ? state.ownerOrgId : state.holder?.orgId;
    if (sender === undefined)
      return rejected(invalidTransition('PACKAGE.NOT_SENT', 'no organisation holds the referral to send feedback'));
    return this.exportAs(referral, state, kind, sender);
  }

  private async load(referralId: string): Promise<{ referral: RecordedEvent[]; state: ExistingReferral }> {
    const referral = await this.store.readStream(referralStream(referralId));
    const state = fold(referral);
    if (state.status === 'None')
      throw new CaseNotVisibleError({ kind: 'referral', id: referralId, commandType: 'ExportPackage' });
    return { referral, state };
  }

  private async exportAs(
    referral: readonly RecordedEvent[],
    state: ExistingReferral,
    kind: PackageKind,
    senderOrgId: string,
  ): Promise<ExportedPackage> {
    const { referralId } = state;
    if (state.target === undefined)
      return rejected(
        invalidTransition('PACKAGE.NOT_SENT', 'a referral is packaged once it is sent', { status: state.status }),
      );
    const clueStream = `clue-${state.clueId}`;
    const clue = await this.store.readStream(clueStream);
    const streams = [
      { streamId: referralStream(referralId), events: referral },
      { streamId: clueStream, events: clue },
    ];
    const hashes = new Set<string>();
    for (const { events } of streams)
      for (const e of events) if (e.type === 'EvidenceAttached') hashes.add(String(e.data.sha256));
    const blobs: { sha256: string; data: Buffer }[] = [];
    for (const sha256 of [...hashes].sort()) {
      const source = await this.blobs.open(sha256);
      // A missing blob is the integrity check's finding (cli verify); the receiver would refuse the package.
      if (source) blobs.push({ sha256, data: await readAllBytes(source) });
    }
    const built = buildPackage(
      {
        kind,
        referralId,
        clueId: state.clueId,
        senderOrgId,
        suite: cryptoSuiteOf(this.store),
        createdAt: this.clock.now(),
        streams,
        blobs,
      },
      this.signer(),
    );
    return {
      file: built.file,
      packageHash: built.packageHash,
      kind,
      fileName: `referral-${referralId}-${kind}-${built.packageHash.slice(0, 12)}.tar`,
    };
  }

  /** Verifies `file` completely, then stores what it brings that is not here yet; `actor` must be the receiving party. */
  import(file: Buffer, actor: Actor, progress?: ImportProgress): Promise<ImportedPackage> {
    return this.importAs(
      file,
      actorRefOf(actor),
      (state, kind) => {
        const receiving = transferPackageKindFor(actor, state.ownerOrgId, state.holder?.orgId);
        if (isDomainError(receiving)) rejected(receiving);
        if (receiving === kind)
          rejected(
            new DomainError('Forbidden', 'AUTH.NOT_PACKAGE_PARTY', `a ${kind} package is imported by the other party`),
          );
      },
      progress,
    );
  }

  /** The host's operator (CLI) imports for the receiving party; the sender is checked as always. */
  importForOperator(file: Buffer, operator: EventActor, progress?: ImportProgress): Promise<ImportedPackage> {
    return this.importAs(file, operator, () => undefined, progress);
  }

  private async importAs(
    file: Buffer,
    by: EventActor,
    checkReceiver: (state: ExistingReferral, kind: PackageKind) => void,
    progress: ImportProgress = () => undefined,
  ): Promise<ImportedPackage> {
    const verified = await verifyPackage(file, this.trusted);
    progress('verified', 1, 1);
    const { manifest, packageHash } = verified;
    const referral = verified.streams.find((s) => s.streamId === referralStream(manifest.referralId));
    const state = fold(referral?.events ?? []);
    if (state.status === 'None')
      throw new TransferPackageRefusedError([
        { code: 'PACKAGE.MALFORMED', message: `the package holds no referral ${manifest.referralId}` },
      ]);
    this.checkSender(verified, state);
    checkReceiver(state, manifest.kind);
    const answer = (imported: boolean, appended: ImportedPackage['appended']): ImportedPackage => ({
      imported,
      packageHash,
      kind: manifest.kind,
      referralId: manifest.referralId,
      senderOrgId: manifest.sender.orgId,
      appended,
      attachments: manifest.attachments.length,
    });
    const record = packageRecordStream(packageHash);
    if ((await this.store.streamRevision(record)) !== undefined) return answer(false, []);

    await checkAgreement(this.store, verified);
    await storeBlobs(this.blobs, verified.blobs, (done, total) => progress('blob', done, total));
    const appended: { streamId: string; events: number }[] = [];
    for (const [index, stream] of verified.streams.entries()) {
      appended.push({ streamId: stream.streamId, events: await copyMissing(this.store, stream, packageHash) });
      progress('stream', index + 1, verified.streams.length);
    }
    await recordImport(this.store, verified, {
      by,
      appended,
      at: this.clock.now().toISOString(),
      eventId: this.newId(),
    });
    return answer(true, appended);
  }

  /** The sender must be the party the kind says: the owning office, or the holder. */
  private checkSender(verified: VerifiedPackage, state: ExistingReferral): void {
    const { manifest } = verified;
    const sendingParty = manifest.kind === 'referral' ? state.ownerOrgId : state.holder?.orgId;
    if (manifest.sender.orgId !== sendingParty)
      throw new TransferPackageRefusedError([
        {
          code: 'PACKAGE.SENDER_MISMATCH',
          message: `${manifest.sender.orgId} is not the party that sends a ${manifest.kind} package of referral ${manifest.referralId}`,
        },
      ]);
  }
}
