import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { CommandFactory, CommandRunnerService } from 'nest-commander';
import { SignedCheckpoint } from '@xj/application';
import { loadAppConfig } from '@xj/composition';
import { CliError, CliIo } from './cli-io';
import { CliModule } from './cli.module';

/**
 * The CLI's commands run in-process through nest-commander's own runner, on a data directory
 * the real API filled (a clue and a sent referral), exactly as `npm run cli -- …` would.
 */
export interface CliRun {
  readonly exitCode: number;
  readonly json: unknown;
  readonly stdout: string;
  readonly stderr: string;
}

export const run = async (dataDir: string, args: string[], env: Record<string, string> = {}): Promise<CliRun> => {
  let stdout = '';
  const stderrStream = new PassThrough();
  let stderr = '';
  stderrStream.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const io = new CliIo((text) => (stdout += text), stderrStream);
  const app = await CommandFactory.createWithoutRunning(
    CliModule.forRoot(loadAppConfig({ DATA_DIR: dataDir, ...env }), io),
    {
      logger: false,
      serviceErrorHandler: (error) => {
        io.message(error.message);
        io.exitCode = error instanceof CliError ? error.exitCode : 2;
      },
    },
  );
  try {
    await app.get(CommandRunnerService).run(['node', 'xingji-link', ...args]);
  } finally {
    await app.close();
  }
  return { exitCode: io.exitCode, json: stdout ? JSON.parse(stdout) : undefined, stdout, stderr };
};

/** The newest checkpoint file in the data directory. */
export const latestCheckpoint = (dataDir: string): SignedCheckpoint => {
  const newest = readdirSync(join(dataDir, 'checkpoints')).sort().at(-1) as string;
  return JSON.parse(readFileSync(join(dataDir, 'checkpoints', newest), 'utf8')) as SignedCheckpoint;
};
