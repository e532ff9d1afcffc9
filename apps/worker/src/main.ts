import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { HOOKS_DEADLINE_MS, exitGracefully, loadAppConfig } from '@xj/composition';
import { WorkerModule } from './worker.module';

const main = async (): Promise<void> => {
  // The same variables as the API, checked before anything opens.
  const config = loadAppConfig(process.env);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // SIGTERM/SIGINT: Nest's hooks stop the projections, the workflows and the checkpoint
  // signing and close the stores (app.close); then exit 0.
  exitGracefully(() => app.close(), { deadlineMs: HOOKS_DEADLINE_MS });
  await app.init();
  process.stdout.write(
    `xingji-link worker running: projections, workflows and checkpoint signing (${config.esdbUrl ? 'EventStoreDB' : 'embedded store'}, ${config.mongoUrl ? 'MongoDB' : 'embedded read models'})\n`,
  );
};

main().catch((error: unknown) => {
  process.stderr.write(`Worker failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
