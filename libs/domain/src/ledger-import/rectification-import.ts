import { DomainConfig } from '../domain-config';
import { Decider, Decision } from '../shared/decider';
import { DomainError, conflict, isDomainError, validation } from '../shared/domain-error';
import { CommandBase, eventBase } from '../shared/messages';
import { LocalDate } from '../shared/time';
import { businessDateOf } from '../shared/business-date';
import { firstError, requireDate, requireInstant, requireOneOf, requireText } from '../shared/validate';
import { ImportedCheck, RectificationEvent } from '../rectification/rectification.events';
import { NAME, TEXT } from '../rectification/rectification.guards';
import { itemAssigned } from '../rectification/rectification-assignment';
import { assignItemPrecondition } from '../rectification/rectification.preconditions';
import {
  EVALUATION_METHODS,
  EVALUATION_RESULTS,
  RECTIFICATION_MODES,
  RectificationMode,
  RectificationState,
} from '../rectification/rectification.state';
import { LedgerRowRef } from './clue-import';

/**
 * The steps a 整改台账 line may stand at. Not `LookBackPending` (a planned 回头看 lies ahead, and the
 * import takes no date after today) nor `Reopened` (its failure reasons and renewed due date are a
 * second round the ledger's one line does not hold): such a line is entered as 整改中 with its new 整改时限.
 */
export const IMPORTABLE_RECTIFICATION_STATUSES = [
  'Assigned',
  'InProgress',
  'Reported',
  'Evaluated',
  'Closed',
  'LookBackPassed',
] as const;
export type ImportableRectificationStatus = (typeof IMPORTABLE_RECTIFICATION_STATUSES)[number];

/** The steps with an evaluation behind them, and those past 销号 (DOMAIN.md §4.3). */
const EVALUATED: readonly ImportableRectificationStatus[] = ['Evaluated', 'Closed', 'LookBackPassed'];
const CLOSED: readonly ImportableRectificationStatus[] = ['Closed', 'LookBackPassed'];

/**
 * 历史补录 — put a legacy 整改台账 line on the rectification ledger with its original dates: the item
 * as it was assigned (下达日期 `assignedOn`, its plan and 整改时限), and the step it had reached with
 * the dates of its 评估, 销号 and 回头看. Recorded by the importing user (`actor`, `at` the day of
 * import). The item belongs to a clue (DOMAIN.md §1: a clue spawns 1..n items), in its region.
 */
export interface ImportRectificationFromLedger extends CommandBase<'ImportRectificationFromLedger'> {
  readonly itemId: string;
  readonly clueId: string;
  /** The clue's region: the item's. */
  readonly regionId: string;
  readonly agencyOrgId: string;
  readonly mode: RectificationMode;
  readonly issue: string;
  readonly measures: string;
  readonly dueDate?: LocalDate;
  readonly longTermTarget?: string;
  readonly owner: string;
  readonly responsiblePerson: string;
  readonly assignedOn: LocalDate;
  readonly status: ImportableRectificationStatus;
  readonly evaluation?: ImportedCheck;
  readonly closedOn?: LocalDate;
  readonly lookBack?: ImportedCheck;
  readonly clueLedgerNo?: string;
  readonly note?: string;
  readonly ledgerRow: LedgerRowRef;
}

const SHA256 = /^[0-9a-f]{64}$/;

const outOfOrder = (field: string, earlier: string): DomainError =>
  validation('IMPORT.DATE_OUT_OF_ORDER', `${field} lies before ${earlier}`, { field });

/** A dated check of the line (评估 / 回头看): its method, result and a date after `after`, not after today. */
const checkOf = (
  check: ImportedCheck | undefined,
  field: string,
  at: string,
  after: { readonly on: LocalDate; readonly field: string },
): DomainError | undefined => {
  if (check === undefined) return undefined;
  const error = firstError(
    requireOneOf(check.method, EVALUATION_METHODS, `${field}.method`),
    requireOneOf(check.result, EVALUATION_RESULTS, `${field}.result`),
    requireDate(check.on, `${field}.on`),
  );
  if (error) return error;
  const on = businessDateOf(check.on, at, undefined, `${field}.on`);
  if (isDomainError(on)) return on;
  return check.on < after.on ? outOfOrder(`${field}.on`, after.field) : undefined;
};

