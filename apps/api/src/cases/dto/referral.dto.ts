import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsString, Length, Matches } from 'class-validator';
import {
  DECIDING_BODY_KINDS,
  DISPOSAL_METHODS,
  OUTCOME_CATALOGUE,
  TALK_OR_INQUIRY_FORMS,
  TARGET_KINDS,
} from '@xj/domain';
import { NestedArray, NestedObject, OptionalField } from '../../http/dto-decorators';
import { DATE_PATTERN, ID_PATTERN, LIMITS, OrgRefDto } from './common.dto';

export { DraftReferralDto, TransferPackageDto, transferPackageOf } from './referral-package.dto';

/** The codes of the outcome catalogue (DOMAIN.md §7). */
export const OUTCOME_CODES: readonly string[] = OUTCOME_CATALOGUE.map((o) => o.code);

/** The receiving organisation; its region comes from the organisation directory. */
export class ReferralTargetDto extends OrgRefDto {
  @ApiProperty({ enum: TARGET_KINDS }) @IsIn(TARGET_KINDS) kind!: (typeof TARGET_KINDS)[number];
}

/** One outcome for one person (DOMAIN.md §7). */
export class OutcomeEntryDto {
  @ApiProperty({ example: 's-1' }) @IsString() @Length(1, LIMITS.id) @Matches(ID_PATTERN) subjectId!: string;
  @ApiProperty({ enum: OUTCOME_CODES, example: 'GovSanction.Demerit' }) @IsIn(OUTCOME_CODES) outcome!: string;
  @ApiProperty({ example: '2026-05-20' }) @Matches(DATE_PATTERN) decisionDate!: string;
  @ApiProperty({ example: '盘纪〔2026〕8号' }) @IsString() @Length(1, LIMITS.short) documentNo!: string;
}

/** R1 审批 */
export class ApproveReferralDto {
  @ApiProperty({ description: 'Approval opinion.' }) @IsString() @Length(1, LIMITS.text) opinion!: string;
}

/** R2 移送 */
export class SendReferralDto {
  @ApiProperty({ type: ReferralTargetDto }) @NestedObject(() => ReferralTargetDto) target!: ReferralTargetDto;
  @ApiPropertyOptional({
    example: '2026-05-12',
    description:
      '业务日期: the day it was sent (default today; not after today nor before the conditions were met). Statistics count the referral on it.',
  })
  @OptionalField()
  @Matches(DATE_PATTERN)
  occurredOn?: string;
}

/** R3 登记 */
export class ReceiveReferralDto {
  @ApiProperty({ example: '盘纪案登〔2026〕15号' }) @IsString() @Length(1, LIMITS.id) registrationNo!: string;
}

/** R4 转送 — to the competent commission (实施条例 art. 171(2)). */
export class ForwardReferralDto {
  @ApiProperty({ type: OrgRefDto, description: 'A discipline commission.' })
  @NestedObject(() => OrgRefDto)
  forwardTo!: OrgRefDto;
  @ApiProperty() @IsString() @Length(1, LIMITS.text) reason!: string;
}

/** R5 退回 — no supervisory jurisdiction (实施条例 art. 171(4)). */
export class ReturnReferralDto {
  @ApiProperty() @IsString() @Length(1, LIMITS.text) reason!: string;
}

/** 改送 — to the appointing authority (行政复议法 art. 85). */
export class RerouteReferralDto {
  @ApiProperty({ type: OrgRefDto, description: 'An appointing authority (任免机关).' })
  @NestedObject(() => OrgRefDto)
  target!: OrgRefDto;
}

