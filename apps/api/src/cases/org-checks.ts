import { OrganisationRef, regionCovers } from '@xj/domain';
import { OrganisationDirectory } from '@xj/composition';
import { ApiProblem } from '../http/problem';

/**
 * Organisations named in a request body must exist, be of the expected kind and lie inside the
 * case's region: otherwise naming an agency would hand it a case it has nothing to do with
 * (visibility follows the named agency).
 */
export const requireAgencyWithin = (directory: OrganisationDirectory, agencyOrgId: string, regionId: string): void => {
  const org = directory.get(agencyOrgId);
  if (!org || org.role !== 'EnforcementAgency') {
    throw new ApiProblem(422, 'ORGANISATION.NOT_AN_AGENCY', 'The named agency is not a known enforcement agency.');
  }
  if (!regionCovers(regionId, org.regionId)) {
    throw new ApiProblem(422, 'ORGANISATION.OUTSIDE_REGION', 'The named agency lies outside the region of the case.');
  }
  requireOpen(directory, agencyOrgId);
};

/**
 * A closed organisation (撤销, POST /organisations/{id}/closure) takes no new case: no clue is
 * registered against it, no referral or item addressed to it. Its earlier cases go on.
 */
export const requireOpen = (directory: OrganisationDirectory, orgId: string): void => {
  if (directory.isClosed(orgId))
    throw new ApiProblem(409, 'ORGANISATION.CLOSED', 'The organisation is closed: no new case is addressed to it.');
};

/**
 * The target of a 督办 on a case as the directory knows it (its role and region decide whether the
 * escalating organisation supervises it, which the domain checks); an unknown id is refused here.
 */
export const escalationTargetOf = (directory: OrganisationDirectory, targetOrgId: string): OrganisationRef => {
  const org = directory.get(targetOrgId);
  if (!org) throw new ApiProblem(422, 'ESCALATION.TARGET_UNKNOWN', 'The target organisation is not known.');
  return { orgId: org.id, role: org.role, regionId: org.regionId };
};

/** The region must be one the organisation directory knows. */
export const requireKnownRegion = (directory: OrganisationDirectory, regionId: string): void => {
  if (!directory.regions().some((r) => r.id === regionId)) {
    throw new ApiProblem(422, 'ORGANISATION.UNKNOWN_REGION', 'The region is not known to this deployment.');
  }
};
