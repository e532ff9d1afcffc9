import { Controller, Get, Param, Post, Req, Res, applyDecorators } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProperty,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CaseKind, DOCUMENT_TYPES, DOCUMENTS_OF_KIND } from '@xj/application';
import { Actor } from '@xj/domain';
import { CurrentActor } from '../../auth/auth.guard';
import { CommandCtx, CommandRequestContext } from '../../http/command-context.decorator';
import { ApiCaseIdParam, CaseId } from '../api-docs';
import { CaseCommandResult, CaseCommands } from '../case-commands';
import { CommandRoute } from '../case-routes';
import { CaseDocumentsService, DOCX_MEDIA_TYPE } from './case-documents.service';

export class OfferedDocumentDto {
  @ApiProperty({ enum: DOCUMENT_TYPES }) type!: string;
  @ApiProperty({ example: '问题线索移送函' }) title!: string;
  @ApiProperty({ description: 'The case has reached the step that produces it (else GET/POST answer 409).' })
  available!: boolean;
  @ApiProperty({ description: 'The caller may draw it up onto the case (POST); read-only roles may not.' })
  mayGenerate!: boolean;
}

export class OfferedDocumentsDto {
  @ApiProperty({ type: [OfferedDocumentDto] }) documents!: OfferedDocumentDto[];
}

const ListRoute = (summary: string) =>
  applyDecorators(
    ApiOperation({ summary }),
    ApiCaseIdParam(),
    ApiOkResponse({ type: OfferedDocumentsDto }),
    problem(404, 'NOT_FOUND — no such case or one the caller may not see'),
  );

const problem = (status: number, description: string) =>
  ApiResponse({
    status,
    description,
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  });

const ApiDocumentType = (kind: CaseKind) =>
  ApiParam({ name: 'type', enum: [...DOCUMENTS_OF_KIND[kind]], description: 'The document (文书) to draw up' });

const DOCUMENT_PROBLEMS = [
  problem(
    404,
    'NOT_FOUND — no such case or one the caller may not see; DOCUMENT.UNKNOWN_TYPE — not a document of this kind',
  ),
  problem(409, 'DOCUMENT.NOT_AVAILABLE — the case has not reached the step that produces it'),
];

const DownloadRoute = (kind: CaseKind, summary: string) =>
  applyDecorators(
    ApiOperation({ summary }),
    ApiCaseIdParam(),
    ApiDocumentType(kind),
    ApiResponse({
      status: 200,
      description: 'The document as DOCX, laid out after GB/T 9704-2012, drawn from the case as it stands',
      content: { [DOCX_MEDIA_TYPE]: { schema: { type: 'string', format: 'binary' } } },
    }),
    ...DOCUMENT_PROBLEMS,
  );

const GenerateRoute = (kind: CaseKind, summary: string) =>
  applyDecorators(CommandRoute(summary), ApiDocumentType(kind), ...DOCUMENT_PROBLEMS);

/**
 * 文书 — official documents of clues, referrals and rectification items (issue 19 §2). GET draws
 * the document up and answers it (a read of the case, in the access log); POST draws it up and
 * attaches it to the case as evidence (EvidenceAttached: its hash in the chain, an entry in the
 * history), with the command path's If-Match and Idempotency-Key.
 */
@ApiTags('documents')
@ApiBearerAuth()
@Controller('api/v1')
export class DocumentsController {
  constructor(
    private readonly cases: CaseCommands,
    private readonly documents: CaseDocumentsService,
  ) {}

  private async generate(
    kind: CaseKind,
    id: string,
    type: string,
    ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    const file = await this.documents.generate(ctx.actor, kind, id, type);
    return this.cases.run(kind, id, { type: 'AttachEvidence', ...file }, ctx);
  }

  @Get('clues/:id/documents')
  @ListRoute('The documents a clue produces, whether each is available now, and whether the caller may draw it up')
  async listOfClue(@CaseId() id: string, @CurrentActor() actor: Actor): Promise<OfferedDocumentsDto> {
    return { documents: await this.documents.offered(actor, 'clue', id) };
  }

  @Get('referrals/:id/documents')
  @ListRoute('The documents a referral produces, whether each is available now, and whether the caller may draw it up')
  async listOfReferral(@CaseId() id: string, @CurrentActor() actor: Actor): Promise<OfferedDocumentsDto> {
    return { documents: await this.documents.offered(actor, 'referral', id) };
  }

  @Get('rectification-items/:id/documents')
  @ListRoute(
    'The documents a rectification item produces, whether each is available now, and whether the caller may draw it up',
  )
  async listOfItem(@CaseId() id: string, @CurrentActor() actor: Actor): Promise<OfferedDocumentsDto> {
    return { documents: await this.documents.offered(actor, 'rectification', id) };
  }

  @Get('clues/:id/documents/:type')
  @DownloadRoute('clue', "A clue's document (监督文书, 督办单) as DOCX (recorded in the access log)")
  ofClue(
    @CaseId() id: string,
    @Param('type') type: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.documents.download(req, res, actor, 'clue', id, type);
  }

  @Get('referrals/:id/documents/:type')
  @DownloadRoute(
    'referral',
    "A referral's document (移送函, 处理结果反馈函, 督办单) as DOCX (recorded in the access log)",
  )
  ofReferral(
    @CaseId() id: string,
    @Param('type') type: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.documents.download(req, res, actor, 'referral', id, type);
  }

  @Get('rectification-items/:id/documents/:type')
  @DownloadRoute(
    'rectification',
    "A rectification item's document (整改通知书, 整改销号审批表, 督办单) as DOCX (recorded in the access log)",
  )
  ofItem(
    @CaseId() id: string,
    @Param('type') type: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.documents.download(req, res, actor, 'rectification', id, type);
  }

  @Post('clues/:id/documents/:type')
  @GenerateRoute('clue', "Draw up a clue's document and attach it to the clue (EvidenceAttached)")
  generateForClue(@CaseId() id: string, @Param('type') type: string, @CommandCtx() ctx: CommandRequestContext) {
    return this.generate('clue', id, type, ctx);
  }

  @Post('referrals/:id/documents/:type')
  @GenerateRoute('referral', "Draw up a referral's document and attach it to the referral (EvidenceAttached)")
  generateForReferral(@CaseId() id: string, @Param('type') type: string, @CommandCtx() ctx: CommandRequestContext) {
    return this.generate('referral', id, type, ctx);
  }

  @Post('rectification-items/:id/documents/:type')
  @GenerateRoute(
    'rectification',
    "Draw up a rectification item's document and attach it to the item (EvidenceAttached)",
  )
  generateForItem(@CaseId() id: string, @Param('type') type: string, @CommandCtx() ctx: CommandRequestContext) {
    return this.generate('rectification', id, type, ctx);
  }
}
