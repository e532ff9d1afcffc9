import { loadAppConfig } from '@xj/composition';
import { createApp, prepareAccountsOnStart, shutDownGracefully } from './bootstrap';

const main = async (): Promise<void> => {
  // Every variable is checked here, before anything opens: a bad value stops the start naming it.
  const config = loadAppConfig(process.env);
  const first = await prepareAccountsOnStart(config);
  // Straight to stdout, not through the structured log: shown once to whoever started the server.
  if (first?.kind === 'demo')
    process.stdout.write(
      `\nDemo mode, first start: ${first.accounts} demo accounts created; their passwords are in ${first.credentialsFile} (readable by its owner only).\n\n`,
    );
  if (first?.kind === 'administrator')
    process.stdout.write(
      `\nFirst start: system administrator "${first.username}" created with the one-time password\n\n    ${first.oneTimePassword}\n\nIt is shown only now; change it at the first login (POST /api/v1/auth/password) — every other request answers 403 until then.\n\n`,
    );
  const app = await createApp(config);
  shutDownGracefully(app, config.shutdownGraceSeconds * 1000);
  await app.listen(config.port);
  process.stdout.write(
    `xingji-link API on http://localhost:${config.port} — docs at /api/docs; event store: ${config.esdbUrl ? 'EventStoreDB' : `embedded (${config.dataDir})`}${config.auth.demo ? '; DEMO MODE' : ''}\n`,
  );
};

main().catch((error: unknown) => {
  process.stderr.write(`Failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
