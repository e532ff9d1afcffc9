import {
  CaseAggregates,
  CommandExecutor,
  EventStore,
  LedgerImporter,
  LedgerImporterOptions,
  createLabelCatalogue,
} from '@xj/application';
import { DomainConfig, isImportableAgency } from '@xj/domain';
import { OrganisationDirectory } from '../organisations/organisation-directory';

/**
 * The importer of legacy ledgers as the API, the CLI and the benchmark wire it: the deployment's
 * label catalogue (its rulebooks and organisation names, which the workbook speaks) and the
 * directory's agencies under the domain's rule of which units a line may name.
 */
export const createLedgerImporter = (
  executor: CommandExecutor,
  store: EventStore,
  aggregates: CaseAggregates,
  directory: OrganisationDirectory,
  domainConfig: DomainConfig,
  options?: LedgerImporterOptions,
): LedgerImporter =>
  new LedgerImporter(
    executor,
    store,
    aggregates,
    createLabelCatalogue({
      rulebooks: domainConfig.rulebooks,
      organisations: directory.organisations,
      regions: directory.regions(),
    }),
    (actor, orgId) => isImportableAgency(actor, directory.get(orgId)),
    options,
  );