/** R6 部分受理 (实施条例 art. 171(3)). */
export class PartiallyAcceptReferralDto {
  @ApiProperty({ type: [String], description: 'A non-empty strict subset of the subjects; the others are forwarded.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIMITS.list)
  @IsString({ each: true })
  @Length(1, LIMITS.id, { each: true })
  @Matches(ID_PATTERN, { each: true })
  acceptedSubjectIds!: string[];
  @ApiProperty({ type: OrgRefDto, description: 'The competent discipline commission for the other subjects.' })
  @NestedObject(() => OrgRefDto)
  forwardTo!: OrgRefDto;
  @ApiPropertyOptional({ description: 'Id of the child referral for the forwarded part; generated when omitted.' })
  @OptionalField()
  @IsString()
  @Length(1, LIMITS.id)
  @Matches(ID_PATTERN)
  childReferralId?: string;
  @ApiProperty() @IsString() @Length(1, LIMITS.text) reason!: string;
}

/** R7 处置 */
export class DecideDisposalDto {
  @ApiProperty({ enum: DISPOSAL_METHODS }) @IsIn(DISPOSAL_METHODS) method!: (typeof DISPOSAL_METHODS)[number];
  @ApiProperty() @IsString() @Length(1, LIMITS.text) reason!: string;
}

/** R10 暂存待查 → 初步核实 */
export class ResumeShelvedDto {
  @ApiProperty() @IsString() @Length(1, LIMITS.text) newEvidence!: string;
}

/** R8 谈话 held / 函询 reply received */
export class RecordTalkOrInquiryHeldDto {
  @ApiProperty({
    enum: TALK_OR_INQUIRY_FORMS,
    description: 'Talk: the talk was held; WrittenReply: the reply arrived.',
  })
  @IsIn(TALK_OR_INQUIRY_FORMS)
  form!: (typeof TALK_OR_INQUIRY_FORMS)[number];
  @ApiPropertyOptional({ example: '2026-05-12', description: 'The day of the talk or of the reply (default today).' })
  @OptionalField()
  @Matches(DATE_PATTERN)
  heldOn?: string;
}

/** R8 谈话函询 done */
export class CompleteTalkOrInquiryDto {
  @ApiProperty({ description: '谈话记录 or the written reply.' }) @IsString() @Length(1, LIMITS.long) record!: string;
  @ApiProperty() @IsBoolean() problemsSurfaced!: boolean;
  @ApiPropertyOptional({ type: [OutcomeEntryDto], description: 'First-form outcomes; only when no problems surfaced.' })
  @OptionalField()
  @ArrayMaxSize(LIMITS.list)
  @NestedArray(() => OutcomeEntryDto)
  minorOutcomes?: OutcomeEntryDto[];
}

/** R9 立案 */
export class FileCaseDto {
  @ApiProperty({ example: '盘监立〔2026〕3号' }) @IsString() @Length(1, LIMITS.id) caseNo!: string;
}

/** R9 初核 → 予以了结 */
export class ConcludeVerificationDto {
  @ApiProperty({ description: '初核报告 with the categorised handling opinion.' })
  @IsString()
  @Length(1, LIMITS.long)
  report!: string;
}

/** 作出处理的机关 — who decided an outcome (DOMAIN.md §7 "Decided by"). */
export class DecidingBodyDto {
  @ApiProperty({ enum: DECIDING_BODY_KINDS, example: 'OrganisationDept' })
  @IsIn(DECIDING_BODY_KINDS)
  kind!: (typeof DECIDING_BODY_KINDS)[number];
  @ApiPropertyOptional({ example: 'panjin.org-dept', description: 'The organisation, when the product knows it.' })
  @OptionalField()
  @IsString()
  @Length(1, LIMITS.id)
  @Matches(ID_PATTERN)
  orgId?: string;
}

/** One outcome for one person, with the body that decided it (issue 17 §5). */
export class DecidedOutcomeEntryDto extends OutcomeEntryDto {
  @ApiPropertyOptional({ type: DecidingBodyDto, description: 'Default: the organisation recording it (the holder).' })
  @OptionalField()
  @NestedObject(() => DecidingBodyDto)
  decidedBy?: DecidingBodyDto;
}

/** R11 处理结果 per subject, accumulating over time until complete */
export class RecordOutcomesDto {
  @ApiProperty({ type: [DecidedOutcomeEntryDto] })
  @ArrayMinSize(1)
  @ArrayMaxSize(LIMITS.list)
  @NestedArray(() => DecidedOutcomeEntryDto)
  outcomes!: DecidedOutcomeEntryDto[];
  @ApiPropertyOptional({
    description:
      'Handling is finished and the result can be fed back (default true); false while another body (e.g. the 组织部) still decides, until POST …/outcomes-complete or a later recording completes it.',
  })
  @OptionalField()
  @IsBoolean()
  complete?: boolean;
}

/** R12 结果反馈 */
export class FeedBackResultDto {
  @ApiProperty() @IsString() @Length(1, LIMITS.text) summary!: string;
}

/** 组织处理 carried out (问责条例 art. 9) */
export class RecordOrganisationalHandlingDoneDto {
  @ApiProperty({ example: '盘组任〔2026〕12号', description: 'The 任免 / 处理 document that carried it out.' })
  @IsString()
  @Length(1, LIMITS.short)
  documentNo!: string;
  @ApiPropertyOptional({ example: '2026-06-10', description: 'The day it was carried out (default today).' })
  @OptionalField()
  @Matches(DATE_PATTERN)
  doneOn?: string;
}

/** R13 典型案例通报 */
export class PublishTypicalCaseDto {
  @ApiProperty() @IsString() @Length(1, LIMITS.long) text!: string;
  @ApiProperty() @IsBoolean() anonymised!: boolean;
  @ApiPropertyOptional({
    example: '2026-06-20',
    description:
      '业务日期: the day it was published (default today; not after today nor before the conditions were met). Statistics count it on it.',
  })
  @OptionalField()
  @Matches(DATE_PATTERN)
  occurredOn?: string;
}
