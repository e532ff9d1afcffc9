import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOperation,
  ApiParam,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  ApiTags,
  ApiOkResponse,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO8601, IsInt, Max, Min } from 'class-validator';
import {
  CASE_PROJECTIONS,
  ProjectionRunner,
  READ_MODEL_STORE,
  ReadModelDocument,
  ReadModelStore,
} from '@xj/application';
import { Actor } from '@xj/domain';
import { OptionalField } from '../http/dto-decorators';
import { CurrentActor } from '../auth/auth.guard';
import { ReadModelAsOfDto } from './audit-views.dto';
import { ApiProblem } from '../http/problem';

export class ReadModelAsOfQueryDto {
  @ApiProperty({
    description: 'The instant the read model is rebuilt to (events recorded at or before it).',
    example: '2026-03-31T23:59:59+08:00',
  })
  @IsISO8601({ strict: true })
  at!: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @OptionalField()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 1_000_000, default: 0 })
  @OptionalField()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  skip?: number;
}

/** The views an auditor can see as they stood on a past date, and the collection each lists. */
const VIEWS: Readonly<Record<string, string>> = {
  'commission-inbox': 'inbox',
  'clue-ledger': 'clues',
  'rectification-ledger': 'items',
  'corrected-cases-ledger': 'cases',
};

/** Throw-away versions live far above any real version and are dropped after each request. */
let nextScratchVersion = 900_000;

/**
 * A read model as it stood at a past instant (issue 6): rebuilt from the event log up to that
 * instant into a throw-away copy beside the live one, queried, then dropped.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit/read-models')
export class ReadModelAsOfController {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
  ) {}

  @Get(':name/as-of')
  @ApiOperation({
    summary:
      'A read model (commission inbox, clue ledger, rectification ledger, corrected cases) as it stood at `at`, rebuilt into a throw-away copy (auditors only)',
  })
  @ApiParam({ name: 'name', enum: Object.keys(VIEWS) })
  @ApiOkResponse({ type: ReadModelAsOfDto })
  @ApiResponse({ status: 403, description: 'AUTH.ROLE_NOT_ALLOWED — auditors only' })
  @ApiResponse({ status: 404, description: 'NOT_FOUND — no such read model' })
  async asOf(
    @Param('name') name: string,
    @Query() query: ReadModelAsOfQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<ReadModelAsOfDto> {
    if (actor.role !== 'Auditor')
      throw new ApiProblem(403, 'AUTH.ROLE_NOT_ALLOWED', 'Only auditors may rebuild past read models.');
    const collection = VIEWS[name];
    const projection = CASE_PROJECTIONS.find((p) => p.name === name);
    if (!collection || !projection) throw new ApiProblem(404, 'NOT_FOUND', 'No such read model.');
    const version = (nextScratchVersion += 1);
    try {
      const built = await this.runner.buildInto(name, version, { untilRecordedAt: new Date(query.at).toISOString() });
      const { items, total } = await this.store.find(
        name,
        collection,
        { limit: query.limit ?? 100, skip: query.skip ?? 0, sort: { _id: 1 } },
        version,
      );
      return {
        name,
        at: query.at,
        checkpoint: built.checkpoint === undefined ? null : String(built.checkpoint),
        total,
        items: items.map(publicOf),
      };
    } finally {
      await this.store.dropVersion(name, version, projection.collections);
    }
  }
}

const publicOf = (doc: ReadModelDocument): Record<string, unknown> =>
  Object.fromEntries(Object.entries(doc).filter(([key]) => key !== '_position'));
