import {
  Actor,
  CaseKind,
  Reach,
  Role,
  SECRECY_RESTRICTION,
  copyOpensTo,
  handlerKey,
  hiddenPartsFor,
  visibilityRule,
} from '@xj/domain';
import { Filter } from '../read-models/read-model-store.port';
import {
  ACCOUNTABILITY_LEDGER_FIELDS,
  AnyCaseDocumentFields,
  CLUE_LEDGER_FIELDS,
  CORRECTED_CASES_FIELDS,
  INBOX_FIELDS,
  RECTIFICATION_LEDGER_FIELDS,
} from './case-document-fields';

/**
 * The case visibility of the domain (libs/domain/src/access: CASE_VISIBILITY, the rule the API
 * applies to each case) turned into a filter inside each read-model query, so lists, totals and
 * statistics never count what the caller could not open. The filters are generated from the rule
 * table through each read model's field mapping (case-document-fields.ts), never written by hand.
 */
export type ReadModelView =
  | 'inbox'
  | 'clue-ledger'
  | 'rectification-ledger'
  | 'accountability-ledger'
  | 'corrected-cases'
  | 'statistics'
  | 'org-escalations';

/** The read models with one document per case that every reader of the case may query. */
export type CaseReadModel = 'inbox' | 'clue-ledger' | 'rectification-ledger' | 'accountability-ledger';

/** The caller's role may not use this view at all (mapped to 403 by the API). */
export class ReadModelAccessDenied extends Error {
  readonly code = 'AUTH.ROLE_NOT_ALLOWED';
  constructor(
    /** A read model, or one of the 督办 lists over the deadline timers (deadline-queries.ts). */
    readonly view: ReadModelView | 'overdue' | 'escalation-proposals',
    readonly role: Role,
  ) {
    super(`${role} may not read the ${view}`);
  }
}

