import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Response schema of GET /api/v1/statistics: the figures by period and county. */

const counts = (description: string) =>
  ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description });

class PeriodDto {
  @ApiPropertyOptional() from?: string;
  @ApiPropertyOptional() to?: string;
}
class ClueFiguresDto {
  @ApiProperty() total!: number;
  @counts('Clues per source code') bySource!: Record<string, number>;
  @ApiProperty({ description: 'Of total, the clues imported from a legacy ledger (历史补录).' }) imported!: number;
}
class ReferralFiguresDto {
  @ApiProperty() total!: number;
  @ApiProperty({ description: 'Of total, those the receiver accepted (受理), wholly or in part, by now.' })
  accepted!: number;
  @counts('Referrals per situation code') bySituation!: Record<string, number>;
  @ApiProperty() withoutSituation!: number;
}
class PersonFiguresDto {
  @ApiProperty() total!: number;
  @counts('Persons per cadre rank') byRank!: Record<string, number>;
  @counts('Persons per outcome code') byOutcome!: Record<string, number>;
  @counts('Persons per outcome layer') byLayer!: Record<string, number>;
}
/** Units (an agency or one of its departments) with an outcome in the period; never among the persons. */
class UnitFiguresDto {
  @ApiProperty() total!: number;
  @counts('Units per outcome code') byOutcome!: Record<string, number>;
}
/** By business date (issue 17 item 7): the items assigned in the period, and those of them closed at its end. */
class RectificationFiguresDto {
  @ApiProperty({ description: 'Items assigned (业务日期) in the period.' }) total!: number;
  @ApiProperty({ description: 'Of those, closed (销号) on or before the period’s end and not reopened by then.' })
  closed!: number;
  @ApiProperty({ description: 'Of those, closed into long-term maintenance (长期坚持) by the period’s end.' })
  longTerm!: number;
  @ApiProperty({ nullable: true, type: Number }) closeRate!: number | null;
  @ApiProperty({ description: 'Of total, the items imported from a legacy 整改台账 (历史补录).' }) imported!: number;
}
class LookBackFiguresDto {
  @ApiProperty({ description: '回头看 completed (业务日期) in the period.' }) completed!: number;
  @ApiProperty() failed!: number;
  @ApiProperty({ nullable: true, type: Number }) failureRate!: number | null;
}
class AgencyYearDto {
  @ApiProperty() year!: string;
  @ApiProperty() reconsideration!: number;
  @ApiProperty() litigation!: number;
}
class AgencyYearFiguresDto {
  @ApiProperty() agencyOrgId!: string;
  @ApiProperty() agencyName!: string;
  @ApiProperty({ type: [AgencyYearDto] }) years!: AgencyYearDto[];
}
class CountyFiguresDto {
  @ApiProperty() regionId!: string;
  @ApiProperty() clues!: number;
  @ApiProperty({ description: 'Referrals about a case of this county, whoever sent them' }) referrals!: number;
  @ApiProperty({ description: "Referrals sent by this county's own office" }) referralsSent!: number;
  @ApiProperty() persons!: number;
  @ApiProperty() typicalCases!: number;
  @ApiProperty() rectificationItems!: number;
}
class AccountabilityCountyDto {
  @ApiProperty() regionId!: string;
  @ApiProperty() cases!: number;
  @ApiProperty() persons!: number;
  @ApiProperty() units!: number;
}
class AccountabilityYearDto {
  @ApiProperty() year!: string;
  @ApiProperty() cases!: number;
  @ApiProperty() persons!: number;
  @ApiProperty() units!: number;
}
/**
 * 行政执法过错责任追究 / 行政错案问责 decided by the justice bureau or the agency (issue 17): apart from
 * the commission's persons and units, never added to them. Cases on their 立项 date, persons and
 * units on the decision date, once per case.
 */
class AccountabilityFiguresDto {
  @ApiProperty() cases!: number;
  @counts('Cases per accountability type') byType!: Record<string, number>;
  @counts('Wrong-case accountability cases per ground') byGround!: Record<string, number>;
  @ApiProperty() withdrawn!: number;
  @ApiProperty() persons!: number;
  @counts('Persons per accountability type') personsByType!: Record<string, number>;
  @counts('Persons per cadre rank') personsByRank!: Record<string, number>;
  @counts('Persons per measure code') personsByMeasure!: Record<string, number>;
  @ApiProperty() units!: number;
  @counts('Units per accountability type') unitsByType!: Record<string, number>;
  @counts('Units per measure code') unitsByMeasure!: Record<string, number>;
  @ApiProperty({ type: [AccountabilityYearDto] }) byYear!: AccountabilityYearDto[];
  @ApiProperty({ type: [AccountabilityCountyDto] }) byCounty!: AccountabilityCountyDto[];
}

class TypicalCasesByPublisherDto {
  @ApiProperty({ description: '典型案例 published by the commissions' }) commission!: number;
  @ApiProperty({ description: '典型案例 published by the rule-of-law offices and justice bureaus' }) office!: number;
}

export class StatisticsDto {
  @ApiProperty({ type: PeriodDto }) period!: PeriodDto;
  @ApiPropertyOptional() county?: string;
  @ApiProperty({ type: ClueFiguresDto }) clues!: ClueFiguresDto;
  @ApiProperty({ type: ReferralFiguresDto }) referrals!: ReferralFiguresDto;
  @ApiProperty({ type: PersonFiguresDto }) persons!: PersonFiguresDto;
  @ApiProperty({ type: UnitFiguresDto }) units!: UnitFiguresDto;
  @ApiProperty() transfersToJudicialOrgans!: number;
  @ApiProperty({ description: 'Commissions and offices together' }) typicalCasesPublished!: number;
  @ApiProperty({ type: TypicalCasesByPublisherDto }) typicalCasesByPublisher!: TypicalCasesByPublisherDto;
  @ApiProperty({ type: RectificationFiguresDto }) rectification!: RectificationFiguresDto;
  @ApiProperty({ type: LookBackFiguresDto }) lookBacks!: LookBackFiguresDto;
  @ApiProperty({ type: [String] }) countiesWithoutReferrals!: string[];
  @ApiProperty({ type: [AgencyYearFiguresDto] }) agencyYearOnYear!: AgencyYearFiguresDto[];
  @ApiProperty({ type: AccountabilityFiguresDto }) accountability!: AccountabilityFiguresDto;
  @ApiProperty({ type: [CountyFiguresDto] }) byCounty!: CountyFiguresDto[];
  @ApiProperty() stale!: boolean;
}
