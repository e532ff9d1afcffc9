import { Actor, ClueSource, IMPORTABLE_CLUE_STATUSES, ImportClueFromLedger, LocalDate, localDateOf } from '@xj/domain';
import { LabelCatalogue, codeOfLabel } from '../labels/label-catalogue';
import { CLUE_IMPORT_COLUMNS, ClueLedgerColumnKey, headerOf } from './clue-ledger-columns';
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

const YMD = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;

/** Excel's day 0 (its serials count from 1899-12-30, the 1900 leap-year bug included). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/**
 * A ledger's date as Excel clerks write it (2023-04-03, 2023/4/3, 2023.4.3, 2023年4月3日), or as a
 * day serial (a date cell that lost its date format: five digits, 1927–2173), or undefined.
 */
export const parseLedgerDate = (text: string): LocalDate | undefined => {
  if (/^\d{5}$/.test(text.trim())) return new Date(EXCEL_EPOCH_MS + Number(text) * DAY_MS).toISOString().slice(0, 10);
  const match = YMD.exec(text.trim());
  if (!match) return undefined;
  const [, y, m, d] = match;
  const date = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  const ms = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === date ? date : undefined;
};

/** The header columns the file lacks, as problems of the whole file. */
export const missingClueColumns = (headers: readonly string[]): ImportProblem[] =>
  CLUE_IMPORT_COLUMNS.filter((c) => c.required && !headers.includes(c.header)).map((c) => ({
    code: 'IMPORT.MISSING_COLUMN',
    column: c.header,
    message: `the ledger has no column ${c.header}`,
  }));

/**
 * One 线索台账 line → the import command, or every problem of the line (not just the first), so a
 * dry run shows a clerk all there is to correct. Dates are China dates; a receipt counts from the
 * start of its day.
 */
export const mapClueRow = (line: LedgerRow, ctx: ClueRowContext): MappedRow => {
  const problems: ImportProblem[] = [];
  const problem = (key: ClueLedgerColumnKey, code: string, message: string): undefined => {
    problems.push({ code, column: headerOf(key), message });
    return undefined;
  };
  const cell = (key: ClueLedgerColumnKey): string | undefined => {
    const value = line.cells[headerOf(key)]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const required = (key: ClueLedgerColumnKey): string | undefined =>
    cell(key) ?? problem(key, 'IMPORT.MISSING_VALUE', `${headerOf(key)} is empty`);
  const today = localDateOf(ctx.at);
  const date = (key: ClueLedgerColumnKey, text: string | undefined): LocalDate | undefined => {
    if (text === undefined) return undefined;
    const parsed = parseLedgerDate(text);
    if (parsed === undefined) return problem(key, 'IMPORT.BAD_DATE', `${headerOf(key)} "${text}" is not a date`);
    if (parsed > today) return problem(key, 'IMPORT.DATE_IN_FUTURE', `${headerOf(key)} ${parsed} lies after today`);
    return parsed;
  };
  const label = <T extends string>(
    key: ClueLedgerColumnKey,
    namespace: 'clueSource' | 'clueStatus' | 'organisation',
    code: string,
    allowed?: (value: string) => boolean,
  ): T | undefined => {
    const text = required(key);
    if (text === undefined) return undefined;
    const value = codeOfLabel(ctx.labels, namespace, text);
    return value !== undefined && (allowed?.(value) ?? true)
      ? (value as T)
      : problem(key, code, `${headerOf(key)} "${text}" is not known`);
  };

  const ledgerNo = required('ledgerNo');
  const source = label<ClueSource>('source', 'clueSource', 'IMPORT.UNKNOWN_SOURCE');
  const sourceRef = required('sourceRef');
  const receivedOn = date('receivedOn', required('receivedOn'));
  const agencyOrgId = label<string>('agency', 'organisation', 'IMPORT.UNKNOWN_AGENCY', ctx.isAgency);
  const summary = required('summary');
  const status = label<ImportClueFromLedger['status']>('status', 'clueStatus', 'IMPORT.UNKNOWN_STATUS', (s) =>
    (IMPORTABLE_CLUE_STATUSES as readonly string[]).includes(s),
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
