import {
  ACCOUNTABILITY_CATEGORY,
  CAMPAIGN_CATEGORY,
  Actor,
  CLUE_CATEGORY,
  CaseKind,
  DEADLINE_TIMER_USER_ID,
  DomainConfig,
  OpenDeadline,
  RECTIFICATION_CATEGORY,
  REFERRAL_CATEGORY,
  ladderKey,
  nextFireOn,
  openDeadlinesOfClue,
  openDeadlinesOfRectification,
  openDeadlinesOfReferral,
} from '@xj/domain';
import { CaseStateOf } from '../cases/case-aggregates';
import { DeadlineTimer } from './timer-store.port';

export type LadderConfig = Pick<DomainConfig, 'calendar' | 'ladder'>;

/** The stream category of each case kind, and back. */
export const CATEGORY_OF: Readonly<Record<CaseKind, string>> = {
  clue: CLUE_CATEGORY,
  referral: REFERRAL_CATEGORY,
  rectification: RECTIFICATION_CATEGORY,
  accountability: ACCOUNTABILITY_CATEGORY,
  campaign: CAMPAIGN_CATEGORY,
};
export const KIND_OF_CATEGORY: Readonly<Record<string, CaseKind>> = {
  [CLUE_CATEGORY]: 'clue',
  [REFERRAL_CATEGORY]: 'referral',
  [RECTIFICATION_CATEGORY]: 'rectification',
  [ACCOUNTABILITY_CATEGORY]: 'accountability',
  [CAMPAIGN_CATEGORY]: 'campaign',
};

/** The deadline ticker as the deciders know it (deadline-alarm.messages.ts). */
export const DEADLINE_TIMER_ACTOR: Actor = {
  userId: DEADLINE_TIMER_USER_ID,
  role: 'Administrator',
  position: 'Head',
  orgId: 'system',
  regionId: '',
};

/** 00:00 in Asia/Shanghai (UTC+8, no daylight saving) of a business date. */
export const startOfDayCst = (date: string): number => Date.parse(`${date}T00:00:00+08:00`);

const openDeadlinesOf = <K extends CaseKind>(kind: K, state: CaseStateOf[K]): OpenDeadline[] => {
  switch (kind) {
    case 'clue':
      return openDeadlinesOfClue(state as CaseStateOf['clue']);
    case 'referral':
      return openDeadlinesOfReferral(state as CaseStateOf['referral']);
    case 'rectification':
      return openDeadlinesOfRectification(state as CaseStateOf['rectification']);
    default:
      return [];
  }
};

/**
 * A case's timers, from its state alone: one per open deadline, armed (`fireAt`) when its ladder
 * has a step to come.
 * The timer code knows no event that moves a deadline — extensions, pauses and recomputed
 * calendars change the state, and with it what this returns.
 */
export const timersOfCase = <K extends CaseKind>(
  kind: K,
  caseId: string,
  state: CaseStateOf[K],
  config: LadderConfig,
): DeadlineTimer[] => {
  const s = state as { readonly regionId?: string; readonly ladders?: Record<string, DeadlineTimer['progress']> };
  return openDeadlinesOf(kind, state).flatMap((deadline) => {
    const progress = s.ladders?.[ladderKey(deadline.rule, deadline.dueOn)] ?? { fired: [] };
    const next = nextFireOn(deadline, progress, config.ladder, config.calendar);
    return [
      {
        caseKind: kind,
        caseId,
        rule: deadline.rule,
        from: deadline.from,
        dueOn: deadline.dueOn,
        responsibleOrgId: deadline.responsibleOrgId,
        regionId: s.regionId ?? '',
        progress,
        ...(next ? { fireAt: startOfDayCst(next.fireOn) } : {}),
      },
    ];
  });
};
