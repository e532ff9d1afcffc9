import { LintCase, lintNamed } from './support/lint-runner';

/**
 * Narrow seams (STYLE.md): a library is imported through its entry point, which lists its names.
 * The real ESLint on the repository's configuration, over small sources placed where they would live.
 */
describe('lint: deliberate entry points', () => {
  const cases = {
    // Product code of apps and libraries: its no-restricted-syntax block (process.env) must not drop the entry-point checks.
    appExportsAll: { file: 'apps/api/src/probe.ts', code: "export * from '@xj/application';\n" },
    compositionReachesInside: { file: 'libs/composition/src/probe.ts', code: "import { ChainedEventStore } from '@xj/application/event-store/chained-event-store';\nexport { ChainedEventStore };\n" },
    adapterReachesInside: { file: 'libs/sqlite-event-store/src/probe.ts', code: "export { prepareAppend } from '@xj/application/event-store/append-preparation';\n" },
    domainExportsAll: { file: 'libs/domain/src/probe.ts', code: "export * from './clue/clue.decider';\n" },
    configExportsAll: { file: 'libs/composition/src/config/probe.ts', code: "export * from './app-config';\n" },
    specReachesInside: { file: 'test/e2e/probe.ts', code: "import { walkStore } from '@xj/application/integrity/store-walk';\nexport { walkStore };\n" },
    specUsesTestingEntry: { file: 'test/contract/probe.ts', code: "import { FakeEsdbClient } from '@xj/testing/fake-esdb-client';\nexport { FakeEsdbClient };\n" },
  } satisfies Record<string, LintCase>;
  let found: Record<keyof typeof cases, string[]>;

  beforeAll(() => {
    found = lintNamed(cases);
  }, 60_000);

  const exportAll = /^no-restricted-syntax: An entry point lists its names \(narrow seams\): no export \*\./;
  const inside = /^no-restricted-syntax: Import a library through its entry point/;

  it('refuses export * and imports of a library inner modules, in product code as in tests', () => {
    expect(found.appExportsAll).toEqual([expect.stringMatching(exportAll)]);
    expect(found.compositionReachesInside).toEqual([expect.stringMatching(inside)]);
    expect(found.adapterReachesInside).toEqual([expect.stringMatching(inside)]);
    expect(found.domainExportsAll).toEqual([expect.stringMatching(exportAll)]);
    expect(found.configExportsAll).toEqual([expect.stringMatching(exportAll)]);
    expect(found.specReachesInside).toEqual([expect.stringMatching(inside)]);
    expect(found.specUsesTestingEntry).toEqual([]);
  });
});
