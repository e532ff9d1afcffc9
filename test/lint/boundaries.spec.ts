import { LintCase, lintNamed } from './support/lint-runner';

/**
 * The lint rules that keep one composition for every entry point (eslint.config.mjs), run by the
 * real ESLint on the repository's configuration over small sources placed where they would live.
 */
describe('lint: one composition for every entry point', () => {
  // One ESLint run for every case: it loads the TypeScript parser once.
  const cases = {
    workerImportsApi: {
      file: 'apps/worker/src/probe.ts',
      code: "import { createApp } from '../../api/src/bootstrap';\nexport { createApp };\n",
    },
    cliLoadsApiLazily: {
      file: 'apps/cli/src/commands/probe.ts',
      code: "export const load = () => import('../../../api/src/app.module');\n",
    },
    apiRequiresWorker: {
      file: 'apps/api/src/probe.ts',
      code: "export const worker: unknown = require('../../worker/src/worker.module');\n",
    },
    apiTypeOfCli: {
      file: 'apps/api/src/probe.ts',
      code: "export type Cli = typeof import('../../cli/src/cli.module');\n",
    },
    cliSpecMocksApi: { file: 'apps/cli/src/probe.spec.ts', code: "jest.mock('../../api/src/bootstrap');\n" },
    apiImportsItself: {
      file: 'apps/api/src/probe.ts',
      code: "import { AppModule } from './app.module';\nexport { AppModule };\n",
    },
    libraryImportsApp: {
      file: 'libs/composition/src/probe.ts',
      code: "export { createApp } from '../../../apps/api/src/bootstrap';\n",
    },
    e2eUsesBootstrap: {
      file: 'test/e2e/probe.ts',
      code: "import { createApp } from '../../apps/api/src/bootstrap';\nexport { createApp };\n",
    },
    e2eReachesInside: {
      file: 'test/e2e/probe.ts',
      code: "import { IntegrityController } from '../../apps/api/src/integrity/integrity.controller';\nexport { IntegrityController };\n",
    },
    benchByAlias: {
      file: 'bench/probe.ts',
      code: "import { WorkerModule } from '@xj/worker';\nexport { WorkerModule };\n",
    },
    appReadsEnv: { file: 'apps/worker/src/probe.ts', code: 'export const port = process.env.PORT;\n' },
    libraryReadsEnv: {
      file: 'libs/sqlite-event-store/src/probe.ts',
      code: 'export const dir = process.env.DATA_DIR;\n',
    },
    mainPassesEnv: { file: 'apps/worker/src/main.ts', code: 'export const env = process.env;\n' },
    schemaReadsEnv: { file: 'libs/composition/src/config/probe.ts', code: 'export const env = process.env;\n' },
    eagerEsdb: {
      file: 'libs/composition/src/probe.ts',
      code: "import { EsdbEventStore } from '@xj/esdb-event-store';\nexport { EsdbEventStore };\n",
    },
    typeOnlyMongo: {
      file: 'apps/api/src/probe.ts',
      code: "import type { MongoReadModelStore } from '@xj/mongo-read-models';\nexport type Store = MongoReadModelStore;\n",
    },
    adapterImportsComposition: {
      file: 'libs/sqlite-event-store/src/probe.ts',
      code: "import { loadAppConfig } from '@xj/composition';\nexport { loadAppConfig };\n",
    },
  } satisfies Record<string, LintCase>;
  let found: Record<keyof typeof cases, string[]>;

  beforeAll(() => {
    found = lintNamed(cases);
  }, 60_000);

  it('no app imports another app: by import, import(), typeof import(), require() or jest.mock()', () => {
    expect(found.workerImportsApi).toEqual([
      expect.stringMatching(/^xj\/app-boundaries: apps\/worker imports apps\/api \(apps\/api\/src\/bootstrap\)/),
    ]);
    expect(found.cliLoadsApiLazily).toEqual([
      expect.stringMatching(/^xj\/app-boundaries: apps\/cli imports apps\/api/),
    ]);
    expect(found.apiRequiresWorker).toContainEqual(
      expect.stringMatching(/^xj\/app-boundaries: apps\/api imports apps\/worker/),
    );
    expect(found.apiTypeOfCli).toEqual([expect.stringMatching(/^xj\/app-boundaries: apps\/api imports apps\/cli/)]);
    expect(found.cliSpecMocksApi).toEqual([expect.stringMatching(/^xj\/app-boundaries: apps\/cli imports apps\/api/)]);
    expect(found.apiImportsItself).toEqual([]);
  });

  it('libraries never import apps; tests and benchmarks reach an app only through its bootstrap', () => {
    expect(found.libraryImportsApp).toEqual([
      expect.stringMatching(/^xj\/app-boundaries: A library never imports an app/),
    ]);
    expect(found.e2eUsesBootstrap).toEqual([]);
    expect(found.e2eReachesInside).toEqual([
      expect.stringMatching(/^xj\/app-boundaries: .*apps\/api\/src\/integrity\/integrity.controller is not one/),
    ]);
    expect(found.benchByAlias).toEqual([expect.stringMatching(/^xj\/app-boundaries: .*apps\/worker\/src is not one/)]);
    expect(found.adapterImportsComposition).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*Adapters do not depend on the composition/),
    ]);
  });

  it('configuration is read from the environment only by the schema and the entry points', () => {
    expect(found.appReadsEnv).toEqual([
      expect.stringMatching(/^no-restricted-syntax: Read configuration from the typed AppConfig/),
    ]);
    expect(found.libraryReadsEnv).toEqual([
      expect.stringMatching(/^no-restricted-syntax: Read configuration from the typed AppConfig/),
    ]);
    expect(found.mainPassesEnv).toEqual([]);
    expect(found.schemaReadsEnv).toEqual([]);
  });

  it('the production adapters are never imported eagerly (types are fine)', () => {
    expect(found.eagerEsdb).toEqual([
      expect.stringMatching(/^@typescript-eslint\/no-restricted-imports: .*Loaded on demand only/),
    ]);
    expect(found.typeOnlyMongo).toEqual([]);
  });
});
