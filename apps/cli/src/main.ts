import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { loadAppConfig } from '@xj/composition';
import { CliError, CliIo } from './cli-io';
import { CliModule } from './cli.module';

/**
 * xingji-link operator CLI: `npm run cli -- <command>` (`--help` lists them). Results are JSON
 * on stdout; progress and messages on stderr. Exit codes: 0 ok, 1 a verification found a
 * problem (or the case does not exist), 2 the command could not run.
 */
const main = async (): Promise<void> => {
  const io = new CliIo();
  const fail = (error: unknown): void => {
    io.message(
      error instanceof CliError ? error.message : `error: ${error instanceof Error ? error.message : String(error)}`,
    );
    io.exitCode = error instanceof CliError ? error.exitCode : 2;
  };
  // The API's variables, checked before a command runs: a bad value exits 2 naming it.
  const config = loadAppConfig(process.env);
  await CommandFactory.run(CliModule.forRoot(config, io), {
    logger: ['error'],
    cliName: 'xingji-link',
    serviceErrorHandler: fail,
  });
  process.exitCode = io.exitCode;
};

main().catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
