import { ACCOUNTABILITY_TYPES } from '../accountability/accountability.measures';
import { ACCOUNTABILITY_OPENERS } from '../accountability/accountability.preconditions';
import { Decision } from '../shared/decider';
import { requireRegion, requireRole } from '../shared/authorize';
import { eventBase } from '../shared/messages';
import { firstError, requireDate, requireInstant, requireOneOf, requireText } from '../shared/validate';
import { LinkAccountabilityCase } from './clue.commands';
import { ClueEvent } from './clue.events';
import { clueNotFound } from './clue.guards';
import { ClueState } from './clue.state';

const LINK = 'link an accountability case';

/**
 * 追责问责 opened on the clue (issue 17): the accountability stream reports the opening and the
 * clue records the link, for its history and its linked cases. It records a fact from elsewhere, so
 * it is accepted in every status once the clue exists (accountability often follows the clue's
 * closure), on behalf of an opening role within the clue's region; it is idempotent, since the
 * workflow delivers at least once: a repeat appends nothing.
 */
export const decideLinkAccountabilityCase = (
  command: LinkAccountabilityCase,
  state: ClueState,
): Decision<ClueEvent> => {
  const error =
    firstError(requireInstant(command.at, 'at'), requireRole(command.actor, ACCOUNTABILITY_OPENERS, LINK)) ??
    (state.status === 'None' ? clueNotFound() : requireRegion(command.actor, state.regionId ?? '', LINK)) ??
    firstError(
      requireText(command.accountabilityId, 'accountabilityId', 100),
      requireOneOf(command.accountabilityType, ACCOUNTABILITY_TYPES, 'accountabilityType'),
      requireText(command.decidingOrgId, 'decidingOrgId', 200),
      requireDate(command.openedOn, 'openedOn'),
    );
  if (error) return error;
  if (state.accountabilityIds?.includes(command.accountabilityId)) return [];
  return [
    {
      type: 'AccountabilityCaseLinked',
      data: {
        ...eventBase(command),
        accountabilityId: command.accountabilityId,
        accountabilityType: command.accountabilityType,
        decidingOrgId: command.decidingOrgId,
        openedOn: command.openedOn,
      },
    },
  ];
};
