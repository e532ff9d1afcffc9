import { dataFile, loadAppConfig } from '@xj/composition';
import { createApp, DEMO_CREDENTIALS_FILENAME, seedDemoAccountsOnFirstStart, shutDownGracefully } from './bootstrap';

const main = async (): Promise<void> => {
  // Every variable is checked here, before anything opens: a bad value stops the start naming it.
  const config = loadAppConfig(process.env);
  const created = await seedDemoAccountsOnFirstStart(config);
  if (created) {
    process.stdout.write(
      `\nFirst start: demo accounts created (also in ${dataFile(config, DEMO_CREDENTIALS_FILENAME)}):\n`,
    );
    for (const c of created)
      process.stdout.write(
        `  ${c.username.padEnd(20)} ${c.password.padEnd(14)} ${c.role} @ ${c.orgId} (${c.position})\n`,
      );
    process.stdout.write('\n');
  }
  const app = await createApp(config);
  shutDownGracefully(app, config.shutdownGraceSeconds * 1000);
  await app.listen(config.port);
  process.stdout.write(
    `xingji-link API on http://localhost:${config.port} — docs at /api/docs; event store: ${config.esdbUrl ? 'EventStoreDB' : `embedded (${config.dataDir})`}\n`,
  );
};

main().catch((error: unknown) => {
  process.stderr.write(`Failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
