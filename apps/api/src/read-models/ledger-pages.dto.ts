import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CADRE_RANKS,
  CLUE_SOURCES,
  CLUE_STATUSES,
  RECTIFICATION_MODES,
  RECTIFICATION_STATUSES,
  REFERRAL_STATUSES,
  SUBJECT_KINDS,
} from '@xj/domain';

/**
 * Response schemas of the read-model endpoints (issue 16: every read route has one, so the web
 * app's client is typed from the OpenAPI document). They describe the query services' items
 * (libs/application/src/projections); a field an agency's view leaves out is optional here.
 */

abstract class PageDto {
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() skip!: number;
  @ApiProperty({ description: 'True when minPosition was given and not reached in time.' }) stale!: boolean;
}

export class ReferralEntryDto {
  @ApiProperty() referralId!: string;
  @ApiProperty({ description: 'A referral status, or `Proposed` while only the clue knows it.' }) status!: string;
  @ApiPropertyOptional() sentAt?: string;
}

export class ItemEntryDto {
  @ApiProperty() itemId!: string;
  @ApiProperty({ enum: RECTIFICATION_STATUSES }) status!: string;
  @ApiProperty({ enum: RECTIFICATION_MODES }) mode!: string;
  @ApiPropertyOptional() dueOn?: string;
}

export class RectificationProgressDto {
  @ApiProperty() total!: number;
  @ApiProperty() closed!: number;
  @ApiProperty() longTerm!: number;
  @ApiProperty() open!: number;
}

export class InstrumentEntryDto {
  @ApiProperty() kind!: string;
  @ApiProperty() documentNo!: string;
  @ApiPropertyOptional() issuedAt?: string;
  @ApiPropertyOptional() issuedOn?: string;
  @ApiProperty() dueOn!: string;
}

export class ClueLedgerItemDto {
  @ApiProperty() clueId!: string;
  @ApiProperty() regionId!: string;
  @ApiProperty() countyId!: string;
  @ApiPropertyOptional() ownerOrgId?: string;
  @ApiProperty() agencyOrgId!: string;
  @ApiProperty() agencyName!: string;
  @ApiPropertyOptional({ enum: CLUE_SOURCES }) source?: string;
  @ApiPropertyOptional() sourceRef?: string;
  @ApiPropertyOptional() summary?: string;
  @ApiPropertyOptional() receivedAt?: string;
  @ApiPropertyOptional() receivedOn?: string;
  @ApiPropertyOptional() registeredAt?: string;
  @ApiProperty({ enum: CLUE_STATUSES }) status!: string;
  @ApiPropertyOptional() category?: string;
  @ApiPropertyOptional({ type: [String] }) situationCodes?: string[];
  @ApiPropertyOptional({ type: [String] }) matchedCodes?: string[];
  @ApiPropertyOptional({ type: InstrumentEntryDto }) instrument?: InstrumentEntryDto;
  @ApiPropertyOptional() stepDueOn?: string;
  @ApiPropertyOptional() planDueOn?: string;
  @ApiPropertyOptional() transferDueOn?: string;
  @ApiPropertyOptional() transferredAt?: string;
  @ApiPropertyOptional({ type: [ReferralEntryDto] }) referrals?: ReferralEntryDto[];
  @ApiProperty({ type: [ItemEntryDto] }) items!: ItemEntryDto[];
  @ApiProperty({ type: RectificationProgressDto }) rectification!: RectificationProgressDto;
  @ApiPropertyOptional() nextDueOn?: string;
  @ApiProperty() escalations!: number;
  @ApiPropertyOptional() reopenCount?: number;
  @ApiPropertyOptional() lastEvaluationResult?: string;
  @ApiPropertyOptional() lastLookBackResult?: string;
  @ApiPropertyOptional() closedAt?: string;
  @ApiPropertyOptional() dismissalReason?: string;
  @ApiPropertyOptional({ description: '历史补录: imported from a legacy ledger line.' }) imported?: boolean;
  @ApiPropertyOptional({ description: "The line's number in the office's legacy ledger." }) ledgerNo?: string;
  @ApiPropertyOptional({ description: 'The day the legacy ledger says the clue reached its step.' })
  importedStatusOn?: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ description: 'The next due date lies before today (China).' }) overdue!: boolean;
}

export class ClueLedgerPageDto extends PageDto {
  @ApiProperty({ type: [ClueLedgerItemDto] }) items!: ClueLedgerItemDto[];
}

export class ReportEntryDto {
  @ApiProperty() reportNo!: number;
  @ApiProperty() report!: string;
  @ApiProperty({ type: [String] }) evidence!: string[];
  @ApiProperty() at!: string;
  @ApiPropertyOptional({ description: '业务日期 of the report (issue 17 item 7).' }) on?: string;
  @ApiProperty() late!: boolean;
}

