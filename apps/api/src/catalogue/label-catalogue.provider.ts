import { Provider } from '@nestjs/common';
import { LabelCatalogue, createLabelCatalogue } from '@xj/application';
import { OrganisationDirectory } from '@xj/composition';
import { DomainConfig } from '@xj/domain';

/** DI token of the deployment's {@link LabelCatalogue}: the built-in labels plus its rulebooks and organisations. */
export const LABEL_CATALOGUE = Symbol('LABEL_CATALOGUE');

export const labelCatalogueProvider = (domainConfig: DomainConfig): Provider => ({
  provide: LABEL_CATALOGUE,
  useFactory: (directory: OrganisationDirectory): LabelCatalogue =>
    createLabelCatalogue({
      rulebooks: domainConfig.rulebooks,
      organisations: directory.organisations,
      regions: directory.regions(),
    }),
  inject: [OrganisationDirectory],
});