/**
 * What the line's step requires of its record (seed 003: no 销号 without a passed 评估; seed 001:
 * 回头看 after 销号), and that nothing is recorded ahead of the step.
 */
const stepRecord = (c: ImportRectificationFromLedger): DomainError | undefined => {
  const evaluated = EVALUATED.includes(c.status);
  const closed = CLOSED.includes(c.status);
  if (evaluated && c.evaluation === undefined)
    return conflict('RECTIFICATION.EVALUATION_REQUIRED', `an item that is ${c.status} has an evaluation record`);
  if (closed && c.evaluation?.result !== 'Pass')
    return conflict('RECTIFICATION.EVALUATION_FAILED', 'an item is closed only after an evaluation that passed');
  if (closed && c.closedOn === undefined)
    return validation('IMPORT.CLOSE_DATE_REQUIRED', `an item that is ${c.status} has its 销号 date`);
  if (c.status === 'LookBackPassed' && c.lookBack?.result !== 'Pass')
    return validation('IMPORT.LOOK_BACK_REQUIRED', 'an item whose look-back passed has a passed look-back record');
  const ahead =
    (!evaluated && c.evaluation !== undefined) ||
    (!closed && c.closedOn !== undefined) ||
    (c.status !== 'LookBackPassed' && c.lookBack !== undefined);
  return ahead
    ? validation('IMPORT.STEP_AHEAD_OF_STATUS', `the line records a step after its status ${c.status}`)
    : undefined;
};

/** The business dates in their order: assigned ≤ evaluated ≤ closed ≤ looked back ≤ today. */
const datesInOrder = (c: ImportRectificationFromLedger): DomainError | undefined => {
  const assignedOn = businessDateOf(c.assignedOn, c.at, undefined, 'assignedOn');
  if (isDomainError(assignedOn)) return assignedOn;
  if (c.dueDate !== undefined && c.dueDate < c.assignedOn) return outOfOrder('dueDate', 'assignedOn');
  const evaluation = checkOf(c.evaluation, 'evaluation', c.at, { on: c.assignedOn, field: 'assignedOn' });
  if (evaluation) return evaluation;
  if (c.closedOn !== undefined) {
    const closedOn = businessDateOf(c.closedOn, c.at, c.assignedOn, 'closedOn');
    if (isDomainError(closedOn)) return closedOn;
    if (c.evaluation !== undefined && c.closedOn < c.evaluation.on) return outOfOrder('closedOn', 'evaluation.on');
  }
  return checkOf(c.lookBack, 'lookBack', c.at, { on: c.closedOn ?? c.assignedOn, field: 'closedOn' });
};

const rowRef = (row: LedgerRowRef | undefined): DomainError | undefined => {
  const error = firstError(
    requireOneOf(row?.ledger, ['rectification'] as const, 'ledgerRow.ledger'),
    requireText(row?.ledgerNo, 'ledgerRow.ledgerNo', 100),
  );
  if (error || !row) return error;
  if (typeof row.fileSha256 !== 'string' || !SHA256.test(row.fileSha256))
    return validation('IMPORT.INVALID_FILE_HASH', 'ledgerRow.fileSha256 must be 64 lower-case hex digits');
  if (!Number.isSafeInteger(row.row) || row.row < 2)
    return validation('IMPORT.INVALID_ROW', 'ledgerRow.row is a data row of the worksheet (2 or more)');
  return undefined;
};

/**
 * Only an assignment and its imported step: an item that exists already is never imported over. Who
 * may import is who may assign an item in the clue's region (a supervisor of the region); unlike
 * 下达, a due date may lie in the past (the ledger's history), never before the assignment.
 */
