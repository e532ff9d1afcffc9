import type { ClueState } from '../clue/clue.state';
import type { RectificationState } from '../rectification/rectification.state';
import type { ReferralState } from '../referral/referral.state';
import { Actor, regionCovers } from '../shared/actor';
import { CASE_VISIBILITY } from './case-visibility.rules';
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
}

const one = (orgId: string | undefined): readonly string[] => (orgId === undefined ? [] : [orgId]);

/** Where each kind keeps its facts: the one place a rule's words meet the state's fields. */
const FACTS: { readonly [K in CaseKind]: (state: CaseStateOf<K>) => CaseFacts<K> } = {
  clue: (clue) => ({
    regionId: clue.regionId ?? '',
    status: clue.status,
    organisations: { agency: one(clue.agency?.orgId) },
  }),
  referral: (referral) =>
    referral.status === 'None'
      ? { regionId: '', status: 'None', organisations: { target: [], holder: [], forwardedTo: [] } }
      : {
          regionId: referral.regionId,
          status: referral.status,
          organisations: {
            target: one(referral.target?.orgId),
            holder: one(referral.holder?.orgId),
            forwardedTo: referral.forwardings.map((f) => f.to.orgId),
          },
        },
  rectification: (item) => ({
    regionId: item.regionId,
    status: item.status,
    organisations: { agency: [item.agencyOrgId] },
  }),
};

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
  const rule = visibilityRule(kind, actor);
  if (rule.sight === 'not-see' || state.status === 'None') return 'not-see';
  const facts = (FACTS[kind] as (state: CaseStateOf<K>) => CaseFacts<K>)(state);
  const inStatus = rule.statuses === undefined || rule.statuses.includes(facts.status);
  return inStatus && reaches(rule.reach, actor, facts) ? rule.sight : 'not-see';
};

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
