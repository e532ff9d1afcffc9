import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/**
 * Response schemas of the audit reads (issue 16): case history, a past state, the referral
 * explanation, the access log and past read models. They describe the audit services' views.
 */

const STATE = {
  type: 'object',
  additionalProperties: true,
  description:
    "The aggregate's state as the domain folds it (libs/domain: ClueState, ReferralState, RectificationState); `status` is always present. Parts the caller's view hides are left out.",
} as const;

export class DescriptionDto {
  @ApiProperty({ example: '大洼区法治建设办 登记线索（来源：行政复议 …）' }) zh!: string;
  @ApiProperty() en!: string;
}

export class EventActorDto {
  @ApiProperty() userId!: string;
  @ApiProperty() role!: string;
  @ApiProperty() orgId!: string;
}

export class HistoryEntryDto {
  @ApiProperty() revision!: string;
  @ApiProperty() position!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty({ example: 'ClueRegistered' }) type!: string;
  @ApiProperty({ type: EventActorDto }) actor!: EventActorDto;
  @ApiProperty() recordedAt!: string;
  @ApiProperty({ nullable: true, type: String }) at!: string | null;
  @ApiProperty() commandId!: string;
  @ApiProperty() correlationId!: string;
  @ApiProperty() causationId!: string;
  @ApiProperty() schemaVersion!: number;
  @ApiProperty({ nullable: true, type: String }) rulebookVersion!: string | null;
  @ApiProperty() prevHash!: string;
  @ApiProperty() hash!: string;
  @ApiProperty({ type: DescriptionDto }) description!: DescriptionDto;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: "The event's payload; left out when the caller's view of the case is field-restricted.",
  })
  data?: Record<string, unknown>;
}

export class HistoryViewDto {
  @ApiProperty({ enum: ['clue', 'referral', 'rectification', 'accountability', 'campaign'] }) kind!: string;
  @ApiProperty() id!: string;
  @ApiProperty() revision!: string;
  @ApiProperty({ description: 'True when payloads were left out for this caller.' }) redacted!: boolean;
  @ApiProperty({ type: [HistoryEntryDto] }) entries!: HistoryEntryDto[];
  @ApiProperty({ nullable: true, type: String }) nextFromRevision!: string | null;
}

class AsOfPointDto {
  @ApiProperty({ nullable: true, type: String }) at!: string | null;
  @ApiProperty({ nullable: true, type: String }) revision!: string | null;
}

export class AsOfViewDto {
  @ApiProperty({ enum: ['clue', 'referral', 'rectification', 'accountability', 'campaign'] }) kind!: string;
  @ApiProperty() id!: string;
  @ApiProperty({ type: AsOfPointDto }) asOf!: AsOfPointDto;
  @ApiProperty({ nullable: true, type: String }) revision!: string | null;
  @ApiProperty({ nullable: true, type: String }) position!: string | null;
  @ApiProperty({ nullable: true, type: String }) recordedAt!: string | null;
  @ApiProperty() currentRevision!: string;
  @ApiProperty(STATE) state!: Record<string, unknown>;
}

class ExplainedEvidenceDto {
  @ApiProperty() code!: string;
  @ApiProperty() labelZh!: string;
  @ApiProperty() labelEn!: string;
}

class ExplainedSituationDto {
  @ApiProperty() code!: string;
  @ApiProperty() number!: number;
  @ApiProperty() labelZh!: string;
  @ApiProperty() labelEn!: string;
  @ApiProperty() matched!: boolean;
  @ApiProperty({ type: [ExplainedEvidenceDto] }) evidencePresent!: ExplainedEvidenceDto[];
  @ApiProperty({ type: [ExplainedEvidenceDto] }) evidenceMissing!: ExplainedEvidenceDto[];
  @ApiProperty({ type: [ExplainedEvidenceDto] }) evidenceRecommended!: ExplainedEvidenceDto[];
  @ApiProperty({ type: [String] }) legalBasis!: string[];
  @ApiProperty() reasonZh!: string;
  @ApiProperty() reasonEn!: string;
}

class ExplainedGroundDto {
  @ApiProperty() code!: string;
  @ApiProperty() labelZh!: string;
  @ApiProperty() labelEn!: string;
  @ApiProperty({ type: [String] }) legalBasis!: string[];
}

class ExplainedStepDto {
  @ApiProperty({ type: EventActorDto }) by!: EventActorDto;
  @ApiProperty() at!: string;
  @ApiProperty() recordedAt!: string;
  @ApiProperty() streamId!: string;
  @ApiProperty() revision!: string;
}

class ProposalStepDto extends ExplainedStepDto {
  @ApiProperty() rulebookVersion!: string;
  @ApiProperty() discretionary!: boolean;
}

class DraftingStepDto extends ExplainedStepDto {
  @ApiProperty({ nullable: true, type: String }) conditionsMetOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) forwardedFromReferralId!: string | null;
}

class ApprovalStepDto extends ExplainedStepDto {
  @ApiProperty() opinion!: string;
  @ApiProperty({ type: EventActorDto }) proposedBy!: EventActorDto;
}

class ExplainedTargetDto {
  @ApiProperty() orgId!: string;
  @ApiProperty() regionId!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() nameZh!: string;
  @ApiProperty() nameEn!: string;
}

class SendingStepDto extends ExplainedStepDto {
  @ApiProperty() type!: string;
  @ApiProperty() sentAt!: string;
  @ApiProperty() late!: boolean;
  @ApiProperty({ type: ExplainedTargetDto }) target!: ExplainedTargetDto;
}

