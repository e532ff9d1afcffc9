import {
  ACCOUNTABILITY_CATEGORY,
  AccountabilityEvent,
  AccountabilityStatus,
  accountabilityStatusAfter,
} from '@xj/domain';
import { JsonObject } from '../event-store/event-store.types';
import { ProjectedEvent, ReadModelDocument } from '../read-models/projection';
import {
  IndexedProjection,
  Patch,
  countyOf,
  domainEvent,
  json,
  key,
  patch,
  stampFresh,
  text,
  touchesNoLine,
} from './projection-support';

export const ACCOUNTABILITY_LEDGER = 'accountability-ledger';
export const ACCOUNTABILITY_CASES = 'cases';

/** A person held accountable as the ledger keeps it: cadre rank for the statistics, the measures decided. */
export interface AccountablePersonEntry {
  readonly subjectId: string;
  readonly name: string;
  readonly unit: string;
  readonly post: string;
  readonly cadreRank: string;
  readonly measureCodes: readonly string[];
}

export interface AccountableUnitEntry {
  readonly subjectId: string;
  readonly name: string;
  readonly unit: string;
  readonly measureCodes: readonly string[];
}

/**
 * 追责问责台账 — one line per accountability case outside the commission (issue 17): 行政执法过错责任
 * 追究 or 行政错案问责, the clue it arose from, the deciding organisation, each act's business date,
 * the persons (with cadre rank) and units held accountable and their measures.
 */
export interface AccountabilityLedgerDocument {
  readonly accountabilityId: string;
  readonly accountabilityType: string;
  readonly ground?: string;
  readonly clueId?: string;
  readonly regionId: string;
  readonly countyId: string;
  readonly decidingOrgId: string;
  readonly decidingOrgRole: string;
  readonly openedByOrgId: string;
  readonly summary: string;
  readonly status: string;
  /** 立项日期 (业务日期): the statistics count the case on it. */
  readonly openedOn: string;
  readonly investigatedOn?: string;
  /** 决定日期: the statistics count persons and units on it. */
  readonly decisionDate?: string;
  readonly documentNo?: string;
  readonly persons: readonly AccountablePersonEntry[];
  readonly units: readonly AccountableUnitEntry[];
  readonly executedOn?: string;
  readonly withdrawnOn?: string;
  readonly withdrawalReason?: string;
  readonly archivedOn?: string;
  readonly updatedAt: string;
}

export const accountabilityLedgerProjection: IndexedProjection = {
  name: ACCOUNTABILITY_LEDGER,
  version: 1,
  collections: [ACCOUNTABILITY_CASES],
  categories: [ACCOUNTABILITY_CATEGORY],
  indexes: {
    [ACCOUNTABILITY_CASES]: [
      { decidingOrgId: 1, openedOn: -1 },
      { regionId: 1, openedOn: -1 },
      { clueId: 1 },
      { status: 1 },
      { openedOn: 1 },
      { decisionDate: 1 },
    ],
  },
  keys: (event) => Promise.resolve([key(ACCOUNTABILITY_CASES, event.aggregateId)]),
  apply: (doc, event, target) => Promise.resolve(stampFresh(doc, applyToCase(doc, event), target, event)),
};

const applyToCase = (doc: ReadModelDocument | undefined, event: ProjectedEvent): JsonObject | undefined => {
  if (touchesNoLine(event)) return doc;
  const e = domainEvent<AccountabilityEvent>(event);
  if (e.type !== 'AccountabilityCaseOpened' && doc === undefined) return undefined;
  return patch(doc, { ...changes(doc ?? {}, e), updatedAt: event.recordedAt });
};

/** What an event changes on the line; the status is the domain's (accountabilityStatusAfter). */
const changes = (doc: JsonObject, e: AccountabilityEvent): Patch => {
  const status = accountabilityStatusAfter((text(doc, 'status') ?? 'None') as AccountabilityStatus, e);
  switch (e.type) {
    case 'AccountabilityCaseOpened': {
      const d = e.data;
      return {
        accountabilityId: d.accountabilityId,
        accountabilityType: d.accountabilityType,
        ground: d.ground,
        clueId: d.clueId,
        regionId: d.regionId,
        countyId: countyOf(d.regionId),
        decidingOrgId: d.decidingOrgId,
        decidingOrgRole: d.decidingOrgRole,
        openedByOrgId: d.by.orgId,
        summary: d.summary,
        status,
        openedOn: d.openedOn,
        persons: [],
        units: [],
      };
    }
    case 'AccountabilityInvestigationStarted':
      return { status, investigatedOn: e.data.occurredOn };
    case 'AccountabilityDecided': {
      const persons: AccountablePersonEntry[] = e.data.persons.map(({ subject, measureCodes }) => ({
        subjectId: subject.subjectId,
        name: subject.name,
        unit: subject.unit,
        post: subject.post,
        cadreRank: subject.cadreRank,
        measureCodes,
      }));
      const units: AccountableUnitEntry[] = e.data.units.map(({ subject, measureCodes }) => ({
        subjectId: subject.subjectId,
        name: subject.name,
        unit: subject.unit,
        measureCodes,
      }));
      return {
        status,
        decisionDate: e.data.decisionDate,
        documentNo: e.data.documentNo,
        persons: json(persons),
        units: json(units),
      };
    }
    case 'AccountabilityExecuted':
      return { status, executedOn: e.data.occurredOn };
    case 'AccountabilityWithdrawn':
      return { status, withdrawnOn: e.data.occurredOn, withdrawalReason: e.data.reason };
    case 'AccountabilityArchived':
      return { status, archivedOn: e.data.occurredOn };
    default: {
      const _exhaustive: never = e;
      return {};
    }
  }
};
