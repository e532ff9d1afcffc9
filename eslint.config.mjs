// @ts-check
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Lint enforces the dependency direction (../shared/STYLE.md):
 *   domain → nothing; application → domain (+ @nestjs/common, @nestjs/cqrs);
 *   adapters → application + domain (only the event-store adapters and libs/testing also
 *   @xj/application/event-store-kit); composition → libraries; apps → libraries and composition,
 *   never another app; libraries never import apps; test helpers never in product code;
 *   worker-threads (the one way to start a worker) → nothing of the product;
 *   tests, benchmarks and scripts reach an app only through apps/api/src/bootstrap.
 */
const nodeBuiltins = ['fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'worker_threads'];
const clients = [
  '@eventstore/db-client',
  '@kurrent/kurrentdb-client',
  'mongoose',
  'mongodb',
  'better-sqlite3',
  'nodemailer',
];
const testHelpers = {
  group: ['@xj/testing', '@xj/testing/*', '**/testing/**', '**/*.spec', '**/*-spec'],
  message: 'Test helpers never reach product code.',
};
/** Libraries are used through their entry points (../shared/STYLE.md, "Narrow seams"). */
const entryPoints = [
  { selector: 'ExportAllDeclaration', message: 'An entry point lists its names (narrow seams): no export *.' },
  {
    // `\u002f` is '/': esquery's regular expressions cannot hold a slash.
    selector: String.raw`:matches(ImportDeclaration, ExportNamedDeclaration)[source.value=/^@xj\u002f(?!testing\u002f)[^\u002f]+\u002f(?!event-store-kit$)/]`,
    message:
      'Import a library through its entry point (@xj/<lib>); event-store adapters also @xj/application/event-store-kit, specs @xj/testing/<file>.',
  },
];
const impureTime = [
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: 'The domain is given time on the command; never read the clock.',
  },
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: 'The domain is given time on the command; never read the clock.',
  },
  {
    selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
    message: 'Ids and randomness come in on the command.',
  },
  {
    selector: "CallExpression[callee.object.name='crypto'][callee.property.name='randomUUID']",
    message: 'Ids come in on the command.',
  },
];

const root = path.dirname(fileURLToPath(import.meta.url));
const APP_ALIASES = { '@xj/api': 'api', '@xj/worker': 'worker', '@xj/cli': 'cli' };

/** Where an import leads, as a repository path without extension (`apps/api/src/bootstrap`); undefined for a package. */
const targetOf = (file, specifier) => {
  const alias = Object.keys(APP_ALIASES).find((name) => specifier === name || specifier.startsWith(`${name}/`));
  if (alias) return `apps/${APP_ALIASES[alias]}/src${specifier.slice(alias.length)}`;
  const resolved = specifier.startsWith('.')
    ? path.resolve(path.dirname(file), specifier)
    : specifier.startsWith('apps/')
      ? path.join(root, specifier)
      : undefined;
  return (
    resolved &&
    path
      .relative(root, resolved)
      .split(path.sep)
      .join('/')
      .replace(/\.(ts|js)$/, '')
  );
};
const appOf = (repoPath) => /^apps\/([^/]+)\//.exec(`${repoPath}/`)?.[1];

const literal = (node) => (node && node.type === 'Literal' ? node.value : undefined);

/** The visitors that hand `check` every module a file loads: imports, re-exports, `import()`, `typeof import()`, `require()`, `jest.mock()`. */
const loadsOf = (check) => ({
  ImportDeclaration: (node) => check(node, node.source.value),
  ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
  ExportAllDeclaration: (node) => check(node, node.source.value),
  ImportExpression: (node) => check(node, literal(node.source)),
  // typescript-eslint 8 names the specifier `source` (`argument.literal` before, deprecated).
  TSImportType: (node) => check(node, literal(node.source ?? node.argument?.literal)),
  TSExternalModuleReference: (node) => check(node, literal(node.expression)),
  CallExpression: (node) => {
    const callee = node.callee;
    const loads =
      (callee.type === 'Identifier' && callee.name === 'require') ||
      (callee.type === 'MemberExpression' &&
        callee.object.type === 'Identifier' &&
        callee.object.name === 'jest' &&
        callee.property.type === 'Identifier' &&
        ['mock', 'doMock', 'requireActual', 'requireMock'].includes(callee.property.name));
    if (loads) check(node, literal(node.arguments[0]));
  },
});

