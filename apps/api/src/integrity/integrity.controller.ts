import { applyDecorators, Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CheckpointKeyError, CheckpointRefusedError, CheckpointSummary, IntegrityReport, IntegrityService, SignedCheckpoint } from '@xj/application';
import { Actor } from '@xj/domain';
import { CurrentActor } from '../auth/auth.guard';
import { ApiProblem, notFoundProblem } from '../http/problem';
import { CHECKPOINT_LIST_SCHEMA, INTEGRITY_REPORT_SCHEMA, SIGNED_CHECKPOINT_SCHEMA, SignedCheckpointDto, VerifyChainsDto } from './integrity.dto';

const problem = (status: number, description: string) =>
  ApiResponse({ status, description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });

const AUDITOR_ONLY = () =>
  applyDecorators(problem(401, 'AUTH.UNAUTHENTICATED, AUTH.UNKNOWN_ORGANISATION'), problem(403, 'AUTH.ROLE_NOT_ALLOWED — auditors only'), problem(503, 'STORE.UNAVAILABLE'));

/** Tamper evidence (防篡改) is an auditor's instrument: every other role gets 403. */
const assertAuditor = (actor: Actor): void => {
  if (actor.role !== 'Auditor') throw new ApiProblem(403, 'AUTH.ROLE_NOT_ALLOWED', 'Only auditors verify the record.');
};

/** 完整性校验 — hash-chain verification and signed checkpoints (issue 6). */
@ApiTags('integrity')
@ApiBearerAuth()
@Controller('api/v1/integrity')
export class IntegrityController {
  constructor(private readonly integrity: IntegrityService) {}

  @Post('verification')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Verify the hash chains of one stream or of the whole store',
    description: 'Recomputes every hash and link. The report names the first broken event. A truncated tail or a consistent rewrite needs a checkpoint: POST /checkpoints/verification.',
  })
  @ApiResponse({ status: 200, description: 'The report (ok: false when a chain is broken).', schema: INTEGRITY_REPORT_SCHEMA })
  @AUDITOR_ONLY()
  @problem(400, 'REQUEST.VALIDATION_FAILED')
  @problem(404, 'NOT_FOUND — no such stream')
  async verify(@CurrentActor() actor: Actor, @Body() body: VerifyChainsDto): Promise<IntegrityReport> {
    assertAuditor(actor);
    const report = await this.integrity.verifyChains(body.streamId);
    if (!report) throw notFoundProblem('stream');
    return report;
  }

  @Post('checkpoints')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Sign a checkpoint now',
    description: 'Verifies every chain, then signs the heads of all streams and the global position with the Ed25519 checkpoint key; kept in DATA_DIR/checkpoints and returned as exported. Export it somewhere the store\'s administrators cannot write.',
  })
  @ApiResponse({ status: 201, description: 'The exported checkpoint.', schema: SIGNED_CHECKPOINT_SCHEMA })
  @AUDITOR_ONLY()
  @problem(409, 'INTEGRITY.CHAIN_BROKEN — a chain is broken: nothing was signed (detail names the event)')
  @problem(500, 'INTEGRITY.KEY_UNUSABLE — the signing key cannot be read')
  async sign(@CurrentActor() actor: Actor): Promise<SignedCheckpoint> {
    assertAuditor(actor);
    try {
      return (await this.integrity.signCheckpoint()).signed;
    } catch (error) {
      if (error instanceof CheckpointRefusedError) throw new ApiProblem(409, error.code, `A chain is broken, nothing was signed: ${error.problem.detail}`);
      if (error instanceof CheckpointKeyError) throw new ApiProblem(500, error.code, 'The checkpoint signing key cannot be used.');
      throw error;
    }
  }

  @Get('checkpoints')
  @ApiOperation({ summary: 'List the stored checkpoints, oldest first (without their heads)' })
  @ApiResponse({ status: 200, description: 'Summaries.', schema: CHECKPOINT_LIST_SCHEMA })
  @AUDITOR_ONLY()
  async list(@CurrentActor() actor: Actor): Promise<{ items: CheckpointSummary[] }> {
    assertAuditor(actor);
    return { items: await this.integrity.listCheckpoints() };
  }

  @Get('checkpoints/latest')
  @ApiOperation({ summary: 'The latest stored checkpoint, as exported' })
  @ApiResponse({ status: 200, description: 'The exported checkpoint.', schema: SIGNED_CHECKPOINT_SCHEMA })
  @AUDITOR_ONLY()
  @problem(404, 'NOT_FOUND — no checkpoint has been signed yet')
  async latest(@CurrentActor() actor: Actor): Promise<SignedCheckpoint> {
    assertAuditor(actor);
    const latest = await this.integrity.latestCheckpoint();
    if (!latest) throw notFoundProblem('checkpoint');
    return latest;
  }

  @Post('checkpoints/verification')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Verify the store against an exported checkpoint',
    description:
      'Checks the signature (against the pinned key, where one is configured), every chain, that every checkpointed head still exists with its hash — which also reveals truncation and a consistent rewrite of the whole store — and that no event was slipped in or moved before the checkpoint\'s position.',
  })
  @ApiResponse({ status: 200, description: 'The report (ok: false names the first problem).', schema: INTEGRITY_REPORT_SCHEMA })
  @AUDITOR_ONLY()
  @problem(400, 'REQUEST.VALIDATION_FAILED — not { checkpoint, signature, publicKey }')
  @problem(413, 'REQUEST.BODY_TOO_LARGE — a checkpoint of very many streams may need a larger BODY_LIMIT')
  async verifyCheckpoint(@CurrentActor() actor: Actor, @Body() body: SignedCheckpointDto): Promise<IntegrityReport> {
    assertAuditor(actor);
    return this.integrity.verifyCheckpoint({ checkpoint: body.checkpoint, signature: body.signature, publicKey: body.publicKey });
  }
}
