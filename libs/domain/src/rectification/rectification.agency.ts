import { isOverdue } from '../calendar/deadline-policy';
import { isDomainError } from '../shared/domain-error';
import { firstError, requireInstant, requireText } from '../shared/validate';
import { eventBase } from '../shared/messages';
import { itemActDate, recordedDate } from './rectification.business-date';
import { ReportRectification, StartRectification } from './rectification.commands';
import { Decide, REF, requireTexts } from './rectification.guards';
import { RECTIFICATION_PRECONDITIONS } from './rectification.preconditions';

/** The agency's side of the loop: 整改 and 落实反馈. */

export const start: Decide<StartRectification> = (c, state) => {
  const error = RECTIFICATION_PRECONDITIONS.StartRectification(state, c.actor) ?? requireInstant(c.at, 'at');
  if (error) return error;
  const on = itemActDate(c, state);
  if (isDomainError(on)) return on;
  return [{ type: 'RectificationStarted', data: { ...eventBase(c), ...recordedDate(c, on) } }];
};

/** 落实反馈: the head signs (签字背书, 开封鼓楼 practice), so only the agency head reports. */
export const report: Decide<ReportRectification> = (c, state) => {
  const error =
    RECTIFICATION_PRECONDITIONS.ReportRectification(state, c.actor) ??
    firstError(
      requireInstant(c.at, 'at'),
      requireText(c.report, 'report', 10_000),
      requireTexts(c.evidence, 'evidence', REF),
    );
  if (error) return error;
  const on = itemActDate(c, state);
  if (isDomainError(on)) return on;
  return [
    {
      type: 'RectificationReported',
      data: {
        ...eventBase(c),
        ...recordedDate(c, on),
        reportNo: state.reportCount + 1,
        report: c.report,
        evidence: [...c.evidence],
        // Late by the day it was reported, not the day it was entered.
        late: isOverdue(state.deadline, on),
      },
    },
  ];
};
