import type { AccountabilityState } from '../accountability/accountability.state';
import type { CampaignState } from '../campaign/campaign.state';
import type { ClueState } from '../clue/clue.state';
import type { RectificationState } from '../rectification/rectification.state';
import type { ExistingReferral, ReferralState } from '../referral/referral.state';
import { Actor, regionCovers } from '../shared/actor';
import { NamedHandlers, isNamedHandler } from './case-access.messages';
import { CARBON_COPY_READS, CASE_VISIBILITY, SECRECY_RESTRICTION } from './case-visibility.rules';
import type {
  CaseKind,
  CaseStateOf,
  CaseStatusOf,
  HiddenParts,
  OrganisationRelation,
  PartSight,
  Reach,
  Sight,
  VisibilityRule,
} from './case-visibility.types';

/** The facts of an existing case that the rules look at. */
export interface CaseFacts<K extends CaseKind> {
  readonly regionId: string;
  readonly status: CaseStatusOf<K>;
  /** The organisations the case names, by relation (none, one, or many: a referral's forwardings). */
  readonly organisations: { readonly [R in OrganisationRelation<K>]: readonly string[] };
  /** 问题类别 of a clue, once verification set it. */
  readonly category?: string;
  /** For a case classified at a restricted 密级: who is in its 知悉范围. */
  readonly restriction?: KnowledgeCircle;
}

/** 知悉范围 of a classified case: the handlers named, and the organisations whose heads see it. */
export interface KnowledgeCircle {
  readonly handlers: readonly NamedHandlers[];
  readonly headsOf: readonly string[];
}

const one = (orgId: string | undefined): readonly string[] => (orgId === undefined ? [] : [orgId]);

/** Where each kind keeps its facts: the one place a rule's words meet the state's fields. */
const FACTS: { readonly [K in CaseKind]: (state: CaseStateOf<K>) => CaseFacts<K> } = {
  clue: (clue) => ({
    regionId: clue.regionId ?? '',
    status: clue.status,
    organisations: { agency: one(clue.agency?.orgId), copiedTo: clue.copiedTo ?? [] },
    ...(clue.category !== undefined ? { category: clue.category } : {}),
  }),
  referral: (referral) =>
    referral.status === 'None'
      ? { regionId: '', status: 'None', organisations: { target: [], holder: [], forwardedTo: [], copiedTo: [] } }
      : {
          regionId: referral.regionId,
          status: referral.status,
          organisations: {
            target: one(referral.target?.orgId),
            holder: one(referral.holder?.orgId),
            forwardedTo: referral.forwardings.map((f) => f.to.orgId),
            copiedTo: referral.copiedTo ?? [],
          },
          ...(SECRECY_RESTRICTION.levels.includes(referral.package.secrecyLevel)
            ? { restriction: referralKnowledgeCircle(referral) }
            : {}),
        },
  rectification: (item) => ({
    regionId: item.regionId,
    status: item.status,
    organisations: { agency: [item.agencyOrgId] },
  }),
  accountability: (state) =>
    state.status === 'None'
      ? { regionId: '', status: 'None', organisations: { decidingOrg: [] } }
      : { regionId: state.regionId, status: state.status, organisations: { decidingOrg: [state.decidingOrgId] } },
  campaign: (campaign) => ({
    regionId: campaign.regionId,
    status: campaign.status,
    organisations: {},
  }),
};

/** Whose heads are in a classified referral's 知悉范围: the owning office, the holder, every copy's recipient. */
export const referralKnowledgeCircle = (referral: ExistingReferral): KnowledgeCircle => ({
  handlers: referral.handlers ?? [],
  headsOf: [referral.ownerOrgId, ...one(referral.holder?.orgId), ...(referral.copiedTo ?? [])],
});

/** Whether the actor is in the circle: named by its organisation, or the head of one in it. */
export const inKnowledgeCircle = (actor: Actor, circle: KnowledgeCircle): boolean =>
  isNamedHandler(circle.handlers, actor) || (actor.position === 'Head' && circle.headsOf.includes(actor.orgId));

/** The table's cell for the kind and the actor's role. */
export const visibilityRule = <K extends CaseKind>(kind: K, actor: Pick<Actor, 'role'>): VisibilityRule<K> =>
  CASE_VISIBILITY[kind][actor.role] as VisibilityRule<K>;

const reaches = <K extends CaseKind>(reach: Reach<K>, actor: Actor, facts: CaseFacts<K>): boolean => {
  if (reach === 'all') return true;
  if (reach === 'region') return regionCovers(actor.regionId, facts.regionId);
  return reach.organisationIs.some((relation) => facts.organisations[relation].includes(actor.orgId));
};

/** What the actor sees of the case: `see`, `see-without-fields` (see caseViewFor) or `not-see` — also for a case that does not exist. */
export const caseSight = <K extends CaseKind>(actor: Actor, kind: K, state: CaseStateOf<K>): Sight => {
  if (state.status === 'None') return 'not-see';
  const facts = (FACTS[kind] as (state: CaseStateOf<K>) => CaseFacts<K>)(state);
  const sight = cellSight(actor, kind, facts);
  if (sight === 'not-see') return sight;
  const restricted = facts.restriction !== undefined && !SECRECY_RESTRICTION.exemptRoles.includes(actor.role);
  return restricted && !inKnowledgeCircle(actor, facts.restriction) ? 'not-see' : sight;
};

