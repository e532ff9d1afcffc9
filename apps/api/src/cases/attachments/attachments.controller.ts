import { Controller, Get, Param, Post, Req, Res, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CaseKind } from '@xj/application';
import { Actor } from '@xj/domain';
import { CurrentActor } from '../../auth/auth.guard';
import { CommandCtx, CommandRequestContext } from '../../http/command-context.decorator';
import { ApiProblem } from '../../http/problem';
import { ApiCaseIdParam, CaseId } from '../api-docs';
import { CaseCommandResult, CaseCommands } from '../case-commands';
import { CommandRoute } from '../case-routes';
import { CaseEvidenceService, EvidenceList } from './case-evidence.service';
import { FILE_FIELD } from './multipart-upload';

const SHA256 = /^[0-9a-f]{64}$/;

const problem = (status: number, description: string) =>
  ApiResponse({
    status,
    description,
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  });

/** A command route whose body is one file (multipart/form-data, field `file`). */
const UploadRoute = (summary: string) =>
  applyDecorators(
    CommandRoute(summary),
    ApiConsumes('multipart/form-data'),
    ApiBody({
      required: true,
      schema: {
        type: 'object',
        required: [FILE_FIELD],
        properties: {
          [FILE_FIELD]: {
            type: 'string',
            format: 'binary',
            description:
              'PDF, PNG, JPEG, GIF, TIFF, Word/WPS/Excel (OLE2 .doc/.xls/.wps, .docx, .xlsx) or OFD, judged by its content; at most EVIDENCE_MAX_MB (default 50 MiB)',
          },
        },
      },
    }),
    problem(413, 'EVIDENCE.TOO_LARGE — over EVIDENCE_MAX_MB; nothing is stored'),
    problem(
      415,
      'EVIDENCE.UNSUPPORTED_TYPE — none of the accepted types; REQUEST.UNSUPPORTED_MEDIA_TYPE — not multipart',
    ),
    problem(
      400,
      'EVIDENCE.UPLOAD_INCOMPLETE (cut short), EVIDENCE.FILE_REQUIRED, EVIDENCE.INVALID_FORM; nothing is stored',
    ),
  );

const EVIDENCE_LIST_SCHEMA = {
  type: 'object',
  required: ['kind', 'id', 'attachments'],
  properties: {
    kind: { type: 'string', enum: ['clue', 'referral', 'rectification'] },
    id: { type: 'string' },
    attachments: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          sha256: {
            type: 'string',
            description: 'Lower-case hex digest (under hashAlgorithm): GET …/attachments/{sha256} downloads it',
          },
          hashAlgorithm: {
            type: 'string',
            enum: ['sha256', 'sm3'],
            description: "The digest: the store's crypto suite's (SM3 under CRYPTO_SUITE=gm)",
          },
          fileName: { type: 'string' },
          mediaType: { type: 'string', description: 'Judged from the content' },
          size: { type: 'integer' },
          attachedAt: { type: 'string', format: 'date-time' },
          attachedBy: {
            type: 'object',
            properties: { userId: { type: 'string' }, role: { type: 'string' }, orgId: { type: 'string' } },
          },
          revision: { type: 'string', description: 'The revision of the EvidenceAttached event on the case stream' },
        },
      },
    },
  },
};

const ListRoute = (summary: string) =>
  applyDecorators(
    ApiOperation({ summary }),
    ApiCaseIdParam(),
    ApiResponse({
      status: 200,
      description: 'The evidence attached to the case, in order',
      schema: EVIDENCE_LIST_SCHEMA,
    }),
    problem(404, 'NOT_FOUND — no such case, or one the caller may not see'),
  );

const DownloadRoute = (summary: string) =>
  applyDecorators(
    ApiOperation({ summary }),
    ApiCaseIdParam(),
    ApiParam({ name: 'sha256', description: 'The file’s SHA-256 (lower-case hex), as listed' }),
    ApiResponse({
      status: 200,
      description:
        'The file, with its media type; Content-Disposition names it (RFC 5987 for non-ASCII names); Repr-Digest: its SHA-256 (RFC 9530)',
      content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
    }),
    problem(404, 'NOT_FOUND — no such case or attachment, or a case the caller may not see'),
  );

