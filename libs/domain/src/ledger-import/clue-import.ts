import { decideRegisterClue } from '../clue/clue-analysis.decide';
import { Agency } from '../clue/clue.commands';
import { ClueSource } from '../clue/clue-source';
import { ClueEvent, ClueHistoryImported, ClueRegistered } from '../clue/clue.events';
import { CLUE_STATUSES, ClueState, ClueStatus } from '../clue/clue.state';
import { businessDateOf } from '../shared/business-date';
import { Decider, Decision } from '../shared/decider';
import { isDomainError, validation } from '../shared/domain-error';
import { CommandBase, eventBase } from '../shared/messages';
import { Subject } from '../shared/subject';
import { Instant, LocalDate, localDateOf } from '../shared/time';
import { firstError, requireOneOf, requireText } from '../shared/validate';

/** The ledgers an office keeps in Excel today: 线索台账 (clues) and 整改台账 (rectification items). */
export const LEDGER_KINDS = ['clue', 'rectification'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** The statuses a legacy line may stand at: every step but "not registered". */
export const IMPORTABLE_CLUE_STATUSES = CLUE_STATUSES.filter((s) => s !== 'None') as readonly Exclude<
  ClueStatus,
  'None'
>[];

/** Where an imported case came from: one line of the office's own ledger workbook. */
export interface LedgerRowRef {
  readonly ledger: LedgerKind;
  /** The line's own number in the office's ledger (线索编号): with the office, it names the case. */
  readonly ledgerNo: string;
  /** SHA-256 of the workbook the line was read from. */
  readonly fileSha256: string;
  /** The worksheet row (1-based, the header is row 1). */
  readonly row: number;
}

/**
 * 历史补录 — register a clue from a legacy ledger line with its original dates, and record the step it
 * had reached then. Recorded by the importing user (`actor`, `at` the day of import); the business
 * dates are the ledger's (`receivedAt`, `statusOn`).
 */
export interface ImportClueFromLedger extends CommandBase<'ImportClueFromLedger'> {
  readonly clueId: string;
  readonly regionId: string;
  readonly source: ClueSource;
  readonly sourceRef: string;
  readonly receivedAt: Instant;
  readonly agency: Agency;
  readonly summary: string;
  readonly subjects?: readonly Subject[];
  /** The step the ledger shows (办理状态). */
  readonly status: Exclude<ClueStatus, 'None'>;
  /** The day it reached that step (办结日期 / 状态日期), when the ledger says. */
  readonly statusOn?: LocalDate;
  readonly note?: string;
  readonly ledgerRow: LedgerRowRef;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Only a registration and its imported step: a clue that exists already is never imported over. */
export const decideImportClue = (command: ImportClueFromLedger, state: ClueState): Decision<ClueEvent> => {
  const registration = decideRegisterClue({ ...command, type: 'RegisterClue', attachments: [] }, state);
  if (isDomainError(registration)) return registration;
  const row = command.ledgerRow;
  const error = firstError(
    requireOneOf(command.status, IMPORTABLE_CLUE_STATUSES, 'status'),
    requireOneOf(row?.ledger, ['clue'] as const, 'ledgerRow.ledger'),
    requireText(row?.ledgerNo, 'ledgerRow.ledgerNo', 100),
    command.note === undefined ? undefined : requireText(command.note, 'note', 4_000),
  );
  if (error) return error;
  if (typeof row.fileSha256 !== 'string' || !SHA256.test(row.fileSha256))
    return validation('IMPORT.INVALID_FILE_HASH', 'ledgerRow.fileSha256 must be 64 lower-case hex digits');
  if (!Number.isSafeInteger(row.row) || row.row < 2)
    return validation('IMPORT.INVALID_ROW', 'ledgerRow.row is a data row of the worksheet (2 or more)');
  const receivedOn = localDateOf(command.receivedAt);
  let statusOn: LocalDate | undefined;
  if (command.statusOn !== undefined) {
    // A step is dated after the clue was received and never after the import (业务日期, issue 17 item 7).
    const date = businessDateOf(command.statusOn, command.at, receivedOn, 'statusOn');
    if (isDomainError(date)) return date;
    statusOn = date;
  }
  const [registered] = registration as readonly ClueRegistered[];
  if (!registered) return registration;
  const imported: ClueHistoryImported = {
    type: 'ClueHistoryImported',
    data: {
      ...eventBase(command),
      status: command.status,
      ...(statusOn === undefined ? {} : { statusOn }),
      ...(command.note === undefined ? {} : { note: command.note }),
      ledgerRow: { ledger: 'clue', ledgerNo: row.ledgerNo, fileSha256: row.fileSha256, row: row.row },
    },
  };
  return [registered, imported];
};

/**
 * The clue decider that also takes ImportClueFromLedger: the import is not a step of the clue's own
 * workflow (no user runs it on a case), so it is an overlay, as evidence is; its events are the
 * clue's own (ClueRegistered, ClueHistoryImported) and fold with the clue's evolve.
 */
export const withClueImport = <C extends { readonly type: string }, E>(
  decider: Decider<C, ClueState, E>,
): Decider<C | ImportClueFromLedger, ClueState, E> => ({
  initialState: decider.initialState,
  evolve: decider.evolve,
  decide: (command, state) =>
    command.type === 'ImportClueFromLedger'
      ? (decideImportClue(command as ImportClueFromLedger, state) as Decision<E>)
      : decider.decide(command as C, state),
});
