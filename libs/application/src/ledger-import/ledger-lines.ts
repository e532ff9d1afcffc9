import {
  Actor,
  ClueState,
  ImportClueFromLedger,
  ImportRectificationFromLedger,
  LedgerKind,
  RectificationState,
  regionCovers,
} from '@xj/domain';
import { CaseAggregates } from '../cases/case-aggregates';
import { CommandExecutor } from '../command/command-executor';
import { deterministicUuid } from '../command/deterministic-id';
import { LabelCatalogue } from '../labels/label-catalogue';
import { mapClueRow, missingClueColumns } from './clue-row.mapper';
import { ImportProblem, LedgerRow, RowResult } from './ledger-import.types';
import { RectificationDraft, mapRectificationRow, missingRectificationColumns } from './rectification-row.mapper';

/**
 * The case id of a ledger line: the office, the ledger kind and the line's own number, nothing else,
 * so a re-run of the same file — or a run after a crash half-way — names the same cases and the same
 * commands, and the command path answers every line already written as a replay (nothing doubles).
 */
export const importedClueIdOf = (orgId: string, ledgerNo: string): string =>
  deterministicUuid(`ledger-import:clue:${orgId}:${ledgerNo.trim()}`);

export const importedRectificationIdOf = (orgId: string, ledgerNo: string): string =>
  deterministicUuid(`ledger-import:rectification:${orgId}:${ledgerNo.trim()}`);

const importCommandIdOf = (kind: LedgerKind, orgId: string, ledgerNo: string): string =>
  deterministicUuid(`ledger-import:${kind}:command:${orgId}:${ledgerNo.trim()}`);

/** One good line ready for the command path: the case it makes and what the report says of it. */
export type PreparedLine =
  | { readonly kind: 'clue'; readonly command: ImportClueFromLedger; readonly commandId: string }
  | { readonly kind: 'rectification'; readonly command: ImportRectificationFromLedger; readonly commandId: string };

/** A line as read: its number, and either a preparation still to run (async: the store is asked) or its problems. */
export interface ReadLine {
  readonly ledgerNo?: string;
  readonly problems: readonly ImportProblem[];
  readonly prepare?: () => Promise<PreparedLine | RowResult>;
}

export interface LineContext {
  readonly actor: Actor;
  readonly at: string;
  readonly fileSha256: string;
  readonly labels: LabelCatalogue;
  readonly isAgency: (orgId: string) => boolean;
}

/** What the importer needs of one kind of ledger: its required columns, its number's column, each line's reading. */
export interface LedgerLines {
  readonly ledgerNoHeader: string;
  missingColumns(headers: readonly string[]): ImportProblem[];
  read(line: LedgerRow): ReadLine;
}

const clueLines = (ctx: LineContext): LedgerLines => ({
  ledgerNoHeader: '线索编号',
  missingColumns: missingClueColumns,
  read: (line) => {
    const mapped = mapClueRow(line, { ...ctx, clueIdOf: (no) => importedClueIdOf(ctx.actor.orgId, no) });
    const command = mapped.command;
    return {
      ledgerNo: mapped.ledgerNo?.trim(),
      problems: mapped.problems,
      ...(command && {
        prepare: () =>
          Promise.resolve({
            kind: 'clue' as const,
            command,
            commandId: importCommandIdOf('clue', ctx.actor.orgId, command.ledgerRow.ledgerNo),
          }),
      }),
    };
  },
});

/**
 * The clue a 整改台账 line names by its 线索编号: a clue imported from the office's 线索台账 under that
 * number, else a clue registered here under that id — in the importer's region either way (a clue
 * it could not open is as unknown as one that does not exist). One look-up per number and run.
 */
const clueFinder = (executor: CommandExecutor, aggregates: CaseAggregates, actor: Actor) => {
  const found = new Map<string, Promise<{ readonly clueId: string; readonly regionId: string } | undefined>>();
  const load = async (clueId: string): Promise<{ readonly clueId: string; readonly regionId: string } | undefined> => {
    const { state } = await executor.load(aggregates.clue, clueId);
    const regionId = state.regionId;
    return state.status !== 'None' && regionId !== undefined && regionCovers(actor.regionId, regionId)
      ? { clueId, regionId }
      : undefined;
  };
  const find = async (clueLedgerNo: string) =>
    (await load(importedClueIdOf(actor.orgId, clueLedgerNo))) ?? (await load(clueLedgerNo));
  return (clueLedgerNo: string) => {
    let result = found.get(clueLedgerNo);
    if (!result) found.set(clueLedgerNo, (result = find(clueLedgerNo)));
    return result;
  };
};

const rectificationLines = (ctx: LineContext, executor: CommandExecutor, aggregates: CaseAggregates): LedgerLines => {
  const findClue = clueFinder(executor, aggregates, ctx.actor);
  const prepare = async (row: number, clueLedgerNo: string, draft: RectificationDraft) => {
    const clue = await findClue(clueLedgerNo);
    if (!clue)
      return {
        row,
        ledgerNo: draft.ledgerRow.ledgerNo,
        outcome: 'refused' as const,
        problems: [
          {
            code: 'IMPORT.UNKNOWN_CLUE',
            column: '线索编号',
            message: `no clue ${clueLedgerNo} of the office's region: import the 线索台账 first`,
          },
        ],
      };
    return {
      kind: 'rectification' as const,
      command: { ...draft, clueId: clue.clueId, regionId: clue.regionId },
      commandId: importCommandIdOf('rectification', ctx.actor.orgId, draft.ledgerRow.ledgerNo),
    };
  };
  return {
    ledgerNoHeader: '整改编号',
    missingColumns: missingRectificationColumns,
    read: (line) => {
      const mapped = mapRectificationRow(line, {
        ...ctx,
        itemIdOf: (no) => importedRectificationIdOf(ctx.actor.orgId, no),
      });
      const { draft, clueLedgerNo } = mapped;
      return {
        ledgerNo: mapped.ledgerNo?.trim(),
        problems: mapped.problems,
        ...(draft && { prepare: () => prepare(line.row, clueLedgerNo, draft) }),
      };
    },
  };
};

export const ledgerLinesOf = (
  kind: LedgerKind,
  ctx: LineContext,
  executor: CommandExecutor,
  aggregates: CaseAggregates,
): LedgerLines => (kind === 'clue' ? clueLines(ctx) : rectificationLines(ctx, executor, aggregates));

/** The case a prepared line makes, and what the report says it is. */
export const caseOf = (line: PreparedLine): { readonly caseId: string; readonly summary: RowResult['summary'] } =>
  line.kind === 'clue'
    ? {
        caseId: line.command.clueId,
        summary: {
          status: line.command.status,
          receivedOn: line.command.receivedAt.slice(0, 10),
          agencyOrgId: line.command.agency.orgId,
        },
      }
    : {
        caseId: line.command.itemId,
        summary: {
          status: line.command.status,
          assignedOn: line.command.assignedOn,
          agencyOrgId: line.command.agencyOrgId,
          clueId: line.command.clueId,
        },
      };

/** A case already imported from this very line number: the re-run's "nothing new". */
export const alreadyImported = (state: ClueState | RectificationState, ledgerNo: string): boolean =>
  state.status !== 'None' && state.importedFrom?.ledgerNo === ledgerNo;