class RecordedByDto {
  @ApiProperty() streamId!: string;
  @ApiProperty() revision!: string;
  @ApiProperty() type!: string;
  @ApiProperty() field!: string;
}

class EndedByDto {
  @ApiProperty() type!: string;
  @ApiProperty() revision!: string;
  @ApiProperty() on!: string;
}

class ExplainedDeadlineDto {
  @ApiProperty() rule!: string;
  @ApiProperty() from!: string;
  @ApiProperty() amount!: number;
  @ApiProperty({ enum: ['WorkingDays', 'Days', 'Months'] }) unit!: string;
  @ApiProperty() dueOn!: string;
  @ApiProperty() explicit!: boolean;
  @ApiProperty() basis!: string;
  @ApiProperty({ type: RecordedByDto }) recordedBy!: RecordedByDto;
  @ApiProperty({ enum: ['met', 'missed', 'open', 'overdue', 'not-tracked'] }) outcome!: string;
  @ApiPropertyOptional({ type: EndedByDto }) endedBy?: EndedByDto;
}

class RulebookRefDto {
  @ApiProperty() version!: string;
  @ApiProperty({ nullable: true, type: String }) effectiveFrom!: string | null;
  @ApiProperty() known!: boolean;
}

export class ReferralExplanationDto {
  @ApiProperty() referralId!: string;
  @ApiProperty() clueId!: string;
  @ApiProperty({ type: RulebookRefDto }) rulebook!: RulebookRefDto;
  @ApiProperty() transferMandatory!: boolean;
  @ApiProperty() discretionary!: boolean;
  @ApiProperty() summaryZh!: string;
  @ApiProperty() summaryEn!: string;
  @ApiProperty({ type: [ExplainedSituationDto] }) situations!: ExplainedSituationDto[];
  @ApiProperty({ type: [ExplainedGroundDto] }) statutoryGrounds!: ExplainedGroundDto[];
  @ApiProperty({ type: [String] }) unknownCodes!: string[];
  @ApiProperty({ type: ProposalStepDto, nullable: true }) proposal!: ProposalStepDto | null;
  @ApiProperty({ type: DraftingStepDto }) drafting!: DraftingStepDto;
  @ApiProperty({ type: ApprovalStepDto, nullable: true }) approval!: ApprovalStepDto | null;
  @ApiProperty({ type: [SendingStepDto] }) sending!: SendingStepDto[];
  @ApiProperty({ type: [ExplainedDeadlineDto] }) deadlines!: ExplainedDeadlineDto[];
}

class AccessTargetDto {
  @ApiProperty({ enum: ['clue', 'referral', 'rectification', 'accountability', 'campaign', 'user'] }) kind!: string;
  @ApiProperty() id!: string;
}

class AccessReaderDto {
  @ApiProperty() userId!: string;
  @ApiProperty() role!: string;
  @ApiProperty() orgId!: string;
  @ApiPropertyOptional() position?: string;
  @ApiPropertyOptional() regionId?: string;
}

class AccessRequestDto {
  @ApiPropertyOptional() method?: string;
  @ApiPropertyOptional() path?: string;
  @ApiProperty() correlationId!: string;
  @ApiProperty({ nullable: true, type: String }) clientIp!: string | null;
}

class AccessExportSummaryDto {
  @ApiProperty({ description: 'Rows in the file.' }) rows!: number;
  @ApiProperty({ description: 'Distinct cases the file showed.' }) cases!: number;
  @ApiProperty({ description: 'SHA-256 (hex) of the sorted case ids joined by a line feed.' }) sha256!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The filters the export applied.' })
  filters!: Record<string, unknown>;
}

export class AccessLogEntryDto {
  @ApiProperty({ type: AccessTargetDto }) target!: AccessTargetDto;
  @ApiProperty({ enum: ['details', 'history', 'as-of', 'explanation', 'access-log', 'command', 'export'] })
  action!: string;
  @ApiProperty({ enum: ['allowed', 'denied'] }) outcome!: string;
  @ApiProperty({ type: AccessReaderDto }) reader!: AccessReaderDto;
  @ApiProperty({ type: AccessRequestDto }) request!: AccessRequestDto;
  @ApiPropertyOptional({ description: 'E.g. the command type of a refused command, or the exported file.' })
  detail?: string;
  @ApiProperty() eventId!: string;
  @ApiProperty() streamId!: string;
  @ApiProperty() revision!: string;
  @ApiProperty() position!: string;
  @ApiPropertyOptional() index?: number;
  @ApiProperty() at!: string;
  @ApiPropertyOptional({
    type: AccessExportSummaryDto,
    description:
      "A ledger export (issue 19 §3): one record for the whole file; target is the case asked about, or `*` in a reader's log.",
  })
  export?: AccessExportSummaryDto;
}

export class AccessLogPageDto {
  @ApiProperty({ type: [AccessLogEntryDto] }) entries!: AccessLogEntryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class ReadModelAsOfDto {
  @ApiProperty() name!: string;
  @ApiProperty() at!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The global position the rebuild stopped at.' })
  checkpoint!: string | null;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: "The read model's documents as they stood (the live endpoint's item shape).",
  })
  items!: Record<string, unknown>[];
  @ApiProperty() total!: number;
}

export class CaseViewDto {
  @ApiProperty({ enum: ['clue', 'referral', 'rectification', 'accountability', 'campaign'] }) kind!: string;
  @ApiProperty() id!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Also the ETag.' }) revision!: string | null;
  @ApiProperty({ nullable: true, type: String }) position!: string | null;
  @ApiProperty(STATE) state!: Record<string, unknown>;
}
