import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { LabelCatalogue } from '@xj/application';
import { ApiReadModelResponses } from '../read-models/read-model-docs';
import { CatalogueDto } from './catalogue.dto';
import { LABEL_CATALOGUE } from './label-catalogue.provider';

/** The label catalogue for the web app (issue 16): every code in Chinese and English, in one answer. */
@ApiTags('catalogue')
@ApiBearerAuth()
@Controller('api/v1/catalogue')
export class CatalogueController {
  constructor(@Inject(LABEL_CATALOGUE) private readonly catalogue: LabelCatalogue) {}

  @Get()
  @ApiOperation({
    summary:
      'Labels (zh, en) of every code: statuses, sources, situations, evidence, outcomes, roles, organisations, regions, event types, error codes…',
  })
  @ApiOkResponse({ type: CatalogueDto })
  @ApiReadModelResponses()
  // The same for every signed-in user and changed only by a deployment: a private cache is fine.
  @Header('cache-control', 'private, max-age=300')
  get(): CatalogueDto {
    return { labels: this.catalogue.tables as CatalogueDto['labels'] };
  }
}
