import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Readable } from 'node:stream';
import {
  CaseNotVisibleError,
  CommandRejectedError,
  EvidenceIntake,
  EvidenceUploadError,
  ImportedPackage,
  TransferPackages,
} from '@xj/application';
import { Actor, requirePackageExchanger } from '@xj/domain';
import { ReadAuditService } from '../../audit/read-audit.service';
import { contentDisposition } from '../attachments/case-evidence.service';
import { receiveUpload } from '../attachments/multipart-upload';
import { CaseReader } from '../case-reader';

export const PACKAGE_MEDIA_TYPE = 'application/x-tar';

/** A package holds a case's evidence files: up to this many evidence files' worth (EVIDENCE_MAX_MB × 4). */
const PACKAGE_SIZE_FACTOR = 4;

const readUpTo = async (stream: Readable, maxBytes: number): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new EvidenceUploadError('too-large', `The package is larger than ${maxBytes} bytes.`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
};

/**
 * 移送材料包 over HTTP (issue 19 §4): the export reads the referral like any read of it (404 when
 * invisible, the access log records it with the package's hash); the import takes one uploaded
 * package, which the application verifies completely before it stores anything.
 */
@Injectable()
export class TransferPackagesService {
  constructor(
    private readonly reader: CaseReader,
    private readonly audit: ReadAuditService,
    private readonly packages: TransferPackages,
    private readonly intake: EvidenceIntake,
  ) {}

  async export(request: Request, response: Response, actor: Actor, id: string): Promise<void> {
    const target = { kind: 'referral' as const, id };
    try {
      await this.reader.load(actor, 'referral', id);
    } catch (error) {
      if (error instanceof CaseNotVisibleError) await this.audit.record(request, actor, target, 'package', 'denied');
      throw error;
    }
    let exported;
    try {
      exported = await this.packages.export(id, actor);
    } catch (error) {
      if (error instanceof CommandRejectedError) await this.audit.record(request, actor, target, 'package', 'denied');
      throw error;
    }
    await this.audit.record(request, actor, target, 'package', 'allowed', exported.packageHash);
    response.status(200);
    response.setHeader('content-type', PACKAGE_MEDIA_TYPE);
    response.setHeader('content-length', String(exported.file.length));
    response.setHeader('content-disposition', contentDisposition(exported.fileName));
    response.setHeader('x-package-hash', exported.packageHash);
    response.setHeader('x-package-kind', exported.kind);
    response.setHeader('cache-control', 'private, no-store');
    response.end(exported.file);
  }

  async import(request: Request, actor: Actor): Promise<ImportedPackage> {
    // Read-only roles are refused before the upload is read; the parties after it is verified.
    const refused = requirePackageExchanger(actor);
    if (refused) throw new CommandRejectedError(refused);
    const maxBytes = this.intake.maxBytes * PACKAGE_SIZE_FACTOR;
    const file = await receiveUpload(request, maxBytes, (stream) => readUpTo(stream, maxBytes));
    return this.packages.import(file, actor);
  }
}
