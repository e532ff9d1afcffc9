import { AsOfPoint } from '@xj/application';
import { isInstant } from '@xj/domain';
import { Command, CommandRunner } from 'nest-commander';
import { parseCaseId, parseCaseKind } from '../case-kind';
import { CliError, CliIo } from '../cli-io';
import { CliRuntime } from '../cli-runtime';

const notFound = (kind: string, id: string): CliError => new CliError(`No ${kind} ${id}.`, 1);

/** `history <kind> <id>`: every event, with actor, times, ids, rulebook, hash chain and descriptions. */
@Command({
  name: 'history',
  arguments: '<kind> <id>',
  description:
    'The full history of a clue, referral, rectification item or accountability case (recorded in the access log)',
})
export class HistoryCommand extends CommandRunner {
  constructor(
    private readonly runtime: CliRuntime,
    private readonly io: CliIo,
  ) {
    super();
  }

  async run([kindArg, idArg]: string[]): Promise<void> {
    const kind = parseCaseKind(kindArg);
    const id = parseCaseId(idArg);
    const history = await (await this.runtime.dossiers()).history(kind, id);
    if (!history) throw notFound(kind, id);
    this.io.json(history);
  }
}

/** An ISO-8601 instant with an offset, or a revision (digits). */
export const parseAsOfPoint = (value: string | undefined): AsOfPoint => {
  if (value !== undefined && /^\d{1,18}$/.test(value)) return { revision: BigInt(value) };
  if (isInstant(value)) return { at: value };
  throw new CliError(
    `"${value ?? ''}" is neither an ISO-8601 instant with an offset (2026-03-04T09:30:00+08:00) nor a revision.`,
  );
};

/** `as-of <kind> <id> <time>`: the state folded from the events recorded up to then. */
@Command({
  name: 'as-of',
  arguments: '<kind> <id> <time>',
  description: 'A case as it stood at an instant (ISO-8601 with offset) or revision (digits)',
})
export class AsOfCommand extends CommandRunner {
  constructor(
    private readonly runtime: CliRuntime,
    private readonly io: CliIo,
  ) {
    super();
  }

  async run([kindArg, idArg, time]: string[]): Promise<void> {
    const kind = parseCaseKind(kindArg);
    const id = parseCaseId(idArg);
    const past = await (await this.runtime.dossiers()).asOf(kind, id, parseAsOfPoint(time));
    if (!past) throw notFound(kind, id);
    this.io.json(past);
  }
}

/** `explain <referral-id>`: matched situations, facts, rulebook, proposer, approver, deadlines. */
@Command({
  name: 'explain',
  arguments: '<referral-id>',
  description:
    'Why a referral was made: situations and facts under which rulebook, who proposed and approved, how deadlines were computed',
})
export class ExplainCommand extends CommandRunner {
  constructor(
    private readonly runtime: CliRuntime,
    private readonly io: CliIo,
  ) {
    super();
  }

  async run([idArg]: string[]): Promise<void> {
    const id = parseCaseId(idArg);
    const explanation = await (await this.runtime.dossiers()).explain(id);
    if (!explanation) throw notFound('referral', id);
    this.io.json(explanation);
  }
}

/** `export <kind> <id>`: the dossier (state, history, explanation, verification) as one JSON document. */
@Command({
  name: 'export',
  arguments: '<kind> <id>',
  description:
    "A case's dossier as JSON: state, full history, explanation (referrals) and the verification of its hash chain",
})
export class ExportCommand extends CommandRunner {
  constructor(
    private readonly runtime: CliRuntime,
    private readonly io: CliIo,
  ) {
    super();
  }

  async run([kindArg, idArg]: string[]): Promise<void> {
    const kind = parseCaseKind(kindArg);
    const id = parseCaseId(idArg);
    const dossier = await (await this.runtime.dossiers()).export(kind, id);
    if (!dossier) throw notFound(kind, id);
    if (!dossier.verification.ok) this.io.failed();
    this.io.json(dossier);
  }
}