export const decideImportRectification = (
  c: ImportRectificationFromLedger,
  state: RectificationState,
  config: DomainConfig,
): Decision<RectificationEvent> => {
  const error =
    firstError(
      assignItemPrecondition({ regionId: typeof c.regionId === 'string' ? c.regionId : '' }, c.actor),
      requireInstant(c.at, 'at'),
      requireText(c.itemId, 'itemId', 100),
      requireText(c.clueId, 'clueId', 100),
      requireText(c.regionId, 'regionId', NAME),
      requireText(c.agencyOrgId, 'agencyOrgId', NAME),
      requireOneOf(c.mode, RECTIFICATION_MODES, 'mode'),
      requireText(c.issue, 'issue', TEXT),
      requireText(c.measures, 'measures', TEXT),
      requireText(c.owner, 'owner', NAME),
      requireText(c.responsiblePerson, 'responsiblePerson', NAME),
      requireDate(c.assignedOn, 'assignedOn'),
      requireOneOf(c.status, IMPORTABLE_RECTIFICATION_STATUSES, 'status'),
      c.mode === 'Deadline' || c.dueDate !== undefined ? requireDate(c.dueDate, 'dueDate') : undefined,
      c.mode === 'LongTerm' || c.longTermTarget !== undefined
        ? requireText(c.longTermTarget, 'longTermTarget', TEXT)
        : undefined,
      c.closedOn === undefined ? undefined : requireDate(c.closedOn, 'closedOn'),
      c.clueLedgerNo === undefined ? undefined : requireText(c.clueLedgerNo, 'clueLedgerNo', 100),
      c.note === undefined ? undefined : requireText(c.note, 'note', TEXT),
      rowRef(c.ledgerRow),
    ) ??
    stepRecord(c) ??
    datesInOrder(c);
  if (error) return error;
  if (state.status !== 'None')
    return conflict('RECTIFICATION.ALREADY_EXISTS', 'this rectification item already exists');
  // 立行立改 without a date was due the day it was assigned (or the next working day), as 下达 sets it.
  const base = eventBase(c);
  const row = c.ledgerRow;
  return [
    itemAssigned(c, c.assignedOn, config.calendar, []),
    {
      type: 'RectificationHistoryImported',
      data: {
        ...base,
        status: c.status,
        assignedOn: c.assignedOn,
        ...(c.evaluation
          ? { evaluation: { method: c.evaluation.method, result: c.evaluation.result, on: c.evaluation.on } }
          : {}),
        ...(c.closedOn !== undefined ? { closedOn: c.closedOn } : {}),
        ...(c.lookBack
          ? { lookBack: { method: c.lookBack.method, result: c.lookBack.result, on: c.lookBack.on } }
          : {}),
        ...(c.clueLedgerNo !== undefined ? { clueLedgerNo: c.clueLedgerNo } : {}),
        ...(c.note !== undefined ? { note: c.note } : {}),
        ledgerRow: { ledger: 'rectification', ledgerNo: row.ledgerNo, fileSha256: row.fileSha256, row: row.row },
      },
    },
  ];
};

/**
 * The rectification decider that also takes ImportRectificationFromLedger: an overlay, as the clue's
 * import is (no user runs it on an item of the workflow); its events are the item's own and fold
 * with the item's evolve.
 */
export const withRectificationImport = <C extends { readonly type: string }>(
  decider: Decider<C, RectificationState, RectificationEvent>,
  config: DomainConfig,
): Decider<C | ImportRectificationFromLedger, RectificationState, RectificationEvent> => ({
  initialState: decider.initialState,
  evolve: decider.evolve,
  decide: (command, state) =>
    command.type === 'ImportRectificationFromLedger'
      ? decideImportRectification(command as ImportRectificationFromLedger, state, config)
      : decider.decide(command as C, state),
});
