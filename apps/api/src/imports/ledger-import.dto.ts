import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class ImportProblemDto {
  @ApiProperty({ description: 'Stable code, e.g. IMPORT.UNKNOWN_AGENCY' }) code!: string;
  @ApiPropertyOptional({ description: 'The column header (Chinese, as in the template)' }) column?: string;
  @ApiProperty() message!: string;
}

class RowSummaryDto {
  @ApiProperty({ description: 'The step the line stands at (a clue status or a rectification item status)' })
  status!: string;
  @ApiProperty() agencyOrgId!: string;
  @ApiPropertyOptional({ description: 'A clue: its receipt date' }) receivedOn?: string;
  @ApiPropertyOptional({ description: 'A rectification item: its assignment date (下达日期)' }) assignedOn?: string;
  @ApiPropertyOptional({ description: 'A rectification item: the clue it belongs to' }) clueId?: string;
}

class RowResultDto {
  @ApiProperty({ description: 'Worksheet row (the header is row 1)' }) row!: number;
  @ApiPropertyOptional() ledgerNo?: string;
  @ApiProperty({ enum: ['created', 'would-create', 'already-imported', 'refused'] }) outcome!: string;
  @ApiPropertyOptional({ description: 'The case id, derived from the office and the ledger number' }) caseId?: string;
  @ApiPropertyOptional({ type: RowSummaryDto }) summary?: RowSummaryDto;
  @ApiProperty({ type: [ImportProblemDto] }) problems!: ImportProblemDto[];
}

class ImportTotalsDto {
  @ApiProperty() rows!: number;
  @ApiProperty() created!: number;
  @ApiProperty({ name: 'would-create' }) wouldCreate!: number;
  @ApiProperty({ name: 'already-imported' }) alreadyImported!: number;
  @ApiProperty() refused!: number;
}

/** The answer of POST /imports/ledgers. */
export class ImportReportDto {
  @ApiProperty({ enum: ['clue', 'rectification'] }) kind!: string;
  @ApiProperty() dryRun!: boolean;
  @ApiProperty() fileSha256!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty() importedBy!: string;
  @ApiProperty() orgId!: string;
  @ApiProperty({ type: [ImportProblemDto], description: 'Problems of the whole file (a missing column)' })
  fileProblems!: ImportProblemDto[];
  @ApiProperty({ type: ImportTotalsDto }) totals!: ImportTotalsDto;
  @ApiProperty({ type: [RowResultDto] }) rows!: RowResultDto[];
}
