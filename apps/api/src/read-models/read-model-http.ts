import { Clock, ReadModelAccessDenied } from '@xj/application';
import { LocalDate, localDateOf } from '@xj/domain';
import { ApiProblem } from '../http/problem';

/** Today in China (UTC+8): overdue flags are computed against it at query time. */
export const todayOf = (clock: Clock): LocalDate => localDateOf(clock.now().toISOString());

/** The validated `minPosition` query value (1–20 digits) as a position. */
export const positionOf = (minPosition: string | undefined): bigint | undefined =>
  minPosition === undefined ? undefined : BigInt(minPosition);

/** Both bounds inclusive; an inverted period is a client error, not an empty answer. */
export const requireOrderedPeriod = (from: string | undefined, to: string | undefined): void => {
  if (from !== undefined && to !== undefined && from > to) {
    throw new ApiProblem(400, 'REQUEST.VALIDATION_FAILED', 'The request did not pass validation.', [
      { field: 'to', violations: [{ code: 'notBefore', params: { other: 'from' } }] },
    ]);
  }
};

/** Runs a read-model query; a role without access to the view gets 403 with a stable code. */
export const readModelQuery = async <T>(run: () => Promise<T>): Promise<T> => {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ReadModelAccessDenied)
      throw new ApiProblem(403, error.code, 'This role may not read this view.');
    throw error;
  }
};
