import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '@xj/domain';
import { TEST_EVENT_METADATA, inMemoryEventStore } from '@xj/testing';
import { CryptoSuite } from '../event-store/crypto-suite';
import { EventStore } from '../event-store/event-store.port';
import { FileBlobStore } from '../evidence/file-blob-store';
import { CheckpointSigner } from '../integrity/checkpoint-signing';
import { readTar, writeTar } from './tar-archive';
import { MANIFEST_FILE, SIGNATURE_FILE, blobFileOf, eventsFileOf } from './transfer-package.format';
import { TransferPackageRefusedError, verifyPackage } from './transfer-package.verify';
import { packageRecordStream } from './package-import-store';
import { TransferPackages } from './transfer-packages';
import { trustedKeysIn } from './trusted-keys';

const OFFICE = 'panjin.dawa.rol-office';
const COMMISSION = 'panjin.dawa.ccdi';
const actorOf = (orgId: string, role: Actor['role'] = 'RuleOfLawOffice'): Actor =>
  ({ userId: `u-${orgId}`, role, position: 'Staff', orgId, regionId: 'panjin/dawa' }) as Actor;
const office = actorOf(OFFICE);
const commission = actorOf(COMMISSION, 'DisciplineCommission');
const clock = { now: () => new Date('2026-12-07T08:00:00.000Z') };
const PDF = Buffer.from('%PDF-1.7\nevidence of the referral\n');

const metadata = (by: Actor) => ({
  schemaVersion: 1,
  actor: { userId: by.userId, role: by.role, orgId: by.orgId },
  commandId: randomUUID(),
  correlationId: randomUUID(),
  causationId: randomUUID(),
});
const event = (type: string, data: object, by: Actor) => ({
  eventId: randomUUID(),
  type,
  data: { ...data, at: '2026-12-01T08:00:00.000Z', by: { userId: by.userId, role: by.role, orgId: by.orgId } },
  metadata: metadata(by),
});

interface Side {
  readonly store: EventStore;
  readonly blobs: FileBlobStore;
  readonly packages: TransferPackages;
  readonly signer: CheckpointSigner;
}

