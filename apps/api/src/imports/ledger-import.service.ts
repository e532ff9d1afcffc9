import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  CLOCK,
  Clock,
  CommandRejectedError,
  EvidenceIntake,
  EvidenceUploadError,
  ImportReport,
  LedgerImporter,
} from '@xj/application';
import { UnreadableWorkbookError, inspectWorkbookFile, readLedgerWorkbook } from '@xj/composition';
import { Actor, LedgerKind, requireLedgerImporter } from '@xj/domain';
import { ApiProblem } from '../http/problem';
import { receiveUpload } from '../cases/attachments/multipart-upload';

/**
 * POST /imports/ledgers over HTTP: the access rule before the file is read, the upload staged in a
 * temporary file (size limit as the evidence uploads, EVIDENCE_MAX_MB; type from the content), then
 * the importer on the workbook read from that file, which is removed whatever happens.
 */
@Injectable()
export class LedgerImportService {
  constructor(
    private readonly importer: LedgerImporter,
    private readonly intake: EvidenceIntake,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async import(request: Request, actor: Actor, kind: LedgerKind, dryRun: boolean): Promise<ImportReport> {
    const refused = requireLedgerImporter(actor);
    if (refused) throw new CommandRejectedError(refused);
    const dir = await mkdtemp(join(tmpdir(), 'xj-ledger-import-'));
    try {
      const path = join(dir, 'ledger.xlsx');
      const fileName = await receiveUpload(request, this.intake.maxBytes, async (file, name) => {
        await pipeline(file, limited(this.intake.maxBytes), createWriteStream(path, { flags: 'wx' }));
        return name.trim() || 'ledger.xlsx';
      });
      const file = await inspectWorkbookFile(path);
      if (!file.isXlsx)
        throw new ApiProblem(
          415,
          'IMPORT.NOT_A_WORKBOOK',
          'The file is not an .xlsx workbook (judged by its content).',
        );
      let sheet;
      try {
        sheet = await readLedgerWorkbook(path);
        return await this.importer.run({
          kind,
          sheet,
          actor,
          at: this.clock.now().toISOString(),
          fileSha256: file.sha256,
          fileName,
          dryRun,
        });
      } catch (error) {
        if (error instanceof UnreadableWorkbookError)
          throw new ApiProblem(422, 'IMPORT.UNREADABLE_WORKBOOK', 'The workbook cannot be read.');
        throw error;
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}

/** Passes at most `max` bytes on and fails the upload past them (busboy would cut the file silently). */
const limited = (max: number) =>
  async function* (source: Readable): AsyncGenerator<Buffer> {
    let size = 0;
    for await (const chunk of source as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > max) throw new EvidenceUploadError('too-large', `The file is larger than ${max} bytes.`);
      yield chunk;
    }
  };
