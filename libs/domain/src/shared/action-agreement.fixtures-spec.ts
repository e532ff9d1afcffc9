import { Actor } from './actor';
import { Decision } from './decider';
import { isDomainError } from './domain-error';

/**
 * For the property suites: whether an aggregate's action list agrees with its decide for one
 * generated command. A command that is not listed must be refused, whatever its input; a listed
 * one may still be refused for its input, but never as missing or out of order (the case's own
 * <KIND>.NOT_FOUND, *.WRONG_STATE; a thing the input names may be missing, e.g. an extension request
 * id, DEADLINE.REQUEST_NOT_FOUND). Counts the cases met so a suite can show it exercised both sides.
 */
export class ActionAgreement {
  readonly seen = { listedAccepted: 0, listedRefusedForInput: 0, unlistedRefused: 0 };
  readonly violations: string[] = [];

  check<S>(
    available: (state: S, actor: Actor) => readonly string[],
    actionTypes: readonly string[],
    state: S,
    command: { readonly type: string; readonly actor: Actor },
    result: Decision<unknown>,
  ): void {
    if (!actionTypes.includes(command.type)) return;
    const listed = available(state, command.actor).includes(command.type);
    const where = `${command.type} by ${command.actor.userId} in ${JSON.stringify((state as { status?: unknown }).status)}`;
    if (!listed) {
      if (isDomainError(result)) this.seen.unlistedRefused += 1;
      else this.violations.push(`${where}: not listed, but decide accepted it`);
      return;
    }
    if (!isDomainError(result)) {
      this.seen.listedAccepted += 1;
      return;
    }
    this.seen.listedRefusedForInput += 1;
    if (result.code.endsWith('.NOT_FOUND') || result.code.endsWith('.WRONG_STATE'))
      this.violations.push(`${where}: listed, but decide answered ${result.code}`);
  }
}