/** Escapes user text for a `$regex` so it matches literally (never as a pattern). */
export const escapeRegex = (value: string): string => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The region itself and everything below it: `panjin` covers `panjin/dawa`, never `panjinx` (the domain's regionCovers). */
export const regionFilter = (regionId: string, field = 'regionId'): Filter => ({
  $or: [{ [field]: regionId }, { [field]: { $regex: `^${escapeRegex(`${regionId}/`)}` } }],
});

const CASE_READ_MODELS: { readonly [M in CaseReadModel]: AnyCaseDocumentFields } = {
  inbox: INBOX_FIELDS,
  'clue-ledger': CLUE_LEDGER_FIELDS,
  'rectification-ledger': RECTIFICATION_LEDGER_FIELDS,
  'accountability-ledger': ACCOUNTABILITY_LEDGER_FIELDS,
};

const SUPERVISORS: readonly Role[] = ['RuleOfLawOffice', 'JusticeBureau', 'PartyLeadership'];

/** Views a role must be allowed to use at all (403 for the rest); what is in them is the case visibility. */
const GATED_VIEWS: Readonly<Record<'corrected-cases' | 'statistics', readonly Role[]>> = {
  // 纠错案件台账: kept by the office, handed to the party inspection tours (DOMAIN.md §2, seed 004).
  'corrected-cases': [...SUPERVISORS, 'Auditor'],
  // Routine statistics: supervisors, and the commission and organisation department too (DOMAIN.md §4.2 notes, §2).
  statistics: [...SUPERVISORS, 'DisciplineCommission', 'AppointingAuthority', 'Auditor'],
};

const fieldOf = (fields: AnyCaseDocumentFields, relation: string): string => {
  const field = fields.organisations[relation];
  // The mappings are typed per kind of case, so this is a wiring fault, never bad input.
  if (field === undefined) throw new Error(`read model of ${fields.kind}s keeps no ${relation}`);
  return field;
};

/** Which documents a rule's reach takes in, through the read model's fields; undefined: none. */
const reachFilter = (actor: Actor, reach: Reach<CaseKind>, fields: AnyCaseDocumentFields): Filter | undefined => {
  if (reach === 'all') return {};
  if (reach === 'region') return regionFilter(actor.regionId, fields.regionId);
  const named = reach.organisationIs.map((relation): Filter => ({ [fieldOf(fields, relation)]: actor.orgId }));
  if (named.length === 0) return undefined;
  const exact = named.length === 1 ? (named[0] as Filter) : { $or: named };
  return fields.anyOrganisation === undefined ? exact : { [fields.anyOrganisation]: actor.orgId, ...exact };
};

/** The rule of the actor's role for the read model's kind of case, as a filter on its documents; undefined: none. */
const cellFilter = (actor: Actor, fields: AnyCaseDocumentFields): Filter | undefined => {
  const rule = visibilityRule(fields.kind, actor);
  if (rule.sight === 'not-see') return undefined;
  const reach = reachFilter(actor, rule.reach, fields);
  if (reach === undefined) return undefined;
  if (rule.categories !== undefined && fields.category === undefined) return undefined;
  return {
    ...reach,
    ...(rule.statuses === undefined ? {} : { [fields.status]: { $in: [...rule.statuses] } }),
    ...(rule.categories === undefined || fields.category === undefined
      ? {}
      : { [fields.category]: { $in: [...rule.categories] } }),
  };
};

/** 抄送: the cases copied to the actor's organisation (the domain's CARBON_COPY_READS and copyOpensTo). */
const copyFilter = (actor: Actor, fields: AnyCaseDocumentFields): Filter | undefined =>
  fields.organisations['copiedTo'] === undefined || !copyOpensTo(actor, fields.kind)
    ? undefined
    : { [fields.organisations['copiedTo']]: actor.orgId };

/** 密级: a classified case only for its 知悉范围 (the domain's SECRECY_RESTRICTION and inKnowledgeCircle). */
const secrecyFilter = (actor: Actor, fields: AnyCaseDocumentFields): Filter | undefined => {
  const restriction = fields.restriction;
  if (restriction === undefined || SECRECY_RESTRICTION.exemptRoles.includes(actor.role)) return undefined;
  return {
    $or: [
      { [restriction.level]: { $nin: [...SECRECY_RESTRICTION.levels] } },
      { [restriction.handlers]: handlerKey(actor.orgId, actor.userId) },
      ...(actor.position === 'Head' ? restriction.headsOf.map((field): Filter => ({ [field]: actor.orgId })) : []),
    ],
  };
};

/** The case visibility of the actor for the read model's kind of case, as a filter on its documents; undefined: it sees none. */
export const casesFilter = (actor: Actor, fields: AnyCaseDocumentFields): Filter | undefined => {
  const cell = cellFilter(actor, fields);
  // A cell that takes in every case leaves a copy nothing to add.
  const copy = cell !== undefined && Object.keys(cell).length === 0 ? undefined : copyFilter(actor, fields);
  const seen = cell !== undefined && copy !== undefined ? { $or: [cell, copy] } : (cell ?? copy);
  const secrecy = secrecyFilter(actor, fields);
  return seen === undefined || secrecy === undefined ? seen : { $and: [seen, secrecy] };
};

/** The documents of a case read model whose case the actor could open through the API, as a filter; undefined when it can open none. */
export const visibleCasesFilter = (actor: Actor, readModel: CaseReadModel): Filter | undefined =>
  casesFilter(actor, CASE_READ_MODELS[readModel]);

/**
 * How a reader reads the documents of a case read model, from the hidden fields of its rule and the
 * read model's mapping: the fields it never gets, nor filters or sorts on (they would show by
 * presence or by order), and the fields it reads from a stand-in instead.
 */
export interface DocumentView {
  readonly readModel: CaseReadModel;
  readonly role: Role;
  readonly hidden: readonly string[];
  /** A field name → the document field the reader reads it from. */
  readonly readFrom: Readonly<Record<string, string>>;
}

export const documentView = (actor: Actor, readModel: CaseReadModel): DocumentView => {
  const fields = CASE_READ_MODELS[readModel];
  const standIns = Object.entries(fields.standIns?.fields ?? {}).flatMap(([name, from]) =>
    from === undefined ? [] : [[name, from] as const],
  );
  const spared = standIns.map(([, from]) => from);
  const hiddenParts = hiddenPartsFor(actor, fields.kind);
  if (hiddenParts === undefined) return { readModel, role: actor.role, hidden: spared, readFrom: {} };
  // Stand-ins are the one role's (the agency's): any other field-restricted reader is spared them.
  if (fields.standIns?.role !== actor.role) {
    const hidden = Object.entries(hiddenParts.fields)
      .filter(([, sight]) => sight !== 'shown')
      .flatMap(([field]) => fields.hiddenWith?.[field] ?? []);
    return { readModel, role: actor.role, hidden: [...new Set([...hidden, ...spared])], readFrom: {} };
  }
  const left = Object.entries(hiddenParts.fields)
    .filter(([, sight]) => sight !== 'shown')
    .flatMap(([field]) => fields.hiddenWith?.[field] ?? []);
  return {
    readModel,
    role: actor.role,
    hidden: [...new Set([...left, ...spared])],
    readFrom: Object.fromEntries(standIns),
  };
};

/** A document as the reader reads it: without its hidden fields, each stand-in under the name it stands in for. */
export const readView = <T>(doc: Readonly<Record<string, unknown>>, view: DocumentView): T => {
  const hidden = new Set(view.hidden);
  const read: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(doc)) {
    const from = view.readFrom[field];
    if (from !== undefined) {
      if (doc[from] !== undefined) read[field] = doc[from];
    } else if (!hidden.has(field)) read[field] = value;
  }
  for (const [field, from] of Object.entries(view.readFrom))
    if (!Object.hasOwn(read, field) && doc[from] !== undefined) read[field] = doc[from];
  return read as T;
};