export class EvaluationEntryDto {
  @ApiProperty() evaluationNo!: number;
  @ApiProperty({ enum: ['Pass', 'Fail'] }) result!: string;
  @ApiProperty({ enum: ['OnSite', 'Document'] }) method!: string;
  @ApiProperty() notes!: string;
  @ApiProperty() at!: string;
  @ApiPropertyOptional({ description: '业务日期 of the evaluation (issue 17 item 7).' }) on?: string;
  @ApiProperty() evaluatorUserId!: string;
  @ApiPropertyOptional({ type: [String] }) failureReasons?: string[];
}

export class LookBackEntryDto {
  @ApiProperty() at!: string;
  @ApiProperty() on!: string;
  @ApiProperty() method!: string;
  @ApiProperty() result!: string;
}

/** One 销号 and the failed 回头看 that undid it, by business date. */
export class ClosureEntryDto {
  @ApiProperty() closedOn!: string;
  @ApiPropertyOptional() reopenedOn?: string;
}

export class RectificationLedgerItemDto {
  @ApiProperty() itemId!: string;
  @ApiProperty() clueId!: string;
  @ApiProperty() regionId!: string;
  @ApiProperty() countyId!: string;
  @ApiProperty() supervisorOrgId!: string;
  @ApiProperty() agencyOrgId!: string;
  @ApiProperty({ enum: RECTIFICATION_MODES }) mode!: string;
  @ApiProperty() issue!: string;
  @ApiProperty() measures!: string;
  @ApiProperty() owner!: string;
  @ApiProperty() responsiblePerson!: string;
  @ApiPropertyOptional() longTermTarget?: string;
  @ApiProperty({ type: [String] }) evidence!: string[];
  @ApiProperty({ enum: RECTIFICATION_STATUSES }) status!: string;
  @ApiProperty() assignedAt!: string;
  @ApiProperty({ description: '业务日期 of the assignment: statistics count the item on it (issue 17 item 7).' })
  assignedOn!: string;
  @ApiPropertyOptional() dueOn?: string;
  @ApiProperty() reportCount!: number;
  @ApiPropertyOptional({ type: ReportEntryDto }) lastReport?: ReportEntryDto;
  @ApiProperty() evaluationCount!: number;
  @ApiPropertyOptional({ type: EvaluationEntryDto }) lastEvaluation?: EvaluationEntryDto;
  @ApiPropertyOptional() closedAt?: string;
  @ApiPropertyOptional({ description: '业务日期 of the latest 销号.' }) closedOn?: string;
  @ApiPropertyOptional({ type: [ClosureEntryDto] }) closures?: ClosureEntryDto[];
  @ApiPropertyOptional() closedLongTerm?: boolean;
  @ApiPropertyOptional() lookBackDueOn?: string;
  @ApiProperty({ type: [LookBackEntryDto] }) lookBacks!: LookBackEntryDto[];
  @ApiPropertyOptional() lastLookBackResult?: string;
  @ApiProperty() reopenCount!: number;
  @ApiProperty() escalations!: number;
  @ApiProperty() updatedAt!: string;
  @ApiProperty() overdue!: boolean;
  @ApiProperty() lookBackOverdue!: boolean;
  @ApiPropertyOptional({ description: '历史补录: imported from a legacy 整改台账 line.' }) imported?: boolean;
  @ApiPropertyOptional({ description: "The line's number (整改编号) in the office's legacy ledger." })
  ledgerNo?: string;
}

export class RectificationLedgerPageDto extends PageDto {
  @ApiProperty({ type: [RectificationLedgerItemDto] }) items!: RectificationLedgerItemDto[];
}

export class CorrectedCaseOutcomeDto {
  @ApiProperty() referralId!: string;
  @ApiProperty() subjectId!: string;
  @ApiProperty() outcome!: string;
  @ApiProperty() layer!: string;
}

export class CorrectedCaseItemDto {
  @ApiProperty() clueId!: string;
  @ApiProperty() regionId!: string;
  @ApiProperty() countyId!: string;
  @ApiProperty() agencyOrgId!: string;
  @ApiProperty() agencyName!: string;
  @ApiProperty({ enum: CLUE_SOURCES }) source!: string;
  @ApiProperty() sourceRef!: string;
  @ApiProperty() summary!: string;
  @ApiProperty() receivedAt!: string;
  @ApiProperty() receivedOn!: string;
  @ApiProperty({ enum: CLUE_STATUSES }) status!: string;
  @ApiProperty() corrected!: boolean;
  @ApiPropertyOptional({ type: InstrumentEntryDto }) instrument?: InstrumentEntryDto;
  @ApiProperty({ type: [ItemEntryDto] }) items!: ItemEntryDto[];
  @ApiProperty({ type: RectificationProgressDto }) rectification!: RectificationProgressDto;
  @ApiPropertyOptional() lastEvaluationResult?: string;
  @ApiPropertyOptional() closedAt?: string;
  @ApiPropertyOptional() lastLookBackResult?: string;
  @ApiProperty({ type: [ReferralEntryDto] }) referrals!: ReferralEntryDto[];
  @ApiProperty({ type: [CorrectedCaseOutcomeDto] }) outcomes!: CorrectedCaseOutcomeDto[];
  @ApiProperty() updatedAt!: string;
  @ApiProperty() personsHandled!: number;
  @ApiProperty({ type: [String] }) outcomeCodes!: string[];
}

