import { LintCase, lintNamed } from './support/lint-runner';

/**
 * Narrow seams (STYLE.md): a library is imported through its entry point, which lists its names,
 * and only the event-store adapters (and libs/testing's in-memory storage) import
 * `@xj/application/event-store-kit`. The real ESLint on the repository's configuration, over small
 * sources placed where they would live.
 */
describe('lint: deliberate entry points', () => {
  const kit = "import { GENESIS_HASH } from '@xj/application/event-store-kit';\nexport const genesis = GENESIS_HASH;\n";
  const cases = {
    // Product code of apps and libraries: its no-restricted-syntax block (process.env) must not drop the entry-point checks.
    appExportsAll: { file: 'apps/api/src/probe.ts', code: "export * from '@xj/application';\n" },
    compositionReachesInside: {
      file: 'libs/composition/src/probe.ts',
      code: "import { ChainedEventStore } from '@xj/application/event-store/chained-event-store';\nexport { ChainedEventStore };\n",
    },
    adapterReachesInside: {
      file: 'libs/sqlite-event-store/src/probe.ts',
      code: "export { prepareAppend } from '@xj/application/event-store/append-preparation';\n",
    },
    domainExportsAll: { file: 'libs/domain/src/probe.ts', code: "export * from './clue/clue.decider';\n" },
    configExportsAll: { file: 'libs/composition/src/config/probe.ts', code: "export * from './app-config';\n" },
    specReachesInside: {
      file: 'test/e2e/probe.ts',
      code: "import { walkStore } from '@xj/application/integrity/store-walk';\nexport { walkStore };\n",
    },
    specUsesTestingEntry: {
      file: 'test/contract/probe.ts',
      code: "import { FakeEsdbClient } from '@xj/testing/fake-esdb-client';\nexport { FakeEsdbClient };\n",
    },
    // Who may import the event-store kit.
    sqliteAdapterKit: { file: 'libs/sqlite-event-store/src/probe.ts', code: kit },
    esdbAdapterKit: { file: 'libs/esdb-event-store/src/probe.ts', code: kit },
    testingKit: { file: 'libs/testing/src/probe.ts', code: kit },
    compositionKit: { file: 'libs/composition/src/probe.ts', code: kit },
    appKit: { file: 'apps/worker/src/probe.ts', code: kit },
    appRequiresKit: {
      file: 'apps/cli/src/probe.ts',
      code: "export const kit: unknown = require('@xj/application/event-store-kit');\n",
    },
    appKitByPath: {
      file: 'apps/api/src/probe.ts',
      code: "export { GENESIS_HASH } from '../../../libs/application/src/event-store-kit';\n",
    },
    mongoKit: { file: 'libs/mongo-read-models/src/probe.ts', code: kit },
    applicationIndexKit: {
      file: 'libs/application/src/probe.ts',
      code: "export { ChainedEventStore } from './event-store-kit';\n",
    },
    appSpecKit: { file: 'apps/cli/src/probe.spec.ts', code: kit },
    benchKit: { file: 'bench/probe.ts', code: kit },
  } satisfies Record<string, LintCase>;
  let found: Record<keyof typeof cases, string[]>;

  beforeAll(() => {
    found = lintNamed(cases);
  }, 60_000);

  const exportAll = /^no-restricted-syntax: An entry point lists its names \(narrow seams\): no export \*\./;
  const inside = /^no-restricted-syntax: Import a library through its entry point/;
  const kitOutside = /^xj\/event-store-kit: @xj\/application\/event-store-kit is for the event-store adapters/;

  it('refuses export * and imports of a library inner modules, in product code as in tests', () => {
    expect(found.appExportsAll).toEqual([expect.stringMatching(exportAll)]);
    expect(found.compositionReachesInside).toEqual([expect.stringMatching(inside)]);
    expect(found.adapterReachesInside).toEqual([expect.stringMatching(inside)]);
    expect(found.domainExportsAll).toEqual([expect.stringMatching(exportAll)]);
    expect(found.configExportsAll).toEqual([expect.stringMatching(exportAll)]);
    expect(found.specReachesInside).toEqual([expect.stringMatching(inside)]);
    expect(found.specUsesTestingEntry).toEqual([]);
  });

  it('lets only the event-store adapters and libs/testing import @xj/application/event-store-kit', () => {
    expect(found.sqliteAdapterKit).toEqual([]);
    expect(found.esdbAdapterKit).toEqual([]);
    expect(found.testingKit).toEqual([]);
    expect(found.compositionKit).toEqual([expect.stringMatching(kitOutside)]);
    expect(found.appKit).toEqual([expect.stringMatching(kitOutside)]);
    expect(found.appRequiresKit).toContainEqual(expect.stringMatching(kitOutside));
    expect(found.appKitByPath).toEqual([
      expect.stringMatching(/^xj\/event-store-kit: \.\.\/\.\.\/\.\.\/libs\/application\/src\/event-store-kit is for/),
    ]);
    expect(found.mongoKit).toEqual([expect.stringMatching(kitOutside)]);
    expect(found.applicationIndexKit).toEqual([
      expect.stringMatching(/^xj\/event-store-kit: \.\/event-store-kit is for/),
    ]);
  });

  it('lets specs and benchmarks use the kit: they forge stored rows as an adapter writes them', () => {
    expect(found.appSpecKit).toEqual([]);
    expect(found.benchKit).toEqual([]);
  });
});
