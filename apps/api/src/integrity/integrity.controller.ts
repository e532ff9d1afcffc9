import { applyDecorators, Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  BLOB_STORE,
  BlobStore,
  CheckpointKeeper,
  EVENT_STORE,
  EventStore,
  CheckpointKeyError,
  CheckpointSummary,
  IntegrityReport,
  IntegrityService,
  SignedCheckpoint,
  StoreVerificationReport,
  withEvidenceCheck,
} from '@xj/application';
import { Actor } from '@xj/domain';
import { CurrentActor } from '../auth/auth.guard';
import { ApiProblem, notFoundProblem } from '../http/problem';
import {
  CHECKPOINT_LIST_SCHEMA,
  INTEGRITY_REPORT_SCHEMA,
  SIGNED_CHECKPOINT_SCHEMA,
  SignedCheckpointDto,
  VerifyChainsDto,
} from './integrity.dto';
import { DuringBreach } from './integrity.guard';

const problem = (status: number, description: string) =>
  ApiResponse({
    status,
    description,
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  });

const AUDITOR_ONLY = () =>
  applyDecorators(
    problem(401, 'AUTH.UNAUTHENTICATED, AUTH.UNKNOWN_ORGANISATION'),
    problem(403, 'AUTH.ROLE_NOT_ALLOWED — auditors only'),
    problem(503, 'STORE.UNAVAILABLE'),
  );

/** Tamper evidence (防篡改) is an auditor's instrument: every other role gets 403. */
const assertAuditor = (actor: Actor): void => {
  if (actor.role !== 'Auditor') throw new ApiProblem(403, 'AUTH.ROLE_NOT_ALLOWED', 'Only auditors verify the record.');
};

/** 完整性校验 — hash-chain verification and signed checkpoints (issue 6). */
@ApiTags('integrity')
@ApiBearerAuth()
@Controller('api/v1/integrity')
export class IntegrityController {
  constructor(
    private readonly integrity: IntegrityService,
    private readonly keeper: CheckpointKeeper,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  @Post('verification')
  @HttpCode(200)
  @DuringBreach('read')
  @ApiOperation({
    summary: 'Verify the whole store (against the newest signed checkpoint) or the hash chain of one stream',
    description:
      'The whole store is compared with the newest saved checkpoint when there is one — its heads, event count and global order up to its position, which reveals a deleted case, a truncated tail, a reordering across streams and a consistent rewrite — and every chain is checked, and every evidence file referenced exists and matches its hash (`evidence`). `blindSpots` lists what the report could not have seen: without a checkpoint those three kinds of change anywhere; with one, among the events after its position. The report names the first problem.',
  })
  @ApiResponse({
    status: 200,
    description: 'The report (ok: false names the first problem).',
    schema: INTEGRITY_REPORT_SCHEMA,
  })
  @AUDITOR_ONLY()
  @problem(400, 'REQUEST.VALIDATION_FAILED')
  @problem(404, 'NOT_FOUND — no such stream')
  async verify(@CurrentActor() actor: Actor, @Body() body: VerifyChainsDto): Promise<StoreVerificationReport> {
    assertAuditor(actor);
    if (body.streamId === undefined)
      return withEvidenceCheck(await this.integrity.verifyStore(), this.store, this.blobs);
    const report = await this.integrity.verifyChains(body.streamId);
    if (!report) throw notFoundProblem('stream');
    return report;
  }

  @Post('checkpoints')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Sign a checkpoint now',
    description:
      "Verifies the store against the newest checkpoint (a store that does not verify is recorded as an integrity breach and nothing is signed) and, from the same walk of the store, signs a digest of the heads of all streams, the counts, the global position and the order of the events with the Ed25519 checkpoint key (version 2); kept in DATA_DIR/checkpoints and returned as exported. Export it somewhere the store's administrators cannot write.",
  })
  @ApiResponse({ status: 201, description: 'The exported checkpoint.', schema: SIGNED_CHECKPOINT_SCHEMA })
  @AUDITOR_ONLY()
  @problem(409, 'INTEGRITY.CHAIN_BROKEN — the store does not verify: nothing was signed (detail names the problem)')
  @problem(500, 'INTEGRITY.KEY_UNUSABLE — the signing key cannot be read')
  @problem(503, 'INTEGRITY.WRITES_SUSPENDED — an integrity breach is unacknowledged')
  async sign(@CurrentActor() actor: Actor): Promise<SignedCheckpoint> {
    assertAuditor(actor);
    let outcome;
    try {
      outcome = await this.keeper.run('on_demand', { record: true, skipUnchanged: false });
    } catch (error) {
      if (error instanceof CheckpointKeyError)
        throw new ApiProblem(500, error.code, 'The checkpoint signing key cannot be used.');
      throw error;
    }
    switch (outcome.kind) {
      case 'signed':
        return outcome.signed;
      case 'suspended':
        throw new ApiProblem(
          503,
          'INTEGRITY.WRITES_SUSPENDED',
          'An integrity breach is unacknowledged: no checkpoint is signed until an administrator acknowledges it.',
        );
      case 'breach':
        throw new ApiProblem(
          409,
          'INTEGRITY.CHAIN_BROKEN',
          `The store does not verify, nothing was signed: ${outcome.report.firstProblem?.detail ?? 'unknown problem'}`,
        );
      case 'refused':
        throw new ApiProblem(
          409,
          outcome.error.code,
          `A chain is broken, nothing was signed: ${outcome.error.problem.detail}`,
        );
      case 'unchanged':
        throw new Error('an on-demand run always signs');
      default: {
        const never: never = outcome;
        return never;
      }
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
  @DuringBreach('read')
  @ApiOperation({
    summary: 'Verify the store against an exported checkpoint',
    description:
      "Checks the signature against the trusted key (CHECKPOINT_PUBLIC_KEY_FILE, else the instance's own signing key; none: `no_trusted_key`), every chain, that every checkpointed head still exists with its hash — which also reveals truncation and a consistent rewrite of the whole store — and that no event was slipped in or moved before the checkpoint's position.",
  })
  @ApiResponse({
    status: 200,
    description: 'The report (ok: false names the first problem).',
    schema: INTEGRITY_REPORT_SCHEMA,
  })
  @AUDITOR_ONLY()
  @problem(400, 'REQUEST.VALIDATION_FAILED — not { checkpoint, signature, publicKey }')
  @problem(413, 'REQUEST.BODY_TOO_LARGE — a checkpoint of very many streams may need a larger BODY_LIMIT')
  async verifyCheckpoint(@CurrentActor() actor: Actor, @Body() body: SignedCheckpointDto): Promise<IntegrityReport> {
    assertAuditor(actor);
    return this.integrity.verifyCheckpoint({
      checkpoint: body.checkpoint,
      signature: body.signature,
      publicKey: body.publicKey,
    });
  }
}
