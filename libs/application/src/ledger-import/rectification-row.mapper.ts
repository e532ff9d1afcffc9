import {
  Actor,
  EvaluationMethod,
  EvaluationResult,
  IMPORTABLE_RECTIFICATION_STATUSES,
  ImportRectificationFromLedger,
  ImportedCheck,
  LocalDate,
  RectificationMode,
} from '@xj/domain';
import { LabelCatalogue } from '../labels/label-catalogue';
import { ledgerLineReader, missingColumns } from './ledger-line-reader';
import {
  RECTIFICATION_IMPORT_COLUMNS,
  RectificationLedgerColumnKey,
  rectificationHeaderOf as headerOf,
} from './rectification-ledger-columns';
import { ImportProblem, LedgerRow } from './ledger-import.types';

/** What a line is read against: who imports, when, from which file, and the deployment's labels. */
export interface RectificationRowContext {
  readonly actor: Actor;
  readonly at: string;
  readonly fileSha256: string;
  readonly labels: LabelCatalogue;
  /** Whether an organisation id is a supervised agency the importer's region covers. */
  readonly isAgency: (orgId: string) => boolean;
  /** The item id of a ledger number: the same office and number always give the same id. */
  readonly itemIdOf: (ledgerNo: string) => string;
}

/** The import command but for the clue it belongs to, which the importer finds in the store. */
export type RectificationDraft = Omit<ImportRectificationFromLedger, 'clueId' | 'regionId'>;

export type MappedRectificationRow =
  | {
      readonly ledgerNo?: string;
      readonly clueLedgerNo: string;
      readonly draft: RectificationDraft;
      readonly problems: readonly [];
    }
  | {
      readonly ledgerNo?: string;
      readonly clueLedgerNo?: string;
      readonly draft?: undefined;
      readonly problems: readonly ImportProblem[];
    };

/** The header columns the file lacks, as problems of the whole file. */
export const missingRectificationColumns = (headers: readonly string[]): ImportProblem[] =>
  missingColumns(RECTIFICATION_IMPORT_COLUMNS, headers);

/**
 * One 整改台账 line → the import command (less its clue), or every problem of the line, so a dry run
 * shows a clerk all there is to correct. Labels are read back through the catalogue; whether the
 * step fits its records (销号 after a passed 评估…) is the domain's decision, reported by the dry run.
 */
export const mapRectificationRow = (line: LedgerRow, ctx: RectificationRowContext): MappedRectificationRow => {
  const { problems, problem, cell, required, date, label } = ledgerLineReader(line, headerOf, ctx.labels, ctx.at);
  const after = (key: RectificationLedgerColumnKey, on: LocalDate | undefined, earlier: LocalDate | undefined) => {
    if (on !== undefined && earlier !== undefined && on < earlier)
      problem(key, 'IMPORT.DATE_OUT_OF_ORDER', `${headerOf(key)} ${on} lies before the step it follows`);
  };
  /** 评估 / 回头看: all three cells or none; a method or date without its result is an incomplete record. */
  const check = (
    keys: readonly [RectificationLedgerColumnKey, RectificationLedgerColumnKey, RectificationLedgerColumnKey],
  ): ImportedCheck | undefined => {
    const [methodKey, resultKey, onKey] = keys;
    if (keys.every((k) => cell(k) === undefined)) return undefined;
    const method = label<EvaluationMethod>(methodKey, required(methodKey), 'evaluationMethod', 'IMPORT.UNKNOWN_METHOD');
    const result = label<EvaluationResult>(resultKey, required(resultKey), 'evaluationResult', 'IMPORT.UNKNOWN_RESULT');
    const on = date(onKey, required(onKey));
    return method && result && on ? { method, result, on } : undefined;
  };

  const ledgerNo = required('ledgerNo');
  // DOMAIN.md §1: an item belongs to a clue (a clue spawns 1..n items), so a line without one is refused.
  const clueLedgerNo =
    cell('clueLedgerNo') ??
    problem('clueLedgerNo', 'IMPORT.CLUE_REQUIRED', '线索编号 is empty: a rectification item belongs to a clue');
  const agencyOrgId = label<string>(
    'agency',
    required('agency'),
    'organisation',
    'IMPORT.UNKNOWN_AGENCY',
    ctx.isAgency,
  );
  const issue = required('issue');
  const measures = required('measures');
  const mode = label<RectificationMode>('mode', required('mode'), 'rectificationMode', 'IMPORT.UNKNOWN_MODE');
  const assignedOn = date('assignedOn', required('assignedOn'));
  const dueDate = date('dueOn', mode === 'Deadline' ? required('dueOn') : cell('dueOn'));
  after('dueOn', dueDate, assignedOn);
  const longTermTarget = mode === 'LongTerm' ? required('longTermTarget') : cell('longTermTarget');
  const owner = required('owner');
  const responsiblePerson = required('responsiblePerson');
  const status = label<ImportRectificationFromLedger['status']>(
    'status',
    required('status'),
    'rectificationStatus',
    'IMPORT.UNKNOWN_STATUS',
    (s) => (IMPORTABLE_RECTIFICATION_STATUSES as readonly string[]).includes(s),
  );
  const evaluation = check(['evaluationMethod', 'evaluationResult', 'evaluatedOn']);
  after('evaluatedOn', evaluation?.on, assignedOn);
  const closedOn = date('closedOn', cell('closedOn'));
  after('closedOn', closedOn, evaluation?.on ?? assignedOn);
  const lookBack = check(['lookBackMethod', 'lookBackResult', 'lookBackOn']);
  after('lookBackOn', lookBack?.on, closedOn ?? assignedOn);
  const note = cell('note');

  if (
    problems.length > 0 ||
    ledgerNo === undefined ||
    clueLedgerNo === undefined ||
    agencyOrgId === undefined ||
    issue === undefined ||
    measures === undefined ||
    mode === undefined ||
    assignedOn === undefined ||
    owner === undefined ||
    responsiblePerson === undefined ||
    status === undefined
  )
    return { ledgerNo, clueLedgerNo, problems };
  return {
    ledgerNo,
    clueLedgerNo,
    problems: [],
    draft: {
      type: 'ImportRectificationFromLedger',
      actor: ctx.actor,
      at: ctx.at,
      itemId: ctx.itemIdOf(ledgerNo),
      agencyOrgId,
      mode,
      issue,
      measures,
      ...(dueDate === undefined ? {} : { dueDate }),
      ...(longTermTarget === undefined ? {} : { longTermTarget }),
      owner,
      responsiblePerson,
      assignedOn,
      status,
      ...(evaluation === undefined ? {} : { evaluation }),
      ...(closedOn === undefined ? {} : { closedOn }),
      ...(lookBack === undefined ? {} : { lookBack }),
      clueLedgerNo,
      ...(note === undefined ? {} : { note }),
      ledgerRow: { ledger: 'rectification', ledgerNo, fileSha256: ctx.fileSha256, row: line.row },
    },
  };
};
