import { anonymiseText } from '../shared/anonymise';
import { businessDateOf } from '../shared/business-date';
import { Decision } from '../shared/decider';
import { isDomainError } from '../shared/domain-error';
import { eventBase } from '../shared/messages';
import { localDateOf } from '../shared/time';
import { requireText } from '../shared/validate';
import { PublishClueTypicalCase } from './clue.commands';
import { ClueEvent } from './clue.events';
import { CLUE_PRECONDITIONS } from './clue.preconditions';
import { ClueState } from './clue.state';

/**
 * 典型案例 by the rule-of-law office or the justice bureau (issue 17 "missing mechanisms"; DOMAIN.md
 * §9.9: a separate, optional, anonymisable artefact): a closed clue's matter, published once by the
 * head, anonymised on publication — the event holds the published text only.
 */
export const decidePublishClueTypicalCase = (
  command: PublishClueTypicalCase,
  state: ClueState,
): Decision<ClueEvent> => {
  const error =
    CLUE_PRECONDITIONS.PublishTypicalCase(state, command.actor) ?? requireText(command.text, 'text', 50_000);
  if (error) return error;
  const occurredOn = businessDateOf(
    command.occurredOn,
    command.at,
    state.closedAt === undefined ? undefined : localDateOf(state.closedAt),
  );
  if (isDomainError(occurredOn)) return occurredOn;
  const published = anonymiseText(command.text, state.subjects);
  return [
    {
      type: 'ClueTypicalCasePublished',
      data: { ...eventBase(command), text: published.text, replacements: published.replacements, occurredOn },
    },
  ];
};
