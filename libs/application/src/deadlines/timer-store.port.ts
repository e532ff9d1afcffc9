import { CaseKind, DeadlineRule, LadderProgress, LocalDate } from '@xj/domain';

/**
 * An open deadline of a case in the index: the next day its ladder has something to fire (if
 * any), and what it has done so far. Every open deadline has one, so the overdue lists and the
 * head's proposals read the index too.
 */
export interface DeadlineTimer {
  readonly caseKind: CaseKind;
  readonly caseId: string;
  readonly rule: DeadlineRule;
  readonly from: LocalDate;
  readonly dueOn: LocalDate;
  readonly responsibleOrgId: string;
  readonly regionId: string;
  /** The ladder's progress when the timer was indexed (the ticker picks the step due from it). */
  readonly progress: LadderProgress;
  /**
   * When the next step falls due: 00:00 Asia/Shanghai of its day, ms since the epoch. Undefined:
   * nothing to fire (the ladder is done, or its proposed rung waits for the supervising head).
   */
  readonly fireAt?: number;
}

/** Whether the deadline's proposed 函询 / 约谈 / 挂牌督办 waits for the supervising head. */
export const awaitsDecision = (timer: Pick<DeadlineTimer, 'progress'>): boolean =>
  timer.progress.fired.includes('proposal') && timer.progress.proposalDecision === undefined;

/** Which open deadlines to list, ordered by due date (then case and rule). */
export interface OpenDeadlineQuery {
  /** Due strictly before this day (the overdue list: today). */
  readonly dueBefore?: LocalDate;
  readonly responsibleOrgIds?: readonly string[];
  /** Cases of this region and below (regionCovers). */
  readonly region?: string;
  /** Only those whose proposed rung waits for the head ({@link awaitsDecision}). */
  readonly awaitingDecision?: boolean;
  readonly skip?: number;
  readonly limit: number;
}

/** One case's timers as its events now say; every timer of the case not listed is cancelled. */
export interface CaseTimers {
  readonly caseKind: CaseKind;
  readonly caseId: string;
  readonly timers: readonly DeadlineTimer[];
}

/**
 * The timer index by due instant (issue 15 §2): one timer per case and deadline rule, fed from the
 * events by a checkpointed subscription (DeadlineTimerIndexer) and read by the ticker. "Due" is a
 * range read on an index, never a scan of the cases. One contract suite:
 * test/contract/timer-store.contract-spec.ts.
 */
export interface TimerStore {
  /**
   * Sets each listed case's timers to exactly `timers` (upsert per case+rule; the case's other
   * timers are cancelled) and, when given, the feed's checkpoint — atomically where the store can.
   * A timer whose due date, progress and instant are unchanged keeps its fired mark.
   */
  replaceCases(cases: readonly CaseTimers[], checkpoint?: bigint): Promise<void>;
  /** Timers not marked fired with `fireAt` ≤ `at`, oldest first (then by case and rule), at most `limit`. */
  due(at: number, limit: number): Promise<DeadlineTimer[]>;
  /**
   * Marks the timers fired until they are indexed again (one write for the batch); a timer that
   * has changed since it was read is left alone.
   */
  markFired(timers: readonly DeadlineTimer[]): Promise<void>;
  /** Open deadlines by the query (overdue lists, proposals waiting for a head), by due date. */
  list(query: OpenDeadlineQuery): Promise<DeadlineTimer[]>;
  /** The event-store position the index reflects (undefined: from the start). */
  checkpoint(): Promise<bigint | undefined>;
  count(): Promise<number>;
  /** Drops every timer and the checkpoint: the indexer then rebuilds from the events. */
  clear(): Promise<void>;
  close(): Promise<void>;
}

export const TIMER_STORE = Symbol('TIMER_STORE');
