import { Actor, ClueState, LedgerKind, RectificationState, isDomainError } from '@xj/domain';
import { CaseAggregates } from '../cases/case-aggregates';
import { CommandRejectedError } from '../command/command-errors';
import { CommandExecutor } from '../command/command-executor';
import { EventStore } from '../event-store/event-store.port';
import { LabelCatalogue } from '../labels/label-catalogue';
import { recordImport } from './ledger-import-record';
import { ImportProblem, ImportReport, LedgerSheet, RowOutcome, RowResult } from './ledger-import.types';
import { PreparedLine, alreadyImported, caseOf, ledgerLinesOf } from './ledger-lines';

export { importedClueIdOf, importedRectificationIdOf } from './ledger-lines';

export interface LedgerImportRequest {
  readonly kind: LedgerKind;
  readonly sheet: LedgerSheet;
  readonly actor: Actor;
  /** The instant of the import (the events' `at`); the ledger's own dates are the business dates. */
  readonly at: string;
  readonly fileSha256: string;
  readonly fileName: string;
  readonly dryRun: boolean;
  /** Called after each line with the number of lines done (a CLI progress bar). */
  readonly onProgress?: (done: number) => void;
}

export interface LedgerImporterOptions {
  /** Lines in flight at once: each is its own stream, so they only meet in the store's group commit. */
  readonly concurrency?: number;
}

/**
 * 历史补录 — imports a legacy ledger (线索台账 or 整改台账), line by line (issue 19 §3). A dry run
 * decides every line against the store as it stands and writes nothing; a real run executes each
 * line through the one command path and records the import (who, which file, when).
 */
export class LedgerImporter {
  private readonly concurrency: number;

  constructor(
    private readonly executor: CommandExecutor,
    private readonly store: EventStore,
    private readonly aggregates: CaseAggregates,
    private readonly labels: LabelCatalogue,
    /** Whether an organisation is a supervised agency the actor's region covers. */
    private readonly agencyFor: (actor: Actor, orgId: string) => boolean,
    options: LedgerImporterOptions = {},
  ) {
    this.concurrency = Math.max(1, options.concurrency ?? 64);
  }

  async run(request: LedgerImportRequest): Promise<ImportReport> {
    const { actor, sheet } = request;
    const lines = ledgerLinesOf(
      request.kind,
      {
        actor,
        at: request.at,
        fileSha256: request.fileSha256,
        labels: this.labels,
        isAgency: (orgId) => this.agencyFor(actor, orgId),
      },
      this.executor,
      this.aggregates,
    );
    const fileProblems: ImportProblem[] = lines.missingColumns(sheet.headers);
    const results: RowResult[] = [];
    const seen = new Set<string>();
    const inFlight = new Set<Promise<void>>();
    let done = 0;
    const finish = (result: RowResult): void => {
      results.push(result);
      done += 1;
      request.onProgress?.(done);
    };
    for await (const line of sheet.rows) {
      if (fileProblems.length > 0) {
        finish({
          row: line.row,
          outcome: 'refused',
          problems: [{ code: 'IMPORT.FILE_REFUSED', message: 'see fileProblems' }],
        });
        continue;
      }
      const read = lines.read(line);
      const key = read.ledgerNo;
      if (key !== undefined && seen.has(key)) {
        finish({
          row: line.row,
          ledgerNo: key,
          outcome: 'refused',
          problems: [
            ...read.problems,
            {
              code: 'IMPORT.DUPLICATE_LEDGER_NO',
              column: lines.ledgerNoHeader,
              message: `${key} appears on an earlier line`,
            },
          ],
        });
        continue;
      }
      if (key !== undefined) seen.add(key);
      const prepare = read.prepare;
      if (!prepare) {
        finish({ row: line.row, ledgerNo: key, outcome: 'refused', problems: read.problems });
        continue;
      }
      const task = prepare()
        .then((prepared) => ('outcome' in prepared ? prepared : this.importLine(line.row, prepared, request.dryRun)))
        .then(finish);
      inFlight.add(task);
      void task.finally(() => inFlight.delete(task));
      if (inFlight.size >= this.concurrency) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    results.sort((a, b) => a.row - b.row);
    const totals = { rows: results.length, created: 0, 'would-create': 0, 'already-imported': 0, refused: 0 };
    for (const r of results) totals[r.outcome] += 1;
    const report: ImportReport = {
      kind: request.kind,
      dryRun: request.dryRun,
      fileSha256: request.fileSha256,
      fileName: request.fileName,
      importedBy: actor.userId,
      orgId: actor.orgId,
      fileProblems,
      totals,
      rows: results,
    };
    if (!request.dryRun)
      await recordImport(
        this.store,
        report,
        { userId: actor.userId, role: actor.role, orgId: actor.orgId },
        request.at,
      );
    return report;
  }

  private async importLine(row: number, line: PreparedLine, dryRun: boolean): Promise<RowResult> {
    const ledgerNo = line.command.ledgerRow.ledgerNo;
    const { caseId, summary } = caseOf(line);
    const base = { row, ledgerNo, caseId, summary };
    const refused = (code: string, message: string): RowResult => ({
      ...base,
      outcome: 'refused',
      problems: [{ code, message }],
    });
    // Both overlays take their import command on the aggregate's decider (withClueImport, withRectificationImport).
    const definition = this.aggregates[line.kind] as typeof this.aggregates.clue;
    const command = line.command as never;
    if (dryRun) {
      const { state } = await this.executor.load(definition, caseId);
      if (alreadyImported(state as ClueState | RectificationState, ledgerNo))
        return { ...base, outcome: 'already-imported', problems: [] };
      const decision = definition.decider.decide(command, state);
      return isDomainError(decision)
        ? refused(decision.code, decision.message)
        : { ...base, outcome: 'would-create', problems: [] };
    }
    try {
      const outcome = await this.executor.execute(definition, caseId, command, {
        commandId: line.commandId,
        correlationId: `ledger-import:${line.command.ledgerRow.fileSha256}`,
      });
      const outcomeOf: RowOutcome = outcome.replayed ? 'already-imported' : 'created';
      return { ...base, outcome: outcomeOf, problems: [] };
    } catch (error) {
      if (error instanceof CommandRejectedError) return refused(error.domainError.code, error.domainError.message);
      throw error;
    }
  }
}
