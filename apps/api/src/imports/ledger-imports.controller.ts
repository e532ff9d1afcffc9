import { Controller, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ImportReport } from '@xj/application';
import { Actor, LEDGER_KINDS, LedgerKind } from '@xj/domain';
import { CurrentActor } from '../auth/auth.guard';
import { ApiProblem } from '../http/problem';
import { FILE_FIELD } from '../cases/attachments/multipart-upload';
import { ImportReportDto } from './ledger-import.dto';
import { LedgerImportService } from './ledger-import.service';

const problem = (status: number, description: string) =>
  ApiResponse({
    status,
    description,
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  });

const kindOf = (value: unknown): LedgerKind => {
  if (typeof value === 'string' && (LEDGER_KINDS as readonly string[]).includes(value)) return value as LedgerKind;
  throw new ApiProblem(400, 'IMPORT.UNKNOWN_KIND', 'kind is clue or rectification.');
};

const dryRunOf = (value: unknown): boolean => {
  if (value === undefined || value === 'true') return true;
  if (value === 'false') return false;
  throw new ApiProblem(400, 'REQUEST.VALIDATION_FAILED', 'dryRun is true or false.');
};

/** 历史补录 — an office's legacy Excel ledger in, as cases with their past (issue 19 §3). */
@ApiTags('imports')
@ApiBearerAuth()
@Controller('api/v1/imports')
export class LedgerImportsController {
  constructor(private readonly imports: LedgerImportService) {}

  @Post('ledgers')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Import a legacy ledger workbook (历史补录): a dry run (the default) reports per line what would be created and every problem and writes nothing; dryRun=false creates each good line once (a re-run creates nothing new)',
  })
  @ApiQuery({ name: 'kind', enum: LEDGER_KINDS, required: true })
  @ApiQuery({ name: 'dryRun', enum: ['true', 'false'], required: false, description: 'Default true' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    required: true,
    schema: {
      type: 'object',
      required: [FILE_FIELD],
      properties: {
        [FILE_FIELD]: {
          type: 'string',
          format: 'binary',
          description: 'The .xlsx ledger (docs/templates), judged by its content; at most EVIDENCE_MAX_MB',
        },
      },
    },
  })
  @ApiResponse({ status: 200, description: 'The per-line report', type: ImportReportDto })
  @ApiResponse({ status: 403, description: 'AUTH.ROLE_NOT_ALLOWED — only the office and the justice bureau import' })
  @problem(
    400,
    'IMPORT.UNKNOWN_KIND, REQUEST.VALIDATION_FAILED (dryRun), EVIDENCE.UPLOAD_INCOMPLETE, EVIDENCE.FILE_REQUIRED, EVIDENCE.INVALID_FORM',
  )
  @problem(413, 'EVIDENCE.TOO_LARGE — over EVIDENCE_MAX_MB')
  @problem(415, 'IMPORT.NOT_A_WORKBOOK — not an .xlsx; REQUEST.UNSUPPORTED_MEDIA_TYPE — not multipart')
  @problem(422, 'IMPORT.UNREADABLE_WORKBOOK — a damaged workbook')
  importLedger(
    @Query('kind') kind: unknown,
    @Query('dryRun') dryRun: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
  ): Promise<ImportReport> {
    return this.imports.import(req, actor, kindOf(kind), dryRunOf(dryRun));
  }
}