export class CorrectedCasesPageDto extends PageDto {
  @ApiProperty({ type: [CorrectedCaseItemDto] }) items!: CorrectedCaseItemDto[];
}

/** A person, or with kind Unit a unit, which has no post, rank or flags (issue 17 item 8). */
export class SubjectDto {
  @ApiPropertyOptional({ enum: SUBJECT_KINDS, description: 'Person when absent.' }) kind?: string;
  @ApiProperty() subjectId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() unit!: string;
  @ApiPropertyOptional({ description: 'A person only.' }) post?: string;
  @ApiPropertyOptional({ enum: CADRE_RANKS, description: 'A person only.' }) cadreRank?: string;
  @ApiPropertyOptional({ description: 'A person only.' }) isPartyMember?: boolean;
  @ApiPropertyOptional({ description: 'A person only.' }) isPublicOfficial?: boolean;
}

export class InboxPackageDto {
  @ApiProperty() clueSummary!: string;
  @ApiProperty() source!: string;
  @ApiProperty() sourceRef!: string;
  @ApiProperty({ type: [String] }) situationCodes!: string[];
  @ApiProperty({ type: [String] }) statutoryGroundCodes!: string[];
  @ApiProperty({ type: [String] }) matchedCodes!: string[];
  @ApiProperty({ type: [SubjectDto] }) subjects!: SubjectDto[];
  @ApiProperty() secrecyLevel!: string;
}

export class InboxForwardingDto {
  @ApiProperty() fromOrgId!: string;
  @ApiProperty() toOrgId!: string;
  @ApiProperty() at!: string;
  @ApiProperty() reason!: string;
}

export class InboxOutcomeDto {
  @ApiProperty() subjectId!: string;
  @ApiProperty() outcome!: string;
  @ApiProperty() layer!: string;
  @ApiProperty() decisionDate!: string;
  @ApiProperty() documentNo!: string;
}

export class InboxOverdueDto {
  @ApiProperty() any!: boolean;
  @ApiProperty() acceptance!: boolean;
  @ApiProperty() disposal!: boolean;
  @ApiProperty() resultFeedback!: boolean;
  @ApiProperty({ description: '组织处理 not carried out within a month of the decision (问责条例 art. 9).' })
  organisationalHandling!: boolean;
}

export class InboxItemDto {
  @ApiProperty() referralId!: string;
  @ApiProperty() clueId!: string;
  @ApiProperty() regionId!: string;
  @ApiProperty() countyId!: string;
  @ApiProperty() ownerOrgId!: string;
  @ApiPropertyOptional() parentReferralId?: string;
  @ApiProperty() inInbox!: boolean;
  @ApiProperty({ enum: REFERRAL_STATUSES }) status!: string;
  @ApiPropertyOptional() targetKind?: string;
  @ApiPropertyOptional() targetOrgId?: string;
  @ApiPropertyOptional() holderOrgId?: string;
  @ApiProperty({ type: [InboxForwardingDto] }) forwardings!: InboxForwardingDto[];
  @ApiProperty({ type: [String] }) visibleTo!: string[];
  @ApiProperty({ type: InboxPackageDto }) package!: InboxPackageDto;
  @ApiProperty() discretionary!: boolean;
  @ApiProperty() rulebookVersion!: string;
  @ApiProperty() draftedAt!: string;
  @ApiPropertyOptional() firstSentAt?: string;
  @ApiPropertyOptional() firstSentOn?: string;
  @ApiPropertyOptional() sentAt?: string;
  @ApiPropertyOptional() sentLate?: boolean;
  @ApiPropertyOptional() receivedAt?: string;
  @ApiPropertyOptional() registrationNo?: string;
  @ApiPropertyOptional() acceptanceDueOn?: string;
  @ApiPropertyOptional() acceptanceDoneAt?: string;
  @ApiPropertyOptional() disposalDueOn?: string;
  @ApiPropertyOptional() resultFeedbackDueOn?: string;
  @ApiPropertyOptional({ description: '组织处理 due date (问责条例 art. 9); runs beside the running deadline.' })
  organisationalHandlingDueOn?: string;
  @ApiPropertyOptional() organisationalHandlingDoneOn?: string;
  @ApiPropertyOptional() dueOn?: string;
  @ApiPropertyOptional() dueRule?: string;
  @ApiPropertyOptional() disposalMethod?: string;
  @ApiPropertyOptional() caseNo?: string;
  @ApiProperty({ type: [String] }) acceptedSubjectIds!: string[];
  @ApiProperty({ type: [InboxOutcomeDto] }) outcomes!: InboxOutcomeDto[];
  @ApiProperty() fedBack!: boolean;
  @ApiPropertyOptional() fedBackAt?: string;
  @ApiProperty({ type: InboxOverdueDto }) overdue!: InboxOverdueDto;
}

export class InboxPageDto extends PageDto {
  @ApiProperty({ type: [InboxItemDto] }) items!: InboxItemDto[];
}
