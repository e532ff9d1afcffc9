import { LocalDate, localDateOf } from '@xj/domain';
import { LabelCatalogue, LabelNamespace, codeOfLabel } from '../labels/label-catalogue';
import { ImportProblem, LedgerRow } from './ledger-import.types';

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

/** The header columns a file lacks, as problems of the whole file. */
export const missingColumns = (
  columns: readonly { readonly header: string; readonly required: boolean }[],
  headers: readonly string[],
): ImportProblem[] =>
  columns
    .filter((c) => c.required && !headers.includes(c.header))
    .map((c) => ({ code: 'IMPORT.MISSING_COLUMN', column: c.header, message: `the ledger has no column ${c.header}` }));

/**
 * How a ledger line's cells are read, whatever the ledger: each reading that fails adds its problem
 * (every problem of the line, not just the first, so a dry run shows a clerk all there is to correct)
 * and answers undefined. Dates are China dates, none after the import's day; labels are read back
 * through the deployment's catalogue.
 */
export const ledgerLineReader = <K extends string>(
  line: LedgerRow,
  headerOf: (key: K) => string,
  labels: LabelCatalogue,
  at: string,
) => {
  const problems: ImportProblem[] = [];
  const problem = (key: K, code: string, message: string): undefined => {
    problems.push({ code, column: headerOf(key), message });
    return undefined;
  };
  const cell = (key: K): string | undefined => {
    const value = line.cells[headerOf(key)]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const required = (key: K): string | undefined =>
    cell(key) ?? problem(key, 'IMPORT.MISSING_VALUE', `${headerOf(key)} is empty`);
  const today = localDateOf(at);
  const date = (key: K, text: string | undefined): LocalDate | undefined => {
    if (text === undefined) return undefined;
    const parsed = parseLedgerDate(text);
    if (parsed === undefined) return problem(key, 'IMPORT.BAD_DATE', `${headerOf(key)} "${text}" is not a date`);
    if (parsed > today) return problem(key, 'IMPORT.DATE_IN_FUTURE', `${headerOf(key)} ${parsed} lies after today`);
    return parsed;
  };
  const label = <T extends string>(
    key: K,
    text: string | undefined,
    namespace: LabelNamespace,
    code: string,
    allowed?: (value: string) => boolean,
  ): T | undefined => {
    if (text === undefined) return undefined;
    const value = codeOfLabel(labels, namespace, text);
    return value !== undefined && (allowed?.(value) ?? true)
      ? (value as T)
      : problem(key, code, `${headerOf(key)} "${text}" is not known`);
  };
  return { problems, problem, cell, required, date, label };
};
