import { createApp } from './bootstrap';
import { loadAppConfig, dataFile } from './config/app-config';
import { seedDemoAccounts } from './auth/demo-accounts';
import { UserStore } from './auth/user-store';
import { shutDownGracefully } from './lifecycle/graceful-shutdown';

const main = async (): Promise<void> => {
  const config = loadAppConfig();
  if (!config.auth.jwksUrl && !config.auth.publicKeyPem) {
    const created = await seedDemoAccounts(new UserStore(dataFile(config, 'users.json')), dataFile(config, 'demo-credentials.json'));
    if (created) {
      process.stdout.write(`\nFirst start: demo accounts created (also in ${dataFile(config, 'demo-credentials.json')}):\n`);
      for (const c of created) process.stdout.write(`  ${c.username.padEnd(20)} ${c.password.padEnd(14)} ${c.role} @ ${c.orgId} (${c.position})\n`);
      process.stdout.write('\n');
    }
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
