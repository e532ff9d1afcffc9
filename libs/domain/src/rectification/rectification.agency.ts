import { isOverdue } from '../calendar/deadline-policy';
import { localDateOf } from '../shared/time';
import { firstError, requireInstant, requireText } from '../shared/validate';
import { eventBase } from '../shared/messages';
import { ReportRectification, StartRectification } from './rectification.commands';
import { Decide, REF, authorizeOnItem, requireTexts, wrongState } from './rectification.guards';
import { RectificationStatus } from './rectification.state';

/** The agency's side of the loop: 整改 and 落实反馈. */

const WORKING: readonly RectificationStatus[] = ['Assigned', 'InProgress', 'Reopened'];

export const start: Decide<StartRectification> = (c, state) => {
  const action = 'start the rectification';
  const error = authorizeOnItem(c, state, { side: 'agency' }, action) ?? requireInstant(c.at, 'at');
  if (error) return error;
  if (state.status !== 'Assigned' && state.status !== 'Reopened') return wrongState(state, action);
  return [{ type: 'RectificationStarted', data: eventBase(c) }];
};

/** 落实反馈: the head signs (签字背书, 开封鼓楼 practice), so only the agency head reports. */
export const report: Decide<ReportRectification> = (c, state) => {
  const action = 'report the rectification';
  const error =
    authorizeOnItem(c, state, { side: 'agency', head: true }, action) ??
    firstError(
      requireInstant(c.at, 'at'),
      requireText(c.report, 'report', 10_000),
      requireTexts(c.evidence, 'evidence', REF),
    );
  if (error) return error;
  if (!WORKING.includes(state.status)) return wrongState(state, action);
  return [
    {
      type: 'RectificationReported',
      data: {
        ...eventBase(c),
        reportNo: state.reportCount + 1,
        report: c.report,
        evidence: [...c.evidence],
        late: isOverdue(state.deadline, localDateOf(c.at)),
      },
    },
  ];
};