/**
 * One composition for every entry point (STYLE.md, after immich): an app never imports another app
 * (the wiring they share is @xj/composition), a library never imports an app, and code outside
 * the apps (tests, benchmarks, scripts) reaches one only through the entry files in `allow`.
 * Checks imports, re-exports, `import()`, `typeof import()`, `require()` and `jest.mock()`.
 */
const appBoundaries = {
  meta: {
    type: 'problem',
    schema: [
      {
        type: 'object',
        properties: { allow: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
    ],
    messages: {
      crossApp:
        'apps/{{from}} imports apps/{{to}} ({{target}}): no app imports another app; what they share belongs in @xj/composition.',
      libraryImportsApp: 'A library never imports an app ({{target}}).',
      outsideEntry:
        'Outside the apps, an app is reached only through {{allowed}} (it starts the API); {{target}} is not one: import it from @xj/composition or a library.',
    },
  },
  create(context) {
    const file = context.filename;
    const from = path.relative(root, file).split(path.sep).join('/');
    const allow = context.options[0]?.allow ?? [];
    const check = (node, specifier) => {
      if (typeof specifier !== 'string') return;
      const target = targetOf(file, specifier);
      const to = target && appOf(target);
      if (!to) return;
      const fromApp = appOf(from);
      if (fromApp) {
        if (fromApp !== to) context.report({ node, messageId: 'crossApp', data: { from: fromApp, to, target } });
      } else if (from.startsWith('libs/')) {
        context.report({ node, messageId: 'libraryImportsApp', data: { target } });
      } else if (!allow.includes(target)) {
        context.report({ node, messageId: 'outsideEntry', data: { target, allowed: allow.join(', ') || 'no file' } });
      }
    };
    return loadsOf(check);
  },
};

const EVENT_STORE_KIT = '@xj/application/event-store-kit';

/**
 * The storage seam, the store composed over it and the hash chain's internals
 * (`@xj/application/event-store-kit`) are for the event-store adapters that build a store on them
 * (STYLE.md, "Narrow seams"); the rest of the product uses the EventStore port from @xj/application.
 * Which files may import the kit is chosen by the block that turns this rule on. Relative paths
 * into the kit's file count as importing it.
 */
const eventStoreKit = {
  meta: {
    type: 'problem',
    schema: [],
    messages: {
      kitOutsideAdapters:
        '{{specifier}} is for the event-store adapters (libs/sqlite-*, libs/esdb-*) and libs/testing: use the EventStore port from @xj/application.',
    },
  },
  create(context) {
    const dir = path.dirname(context.filename);
    const kitFile = path.join(root, 'libs/application/src/event-store-kit');
    return loadsOf((node, specifier) => {
      if (typeof specifier !== 'string') return;
      const relativeToKit =
        specifier.startsWith('.') && path.resolve(dir, specifier).replace(/\.(ts|js)$/, '') === kitFile;
      if (specifier === EVENT_STORE_KIT || relativeToKit)
        context.report({ node, messageId: 'kitOutsideAdapters', data: { specifier } });
    });
  },
};

const xj = { rules: { 'app-boundaries': appBoundaries, 'event-store-kit': eventStoreKit } };

/** Configuration is read once, by the schema (libs/composition/src/config), from the environment the entry point passes. */
const processEnv = {
  selector: "MemberExpression[object.name='process'][property.name='env']",
  message:
    'Read configuration from the typed AppConfig (libs/composition/src/config/config.schema.ts declares every variable), not from process.env.',
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'coverage/**', 'data/**', '**/*.js', '**/*.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(only)$/][callee.object.name=/^(it|describe|test)$/]',
          message: 'No focused tests.',
        },
        ...entryPoints,
      ],
    },
  },
  {
    files: ['libs/domain/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'The domain is pure TypeScript.' })),
          patterns: [
            {
              group: ['@nestjs/*', 'class-validator', 'class-transformer', 'rxjs', ...clients],
              message: 'The domain imports nothing outside the TypeScript standard library.',
            },
            { group: ['@xj/*', 'node:*'], message: 'The domain depends on nothing else in the product.' },
            testHelpers,
          ],
        },
      ],
      'no-restricted-syntax': ['error', ...impureTime, processEnv, ...entryPoints],
    },
  },
  {
    files: ['libs/application/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...clients, '@nestjs/core', '@nestjs/platform-*', '@nestjs/swagger', 'class-validator'],
              message: 'application uses @nestjs/common and @nestjs/cqrs only; clients live in their adapter library.',
            },
            { group: ['@xj/*', '!@xj/domain', '!@xj/domain/*'], message: 'application depends on the domain only.' },
            testHelpers,
          ],
        },
      ],
    },
  },
  {
    files: [
      'libs/sqlite-*/src/**/*.ts',
      'libs/esdb-*/src/**/*.ts',
      'libs/mongo-*/src/**/*.ts',
      'libs/notification-senders/src/**/*.ts',
    ],
    ignores: ['**/*.spec.ts', '**/*contract-spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@xj/api', '@xj/worker', '@xj/cli', 'apps/*'], message: 'Adapters do not depend on apps.' },
            { group: ['@xj/composition'], message: 'Adapters do not depend on the composition that chooses them.' },
            testHelpers,
          ],
        },
      ],
    },
  },
  {
    files: ['libs/worker-threads/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@xj/*'],
              message:
                'Starts every worker thread, before any @xj/* alias resolves there: it depends on nothing of the product.',
            },
            testHelpers,
          ],
        },
      ],
    },
  },
  {
    // The production adapters (and their drivers) load only when configured: adapter-selection.ts requires them on demand.
    files: ['libs/composition/src/**/*.ts', 'apps/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*-spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ['@xj/esdb-event-store', '@xj/mongo-read-models'].map((name) => ({
            name,
            allowTypeImports: true,
            message:
              'Loaded on demand only (createEventStore / createReadModelStore in @xj/composition): the embedded default boots without its driver.',
          })),
        },
      ],
    },
  },
  {
    files: ['libs/composition/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*-spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@xj/composition'], message: 'Inside the library, import its files relatively.' },
            testHelpers,
          ],
        },
      ],
    },
  },
  {
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*-spec.ts', 'libs/domain/**', 'libs/composition/src/config/**', 'apps/*/src/main.ts'],
    // A rule's options in a later block replace the earlier ones: the entry points are repeated here.
    rules: { 'no-restricted-syntax': ['error', processEnv, ...entryPoints] },
  },
  {
    // The workbench runs in the browser and knows the API only over HTTP (apps/web/src/api/api-client.ts).
    files: ['apps/web/**/*.ts', 'apps/web/**/*.tsx'],
    ignores: ['apps/web/vite.config.mts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'The web app runs in the browser.' })),
          patterns: [
            { group: ['@xj/*', 'node:*', '@nestjs/*'], message: 'The web app talks to the API over HTTP only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/**/*.ts', 'libs/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    plugins: { xj },
    rules: { 'xj/app-boundaries': ['error', { allow: ['apps/api/src/bootstrap'] }] },
  },
  {
    // Only the event-store adapters (and libs/testing's in-memory storage) compose a store over the
    // storage seam. Specs and test helpers may use the kit: they forge re-chained rows as an
    // adapter writes them, to show that tampering is found.
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['libs/sqlite-*/**', 'libs/esdb-*/**', 'libs/testing/**', '**/testing/**', '**/*.spec.ts', '**/*-spec.ts'],
    plugins: { xj },
    rules: { 'xj/event-store-kit': 'error' },
  },
  {
    files: ['apps/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*-spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'class-validator',
              importNames: ['IsOptional', 'ValidateNested'],
              message:
                'Use OptionalField / NestedObject / NestedArray (apps/api/src/http/dto-decorators.ts): they refuse null and absent nested objects.',
            },
          ],
          patterns: [testHelpers],
        },
      ],
    },
  },
);