/** The document field behind `field` when the reader filters or sorts on it; refused when its view hides the field. */
export const queryField = (view: DocumentView, field: string): string => {
  const from = view.readFrom[field];
  if (from !== undefined) return from;
  if (view.hidden.includes(field)) throw new ReadModelAccessDenied(view.readModel, view.role);
  return field;
};

const requireGate = (actor: Actor, view: keyof typeof GATED_VIEWS): void => {
  if (!GATED_VIEWS[view].includes(actor.role)) throw new ReadModelAccessDenied(view, actor.role);
};

/**
 * What statistics count in each case read model: only the cases the actor could open (#13 item 7),
 * so no figure and no name (agency, county) comes from a case that answers 404 to it. Undefined:
 * nothing of that read model counts. Throws when the role gets no statistics at all.
 */
export const statisticsFilters = (actor: Actor): Readonly<Record<CaseReadModel, Filter | undefined>> => {
  requireGate(actor, 'statistics');
  return {
    inbox: visibleCasesFilter(actor, 'inbox'),
    'clue-ledger': visibleCasesFilter(actor, 'clue-ledger'),
    'rectification-ledger': visibleCasesFilter(actor, 'rectification-ledger'),
    'accountability-ledger': visibleCasesFilter(actor, 'accountability-ledger'),
  };
};

/** Everything the actor may see in a list view, as a filter; throws when the role has no access at all. */
export const accessFilter = (actor: Actor, view: Exclude<ReadModelView, 'statistics' | 'org-escalations'>): Filter => {
  if (view === 'corrected-cases') requireGate(actor, view);
  const filter =
    view === 'corrected-cases' ? casesFilter(actor, CORRECTED_CASES_FIELDS) : visibleCasesFilter(actor, view);
  if (filter === undefined) throw new ReadModelAccessDenied(view, actor.role);
  return filter;
};
