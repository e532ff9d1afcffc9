import { randomUUID } from 'node:crypto';
import { LedgerKind } from '@xj/domain';
import { deterministicUuid } from '../command/deterministic-id';
import { EventStore } from '../event-store/event-store.port';
import { ImportReport } from './ledger-import.types';

/** Stream category of the import records: `ledgerimport-<id>`, one stream per office, kind and file. */
export const LEDGER_IMPORT_CATEGORY = 'ledgerimport';
export const LEDGER_IMPORT_RECORDED = 'LedgerImportRecorded';

/** 历史补录 record: who imported which file (by its hash) when, and what came of its lines. */
export interface LedgerImportRecordedData {
  readonly at: string;
  readonly by: { readonly userId: string; readonly role: string; readonly orgId: string };
  readonly kind: LedgerKind;
  readonly fileSha256: string;
  readonly fileName: string;
  readonly rows: number;
  readonly created: number;
  readonly alreadyImported: number;
  readonly refused: number;
}

export const ledgerImportStreamOf = (orgId: string, kind: LedgerKind, fileSha256: string): string =>
  `${LEDGER_IMPORT_CATEGORY}-${deterministicUuid(`${orgId}:${kind}:${fileSha256}`)}`;

/**
 * Appends the record of a real run to the file's stream, so the hash chain holds it: every run is
 * recorded, a re-run that created nothing too (it is still someone importing that file then).
 */
export const recordImport = async (
  store: EventStore,
  report: ImportReport,
  by: LedgerImportRecordedData['by'],
  at: string,
): Promise<void> => {
  const data: LedgerImportRecordedData = {
    at,
    by,
    kind: report.kind,
    fileSha256: report.fileSha256,
    fileName: report.fileName,
    rows: report.totals.rows,
    created: report.totals.created,
    alreadyImported: report.totals['already-imported'],
    refused: report.totals.refused,
  };
  // Each run is its own fact (two runs of the same file are two records), hence a fresh id, not one
  // derived from the file: nothing retries this append.
  const commandId = randomUUID();
  await store.append(
    ledgerImportStreamOf(by.orgId, report.kind, report.fileSha256),
    [
      {
        eventId: randomUUID(),
        type: LEDGER_IMPORT_RECORDED,
        data,
        metadata: { schemaVersion: 1, actor: by, commandId, correlationId: commandId, causationId: commandId },
      },
    ],
    'any',
  );
};
