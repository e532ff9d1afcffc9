import { Controller, Get, Injectable, Param, PipeTransform, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CaseKind, languageOf } from '@xj/application';
import { Actor } from '@xj/domain';
import { CurrentActor } from '../../auth/auth.guard';
import { ApiProblem } from '../../http/problem';
import { CaseId } from '../api-docs';
import { CaseActionsDto } from './case-actions.dto';
import { CaseActions, CaseActionsService } from './case-actions.service';

const KINDS: readonly CaseKind[] = ['clue', 'referral', 'rectification', 'accountability', 'campaign'];

/** An unknown kind names no case: 404, as for an unknown id. */
@Injectable()
export class CaseKindPipe implements PipeTransform<string, CaseKind> {
  transform(value: string): CaseKind {
    if (!(KINDS as readonly string[]).includes(value)) throw new ApiProblem(404, 'NOT_FOUND', 'No such case.');
    return value as CaseKind;
  }
}

const problem = (status: number, description: string) =>
  ApiResponse({
    status,
    description,
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  });

/** What the caller may do on a case now — the workbench renders its forms from this (issue 16). */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/v1/cases')
export class CaseActionsController {
  constructor(private readonly actions: CaseActionsService) {}

  @Get(':kind/:id/actions')
  @ApiOperation({
    summary: 'The commands the caller may send on this case now, each with its route and input schema',
    description:
      'Computed by the domain\'s own preconditions (role, position, region/organisation, status): a listed command is not refused for who sends it or when, only for its input. Titles follow Accept-Language (zh-CN default, en on request). Send the body to `path` with If-Match: "<revision>" and an Idempotency-Key.',
  })
  @ApiParam({ name: 'kind', enum: KINDS })
  @ApiParam({ name: 'id', description: 'Case id', example: 'c-2026-0001' })
  @ApiQuery({
    name: 'uploads',
    required: false,
    enum: ['multipart'],
    description:
      'A client that sends files as multipart/form-data asks for the upload actions too (AttachEvidence, `contentType: multipart/form-data`, a `format: binary` field); others are not offered a form they cannot send.',
  })
  @ApiResponse({ status: 200, type: CaseActionsDto })
  @problem(401, 'AUTH.UNAUTHENTICATED')
  @problem(404, 'NOT_FOUND — no such case, or one the caller may not see')
  @problem(429, "RATE_LIMITED — the caller's per-user read limit; Retry-After: seconds")
  list(
    @Param('kind', CaseKindPipe) kind: CaseKind,
    @CaseId() id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Query('uploads') uploads?: string,
  ): Promise<CaseActions> {
    return this.actions.list(actor, kind, id, languageOf(req.headers['accept-language'], 'zh'), {
      uploads: uploads === 'multipart',
    });
  }
}