describe('transfer packages (issue 19 §4): export, verify, import there and back', () => {
  let dir: string;
  let sha256: string;
  const sides: Record<'office' | 'commission', Side> = {} as never;

  const side = (name: string, suite: CryptoSuite, trustedDir: string): Side => {
    const store = inMemoryEventStore({ cryptoSuite: suite });
    const blobs = new FileBlobStore(join(dir, name, 'blobs'));
    const signer = CheckpointSigner.generate(suite === 'gm' ? 'sm2' : 'ed25519');
    const packages = new TransferPackages(store, blobs, clock, () => signer, trustedKeysIn(trustedDir));
    return { store, blobs, packages, signer };
  };
  const trust = (trustedDir: string, orgId: string, signer: CheckpointSigner): void => {
    mkdirSync(join(trustedDir, orgId), { recursive: true });
    writeFileSync(join(trustedDir, orgId, `${signer.keyId}.pem`), signer.publicKeyPem);
  };

  /** The office's referral r-1 of clue c-1, sent to the commission, with a PDF attached to the clue. */
  const setUp = async (suite: CryptoSuite): Promise<void> => {
    dir = mkdtempSync(join(tmpdir(), 'xj-package-'));
    sides.office = side('office', suite, join(dir, 'office-trusts'));
    sides.commission = side('commission', suite, join(dir, 'commission-trusts'));
    trust(join(dir, 'commission-trusts'), OFFICE, sides.office.signer);
    trust(join(dir, 'office-trusts'), COMMISSION, sides.commission.signer);
    const staged = await sides.office.blobs.stage(Readable.from([PDF]), 1024);
    sha256 = (await staged.commit()).sha256;
    const { store } = sides.office;
    await store.append(
      'clue-c-1',
      [
        event('ClueRegistered', { clueId: 'c-1', summary: '线索' }, office),
        event(
          'EvidenceAttached',
          { sha256, fileName: '证据.pdf', mediaType: 'application/pdf', size: PDF.length },
          office,
        ),
      ],
      'no_stream',
    );
    await store.append(
      'referral-r-1',
      [
        event(
          'ReferralDrafted',
          {
            referralId: 'r-1',
            clueId: 'c-1',
            regionId: 'panjin/dawa',
            ownerOrgId: OFFICE,
            package: { secrecyLevel: '一般' },
          },
          office,
        ),
        event(
          'ReferralSent',
          {
            target: { kind: 'DisciplineCommission', orgId: COMMISSION, name: '区纪委监委' },
            sentAt: '2026-12-02T08:00:00.000Z',
          },
          office,
        ),
      ],
      'no_stream',
    );
  };
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** The package's files, changed by `edit`, packed again. */
  const tampered = (file: Buffer, edit: (files: Map<string, Buffer>) => void): Buffer => {
    const files = new Map(readTar(file));
    edit(files);
    return writeTar(
      [...files].map(([name, data]) => ({ name, data })),
      clock.now(),
    );
  };
  const refusal = async (promise: Promise<unknown>): Promise<TransferPackageRefusedError> => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TransferPackageRefusedError);
    return error as TransferPackageRefusedError;
  };

  describe.each<CryptoSuite>(['intl', 'gm'])('under CRYPTO_SUITE=%s', (suite) => {
    beforeEach(() => setUp(suite));

    it('moves the referral, the clue and the evidence to the commission, linked to the sender hashes; twice is once', async () => {
      const exported = await sides.office.packages.export('r-1', office);
      expect(exported.kind).toBe('referral');
      const first = await sides.commission.packages.import(exported.file, commission);
      expect(first).toMatchObject({
        imported: true,
        packageHash: exported.packageHash,
        appended: [
          { streamId: 'referral-r-1', events: 2 },
          { streamId: 'clue-c-1', events: 2 },
        ],
        attachments: 1,
      });
      const [mine, theirs] = [
        await sides.office.store.readStream('referral-r-1'),
        await sides.commission.store.readStream('referral-r-1'),
      ];
      expect(theirs.map((e) => [e.eventId, e.type, e.data])).toEqual(mine.map((e) => [e.eventId, e.type, e.data]));
      expect(theirs.map((e) => e.metadata.transfer)).toEqual(
        mine.map((e) => ({
          packageHash: exported.packageHash,
          sourceRevision: e.revision.toString(),
          sourceHash: e.metadata.hash,
          sourceRecordedAt: e.metadata.recordedAt,
        })),
      );
      expect(await sides.commission.blobs.stat(sha256)).toMatchObject({ sha256, size: PDF.length });
      const [record] = await sides.commission.store.readStream(packageRecordStream(exported.packageHash));
      expect(record?.type).toBe('TransferPackageImported');
      expect(record?.data.sourceHeads).toEqual([
        { streamId: 'referral-r-1', revision: '1', hash: mine[1]?.metadata.hash },
        expect.objectContaining({ streamId: 'clue-c-1', revision: '1' }),
      ]);

      const again = await sides.commission.packages.import(exported.file, commission);
      expect(again).toMatchObject({ imported: false, appended: [] });
      expect(await sides.commission.store.readStream('referral-r-1')).toHaveLength(2);
    });

    it('brings back only what the holder added: the feedback package on the office', async () => {
      await sides.commission.packages.import((await sides.office.packages.export('r-1', office)).file, commission);
      await sides.commission.store.append(
        'referral-r-1',
        [
          event(
            'ReferralReceived',
            { registrationNo: '纪收 1 号', acceptanceDeadline: { due: '2026-12-09' } },
            commission,
          ),
        ],
        1n,
      );
      await sides.office.store.append('referral-r-1', [event('EscalationRaised', { escalationId: 'e-1' }, office)], 1n);
      const feedback = await sides.commission.packages.export('r-1', commission);
      expect(feedback.kind).toBe('feedback');
      const imported = await sides.office.packages.import(feedback.file, office);
      expect(imported.appended).toEqual([
        { streamId: 'referral-r-1', events: 1 },
        { streamId: 'clue-c-1', events: 0 },
      ]);
      expect((await sides.office.store.readStream('referral-r-1')).map((e) => e.type)).toEqual([
        'ReferralDrafted',
        'ReferralSent',
        'EscalationRaised',
        'ReferralReceived',
      ]);
    });
  });

  describe('refusals name what was altered, and store nothing', () => {
    let file: Buffer;
    beforeEach(async () => {
      await setUp('intl');
      file = (await sides.office.packages.export('r-1', office)).file;
    });
    afterEach(async () => expect(await sides.commission.store.readAll()).toEqual([]));

    it('an edited event: the stream and revision', async () => {
      const edited = tampered(file, (files) => {
        const name = eventsFileOf('referral-r-1');
        files.set(name, Buffer.from(files.get(name)!.toString('utf8').replace('panjin/dawa', 'panjin/panshan')));
      });
      const error = await refusal(sides.commission.packages.import(edited, commission));
      expect(error.problems).toEqual([
        expect.objectContaining({ code: 'PACKAGE.CHAIN_BROKEN', streamId: 'referral-r-1', revision: '0' }),
      ]);
      expect(error.code).toBe('PACKAGE.CHAIN_BROKEN');
    });

    it('an event removed from the end: the stream, against the signed head', async () => {
      const cut = tampered(file, (files) => {
        const name = eventsFileOf('referral-r-1');
        files.set(name, Buffer.from(files.get(name)!.toString('utf8').split('\n')[0] + '\n'));
      });
      const error = await refusal(verifyPackage(cut, trustedKeysIn(join(dir, 'commission-trusts'))));
      expect(error.problems).toEqual([
        expect.objectContaining({ code: 'PACKAGE.CHAIN_BROKEN', streamId: 'referral-r-1' }),
      ]);
    });

    it('an attachment with a byte flipped: its hash', async () => {
      const flipped = tampered(file, (files) => {
        const bytes = Buffer.from(files.get(blobFileOf(sha256))!);
        bytes[3] = (bytes[3] as number) ^ 0x01;
        files.set(blobFileOf(sha256), bytes);
      });
      const error = await refusal(sides.commission.packages.import(flipped, commission));
      expect(error.problems).toEqual([expect.objectContaining({ code: 'PACKAGE.ATTACHMENT_ALTERED', sha256 })]);
      expect(await sides.commission.blobs.stat(sha256)).toBeUndefined();
    });

    it('a wrong signature', async () => {
      const forged = tampered(file, (files) => {
        const signature = JSON.parse(files.get(SIGNATURE_FILE)!.toString('utf8')) as { signature: string };
        const other = CheckpointSigner.generate().signBytes(files.get(MANIFEST_FILE)!);
        files.set(SIGNATURE_FILE, Buffer.from(JSON.stringify({ ...signature, signature: other })));
      });
      const error = await refusal(sides.commission.packages.import(forged, commission));
      expect(error.problems).toEqual([expect.objectContaining({ code: 'PACKAGE.BAD_SIGNATURE' })]);
    });

    it('a key the commission does not trust for the office', async () => {
      rmSync(join(dir, 'commission-trusts', OFFICE), { recursive: true });
      const error = await refusal(sides.commission.packages.import(file, commission));
      expect(error.problems).toEqual([expect.objectContaining({ code: 'PACKAGE.UNKNOWN_KEY' })]);
    });

    it('a file that is no package', async () => {
      const error = await refusal(sides.commission.packages.import(Buffer.from('not a tar'), commission));
      expect(error.code).toBe('PACKAGE.MALFORMED');
    });

    it('events that differ from the same events held here (same ids): the stream and revision', async () => {
      const theirs = await sides.office.store.readStream('referral-r-1');
      const other = inMemoryEventStore();
      const packages = new TransferPackages(
        other,
        sides.commission.blobs,
        clock,
        () => sides.commission.signer,
        trustedKeysIn(join(dir, 'commission-trusts')),
      );
      await other.append(
        'referral-r-1',
        theirs.map((e, n) => ({
          eventId: e.eventId,
          type: e.type,
          data: n === 1 ? { ...e.data, sentAt: '2026-12-03T08:00:00.000Z' } : e.data,
          metadata: TEST_EVENT_METADATA,
        })),
        'no_stream',
      );
      const error = await refusal(packages.import(file, commission));
      expect(error.problems).toEqual([
        expect.objectContaining({ code: 'PACKAGE.DIVERGED', streamId: 'referral-r-1', revision: '1' }),
      ]);
      expect(await other.readStream('referral-r-1')).toHaveLength(2);
      expect(await other.readStream('clue-c-1')).toEqual([]);
    });

    it('a package imported by an organisation that is not its receiver', async () => {
      const other = actorOf('panjin.panshan.ccdi', 'DisciplineCommission');
      await expect(sides.commission.packages.import(file, other)).rejects.toMatchObject({
        domainError: expect.objectContaining({ code: 'AUTH.NOT_PACKAGE_PARTY' }),
      });
    });
  });

  it('exports only for a party: the owning office or the holder', async () => {
    await setUp('intl');
    await expect(sides.office.packages.export('r-1', actorOf('panjin.panshan.rol-office'))).rejects.toMatchObject({
      domainError: expect.objectContaining({ code: 'AUTH.NOT_PACKAGE_PARTY' }),
    });
  });
});
