import { Provider } from '@nestjs/common';
import { LabelCatalogue, LabelNamespace, Lang, createLabelCatalogue } from '@xj/application';
import { OrganisationDirectory } from '@xj/composition';
import { DomainConfig } from '@xj/domain';

/** DI token of the deployment's {@link LabelCatalogue}: the built-in labels plus its rulebooks and organisations. */
export const LABEL_CATALOGUE = Symbol('LABEL_CATALOGUE');

/**
 * The catalogue, rebuilt when the organisation directory changes (an organisation added or
 * renamed on any replica): the look-ups, the catalogue route and the exports label it at once.
 */
class FollowingLabelCatalogue implements LabelCatalogue {
  private built: { readonly version: number; readonly catalogue: LabelCatalogue } | undefined;

  constructor(
    private readonly domainConfig: DomainConfig,
    private readonly directory: OrganisationDirectory,
  ) {}

  labelOf(namespace: LabelNamespace, code: string, lang: Lang): string {
    return this.current().labelOf(namespace, code, lang);
  }

  get tables(): LabelCatalogue['tables'] {
    return this.current().tables;
  }

  private current(): LabelCatalogue {
    if (this.built?.version !== this.directory.version) {
      const catalogue = createLabelCatalogue({
        rulebooks: this.domainConfig.rulebooks,
        organisations: this.directory.organisations,
        regions: this.directory.regions(),
      });
      this.built = { version: this.directory.version, catalogue };
    }
    return this.built.catalogue;
  }
}

export const labelCatalogueProvider = (domainConfig: DomainConfig): Provider => ({
  provide: LABEL_CATALOGUE,
  useFactory: (directory: OrganisationDirectory): LabelCatalogue =>
    new FollowingLabelCatalogue(domainConfig, directory),
  inject: [OrganisationDirectory],
});
