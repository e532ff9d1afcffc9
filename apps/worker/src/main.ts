import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadAppConfig } from '../../api/src/config/app-config';
import { HOOKS_DEADLINE_MS, exitGracefully } from '../../api/src/lifecycle/graceful-shutdown';
import { WorkerModule } from './worker.module';

const main = async (): Promise<void> => {
  const config = loadAppConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // SIGTERM/SIGINT: Nest's hooks stop the projections, the process managers and the checkpoint
  // signing and close the stores (app.close); then exit 0.
  exitGracefully(() => app.close(), { deadlineMs: HOOKS_DEADLINE_MS });
  await app.init();
  process.stdout.write(`xingji-link worker running: projections, process managers and checkpoint signing (${config.esdbUrl ? 'EventStoreDB' : 'embedded store'}, ${config.mongoUrl ? 'MongoDB' : 'embedded read models'})\n`);
};

main().catch((error: unknown) => {
  process.stderr.write(`Worker failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
