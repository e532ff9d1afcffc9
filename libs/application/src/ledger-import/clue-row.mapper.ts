import { Actor, ClueSource, IMPORTABLE_CLUE_STATUSES, ImportClueFromLedger } from '@xj/domain';
import { LabelCatalogue } from '../labels/label-catalogue';
import { ledgerLineReader, missingColumns } from './ledger-line-reader';
import { CLUE_IMPORT_COLUMNS, headerOf } from './clue-ledger-columns';
import { ImportProblem, LedgerRow } from './ledger-import.types';

/** What a line is read against: who imports, when, from which file, and the deployment's labels. */
export interface ClueRowContext {
  readonly actor: Actor;
  readonly at: string;
  readonly fileSha256: string;
  /** The deployment's catalogue: sources and steps by their labels, agencies by their names. */
  readonly labels: LabelCatalogue;
  /** Whether an organisation id is a supervised agency the importer's region covers. */
  readonly isAgency: (orgId: string) => boolean;
  /** The case id of a ledger number: the same office and number always give the same id. */
  readonly clueIdOf: (ledgerNo: string) => string;
}

export type MappedRow =
  | { readonly ledgerNo?: string; readonly command: ImportClueFromLedger; readonly problems: readonly [] }
  | { readonly ledgerNo?: string; readonly command?: undefined; readonly problems: readonly ImportProblem[] };

/** The header columns the file lacks, as problems of the whole file. */
export const missingClueColumns = (headers: readonly string[]): ImportProblem[] =>
  missingColumns(CLUE_IMPORT_COLUMNS, headers);

/**
 * One 线索台账 line → the import command, or every problem of the line (not just the first), so a
 * dry run shows a clerk all there is to correct. Dates are China dates; a receipt counts from the
 * start of its day.
 */
export const mapClueRow = (line: LedgerRow, ctx: ClueRowContext): MappedRow => {
  const { problems, problem, cell, required, date, label } = ledgerLineReader(line, headerOf, ctx.labels, ctx.at);
  const ledgerNo = required('ledgerNo');
  const source = label<ClueSource>('source', required('source'), 'clueSource', 'IMPORT.UNKNOWN_SOURCE');
  const sourceRef = required('sourceRef');
  const receivedOn = date('receivedOn', required('receivedOn'));
  const agencyOrgId = label<string>(
    'agency',
    required('agency'),
    'organisation',
    'IMPORT.UNKNOWN_AGENCY',
    ctx.isAgency,
  );
  const summary = required('summary');
  const status = label<ImportClueFromLedger['status']>(
    'status',
    required('status'),
    'clueStatus',
    'IMPORT.UNKNOWN_STATUS',
    (s) => (IMPORTABLE_CLUE_STATUSES as readonly string[]).includes(s),
  );
  const statusOn = date('statusOn', cell('statusOn'));
  if (statusOn !== undefined && receivedOn !== undefined && statusOn < receivedOn)
    problem('statusOn', 'IMPORT.DATE_OUT_OF_ORDER', `${headerOf('statusOn')} ${statusOn} lies before the receipt`);
  const note = cell('note');

  if (
    problems.length > 0 ||
    ledgerNo === undefined ||
    source === undefined ||
    sourceRef === undefined ||
    receivedOn === undefined ||
    agencyOrgId === undefined ||
    summary === undefined ||
    status === undefined
  )
    return { ledgerNo, problems };
  return {
    ledgerNo,
    problems: [],
    command: {
      type: 'ImportClueFromLedger',
      actor: ctx.actor,
      at: ctx.at,
      clueId: ctx.clueIdOf(ledgerNo),
      regionId: ctx.actor.regionId,
      source,
      sourceRef,
      receivedAt: `${receivedOn}T00:00:00+08:00`,
      agency: { orgId: agencyOrgId, name: ctx.labels.labelOf('organisation', agencyOrgId, 'zh') },
      summary,
      status,
      ...(statusOn === undefined ? {} : { statusOn }),
      ...(note === undefined ? {} : { note }),
      ledgerRow: { ledger: 'clue', ledgerNo, fileSha256: ctx.fileSha256, row: line.row },
    },
  };
};
