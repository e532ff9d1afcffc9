import { DescribeContext, HistoryEntry, JsonObject } from '@xj/application';
import { OrganisationDirectory } from '../auth/organisation-directory';

/**
 * A history entry as answered: with the event's payload unless the caller's view of the case is
 * field-restricted (the domain's hiddenPartsFor: an agency's view of a clue), whose entries never
 * carry payloads.
 */
export type HistoryEntryView = HistoryEntry & { readonly data?: JsonObject };

/** Organisation names for the descriptions, from the deployment's directory. */
export const describeContextOf = (directory: OrganisationDirectory): DescribeContext => ({
  orgName: (orgId) => {
    const org = directory.get(orgId);
    return org ? { zh: org.nameZh, en: org.nameEn } : undefined;
  },
});
