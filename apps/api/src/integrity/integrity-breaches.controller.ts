import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  BreachAlreadyAcknowledgedError,
  BreachNotFoundError,
  IntegrityBreach,
  IntegrityBreaches,
  mayPerform,
} from '@xj/application';
import { Actor } from '@xj/domain';
import { CurrentActor } from '../auth/auth.guard';
import { ApiProblem, notFoundProblem } from '../http/problem';
import { AcknowledgeBreachDto, BREACH_LIST_SCHEMA, BREACH_SCHEMA } from './integrity-breaches.dto';
import { DuringBreach } from './integrity.guard';

const problem = (status: number, description: string) =>
  ApiResponse({
    status,
    description,
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  });

/**
 * 完整性告警 — breaches found by the start-up, scheduled and shutdown verifications, and their
 * acknowledgement. Both routes stay open while a breach is open: that is when they are needed.
 */
@ApiTags('integrity')
@ApiBearerAuth()
@Controller('api/v1/integrity')
@DuringBreach('open')
export class IntegrityBreachesController {
  constructor(private readonly breaches: IntegrityBreaches) {}

  @Get('breaches')
  @ApiOperation({
    summary:
      'Integrity breaches, newest first, with their acknowledgements (auditors, system and security administrators)',
  })
  @ApiResponse({ status: 200, description: 'Every breach recorded.', schema: BREACH_LIST_SCHEMA })
  @problem(403, 'AUTH.ROLE_NOT_ALLOWED — auditors and administrators only')
  @problem(503, 'STORE.UNAVAILABLE')
  async list(@CurrentActor() actor: Actor): Promise<{ items: IntegrityBreach[] }> {
    if (!mayPerform(actor.role, 'integrity-breach-reading'))
      throw new ApiProblem(
        403,
        'AUTH.ROLE_NOT_ALLOWED',
        'Only auditors and the system and security administrators see integrity breaches.',
      );
    await this.breaches.refresh();
    return { items: this.breaches.list() };
  }

  @Post('breach-acknowledgements')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Acknowledge an integrity breach (the security administrator)',
    description:
      'Recorded as an event (who, when, which breach, why). Writes resume once no breach is unacknowledged, and the next checkpoint is signed then — over the store as it is now.',
  })
  @ApiResponse({ status: 201, description: 'The breach with its acknowledgement.', schema: BREACH_SCHEMA })
  @problem(400, 'REQUEST.VALIDATION_FAILED')
  @problem(403, 'AUTH.ROLE_NOT_ALLOWED — the security administrator only')
  @problem(404, 'NOT_FOUND — no such breach')
  @problem(409, 'INTEGRITY.BREACH_ALREADY_ACKNOWLEDGED')
  @problem(503, 'STORE.UNAVAILABLE')
  async acknowledge(@CurrentActor() actor: Actor, @Body() body: AcknowledgeBreachDto): Promise<IntegrityBreach> {
    if (!mayPerform(actor.role, 'integrity-breach-acknowledgement'))
      throw new ApiProblem(
        403,
        'AUTH.ROLE_NOT_ALLOWED',
        'Only the security administrator acknowledges an integrity breach.',
      );
    try {
      return await this.breaches.acknowledge(
        body.breachId,
        { userId: actor.userId, role: actor.role, orgId: actor.orgId },
        body.reason,
      );
    } catch (error) {
      if (error instanceof BreachNotFoundError) throw notFoundProblem('integrity breach');
      if (error instanceof BreachAlreadyAcknowledgedError) throw new ApiProblem(409, error.code, error.message);
      throw error;
    }
  }
}
