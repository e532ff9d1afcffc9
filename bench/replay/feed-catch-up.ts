/**
 * What the projection runner's feed costs to build the read models the partitioned build leaves to
 * it (in global order: organisation escalations, campaign figures, 回头看 rounds, 联席会议), in CPU:
 *
 *   npx ts-node --transpile-only -r tsconfig-paths/register bench/replay/feed-catch-up.ts <events.sqlite>
 *
 * over a log the replay benchmark cached (see projection-costs.ts). A runner with those four alone
 * starts on a fresh read-model file in a temp directory; the time is this process's CPU from start()
 * until every one's checkpoint is the log's last position, per event of the log. With `with-cases`
 * after the path, the runner has every read model and builds the case ones first, case by case on
 * its own thread (as bench:replay does on two), and the time starts once they are built: the
 * serial catch-up as the replay benchmark runs it. The log is copied first. Last line: `RESULT feed_us_per_event=… events=… load=…`.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CASE_PARTITIONED,
  CASE_PROJECTIONS,
  PartitionedRebuild,
  ProjectionRunner,
  READ_MODEL_PROJECTIONS,
} from '@xj/application';
import { EVENTS_DB_FILENAME, SqliteEventStore } from '@xj/sqlite-event-store';
import { READ_MODELS_DB_FILENAME, SqliteReadModelStore } from '@xj/sqlite-read-models';

const main = async (): Promise<void> => {
  const [source, mode] = process.argv.slice(2);
  const withCases = mode === 'with-cases';
  if (source === undefined) throw new Error('Usage: feed-catch-up.ts <events.sqlite>');
  const dir = mkdtempSync(join(tmpdir(), 'xj-feed-catch-up-'));
  copyFileSync(source, join(dir, EVENTS_DB_FILENAME));
  const events = new SqliteEventStore({ filename: join(dir, EVENTS_DB_FILENAME) });
  const readModels = new SqliteReadModelStore({ filename: join(dir, READ_MODELS_DB_FILENAME) });
  const global = READ_MODEL_PROJECTIONS.filter((projection) => !CASE_PROJECTIONS.includes(projection));
  const runner = new ProjectionRunner(events, readModels, withCases ? READ_MODEL_PROJECTIONS : global, {
    onError: (error) => console.error(error),
    ...(withCases ? { rebuildStrategy: new PartitionedRebuild(CASE_PARTITIONED) } : {}),
  });
  const names = new Set(global.map((projection) => projection.name));
  try {
    const through = await events.lastPosition();
    if (through === undefined) throw new Error('The log is empty.');
    const load = loadavg()[0] ?? 0;
    let before = process.cpuUsage();
    await runner.start();
    let built = !withCases;
    for (;;) {
      const status = await runner.status();
      if (!built && status.every((entry) => names.has(entry.name) || entry.checkpoint === through.toString())) {
        // The case read models are built: from here the feed works for the others.
        built = true;
        before = process.cpuUsage();
      }
      if (status.every((entry) => entry.checkpoint === through.toString())) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const { user, system } = process.cpuUsage(before);
    const us = (user + system) / Number(through);
    console.log(
      `${global.map((projection) => projection.name).join(', ')}: ${us.toFixed(2)} µs CPU per event over ${through.toLocaleString('en')} events (load ${load.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)})`,
    );
    console.log(`RESULT feed_us_per_event=${us.toFixed(2)} events=${through} load=${load.toFixed(1)}`);
  } finally {
    await runner.stop();
    await readModels.close();
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
