/**
 * The measured part of `npm run bench:sign`, in a process of its own running compiled JavaScript
 * as production does: the CheckpointKeeper of SIGN_DATA_DIR (its events.sqlite, its signing key
 * and checkpoints), with the store's defaults. Three runs, each timed, with the event loop's
 * delay sampled every 10 ms (perf_hooks.monitorEventLoopDelay) for its longest stall:
 *   first     — start-up on a store without a checkpoint: chains verified, the first one signed;
 *   sign      — after SIGN_TAIL more events: verified against that checkpoint, a new one signed
 *               (what the interval, shutdown and on-demand runs do);
 *   unchanged — again with nothing appended: verified, nothing signed.
 * Reports over IPC.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import {
  CheckpointKeeper,
  EventToAppend,
  IntegrityBreaches,
  IntegrityService,
  KeeperOutcome,
  integrityConfigOf,
  systemClock,
} from '@xj/application';
import { EVENTS_DB_FILENAME, SqliteEventStore } from '@xj/sqlite-event-store';
import { reportToParent } from './child-report';

export interface SignPhase {
  readonly outcome: KeeperOutcome['kind'];
  readonly ms: number;
  /** The longest the event loop was held during the run. */
  readonly maxStallMs: number;
  readonly p99StallMs: number;
  readonly checkedEvents: number;
}

export interface SignReport {
  readonly first: SignPhase;
  readonly sign: SignPhase;
  readonly unchanged: SignPhase;
}

const TAIL = Number(process.env.SIGN_TAIL ?? 1000);

const tailEvents = (count: number): EventToAppend[] =>
  Array.from({ length: count }, (_, n) => ({
    eventId: randomUUID(),
    type: 'ClueAnalysed',
    data: { n, note: '补充材料' },
    metadata: {
      schemaVersion: 1,
      actor: { userId: 'u-bench', role: 'JusticeBureau', orgId: 'panjin.justice' },
      commandId: randomUUID(),
      correlationId: 'bench',
      causationId: 'bench',
    },
  }));

const timed = async (keeper: CheckpointKeeper, phase: 'start' | 'interval'): Promise<SignPhase> => {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const started = process.hrtime.bigint();
  const outcome = await keeper.run(phase, { record: true, skipUnchanged: true });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  delay.disable();
  const checkedEvents = 'report' in outcome ? outcome.report.checkedEvents : 0;
  // The histogram records delays beyond the 10 ms resolution, in nanoseconds.
  return {
    outcome: outcome.kind,
    ms,
    maxStallMs: delay.max / 1e6,
    p99StallMs: delay.percentile(99) / 1e6,
    checkedEvents,
  };
};

const main = async (): Promise<SignReport> => {
  const dataDir = process.env.SIGN_DATA_DIR ?? '';
  const store = new SqliteEventStore({ filename: join(dataDir, EVENTS_DB_FILENAME) });
  try {
    const integrity = IntegrityService.fromConfig(store, systemClock, integrityConfigOf({ dataDir }));
    const keeper = new CheckpointKeeper(integrity, new IntegrityBreaches(store, systemClock));
    const first = await timed(keeper, 'start');
    for (let n = 0; n < TAIL; n += 100)
      await store.append(`clue-bench${n}`, tailEvents(Math.min(100, TAIL - n)), 'any');
    const sign = await timed(keeper, 'interval');
    const unchanged = await timed(keeper, 'interval');
    return { first, sign, unchanged };
  } finally {
    await store.close();
  }
};

reportToParent(main);