/** The hash of the path; anything else is 404, as an unknown one. */
const sha256Of = (value: string): string => {
  if (!SHA256.test(value)) throw new ApiProblem(404, 'NOT_FOUND', 'No such attachment.');
  return value;
};

/**
 * 证据材料 — evidence files of clues, referrals and rectification items (issue 19 §1), under each
 * case's own routes. Uploading is a command (If-Match, Idempotency-Key) whose file is streamed
 * into the blob store first; list and download read like the case, through its access rule.
 */
@ApiTags('evidence')
@ApiBearerAuth()
@Controller('api/v1')
export class AttachmentsController {
  constructor(
    private readonly cases: CaseCommands,
    private readonly evidence: CaseEvidenceService,
  ) {}

  private async attach(
    kind: CaseKind,
    id: string,
    req: Request,
    ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    const file = await this.evidence.receive(req, ctx.actor, kind, id);
    return this.cases.run(kind, id, { type: 'AttachEvidence', ...file }, ctx);
  }

  @Post('clues/:id/attachments')
  @UploadRoute('Attach evidence to a clue (证据材料): the file is stored by SHA-256 and recorded as EvidenceAttached')
  attachToClue(@CaseId() id: string, @Req() req: Request, @CommandCtx() ctx: CommandRequestContext) {
    return this.attach('clue', id, req, ctx);
  }

  @Post('referrals/:id/attachments')
  @UploadRoute(
    'Attach evidence to a referral (证据材料): the file is stored by SHA-256 and recorded as EvidenceAttached',
  )
  attachToReferral(@CaseId() id: string, @Req() req: Request, @CommandCtx() ctx: CommandRequestContext) {
    return this.attach('referral', id, req, ctx);
  }

  @Post('rectification-items/:id/attachments')
  @UploadRoute(
    'Attach evidence to a rectification item, e.g. its report (证据材料): stored by SHA-256, recorded as EvidenceAttached',
  )
  attachToItem(@CaseId() id: string, @Req() req: Request, @CommandCtx() ctx: CommandRequestContext) {
    return this.attach('rectification', id, req, ctx);
  }

  @Get('clues/:id/attachments')
  @ListRoute("A clue's evidence, in the order attached")
  listOfClue(@CaseId() id: string, @CurrentActor() actor: Actor, @Req() req: Request): Promise<EvidenceList> {
    return this.evidence.list(req, actor, 'clue', id);
  }

  @Get('referrals/:id/attachments')
  @ListRoute("A referral's evidence, in the order attached")
  listOfReferral(@CaseId() id: string, @CurrentActor() actor: Actor, @Req() req: Request): Promise<EvidenceList> {
    return this.evidence.list(req, actor, 'referral', id);
  }

  @Get('rectification-items/:id/attachments')
  @ListRoute("A rectification item's evidence, in the order attached")
  listOfItem(@CaseId() id: string, @CurrentActor() actor: Actor, @Req() req: Request): Promise<EvidenceList> {
    return this.evidence.list(req, actor, 'rectification', id);
  }

  @Get('clues/:id/attachments/:sha256')
  @DownloadRoute('Download one evidence file of a clue (recorded in the access log)')
  downloadOfClue(
    @CaseId() id: string,
    @Param('sha256') sha256: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.evidence.download(req, res, actor, 'clue', id, sha256Of(sha256));
  }

  @Get('referrals/:id/attachments/:sha256')
  @DownloadRoute('Download one evidence file of a referral (recorded in the access log)')
  downloadOfReferral(
    @CaseId() id: string,
    @Param('sha256') sha256: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.evidence.download(req, res, actor, 'referral', id, sha256Of(sha256));
  }

  @Get('rectification-items/:id/attachments/:sha256')
  @DownloadRoute('Download one evidence file of a rectification item (recorded in the access log)')
  downloadOfItem(
    @CaseId() id: string,
    @Param('sha256') sha256: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.evidence.download(req, res, actor, 'rectification', id, sha256Of(sha256));
  }
}
