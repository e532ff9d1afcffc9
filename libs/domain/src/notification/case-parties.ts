import type { CampaignEvent } from '../campaign/campaign.events';
import { campaignStatusAfter } from '../campaign/campaign.state';
import type { CaseKind } from '../access/case-visibility.types';
import type { ClueEvent } from '../clue/clue.events';
import { clueStatusAfter } from '../clue/clue.status';
import type { RectificationEvent } from '../rectification/rectification.events';
import { rectificationStatusAfter } from '../rectification/rectification.status';
import type { ReferralEvent } from '../referral/referral.events';
import type { ReferralStatus } from '../referral/referral.model';
import { referralStatusAfter } from '../referral/referral.status';
import type { Role } from '../shared/actor';
import type { AccountabilityEvent } from '../accountability/accountability.events';
import { accountabilityStatusAfter } from '../accountability/accountability.state';

/** An organisation, with the role it acts in when the case records it. */
export interface OrgParty {
  readonly orgId: string;
  readonly role?: Role;
}

/**
 * What the notification rules know of a case: who is responsible for it, in which relation, and the
 * facts the visibility rules look at (region, status, the organisations it names). Built from the
 * case's own events only, so a projection or the outbox can keep it beside its documents.
 */
export interface CaseParties {
  readonly kind: CaseKind;
  readonly caseId: string;
  readonly regionId: string;
  readonly status: string;
  /** The supervising office that owns the case: the clue's registrant, the referral's drafter, the item's supervisor. */
  readonly supervisor?: OrgParty;
  /** The supervised agency of a clue or a rectification item. */
  readonly agencyOrgId?: string;
  /** The organisation a referral was sent or re-routed to. */
  readonly target?: OrgParty;
  /** The organisation holding a referral now (the target, or the one it was forwarded to). */
  readonly holder?: OrgParty;
  /** Every organisation a referral was forwarded to. */
  readonly forwardedTo: readonly string[];
}

/** A case event as stored: its type and its payload (typed by the domain's unions below). */
export interface CaseEventLike {
  readonly type: string;
  readonly data: unknown;
}

const NONE = {
  clue: 'None',
  referral: 'None',
  rectification: 'None',
  accountability: 'None',
  campaign: 'None',
} as const;

const initial = (kind: CaseKind, caseId: string): CaseParties => ({
  kind,
  caseId,
  regionId: '',
  status: NONE[kind],
  forwardedTo: [],
});

/**
 * The status after an event, by the case's own status machine. A type the machine does not list
 * (an overlay such as the timers' deadline events) leaves the status as it is: the machines guard
 * their exhaustiveness by throwing, and a notification must never stop on an event it only reads.
 */
const statusAfter = <S extends string, E>(machine: (status: S, event: E) => S, status: string, event: E): string => {
  try {
    return machine(status as S, event);
  } catch {
    return status;
  }
};

const clueParties = (p: CaseParties, e: ClueEvent): CaseParties => {
  const status = statusAfter(clueStatusAfter, p.status, e);
  if (e.type === 'ClueRegistered') {
    return {
      ...p,
      status,
      regionId: e.data.regionId,
      supervisor: { orgId: e.data.ownerOrgId, role: e.data.by.role },
      agencyOrgId: e.data.agency.orgId,
    };
  }
  return { ...p, status };
};

const referralParties = (p: CaseParties, e: ReferralEvent): CaseParties => {
  const status = statusAfter<ReferralStatus, ReferralEvent>(referralStatusAfter, p.status, e);
  switch (e.type) {
    case 'ReferralDrafted':
      return {
        ...p,
        status,
        regionId: e.data.regionId,
        supervisor: { orgId: e.data.ownerOrgId, role: e.data.by.role },
      };
    case 'ForwardedReferralOpened':
      // The drafting office's role is not on this event: the office is named by organisation alone.
      return {
        ...p,
        status,
        regionId: e.data.regionId,
        supervisor: { orgId: e.data.ownerOrgId },
        holder: { orgId: e.data.forwardTo.orgId },
        forwardedTo: [e.data.forwardTo.orgId],
      };
    case 'ReferralSent':
    case 'ReferralRerouted': {
      const party = { orgId: e.data.target.orgId, role: e.data.target.kind };
      return { ...p, status, target: party, holder: party };
    }
    case 'ReferralForwarded':
      return {
        ...p,
        status,
        holder: { orgId: e.data.forwardTo.orgId },
        forwardedTo: [...p.forwardedTo, e.data.forwardTo.orgId],
      };
    case 'ReferralReturned': {
      const { holder: _returned, ...rest } = p;
      return { ...rest, status };
    }
    default:
      return { ...p, status };
  }
};

const rectificationParties = (p: CaseParties, e: RectificationEvent): CaseParties => {
  const status = statusAfter(rectificationStatusAfter, p.status, e);
  if (e.type === 'RectificationItemAssigned') {
    return {
      ...p,
      status,
      regionId: e.data.regionId,
      supervisor: { orgId: e.data.supervisorOrgId, role: e.data.by.role },
      agencyOrgId: e.data.agencyOrgId,
    };
  }
  return { ...p, status };
};

/** The deciding organisation is the one responsible for an accountability case (issue 17). */
const accountabilityParties = (p: CaseParties, e: AccountabilityEvent): CaseParties => {
  const status = statusAfter(accountabilityStatusAfter, p.status, e);
  if (e.type === 'AccountabilityCaseOpened') {
    return {
      ...p,
      status,
      regionId: e.data.regionId,
      supervisor: { orgId: e.data.decidingOrgId, role: e.data.decidingOrgRole },
    };
  }
  return { ...p, status };
};

/** A campaign's party is its owning office; the units hear of it through their own clues. */
const campaignParties = (p: CaseParties, e: CampaignEvent): CaseParties => {
  const status = statusAfter(campaignStatusAfter, p.status, e);
  if (e.type === 'CampaignPlanned') {
    return { ...p, status, regionId: e.data.regionId, supervisor: { orgId: e.data.ownerOrgId, role: e.data.by.role } };
  }
  return { ...p, status };
};

/** The parties after `event` (the case's own event, in stream order); `undefined` before the first. */
export const evolveCaseParties = (
  parties: CaseParties | undefined,
  kind: CaseKind,
  caseId: string,
  event: CaseEventLike,
): CaseParties => {
  const p = parties ?? initial(kind, caseId);
  switch (kind) {
    case 'clue':
      return clueParties(p, event as ClueEvent);
    case 'referral':
      return referralParties(p, event as ReferralEvent);
    case 'rectification':
      return rectificationParties(p, event as RectificationEvent);
    case 'accountability':
      return accountabilityParties(p, event as AccountabilityEvent);
    case 'campaign':
      return campaignParties(p, event as CampaignEvent);
    default: {
      const _exhaustive: never = kind;
      return p;
    }
  }
};
