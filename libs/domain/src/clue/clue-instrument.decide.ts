import { computeDeadline, explicitDeadline } from '../calendar/deadline-policy';
import { DomainConfig } from '../domain-config';
import { Decision } from '../shared/decider';
import { conflict, validation } from '../shared/domain-error';
import { eventBase } from '../shared/messages';
import { localDateOf } from '../shared/time';
import { firstError, requireOneOf, requireText } from '../shared/validate';
import { requireServedOn } from './clue-analysis.decide';
import { INSTRUMENT_DEADLINE_RULES, INSTRUMENT_LEVEL, SUPERVISION_INSTRUMENT_KINDS } from './clue-source';
import { IssueFollowUpInstrument } from './clue.commands';
import { ClueEvent, InstrumentRef } from './clue.events';
import { requireDueDate } from './clue.guards';
import { CLUE_PRECONDITIONS } from './clue.preconditions';
import { ClueState } from './clue.state';

/**
 * Issue 17 §6 — a clue carries a sequence of supervision instruments, each with its own kind,
 * service date and period. The usual one is the escalation 监督意见书 → 监督决定书 when the agency
 * does not self-correct (山东省行政执法监督条例 arts. 28–29: 30 days each). A follow-up never steps
 * down (a 决定书 is not followed by a 建议书) and never repeats a document number; its period,
 * counted from service when known (行政复议法 art. 76 counts from receipt), is the agency's deadline.
 */
export const decideIssueFollowUpInstrument = (
  command: IssueFollowUpInstrument,
  state: ClueState,
  config: DomainConfig,
): Decision<ClueEvent> => {
  const today = localDateOf(command.at);
  const error =
    CLUE_PRECONDITIONS.IssueFollowUpInstrument(state, command.actor) ??
    firstError(
      requireOneOf(command.instrument?.kind, SUPERVISION_INSTRUMENT_KINDS, 'instrument.kind'),
      requireText(command.instrument?.documentNo, 'instrument.documentNo', 100),
      requireText(command.reason, 'reason', 4_000),
      command.dueDate !== undefined ? requireDueDate(command.dueDate, today, 'dueDate') : undefined,
      command.instrument?.servedOn !== undefined ? requireServedOn(command.instrument.servedOn, today) : undefined,
    );
  if (error) return error;
  const current = state.instrument;
  // Every clue in Supervision or Rectification has an instrument (C6); an old stream without one cannot escalate.
  if (!current) return conflict('CLUE.NO_INSTRUMENT', 'the clue has no supervision instrument to follow up');
  const { kind, documentNo, servedOn } = command.instrument;
  const issued = [...(state.supersededInstruments ?? []), current];
  if (issued.some((i) => i.documentNo === documentNo)) {
    return conflict('CLUE.DUPLICATE_INSTRUMENT', `instrument ${documentNo} is already issued on this clue`, {
      documentNo,
    });
  }
  if (INSTRUMENT_LEVEL[kind] < INSTRUMENT_LEVEL[current.kind]) {
    return validation('CLUE.INSTRUMENT_NOT_ESCALATION', `a ${kind} cannot follow a ${current.kind}`, {
      kind,
      current: current.kind,
    });
  }
  const rule = INSTRUMENT_DEADLINE_RULES[kind];
  const deadline = {
    ...(command.dueDate !== undefined
      ? explicitDeadline(rule, servedOn ?? today, command.dueDate, config.calendar)
      : computeDeadline(rule, servedOn ?? today, config.deadlines, config.calendar)),
    runsFrom: servedOn !== undefined ? 'Service' : 'Issuance',
  } as const;
  const ref = (i: InstrumentRef): InstrumentRef => ({
    kind: i.kind,
    documentNo: i.documentNo,
    ...(i.servedOn !== undefined ? { servedOn: i.servedOn } : {}),
  });
  return [
    {
      type: 'FollowUpInstrumentIssued',
      data: {
        ...eventBase(command),
        instrument: ref({ kind, documentNo, servedOn }),
        reason: command.reason,
        supersedes: ref(current),
        deadline,
      },
    },
  ];
};
