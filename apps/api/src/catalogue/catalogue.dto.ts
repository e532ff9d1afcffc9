import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { JURISDICTION_LEVELS } from '@xj/domain';

/** A code's label in both languages. */
export class LabelDto {
  @ApiProperty({ example: '线索登记' }) zh!: string;
  @ApiProperty({ example: 'Registered' }) en!: string;
}

export class CatalogueDto {
  @ApiProperty({
    description:
      'Labels by namespace, then by code: `labels.clueStatus.Registered` = `{ zh: "线索登记", en: "Registered" }`. Namespaces: ' +
      'caseKind, clueStatus, referralStatus, rectificationStatus, clueSource, supervisionInstrument, clueCategory, dismissalReason, ' +
      'rectificationMode, evaluationMethod, evaluationResult, disposalMethod, talkOrInquiryForm, secrecyLevel, targetKind, outcomeLayer, role, position, ' +
      'cadreRank, escalationType, deadlineRule, accessAction, accessOutcome, accountOperation, situation, evidence, statutoryGround, outcome, eventType, errorCode, command (the actions), field (request fields by name), organisation, region.',
    type: 'object',
    additionalProperties: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['zh', 'en'],
        properties: { zh: { type: 'string' }, en: { type: 'string' } },
      },
    },
  })
  labels!: Record<string, Record<string, LabelDto>>;
}

export class EvidenceItemDto {
  @ApiProperty({ example: 'IP.DUTY_SOURCE' }) code!: string;
  @ApiProperty() labelZh!: string;
  @ApiProperty() labelEn!: string;
  @ApiProperty({ description: 'A required item must be present for the situation to match.' }) required!: boolean;
}

export class SituationDto {
  @ApiProperty({ example: 'ImproperPerformance' }) code!: string;
  @ApiProperty({ description: 'Position in the list (1–7).' }) number!: number;
  @ApiProperty() labelZh!: string;
  @ApiProperty() labelEn!: string;
  @ApiProperty({ type: [String] }) legalBasis!: string[];
  @ApiProperty({ description: '`Other` needs a justification and a cited legal basis.' })
  requiresJustification!: boolean;
  @ApiProperty({ type: [EvidenceItemDto] }) evidence!: EvidenceItemDto[];
}

export class StatutoryGroundDto {
  @ApiProperty({ example: 'CorruptionOrBribery' }) code!: string;
  @ApiProperty() labelZh!: string;
  @ApiProperty() labelEn!: string;
  @ApiProperty({ type: [String] }) legalBasis!: string[];
}

export class RulebookLookupDto {
  @ApiProperty({ example: 'v1' }) version!: string;
  @ApiProperty({ example: '2024-01-01' }) effectiveFrom!: string;
  @ApiProperty({ type: [SituationDto] }) situations!: SituationDto[];
  @ApiProperty({ type: [StatutoryGroundDto] }) statutoryGrounds!: StatutoryGroundDto[];
}

export class OutcomeDto {
  @ApiProperty({ example: 'GovSanction.Demerit' }) code!: string;
  @ApiProperty({ example: '记过' }) labelZh!: string;
  @ApiProperty({ example: 'Demerit' }) labelEn!: string;
  @ApiProperty({
    enum: [
      'Minor',
      'OrganisationalHandling',
      'GovSanction',
      'PartySanction',
      'Accountability',
      'SupervisionRecommendation',
      'Criminal',
      'EnforcementFault',
      'NoAction',
    ],
  })
  layer!: string;
  @ApiProperty({ enum: ['Any', 'PartyMember', 'PublicOfficial'] }) appliesTo!: string;
  @ApiPropertyOptional({ description: '处分期间 in months (政务处分法 art. 8).' }) sanctionPeriodMonths?: number;
  @ApiProperty() decidedBy!: string;
  @ApiProperty({ type: [String] }) legalBasis!: string[];
}

export class OutcomeLookupDto {
  @ApiProperty({ type: [OutcomeDto] }) outcomes!: OutcomeDto[];
}

export class OrganisationDto {
  @ApiProperty({ example: 'dawa.ccdi' }) id!: string;
  @ApiProperty({ example: '大洼区纪委监委' }) nameZh!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty({ example: 'DisciplineCommission' }) role!: string;
  @ApiProperty({ example: 'panjin/dawa' }) regionId!: string;
  @ApiPropertyOptional() parentId?: string;
  @ApiPropertyOptional({
    enum: JURISDICTION_LEVELS,
    description:
      'Only for a unit above the city (the provincial commission); otherwise the region path gives the level.',
  })
  level?: string;
}

export class OrganisationLookupDto {
  @ApiProperty({ type: [OrganisationDto] }) organisations!: OrganisationDto[];
}

export class RegionDto {
  @ApiProperty({ example: 'panjin/dawa' }) id!: string;
  @ApiProperty({ example: '大洼区' }) zh!: string;
  @ApiProperty({ example: 'Dawa District' }) en!: string;
  @ApiProperty({ enum: ['City', 'County'] }) level!: string;
}

export class RegionLookupDto {
  @ApiProperty({ type: [RegionDto] }) regions!: RegionDto[];
}

export class ColleagueDto {
  @ApiProperty({ example: 'u-dawa-office' }) userId!: string;
  @ApiProperty({ example: '大洼区法治建设办 工作人员' }) displayName!: string;
  @ApiProperty({ example: 'RuleOfLawOffice' }) role!: string;
  @ApiProperty({ enum: ['Head', 'Staff'] }) position!: string;
}

export class ColleagueLookupDto {
  @ApiProperty({ example: 'dawa.rol-office' }) orgId!: string;
  @ApiProperty({ type: [ColleagueDto] }) users!: ColleagueDto[];
}
