import { OrganisationDirectory } from '@xj/composition';

/**
 * What the statistics read from the organisation directory, as it holds it now: every county or
 * district of the deployment (the zero-referral list needs those with no case at all), and each
 * organisation's region (a referral counts for the county of the office that sent it).
 */
export const statisticsDirectory = (
  directory: OrganisationDirectory,
): { counties: readonly string[]; organisationRegions: Readonly<Record<string, string>> } => ({
  counties: [
    ...new Set(directory.organisations.map((o) => o.regionId).filter((r) => r.split('/').length === 2)),
  ].sort(),
  organisationRegions: Object.fromEntries(directory.organisations.map((o) => [o.id, o.regionId])),
});
