import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One command the caller may send now (documented shape of CaseAction). */
export class CaseActionDto {
  @ApiProperty({ example: 'AcceptReferral', description: 'The command type.' }) command!: string;
  @ApiProperty({ enum: ['POST', 'PUT'] }) method!: 'POST' | 'PUT';
  @ApiProperty({ example: '/api/v1/referrals/r-1/acceptance', description: 'Where to send it; the id is filled in.' })
  path!: string;
  @ApiProperty({ example: '受理', description: 'Per Accept-Language (zh-CN default, en on request).' }) title!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      "The body's JSON Schema (draft 2020-12 subset): type object, properties with title (and description), required; enumerations as oneOf [{ const, title }] restricted to what this caller may choose; arrays with items; formats date / date-time; minLength/maxLength/minItems/maxItems.",
  })
  schema!: Record<string, unknown>;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Values the form starts with (a referral draft: from its clue).',
  })
  prefill?: Record<string, unknown>;
  @ApiPropertyOptional({
    enum: ['referral', 'rectification', 'accountability'],
    description: 'The command opens another case.',
  })
  creates?: 'referral' | 'rectification' | 'accountability';
  @ApiPropertyOptional({
    enum: ['multipart/form-data'],
    description:
      'The body is not JSON: attaching evidence sends its one file field (format binary) as multipart/form-data.',
  })
  contentType?: 'multipart/form-data';
}

export class CaseActionsDto {
  @ApiProperty({ enum: ['clue', 'referral', 'rectification', 'campaign'] }) kind!: string;
  @ApiProperty({ example: 'r-1' }) id!: string;
  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'The revision the actions were computed at: send it as If-Match.',
  })
  revision!: string | null;
  @ApiProperty({ type: [CaseActionDto] }) actions!: CaseActionDto[];
}
