import type { CampaignEvent } from '../campaign/campaign.events';
import type { CampaignState, CampaignStatus } from '../campaign/campaign.state';
import type { ClueEvent } from '../clue/clue.events';
import type { ClueState, ClueStatus } from '../clue/clue.state';
import type { RectificationEvent } from '../rectification/rectification.events';
import type { RectificationState, RectificationStatus } from '../rectification/rectification.state';
import type { ReferralEvent } from '../referral/referral.events';
import type { ReferralStatus } from '../referral/referral.model';
import type { ExistingReferral, ReferralState } from '../referral/referral.state';
import type { SecrecyLevel } from '../referral/referral.model';
import type { Role } from '../shared/actor';
import type { AccountabilityEvent } from '../accountability/accountability.events';
import type {
  AccountabilityState,
  AccountabilityStatus,
  OpenAccountabilityState,
} from '../accountability/accountability.state';

/**
 * The three kinds of case (DOMAIN.md Decision 1), and of issue 17 the accountability case outside the
 * commission and the 法治督察 campaign, as the API and the read models name them.
 */
export const CASE_KINDS = ['clue', 'referral', 'rectification', 'accountability', 'campaign'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/** What each kind of case is made of, for the visibility rules. */
interface CaseTypes {
  readonly clue: {
    state: ClueState;
    fields: ClueState;
    status: ClueStatus;
    event: ClueEvent;
    organisation: 'agency' | 'copiedTo';
  };
  readonly referral: {
    state: ReferralState;
    fields: ExistingReferral;
    status: ReferralStatus;
    event: ReferralEvent;
    organisation: 'target' | 'holder' | 'forwardedTo' | 'copiedTo';
  };
  readonly rectification: {
    state: RectificationState;
    fields: RectificationState;
    status: RectificationStatus;
    event: RectificationEvent;
    organisation: 'agency';
  };
  /** 行政执法过错责任追究 / 行政错案问责 (issue 17): the deciding organisation is its own. */
  readonly accountability: {
    state: AccountabilityState;
    fields: OpenAccountabilityState;
    status: AccountabilityStatus;
    event: AccountabilityEvent;
    organisation: 'decidingOrg';
  };
  readonly campaign: {
    state: CampaignState;
    fields: CampaignState;
    status: CampaignStatus;
    event: CampaignEvent;
    /** No rule reaches a campaign through an organisation: the supervising side sees its region's. */
    organisation: never;
  };
}

export type CaseStateOf<K extends CaseKind> = CaseTypes[K]['state'];
export type CaseStatusOf<K extends CaseKind> = CaseTypes[K]['status'];
export type CaseEventOf<K extends CaseKind> = CaseTypes[K]['event'];
/** Every field of an existing case of the kind. */
export type CaseFieldOf<K extends CaseKind> = keyof Required<CaseTypes[K]['fields']>;

/**
 * How an organisation stands to a case: the supervised agency of a clue or an item; the target a
 * referral was sent (or re-routed) to, the organisation holding it now, one it was forwarded to;
 * an organisation a clue's instrument or a referral was copied to (抄送).
 */
export type OrganisationRelation<K extends CaseKind> = CaseTypes[K]['organisation'];

/**
 * Which cases a rule reaches: every case (`all`), the cases of the actor's region and below
 * (`region`), or the cases naming the actor's organisation in one of the relations.
 */
export type Reach<K extends CaseKind> =
  'all' | 'region' | { readonly organisationIs: readonly OrganisationRelation<K>[] };

/** The three answers of the table. */
export type Sight = 'see' | 'see-without-fields' | 'not-see';

/**
 * How a field-restricted view shows one field of the case, or one type of event of its history:
 * as it is, not at all, or only the entries addressed to the viewer (`targetOrgId`, or the 督办
 * ladder's `responsibleOrgId`, is its organisation). History entries of such a view never carry
 * their payloads.
 */
export type PartSight = 'shown' | 'hidden' | 'addressed-to-viewer';

/** What a `see-without-fields` view leaves out, field by field and event type by event type (all named, so a new one must be decided). */
export interface HiddenParts<K extends CaseKind> {
  readonly fields: { readonly [F in CaseFieldOf<K>]: PartSight };
  readonly events: { readonly [T in CaseEventOf<K>['type']]: PartSight };
}

interface Seeing<K extends CaseKind> {
  readonly reach: Reach<K>;
  /** Only while the case is in one of these statuses; in every status when absent. */
  readonly statuses?: readonly CaseStatusOf<K>[];
  /** Only cases of one of these categories (问题类别, a clue's); every case when absent. */
  readonly categories?: readonly string[];
  /** Why, with its source (DOMAIN.md section, statute, seed). */
  readonly reason: string;
}

/** One cell of the table: what a role sees of a kind of case. A case that does not exist (status None) is never seen. */
export type VisibilityRule<K extends CaseKind> =
  | { readonly sight: 'not-see'; readonly reason: string }
  | (Seeing<K> & { readonly sight: 'see' })
  | (Seeing<K> & { readonly sight: 'see-without-fields'; readonly hidden: HiddenParts<K> });

/** Case kind × role → rule. Region, organisation and status are inside each rule. */
export type VisibilityTable = { readonly [K in CaseKind]: { readonly [R in Role]: VisibilityRule<K> } };

/** What a copy (抄送) grants: the organisations it names read the case, whatever their role's cell says. */
export interface CarbonCopyRule {
  /** Roles a copy never opens a case to. */
  readonly exceptRoles: readonly Role[];
  /** The sight granted, unless the role's own cell already shows the case. */
  readonly sight: 'see';
  readonly reason: string;
}

/**
 * What a 密级 restricts: a case classified at one of `levels` is seen only by the persons in its
 * 知悉范围 (the handlers named for it, the heads of the organisations working on it) and by the
 * exempt roles, whatever the cells above say; it never opens a case the cells do not.
 */
export interface SecrecyRule {
  readonly levels: readonly SecrecyLevel[];
  readonly exemptRoles: readonly Role[];
  readonly reason: string;
}
