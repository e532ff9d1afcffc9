import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Statistics, StatisticsQueries } from '@xj/application';
import { Actor } from '@xj/domain';
import { CurrentActor } from '../auth/auth.guard';
import { StatisticsDto } from './statistics.dto';
import { OrganisationDirectory } from '@xj/composition';
import { ApiReadModelResponses } from './read-model-docs';
import { StatisticsQueryDto } from './read-model-query.dto';
import { positionOf, readModelQuery, requireOrderedPeriod } from './read-model-http';
import { statisticsDirectory } from './statistics-directory';

/** Statistics by period and county (issue 5 read model 5; DOMAIN.md §8, §9.8). */
@ApiTags('read-models')
@ApiBearerAuth()
@Controller('api/v1/statistics')
export class StatisticsController {
  constructor(
    private readonly statistics: StatisticsQueries,
    private readonly directory: OrganisationDirectory,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Clues by source, referrals by situation, persons by outcome and cadre rank, transfers to judicial organs, typical cases, rectification close rate, look-back failure rate, counties without referrals, per-agency reconsideration/litigation year on year',
    description:
      'Each fact counts on its business date (China time) within [from, to]. Every figure and name counts only the cases the caller could open: supervisors their region, a commission or appointing authority the referrals sent or forwarded to it (no clues, no rectification items), auditors everything.',
  })
  @ApiOkResponse({ type: StatisticsDto, description: 'The figures, with `stale`' })
  @ApiReadModelResponses()
  get(@Query() query: StatisticsQueryDto, @CurrentActor() actor: Actor): Promise<Statistics> {
    requireOrderedPeriod(query.from, query.to);
    const { minPosition, ...filters } = query;
    return readModelQuery(() =>
      this.statistics.compute(actor, {
        ...filters,
        ...statisticsDirectory(this.directory),
        minPosition: positionOf(minPosition),
      }),
    );
  }
}
