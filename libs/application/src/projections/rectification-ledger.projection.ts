import {
  RECTIFICATION_CATEGORY,
  RectificationEvent,
  RectificationHistoryImportedData,
  RectificationStatus,
  actDateOf,
  rectificationStatusAfter,
} from '@xj/domain';
import { DueMark, dueChange, dueFlagsAfter, dueMarkOf } from './deadline-marks';
import { JsonObject } from '../event-store/event-store.types';
import { ProjectedEvent, ReadModelDocument } from '../read-models/projection';
import {
  IndexedProjection,
  Patch,
  count,
  countyOf,
  defined,
  domainEvent,
  due,
  json,
  key,
  list,
  patch,
  stampFresh,
  text,
  touchesNoLine,
} from './projection-support';

export const RECTIFICATION_LEDGER = 'rectification-ledger';
export const ITEMS = 'items';

/** One 回头看 as the ledger keeps it (statistics count failures per date). */
export interface LookBackEntry {
  readonly at: string;
  /** 业务日期 of the look-back (issue 17 item 7): the statistics count it on this day. */
  readonly on: string;
  readonly method: string;
  readonly result: string;
}

/** One 销号 of an item; `reopenedOn` once a failed 回头看 reopened it. */
export interface ClosureEntry {
  readonly closedOn: string;
  readonly reopenedOn?: string;
}

/** One line of the 整改台账 (问题内容 / 整改措施 / 整改时限 / 责任人 / 反馈 / 评估 / 销号 / 回头看). */
export interface RectificationLedgerDocument {
  readonly itemId: string;
  readonly clueId: string;
  readonly regionId: string;
  readonly countyId: string;
  readonly supervisorOrgId: string;
  readonly agencyOrgId: string;
  readonly mode: string;
  readonly issue: string;
  readonly measures: string;
  readonly owner: string;
  readonly responsiblePerson: string;
  readonly longTermTarget?: string;
  readonly evidence: readonly string[];
  readonly status: string;
  /** When the assignment was recorded (the ledger's default order). */
  readonly assignedAt: string;
  /** 业务日期 of the assignment (issue 17 item 7): the date statistics count the item on. */
  readonly assignedOn: string;
  /** 整改时限 while the agency has work to do. */
  readonly dueOn?: string;
  /** Counted without its year's holiday table: the date may move when the table arrives (issue 15 §4). */
  readonly dueProvisional?: true;
  /** An explicit date kept on a rest day (flagged, not moved). */
  readonly dueNonWorkingDay?: true;
  readonly reportCount: number;
  readonly lastReport?: {
    readonly reportNo: number;
    readonly report: string;
    readonly evidence: readonly string[];
    readonly at: string;
    /** 业务日期 of the report. */
    readonly on: string;
    readonly late: boolean;
  };
  readonly evaluationCount: number;
  readonly lastEvaluation?: {
    readonly evaluationNo: number;
    readonly result: string;
    readonly method: string;
    readonly notes: string;
    readonly at: string;
    /** 业务日期 of the evaluation. */
    readonly on: string;
    readonly evaluatorUserId: string;
    readonly failureReasons?: readonly string[];
  };
  /** 销号, when it was recorded. */
  readonly closedAt?: string;
  /** 业务日期 of the latest 销号. */
  readonly closedOn?: string;
  /**
   * Every 销号 of the item and the reopening that ended it (a failed 回头看), by business date: the
   * statistics count an item closed at the end of a period when a 销号 on or before that day was not
   * undone by then (absent until the first 销号).
   */
  readonly closures?: readonly ClosureEntry[];
  readonly closedLongTerm?: boolean;
  readonly lookBackDueOn?: string;
  /** 延期 / 中止 marks of `dueOn` and `lookBackDueOn`; while paused the date is absent there and kept here. */
  readonly lookBackDueProvisional?: true;
  readonly lookBackDueNonWorkingDay?: true;
  /** 延期 / 中止 marks of `dueOn` and `lookBackDueOn`; while paused the date is absent there and kept here. */
  readonly dueMark?: DueMark;
  readonly lookBackDueMark?: DueMark;
  readonly lookBacks: readonly LookBackEntry[];
  readonly lastLookBackResult?: string;
  readonly reopenCount: number;
  readonly escalations: number;
  readonly updatedAt: string;
  /** 历史补录: the item came from a legacy 整改台账 line (RectificationHistoryImported); absent otherwise. */
  readonly imported?: true;
  /** The line's number (整改编号) in the office's legacy ledger. */
  readonly ledgerNo?: string;
}

