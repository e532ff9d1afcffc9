import { LedgerKind } from '@xj/domain';

/**
 * One data line of a ledger workbook as the reader hands it over: the worksheet row number and each
 * cell by its header, as text (a date cell as `YYYY-MM-DD`; an empty cell is absent).
 */
export interface LedgerRow {
  readonly row: number;
  readonly cells: Readonly<Record<string, string>>;
}

/** A ledger workbook being read: its header line first, then its lines one at a time (streamed). */
export interface LedgerSheet {
  readonly headers: readonly string[];
  readonly rows: AsyncIterable<LedgerRow>;
}

/** One thing wrong with a line (or the file): a stable code, the column it is about, and words. */
export interface ImportProblem {
  readonly code: string;
  /** The column header (Chinese, as in the template). */
  readonly column?: string;
  readonly message: string;
}

/** What happened, or would happen, to one line. */
export type RowOutcome = 'created' | 'would-create' | 'already-imported' | 'refused';

export interface RowResult {
  readonly row: number;
  readonly ledgerNo?: string;
  readonly outcome: RowOutcome;
  /** The case the line is (or would be) imported as: derived from the office and the ledger number. */
  readonly caseId?: string;
  /**
   * What would be or was created: the step and the supervised unit; a clue's receipt date, an
   * item's assignment date and its clue.
   */
  readonly summary?: {
    readonly status: string;
    readonly agencyOrgId: string;
    readonly receivedOn?: string;
    readonly assignedOn?: string;
    readonly clueId?: string;
  };
  readonly problems: readonly ImportProblem[];
}

export interface ImportReport {
  readonly kind: LedgerKind;
  readonly dryRun: boolean;
  readonly fileSha256: string;
  readonly fileName: string;
  readonly importedBy: string;
  readonly orgId: string;
  /** Problems of the whole file (a missing column): every line is refused then. */
  readonly fileProblems: readonly ImportProblem[];
  readonly totals: Readonly<Record<RowOutcome, number>> & { readonly rows: number };
  readonly rows: readonly RowResult[];
}