/** The role's cell, or else a copy's grant. */
const cellSight = <K extends CaseKind>(actor: Actor, kind: K, facts: CaseFacts<K>): Sight => {
  const rule = visibilityRule(kind, actor);
  if (rule.sight !== 'not-see') {
    const inStatus = rule.statuses === undefined || rule.statuses.includes(facts.status);
    const inCategory =
      rule.categories === undefined || (facts.category !== undefined && rule.categories.includes(facts.category));
    if (inStatus && inCategory && reaches(rule.reach, actor, facts)) return rule.sight;
  }
  return copyOpensTo(actor, kind) && copiedToActor(actor, facts) ? CARBON_COPY_READS.sight : 'not-see';
};

const copiedToActor = <K extends CaseKind>(actor: Actor, facts: CaseFacts<K>): boolean =>
  ((facts.organisations as Readonly<Record<string, readonly string[] | undefined>>)['copiedTo'] ?? []).includes(
    actor.orgId,
  );

/**
 * Whether a copy of this kind of case opens it to the actor's role: never to the excepted roles,
 * nor to a role that reads the kind only field-restricted (the supervised agency's view of a clue
 * is cut to the party it names: its own items and deadlines), which reads it as that party or not.
 */
export const copyOpensTo = (actor: Pick<Actor, 'role'>, kind: CaseKind): boolean =>
  !CARBON_COPY_READS.exceptRoles.includes(actor.role) && visibilityRule(kind, actor).sight !== 'see-without-fields';

/**
 * The access check applied before any command is decided and before any case is read: a case the
 * actor may not see answers exactly like a missing one, so its existence does not leak.
 */
export const canSeeCase = <K extends CaseKind>(actor: Actor, kind: K, state: CaseStateOf<K>): boolean =>
  caseSight(actor, kind, state) !== 'not-see';

export const canSeeClue = (actor: Actor, clue: ClueState): boolean => canSeeCase(actor, 'clue', clue);
export const canSeeReferral = (actor: Actor, referral: ReferralState): boolean =>
  canSeeCase(actor, 'referral', referral);
export const canSeeRectificationItem = (actor: Actor, item: RectificationState): boolean =>
  canSeeCase(actor, 'rectification', item);

/** Whether the actor may see the accountability case (issue 17). */
export const canSeeAccountabilityCase = (actor: Actor, state: AccountabilityState): boolean =>
  canSeeCase(actor, 'accountability', state);
export const canSeeCampaign = (actor: Actor, campaign: CampaignState): boolean =>
  canSeeCase(actor, 'campaign', campaign);

/** The parts the actor's view of this kind of case leaves out; undefined when it reads the whole case. */
export const hiddenPartsFor = <K extends CaseKind>(actor: Pick<Actor, 'role'>, kind: K): HiddenParts<K> | undefined => {
  const rule = visibilityRule(kind, actor);
  return rule.sight === 'see-without-fields' ? rule.hidden : undefined;
};

/** Aimed at the organisation: an escalation's target, or the one answering for a ladder event's deadline. */
const addressedTo =
  (orgId: string) =>
  (entry: unknown): boolean => {
    const e = entry as { readonly targetOrgId?: unknown; readonly responsibleOrgId?: unknown };
    return e.targetOrgId === orgId || e.responsibleOrgId === orgId;
  };

/**
 * The case as the actor may read it (for a case it can see): the whole state, or only the fields
 * its view shows. Every shown field is present, in the order the view names them.
 */
export const caseViewFor = <K extends CaseKind>(
  actor: Actor,
  kind: K,
  state: CaseStateOf<K>,
): Partial<CaseStateOf<K>> => {
  const hidden = hiddenPartsFor(actor, kind);
  if (hidden === undefined) return state;
  const source = state as unknown as Readonly<Record<string, unknown>>;
  const view: Record<string, unknown> = {};
  for (const [field, sight] of Object.entries(hidden.fields) as [string, PartSight][]) {
    if (sight === 'shown') view[field] = source[field];
    else if (sight === 'addressed-to-viewer')
      view[field] = ((source[field] as readonly unknown[] | undefined) ?? []).filter(addressedTo(actor.orgId));
  }
  return view as Partial<CaseStateOf<K>>;
};

/** Whether a history entry is in the actor's view of the case (for a case it can see); its payload is left out whenever hiddenPartsFor is defined. */
export const historyEntryVisible = <K extends CaseKind>(
  actor: Actor,
  kind: K,
  event: { readonly type: string; readonly data: unknown },
): boolean => {
  const hidden = hiddenPartsFor(actor, kind);
  if (hidden === undefined) return true;
  const sight = (hidden.events as Readonly<Record<string, PartSight | undefined>>)[event.type];
  return sight === 'shown' || (sight === 'addressed-to-viewer' && addressedTo(actor.orgId)(event.data));
};
