import { Controller, Post, Req, Res, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ImportedPackage } from '@xj/application';
import { Actor } from '@xj/domain';
import { CurrentActor } from '../../auth/auth.guard';
import { ApiCaseIdParam, CaseId } from '../api-docs';
import { FILE_FIELD } from '../attachments/multipart-upload';
import { PACKAGE_MEDIA_TYPE, TransferPackagesService } from './transfer-packages.service';

const problem = (status: number, description: string) =>
  ApiResponse({
    status,
    description,
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  });

const IMPORTED_SCHEMA = {
  type: 'object',
  required: ['imported', 'packageHash', 'kind', 'referralId', 'senderOrgId', 'appended', 'attachments'],
  properties: {
    imported: { type: 'boolean', description: 'False: the package was imported before and nothing was stored now' },
    packageHash: { type: 'string', description: "The suite's digest (SHA-256 or SM3) of the package's manifest.json" },
    kind: { type: 'string', enum: ['referral', 'feedback'] },
    referralId: { type: 'string' },
    senderOrgId: { type: 'string' },
    appended: {
      type: 'array',
      items: {
        type: 'object',
        properties: { streamId: { type: 'string' }, events: { type: 'integer' } },
      },
    },
    attachments: { type: 'integer' },
  },
};

const ExportRoute = () =>
  applyDecorators(
    ApiOperation({
      summary:
        'Export the referral as a signed transfer package (移送材料包): the owning office sends the referral, the holder its feedback (recorded in the access log)',
    }),
    ApiCaseIdParam(),
    ApiProduces(PACKAGE_MEDIA_TYPE),
    ApiResponse({
      status: 200,
      description:
        'The package (ustar: manifest.json, signature.json, events/*.jsonl, blobs/<sha256>); X-Package-Hash names it, X-Package-Kind says referral or feedback',
      content: { [PACKAGE_MEDIA_TYPE]: { schema: { type: 'string', format: 'binary' } } },
    }),
    problem(403, 'AUTH.NOT_PACKAGE_PARTY — neither the owning office nor the holder; AUTH.READ_ONLY_ROLE'),
    problem(404, 'NOT_FOUND — no such referral, or one the caller may not see'),
    problem(409, 'PACKAGE.NOT_SENT — the referral has not been sent'),
  );

const ImportRoute = () =>
  applyDecorators(
    ApiOperation({
      summary:
        'Import a transfer package from another instance: verified completely (sender key, signature, every chain, every attachment) before anything is stored; the same package twice stores nothing the second time',
    }),
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
            description: 'The package file; at most 4 × EVIDENCE_MAX_MB',
          },
        },
      },
    }),
    ApiResponse({ status: 201, description: 'Imported', schema: IMPORTED_SCHEMA }),
    ApiResponse({ status: 200, description: 'Imported before: nothing new was stored', schema: IMPORTED_SCHEMA }),
    problem(
      422,
      'Refused, nothing stored; `problems` names each finding: PACKAGE.MALFORMED, PACKAGE.UNKNOWN_KEY, PACKAGE.BAD_SIGNATURE, PACKAGE.CHAIN_BROKEN (stream, revision), PACKAGE.ATTACHMENT_ALTERED / PACKAGE.ATTACHMENT_MISSING (sha256), PACKAGE.UNEXPECTED_FILE, PACKAGE.SENDER_MISMATCH',
    ),
    problem(403, 'AUTH.NOT_PACKAGE_PARTY — the caller is not the receiving party; AUTH.READ_ONLY_ROLE'),
    problem(413, 'EVIDENCE.TOO_LARGE — over 4 × EVIDENCE_MAX_MB'),
    problem(400, 'EVIDENCE.UPLOAD_INCOMPLETE, EVIDENCE.FILE_REQUIRED, EVIDENCE.INVALID_FORM'),
    problem(415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE — not multipart'),
  );

/**
 * 移送材料包 (issue 19 §4): a referral crosses to the commission's separate network as one signed
 * file, and the commission's handling comes back the same way.
 */
@ApiTags('transfer packages')
@ApiBearerAuth()
@Controller('api/v1')
export class TransferPackagesController {
  constructor(private readonly packages: TransferPackagesService) {}

  @Post('referrals/:id/package')
  @ExportRoute()
  export(@CaseId() id: string, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.packages.export(req, res, actor, id);
  }

  @Post('packages')
  @ImportRoute()
  async import(
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ImportedPackage> {
    const imported = await this.packages.import(req, actor);
    res.status(imported.imported ? 201 : 200);
    return imported;
  }
}
