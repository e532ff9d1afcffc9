/**
 * Phase 2 of `npm run bench:replay`, in its own process (forked, compiled JavaScript) so that
 * what the generation left in memory does not count: rebuild every case read model from zero
 * with the runner the API runs (READ_MODEL_PROJECTIONS, default options: the case read models built
 * case by case on the embedded stores' partition workers, the rest by the feed in global order) on
 * a fresh SqliteReadModelStore in DATA_DIR, until every checkpoint reaches the last position; then
 * the deadline timer index from zero, timed on its own.
 *
 * Measured: wall time from opening the read-model store to the last checkpoint; RSS sampled
 * every 50 ms over the same span (the build's worker threads run in this process, so their memory
 * counts; BENCH_CPU_PROF profiles this thread only). Reported to the parent over IPC.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  CASE_PARTITIONED,
  CLUE_LEDGER,
  CLUE_LEDGER_CLUES,
  CommandExecutor,
  createCaseAggregates,
  DeadlineTicker,
  DeadlineTimerIndexer,
  PartitionedRebuild,
  ProjectionRunner,
  READ_MODEL_PROJECTIONS,
  workflowStoreName,
} from '@xj/application';
import { CASE_WORKFLOWS, createDomainConfig } from '@xj/domain';
import { EVENTS_DB_FILENAME, SqliteEventStore } from '@xj/sqlite-event-store';
import { EmbeddedPartitionWorkers } from '@xj/sqlite-rebuild';
import {
  READ_MODELS_DB_FILENAME,
  SqliteReadModelStore,
  SqliteTimerStore,
  TIMERS_DB_FILENAME,
} from '@xj/sqlite-read-models';
import { reportToParent } from '../support/child-report';

export interface ReplayReport {
  readonly events: number;
  readonly wallMs: number;
  /** CPU time of the whole child (every thread) over the same span: steadier than wall time on a shared machine. */
  readonly cpuMs: number;
  readonly peakRssMb: number;
  /** process.resourceUsage().maxRSS at the end: the whole child's lifetime, for reference. */
  readonly maxRssMb: number;
  readonly parked: number;
  readonly errors: readonly string[];
  readonly clueLedgerDocuments: number;
  /** The deadline timer index built from zero after the read models (its own span, not in wallMs). */
  readonly timerIndexMs: number;
  readonly timers: number;
  /** Alarms (提醒, 逾期, 催办, proposed rungs) fired up to the restart's clock, and the read models brought to them. */
  readonly alarms: number;
  readonly alarmsMs: number;
  /** The log's last position once the alarms are in: where the restart must find every projection. */
  readonly lastPosition: string;
}

const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const main = async (): Promise<ReplayReport> => {
  const dataDir = process.env.DATA_DIR ?? '';
  const last = BigInt(process.env.LAST_POSITION ?? '0');
  const events = Number(process.env.EVENT_COUNT ?? '0');
  const errors: string[] = [];
  const eventStore = new SqliteEventStore({ filename: join(dataDir, EVENTS_DB_FILENAME) });
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);

  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  const readModels = new SqliteReadModelStore({ filename: join(dataDir, READ_MODELS_DB_FILENAME) });
  const runner = new ProjectionRunner(eventStore, readModels, READ_MODEL_PROJECTIONS, {
    // As caseRebuild (@xj/composition's adapter selection) configures it for the embedded stores; not
    // imported from there, which would load Nest into the process whose RSS is measured.
    rebuildStrategy: new PartitionedRebuild(CASE_PARTITIONED, { workers: EmbeddedPartitionWorkers.inDataDir(dataDir) }),
    onError: (error, projection) =>
      errors.push(`${projection ?? 'store'}: ${error instanceof Error ? error.message : String(error)}`),
  });
  await runner.start();
  for (;;) {
    const statuses = await runner.status();
    if (statuses.every((s) => s.checkpoint !== undefined && BigInt(s.checkpoint) >= last)) break;
    await sleep(5);
  }
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuAtStart);
  peak = Math.max(peak, process.memoryUsage.rss());
  clearInterval(sampler);

  const parked = (await runner.status()).reduce((sum, s) => sum + s.parkedCount, 0);
  await runner.stop();
  // A sanity check after the clock stopped: the ledger holds a line per registered clue.
  const { total } = await readModels.find(CLUE_LEDGER, CLUE_LEDGER_CLUES, { limit: 0 });
  // The generator ran every workflow step itself (sends recorded on clues, children opened, items
  // assigned); a running system's workflow processor follows the log live, so at a restart its
  // checkpoints are at the head too. Only the checkpoints are set (below, at the head after the
  // alarms), not the instances' state: the restart reads and writes nothing through the workflows.
  // The timer index (issue 15 §2) of a running system follows the log live, so at a restart it is
  // at the head too; the generated log never had one. Built here from zero as the first start
  // after an upgrade would (each case folded once), timed on its own: the restart that follows
  // finds it current, as it would find a running system's.
  const indexStarted = performance.now();
  const timerStore = new SqliteTimerStore({ filename: join(dataDir, TIMERS_DB_FILENAME) });
  const domainConfig = createDomainConfig();
  const aggregates = createCaseAggregates(domainConfig);
  const executor = new CommandExecutor(eventStore);
  const indexer = new DeadlineTimerIndexer(eventStore, timerStore, executor, aggregates, domainConfig);
  await indexer.catchUp();
  const timerIndexMs = performance.now() - indexStarted;
  const timers = await timerStore.count();

  // A running system's ticker fired each alarm on its day; the generator fired none. They are fired
  // here up to the restart's clock (CLOCK_START), rung by rung as a ticker that was down would, and
  // the read models follow them: the restart then finds what a running system's restart would find.
  const alarmsStarted = performance.now();
  const clockStart = process.env.CLOCK_START ? Date.parse(process.env.CLOCK_START) : Date.now();
  const ticker = new DeadlineTicker(
    timerStore,
    executor,
    aggregates,
    domainConfig,
    { now: () => new Date(clockStart) },
    {
      intervalMs: 60_000,
    },
  );
  let alarms = 0;
  for (;;) {
    const sent = await ticker.tick();
    alarms += sent;
    await indexer.catchUp();
    if (sent === 0) break;
  }
  const head = (await eventStore.lastPosition()) ?? last;
  const follower = new ProjectionRunner(eventStore, readModels, READ_MODEL_PROJECTIONS, {
    onError: (error, projection) =>
      errors.push(`${projection ?? 'store'}: ${error instanceof Error ? error.message : String(error)}`),
  });
  await follower.start();
  for (;;) {
    const statuses = await follower.status();
    if (statuses.every((s) => s.checkpoint !== undefined && BigInt(s.checkpoint) >= head)) break;
    await sleep(5);
  }
  await follower.stop();
  // The alarms start no workflow (they are the ladder's, not a referral's or a plan's steps).
  for (const workflow of CASE_WORKFLOWS)
    await readModels.commit(workflowStoreName(workflow), workflow.version, [], head);
  const alarmsMs = performance.now() - alarmsStarted;
  await timerStore.close();
  await readModels.close();
  await eventStore.close();
  return {
    events,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMb: mb(peak),
    maxRssMb: mb(process.resourceUsage().maxRSS * 1024),
    parked,
    errors: errors.slice(0, 5),
    clueLedgerDocuments: total,
    timerIndexMs,
    timers,
    alarms,
    alarmsMs,
    lastPosition: head.toString(),
  };
};

reportToParent(main);
