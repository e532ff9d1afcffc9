import { ProjectionRunner, ProjectionStatus } from '@xj/application';
import { caseRebuild } from '@xj/composition';
import { Command, CommandRunner } from 'nest-commander';
import { CliError, CliIo } from '../cli-io';
import { CliRuntime } from '../cli-runtime';

const POLL_MS = 200;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `rebuild <read-model>`: builds the projection's declared version beside the active one with
 * the projection runner and switches queries to it once it has caught up (the runner's
 * rebuild); a read model never built before is built from the start. Run it while the API is
 * stopped, or the API's own runner builds the same version concurrently.
 */
@Command({
  name: 'rebuild',
  arguments: '<read-model>',
  description:
    'Rebuild a read model (e.g. commission-inbox) through the projection runner: its declared version, beside the active one, then switch',
})
export class RebuildCommand extends CommandRunner {
  constructor(
    private readonly runtime: CliRuntime,
    private readonly io: CliIo,
  ) {
    super();
  }

  async run([name]: string[]): Promise<void> {
    const projection = this.runtime.projections.find((p) => p.name === name);
    if (!projection)
      throw new CliError(
        `No read model "${name ?? ''}"; one of: ${this.runtime.projections.map((p) => p.name).join(', ')}.`,
      );
    const readModels = await this.runtime.readModels();
    const before = await readModels.activeVersion(projection.name);
    if (before === projection.version) {
      throw new CliError(
        `Version ${before} of ${projection.name} is already active: bump the projection's version to rebuild it beside the live one.`,
        1,
      );
    }
    const runner = new ProjectionRunner(this.runtime.eventStore(), readModels, [projection], {
      // As the API builds it: case by case where the event store reads partitions, on worker threads with embedded stores.
      rebuildStrategy: caseRebuild(this.runtime.config),
      onError: (error) =>
        this.io.message(`${projection.name}: ${error instanceof Error ? error.message : String(error)}`),
    });
    const progress = this.io.progress(`rebuild ${projection.name} v${projection.version}`);
    let done = false;
    const watch = (async () => {
      while (!done) {
        const status = await this.status(runner, projection.name);
        // A build ahead of the feed has no checkpoint before it is done: its own count shows the way.
        progress.update(Number(status.checkpoint ?? status.build?.events ?? 0));
        await sleep(POLL_MS);
      }
    })();
    try {
      await runner.start();
      if (before === undefined) await this.untilCaughtUp(runner, projection.name);
      else await runner.rebuild(projection.name);
      const status = await this.status(runner, projection.name);
      this.io.json({
        name: projection.name,
        version: projection.version,
        previousVersion: before ?? null,
        checkpoint: status.checkpoint ?? null,
        parkedCount: status.parkedCount,
        state: status.state,
      });
      if (status.parkedCount > 0) this.io.failed();
    } finally {
      done = true;
      await watch;
      progress.stop();
      await runner.stop();
    }
  }

  private async status(runner: ProjectionRunner, name: string): Promise<ProjectionStatus> {
    const status = (await runner.status()).find((s) => s.name === name);
    if (!status) throw new Error(`The runner does not report ${name}.`);
    return status;
  }

  /** A first build serves as it goes: done once the runner reports it live (or degraded: parked events). */
  private async untilCaughtUp(runner: ProjectionRunner, name: string): Promise<void> {
    for (;;) {
      const { state } = await this.status(runner, name);
      if (state === 'live' || state === 'degraded') return;
      await sleep(POLL_MS);
    }
  }
}
