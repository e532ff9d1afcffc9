import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

/** POST /api/v1/integrity/breach-acknowledgements */
export class AcknowledgeBreachDto {
  @ApiProperty({ description: 'The breach acknowledged (GET /api/v1/integrity/breaches).', format: 'uuid' })
  @IsUUID()
  breachId!: string;

  @ApiProperty({
    description: 'Why writes may resume: what was found, who investigated, what was restored.',
    minLength: 1,
    maxLength: 2000,
  })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;
}

const ACTOR = {
  type: 'object',
  properties: { userId: { type: 'string' }, role: { type: 'string' }, orgId: { type: 'string' } },
};

export const BREACH_SCHEMA = {
  type: 'object',
  required: ['breachId', 'detectedAt', 'detectedDuring', 'problem', 'checkedEvents'],
  properties: {
    breachId: { type: 'string', format: 'uuid' },
    detectedAt: { type: 'string', format: 'date-time' },
    detectedDuring: { type: 'string', enum: ['start', 'interval', 'shutdown', 'acknowledged', 'on_demand'] },
    fingerprint: { type: 'string' },
    problem: { type: 'object', description: 'The first problem the verification found (as in an integrity report).' },
    checkedEvents: { type: 'integer' },
    checkpoint: {
      type: 'object',
      properties: { createdAt: { type: 'string' }, globalPosition: { type: 'string' }, keyId: { type: 'string' } },
    },
    acknowledgement: {
      type: 'object',
      properties: { acknowledgedAt: { type: 'string', format: 'date-time' }, by: ACTOR, reason: { type: 'string' } },
    },
  },
};

export const BREACH_LIST_SCHEMA = { type: 'object', properties: { items: { type: 'array', items: BREACH_SCHEMA } } };
