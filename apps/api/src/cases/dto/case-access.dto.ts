import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Length, Matches } from 'class-validator';
import { NestedArray } from '../../http/dto-decorators';
import { ID_PATTERN, LIMITS, OrgRefDto } from './common.dto';

/** 抄送 — a copy for information only (DOMAIN.md §9.5); each recipient is an organisation of the directory. */
export class SendCarbonCopyDto {
  @ApiProperty({ type: [OrgRefDto], example: [{ orgId: 'panjin.org-dept' }] })
  @ArrayMinSize(1)
  @ArrayMaxSize(LIMITS.list)
  @NestedArray(() => OrgRefDto)
  copyTo!: OrgRefDto[];
  @ApiProperty({ example: '抄送移送函 盘法治办〔2026〕3号' }) @IsString() @Length(1, LIMITS.text) note!: string;
}

/** 知悉范围 of a 机密 referral: the caller's organisation names its handlers (保密法 2010 art. 16). */
export class NameCaseHandlersDto {
  @ApiProperty({ type: [String], example: ['u-ccdi-staff-1'], description: 'Users of the caller’s own organisation.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIMITS.list)
  @IsString({ each: true })
  @Length(1, LIMITS.id, { each: true })
  @Matches(ID_PATTERN, { each: true })
  userIds!: string[];
}
