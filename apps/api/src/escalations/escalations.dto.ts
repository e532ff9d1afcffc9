import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { ESCALATION_TYPES, EscalationType } from '@xj/domain';
import { OptionalField } from '../http/dto-decorators';
import { ID_PATTERN, LIMITS } from '../cases/dto/common.dto';
import { PageQueryDto } from '../read-models/read-model-query.dto';

/** GET /api/v1/escalations: paged, newest first; the filters narrow what the caller may see anyway. */
export class OrgEscalationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ESCALATION_TYPES })
  @OptionalField()
  @IsIn(ESCALATION_TYPES)
  escalationType?: EscalationType;
  @ApiPropertyOptional({ example: 'dawa.rol-office', description: 'Only those against this organisation.' })
  @OptionalField()
  @IsString()
  @Length(1, LIMITS.id)
  @Matches(ID_PATTERN)
  targetOrgId?: string;
  @ApiPropertyOptional({ example: 'panjin.rol-office', description: 'Only those raised by this organisation.' })
  @OptionalField()
  @IsString()
  @Length(1, LIMITS.id)
  @Matches(ID_PATTERN)
  raisedByOrgId?: string;
}

/** The listed fields of one escalation against an organisation (OpenAPI). */
export const ORG_ESCALATION_SCHEMA = {
  type: 'object',
  properties: {
    escalationId: { type: 'string' },
    escalationType: { type: 'string', enum: [...ESCALATION_TYPES] },
    ladderLevel: {
      type: 'integer',
      nullable: true,
      description: '督办 ladder rung: 函询 3, 约谈 4, 挂牌督办 5, 通报 6; null for 批示 and 责令限期履行',
    },
    reason: { type: 'string' },
    targetOrgId: { type: 'string' },
    targetRole: { type: 'string' },
    targetRegionId: { type: 'string' },
    targetRegions: { type: 'array', items: { type: 'string' } },
    raisedByOrgId: { type: 'string' },
    raisedByUserId: { type: 'string' },
    raisedByRole: { type: 'string' },
    raisedByRegionId: { type: 'string' },
    raisedAt: { type: 'string', format: 'date-time' },
    deadline: { type: 'object', description: '责令限期履行: the performance date (dueOn), flagged when on a rest day' },
  },
};
