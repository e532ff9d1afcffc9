import { ChainWalker, VerifyProgress } from '../event-store/chain-verifier';
import { chainHashOfStore } from '../event-store/crypto-suite';
import { EventStore } from '../event-store/event-store.port';
import { sortedInTurns } from './heads-work';
import { IntegrityProblem, IntegrityReport } from './integrity-report';
import { EventPlace, walkStore } from './store-walk';

export type CheckpointAbout = NonNullable<IntegrityReport['checkpoint']>;

/** The store as one walk left it: for what a check concludes at the end, and for signing what was walked. */
export interface WalkedStore {
  /** Every stream's head at the end of the walk. */
  readonly walker: ChainWalker;
  /** The position of the last event walked; 0n for none. */
  readonly lastPosition: bigint;
  /** The streams of `walker.heads` sorted by id (UTF-16 code units), computed once, in turns. */
  sortedStreamIds(): Promise<readonly string[]>;
}

/**
 * What one walk of the store checks beyond the chains (the chain walker checks those): the store
 * against one signed checkpoint, or nothing more (chain verification only).
 */
export interface StoreCheck {
  /** The checkpoint compared with, named in the report. */
  readonly about?: CheckpointAbout;
  /** Each event the chain walker accepted, in global order; the first problem is the verdict. */
  visit(event: EventPlace, hash: string, prevHash: string): IntegrityProblem | undefined;
  /** After a walk with no problem: what only its end shows (truncation, counts, digests). */
  conclude(walked: WalkedStore): Promise<IntegrityProblem | undefined>;
}

/** Chain verification only: no checkpoint to compare with. */
export const chainsOnly: StoreCheck = { visit: () => undefined, conclude: async () => undefined };

export interface CheckedWalk extends WalkedStore {
  readonly report: IntegrityReport;
  /** The chain break the walk ended at, if any: the report names it unless it found a problem before. Nothing is signed over it. */
  readonly chainBreak?: IntegrityProblem;
}

export interface CheckedWalkOptions {
  readonly onProgress?: VerifyProgress;
  /**
   * Walk on past the check's first problem, to the end or to a chain break (for `alongside`: the
   * keeper signs what it walked once an administrator acknowledged the finding). Otherwise the
   * walk ends at it.
   */
  readonly throughProblems?: boolean;
  /** Each event walked (accepted by the chain walker), whatever the check found. */
  readonly alongside?: (event: EventPlace) => void;
}

/** One walk of the whole store: every chain, `check`, and whatever goes `alongside`. */
export const runCheckedWalk = async (
  store: EventStore,
  check: StoreCheck,
  options: CheckedWalkOptions = {},
): Promise<CheckedWalk> => {
  const walker = new ChainWalker({ hashAlgorithm: chainHashOfStore(store) });
  const { alongside, throughProblems = false } = options;
  let found: { readonly problem: IntegrityProblem; readonly checkedEvents: number } | undefined;
  let lastPosition = 0n;
  const chainBreak = await walkStore(
    store,
    walker,
    (event, hash, prevHash) => {
      lastPosition = event.position;
      alongside?.(event);
      if (found !== undefined) return true;
      const problem = check.visit(event, hash, prevHash);
      if (problem === undefined) return true;
      found = { problem, checkedEvents: walker.eventsChecked };
      return throughProblems;
    },
    options.onProgress,
  );
  let sorted: Promise<readonly string[]> | undefined;
  const walked: WalkedStore = {
    walker,
    lastPosition,
    sortedStreamIds: () => (sorted ??= sortedInTurns([...walker.heads.keys()])),
  };
  const about = check.about ? { checkpoint: check.about } : {};
  const failed = (firstProblem: IntegrityProblem, checkedEvents: number): IntegrityReport => ({
    ok: false,
    checkedEvents,
    firstProblem,
    ...about,
  });
  let report: IntegrityReport;
  if (found) report = failed(found.problem, found.checkedEvents);
  else if (chainBreak) report = failed(chainBreak, walker.eventsChecked);
  else {
    const problem = await check.conclude(walked);
    report = problem
      ? failed(problem, walker.eventsChecked)
      : { ok: true, checkedEvents: walker.eventsChecked, ...about };
  }
  return { ...walked, report, ...(chainBreak ? { chainBreak } : {}) };
};
