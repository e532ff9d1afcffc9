import { Actor } from '../shared/actor';
import { DomainError, conflict, forbidden, validation } from '../shared/domain-error';
import { CommandBase, DomainEvent, EventDataBase, eventBase } from '../shared/messages';
import { firstError, requireNonEmpty, requireText } from '../shared/validate';

/*
 * Who besides the parties may read a case: organisations a case was copied to (抄送), and, for a
 * case classified 机密, the persons named to handle it. Both are recorded on the case as events;
 * what they grant is the visibility rule's (case-visibility.ts).
 */

/** An organisation a copy goes to. */
export interface CopyRecipient {
  readonly orgId: string;
  readonly regionId: string;
}

/**
 * 抄送 — a copy of the referral or of the clue's supervision instrument sent to further
 * organisations for information only (DOMAIN.md §3 `CarbonCopy`, §9.5: distinct from 移送, which
 * demands processing and feedback).
 */
export interface SendCarbonCopyFields {
  readonly copyTo: readonly CopyRecipient[];
  /** What was copied and why (e.g. the 移送函, the 意见书 number). */
  readonly note: string;
}

export interface CarbonCopySentData extends EventDataBase {
  readonly copyTo: readonly CopyRecipient[];
  readonly note: string;
}
export type CarbonCopySent = DomainEvent<'CarbonCopySent', CarbonCopySentData>;

/**
 * 知悉范围 of a 机密 case: the head of an organisation working on it names who of its staff handle
 * it (保密法 2010 art. 16: the circle is limited to named persons; where it is limited to a unit,
 * the unit names the persons, and anyone else needs the head's approval). A new naming replaces
 * the organisation's earlier list.
 */
export interface NameCaseHandlersFields {
  /** Each user named, with the organisation the user directory puts it in (null: no such user). */
  readonly handlers: readonly { readonly userId: string; readonly orgId: string | null }[];
}

export interface CaseHandlersNamedData extends EventDataBase {
  /** The organisation whose handlers these are (the naming head's). */
  readonly orgId: string;
  readonly userIds: readonly string[];
}
export type CaseHandlersNamed = DomainEvent<'CaseHandlersNamed', CaseHandlersNamedData>;

/** The handlers an organisation named for a case. */
export interface NamedHandlers {
  readonly orgId: string;
  readonly userIds: readonly string[];
}

const MAX_RECIPIENTS = 100;
const MAX_HANDLERS = 100;

/** Validates a copy and leaves out the organisations that already have one; a copy to none of new is a conflict. */
export const decideCarbonCopy = (
  command: CommandBase<string> & SendCarbonCopyFields,
  alreadyCopied: readonly string[],
  prefix: string,
): readonly CarbonCopySent[] | DomainError => {
  const invalid = firstError(
    requireNonEmpty(command.copyTo, 'copyTo'),
    command.copyTo.length > MAX_RECIPIENTS
      ? validation('CASE.TOO_MANY_RECIPIENTS', `at most ${MAX_RECIPIENTS} organisations per copy`, {
          max: MAX_RECIPIENTS,
        })
      : undefined,
    requireText(command.note, 'note', 2_000),
  );
  if (invalid) return invalid;
  const fresh = command.copyTo.filter(
    (r, i) => !alreadyCopied.includes(r.orgId) && command.copyTo.findIndex((o) => o.orgId === r.orgId) === i,
  );
  if (fresh.length === 0)
    return conflict(`${prefix}.ALREADY_COPIED`, 'every organisation named already has a copy', {
      copyTo: command.copyTo.map((r) => r.orgId),
    });
  return [{ type: 'CarbonCopySent', data: { ...eventBase(command), copyTo: fresh, note: command.note } }];
};

/** Validates a naming of handlers by the actor's organisation. */
export const decideNameHandlers = (
  command: CommandBase<string> & NameCaseHandlersFields,
): readonly CaseHandlersNamed[] | DomainError => {
  const invalid = firstError(
    requireNonEmpty(command.handlers, 'userIds'),
    command.handlers.length > MAX_HANDLERS
      ? validation('CASE.TOO_MANY_HANDLERS', `at most ${MAX_HANDLERS} handlers per organisation`, {
          max: MAX_HANDLERS,
        })
      : undefined,
    ...command.handlers.map((h, i) => requireText(h.userId, `userIds[${i}]`, 200)),
  );
  if (invalid) return invalid;
  const unknown = command.handlers.find((h) => h.orgId === null);
  if (unknown)
    return validation('CASE.UNKNOWN_HANDLER', 'a handler named is not a known user', { userId: unknown.userId });
  // A head answers for the circle of its own organisation only (保密法 2010 art. 16: 由该机关、单位限定到具体人员).
  const stranger = command.handlers.find((h) => h.orgId !== command.actor.orgId);
  if (stranger)
    return forbidden('AUTH.HANDLER_OUTSIDE_ORGANISATION', 'a head names handlers of its own organisation only', {
      userId: stranger.userId,
    });
  const userIds = [...new Set(command.handlers.map((h) => h.userId))];
  return [{ type: 'CaseHandlersNamed', data: { ...eventBase(command), orgId: command.actor.orgId, userIds } }];
};

/** The copies after an event. */
export const evolveCopies = (copies: readonly string[] | undefined, data: CarbonCopySentData): readonly string[] => [
  ...(copies ?? []),
  ...data.copyTo.map((r) => r.orgId).filter((orgId) => !(copies ?? []).includes(orgId)),
];

/** The handlers after a naming: the organisation's list replaced. */
export const evolveHandlers = (
  handlers: readonly NamedHandlers[] | undefined,
  data: CaseHandlersNamedData,
): readonly NamedHandlers[] => [
  ...(handlers ?? []).filter((h) => h.orgId !== data.orgId),
  { orgId: data.orgId, userIds: data.userIds },
];

/** A handler as read models index it: the organisation naming them and the user. */
export const handlerKey = (orgId: string, userId: string): string => `${orgId}#${userId}`;

/** Whether the actor is among the handlers its organisation named. */
export const isNamedHandler = (handlers: readonly NamedHandlers[] | undefined, actor: Actor): boolean =>
  (handlers ?? []).some((h) => h.orgId === actor.orgId && h.userIds.includes(actor.userId));