/** 整改台账 — one document per rectification item; the agency's own view filters it to its org. */
export const rectificationLedgerProjection: IndexedProjection = {
  name: RECTIFICATION_LEDGER,
  // 2: 延期 / 中止 move the due dates and mark them (issue 15 §2); due dates flagged provisional /
  // on a non-working day, and DeadlineRecomputed (issue 15 §4). One bump for both.
  // 3: the 业务日期 of each act (issue 17 item 7): assignedOn, closedOn, closures, lookBacks[].on.
  // 4: imported items (历史补录, issue 19 §3) flagged, on the ledger's own dates.
  // 5: evidence (EvidenceAttached) touches no line; a store where uploads were parked builds again without them.
  version: 5,
  collections: [ITEMS],
  categories: [RECTIFICATION_CATEGORY],
  indexes: {
    [ITEMS]: [
      // The access filter (own agency, or a region prefix) with the default sort, newest first.
      { agencyOrgId: 1, assignedAt: -1 },
      { regionId: 1, assignedAt: -1 },
      { clueId: 1 },
      { status: 1 },
      { dueOn: 1 },
      { lookBackDueOn: 1 },
      { assignedOn: 1 },
      { 'lookBacks.on': 1 },
    ],
  },
  keys: (event) => Promise.resolve(touchesNoLine(event) ? [] : [key(ITEMS, event.aggregateId)]),
  apply: (doc, event, target) => Promise.resolve(stampFresh(doc, applyToItem(doc, event), target, event)),
};

const applyToItem = (doc: ReadModelDocument | undefined, event: ProjectedEvent): JsonObject | undefined => {
  const e = domainEvent<RectificationEvent>(event);
  if (e.type !== 'RectificationItemAssigned' && doc === undefined) return undefined;
  const change = changes(doc ?? {}, e);
  // A later step that sets or clears a due date takes the old date's mark with it.
  const stale = {
    ...(Object.hasOwn(change, 'dueOn') && !Object.hasOwn(change, 'dueMark') ? { dueMark: undefined } : {}),
    ...(Object.hasOwn(change, 'lookBackDueOn') && !Object.hasOwn(change, 'lookBackDueMark')
      ? { lookBackDueMark: undefined }
      : {}),
  };
  return patch(doc, { ...change, ...stale, updatedAt: event.recordedAt });
};

/** What an event changes on the item's line; the status is the domain's (rectificationStatusAfter). */
const changes = (doc: JsonObject, e: RectificationEvent): Patch => {
  const status = rectificationStatusAfter((text(doc, 'status') ?? 'None') as RectificationStatus, e);
  switch (e.type) {
    case 'RectificationItemAssigned': {
      const d = e.data;
      return {
        itemId: d.itemId,
        clueId: d.clueId,
        regionId: d.regionId,
        countyId: countyOf(d.regionId),
        supervisorOrgId: d.supervisorOrgId,
        agencyOrgId: d.agencyOrgId,
        mode: d.mode,
        issue: d.issue,
        measures: d.measures,
        owner: d.owner,
        responsiblePerson: d.responsiblePerson,
        longTermTarget: d.longTermTarget,
        evidence: json(d.evidence),
        status,
        assignedAt: d.at,
        assignedOn: actDateOf(d),
        ...due('due', d.deadline),
        reportCount: 0,
        evaluationCount: 0,
        lookBacks: [],
        reopenCount: 0,
        escalations: 0,
      };
    }
    case 'RectificationHistoryImported':
      return importedChanges(doc, e.data, status);
    case 'RectificationStarted':
      return { status };
    case 'RectificationReported': {
      const { reportNo, report, evidence, at, late } = e.data;
      return {
        status,
        ...due('due', undefined),
        reportCount: reportNo,
        lastReport: json({ reportNo, report, evidence, at, on: actDateOf(e.data), late }),
      };
    }
    case 'RectificationEvaluated': {
      const { evaluationNo, result, method, notes, at, evaluatorUserId, failureReasons } = e.data;
      return {
        status,
        evaluationCount: evaluationNo,
        lastEvaluation: defined({
          evaluationNo,
          result,
          method,
          notes,
          at,
          on: actDateOf(e.data),
          evaluatorUserId,
          failureReasons: failureReasons && json(failureReasons),
        }),
      };
    }
    case 'ItemClosed': {
      const closedOn = actDateOf(e.data);
      return {
        status,
        closedAt: e.data.at,
        closedOn,
        closures: json([...list<ClosureEntry>(doc, 'closures'), { closedOn }]),
        closedLongTerm: e.data.longTerm,
        ...due('lookBackDue', e.data.lookBackDue),
      };
    }
    case 'LookBackScheduled':
      return { status, ...due('lookBackDue', e.data.lookBackDue) };
    case 'LookBackCompleted': {
      const entry: LookBackEntry = {
        at: e.data.at,
        on: actDateOf(e.data),
        method: e.data.method,
        result: e.data.result,
      };
      return {
        status,
        ...due('lookBackDue', undefined),
        lookBacks: json([...list<LookBackEntry>(doc, 'lookBacks'), entry]),
        lastLookBackResult: e.data.result,
      };
    }
    case 'RectificationReopened': {
      // A failed 回头看 undoes the latest 销号; a failed evaluation reopens an item never closed.
      const closures = list<ClosureEntry>(doc, 'closures');
      const last = closures.at(-1);
      const undone =
        last !== undefined && last.reopenedOn === undefined
          ? { closures: json([...closures.slice(0, -1), { ...last, reopenedOn: actDateOf(e.data) }]) }
          : {};
      return {
        status,
        ...undone,
        reopenCount: e.data.reopenNo,
        ...due('due', e.data.deadline),
        ...due('lookBackDue', undefined),
      };
    }
    case 'EscalationRaised':
      return { escalations: count(doc, 'escalations') + 1 };
    case 'DeadlineExtensionRequested':
    case 'DeadlineExtensionApproved':
    case 'DeadlineExtensionRefused':
    case 'DeadlinePaused':
    case 'DeadlineResumed': {
      const field = e.data.rule === 'LookBack' ? 'lookBackDueOn' : 'dueOn';
      const markField = e.data.rule === 'LookBack' ? 'lookBackDueMark' : 'dueMark';
      const shown = { dueOn: text(doc, field), mark: doc[markField] as unknown as DueMark | undefined };
      const moved = dueChange(e, shown, [field], markField) as Patch;
      // The flags follow the date (kept while paused, like the date in the mark).
      return Object.keys(moved).length === 0 ? moved : { ...moved, ...dueFlagsAfter(e, field.slice(0, -'On'.length)) };
    }
    case 'DeadlineRecomputed': {
      // The item's slots: `deadline` (整改时限) and `lookBackDue` (回头看).
      const name = e.data.slot === 'deadline' ? 'due' : e.data.slot === 'lookBackDue' ? 'lookBackDue' : undefined;
      if (name === undefined) return {};
      // A recounted deadline that was extended or resumed keeps its mark, now at the recounted date.
      const mark = dueMarkOf(e.data.deadline);
      return { ...due(name, e.data.deadline), [`${name}Mark`]: mark && json(mark) };
    }
    case 'DeadlineApproaching':
    case 'DeadlineMissed':
    case 'DeadlineUrged':
    case 'EscalationRungProposed':
    case 'EscalationRungConfirmed':
    case 'EscalationRungWaived':
    case 'DeadlineCircularIssued':
      // The light of a line comes from its due date and today (deadline-light.ts); the ladder's
      // own events change nothing the line shows (a confirmed rung also records EscalationRaised).
      return {};
    default: {
      const _exhaustive: never = e;
      return {};
    }
  }
};

/** China midnight of a business date: a legacy step is recorded at the start of its day. */
const startOf = (date: string): string => `${date}T00:00:00+08:00`;

/**
 * 历史补录: the line at the legacy ledger's step, dated by the ledger — the statistics count the item
 * on `assignedOn` and a look-back on its `on`, so an imported item counts in its own year.
 */
const importedChanges = (doc: JsonObject, d: RectificationHistoryImportedData, status: RectificationStatus): Patch => {
  const working = status === 'Assigned' || status === 'InProgress';
  const { evaluation, lookBack, closedOn } = d;
  return {
    status,
    imported: true,
    ledgerNo: d.ledgerRow.ledgerNo,
    assignedAt: startOf(d.assignedOn),
    assignedOn: d.assignedOn,
    ...(working ? {} : { ...due('due', undefined), reportCount: 1 }),
    ...(evaluation === undefined
      ? {}
      : {
          evaluationCount: 1,
          lastEvaluation: {
            evaluationNo: 1,
            result: evaluation.result,
            method: evaluation.method,
            notes: '',
            at: startOf(evaluation.on),
            on: evaluation.on,
            evaluatorUserId: d.by.userId,
          },
        }),
    ...(closedOn === undefined
      ? {}
      : {
          closedAt: startOf(closedOn),
          closedOn,
          closures: json([...list<ClosureEntry>(doc, 'closures'), { closedOn }]),
          closedLongTerm: text(doc, 'mode') === 'LongTerm',
        }),
    ...(lookBack === undefined
      ? {}
      : {
          lookBacks: json([
            ...list<LookBackEntry>(doc, 'lookBacks'),
            { at: startOf(lookBack.on), on: lookBack.on, method: lookBack.method, result: lookBack.result },
          ]),
          lastLookBackResult: lookBack.result,
        }),
  };
};
