// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Lint enforces the dependency direction (../shared/STYLE.md):
 *   domain → nothing; application → domain (+ @nestjs/common, @nestjs/cqrs);
 *   adapters → application + domain; apps → everything; test helpers never in product code;
 *   worker-threads (the one way to start a worker) → nothing of the product.
 */
const nodeBuiltins = ['fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'worker_threads'];
const clients = ['@eventstore/db-client', '@kurrent/kurrentdb-client', 'mongoose', 'mongodb', 'better-sqlite3'];
const testHelpers = { group: ['@xj/testing', '@xj/testing/*', '**/testing/**', '**/*.spec', '**/*-spec'], message: 'Test helpers never reach product code.' };
/** Libraries are used through their entry points (../shared/STYLE.md, "Narrow seams"). */
const entryPoints = [
  { selector: 'ExportAllDeclaration', message: 'An entry point lists its names (narrow seams): no export *.' },
  {
    // `\u002f` is '/': esquery's regular expressions cannot hold a slash.
    selector: String.raw`:matches(ImportDeclaration, ExportNamedDeclaration)[source.value=/^@xj\u002f(?!testing\u002f)[^\u002f]+\u002f(?!event-store-kit$)/]`,
    message: 'Import a library through its entry point (@xj/<lib>); event-store adapters also @xj/application/event-store-kit, specs @xj/testing/<file>.',
  },
];
const impureTime = [
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'The domain is given time on the command; never read the clock.' },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The domain is given time on the command; never read the clock.' },
  { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Ids and randomness come in on the command.' },
  { selector: "CallExpression[callee.object.name='crypto'][callee.property.name='randomUUID']", message: 'Ids come in on the command.' },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'coverage/**', 'data/**', '**/*.js', '**/*.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'CallExpression[callee.property.name=/^(only)$/][callee.object.name=/^(it|describe|test)$/]', message: 'No focused tests.' }, ...entryPoints],
    },
  },
  {
    files: ['libs/domain/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeBuiltins.map((name) => ({ name, message: 'The domain is pure TypeScript.' })),
        patterns: [
          { group: ['@nestjs/*', 'class-validator', 'class-transformer', 'rxjs', ...clients], message: 'The domain imports nothing outside the TypeScript standard library.' },
          { group: ['@xj/*', 'node:*'], message: 'The domain depends on nothing else in the product.' },
          testHelpers,
        ],
      }],
      'no-restricted-syntax': ['error', ...impureTime, ...entryPoints],
    },
  },
  {
    files: ['libs/application/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: [...clients, '@nestjs/core', '@nestjs/platform-*', '@nestjs/swagger', 'class-validator'], message: 'application uses @nestjs/common and @nestjs/cqrs only; clients live in their adapter library.' },
          { group: ['@xj/*', '!@xj/domain', '!@xj/domain/*'], message: 'application depends on the domain only.' },
          testHelpers,
        ],
      }],
    },
  },
  {
    files: ['libs/sqlite-*/src/**/*.ts', 'libs/esdb-*/src/**/*.ts', 'libs/mongo-*/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*contract-spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@xj/api', '@xj/worker', '@xj/cli', 'apps/*'], message: 'Adapters do not depend on apps.' }, testHelpers] }],
    },
  },
  {
    files: ['libs/worker-threads/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/testing/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@xj/*'], message: 'Starts every worker thread, before any @xj/* alias resolves there: it depends on nothing of the product.' }, testHelpers] }],
    },
  },
  {
    files: ['apps/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*-spec.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{
          name: 'class-validator',
          importNames: ['IsOptional', 'ValidateNested'],
          message: 'Use OptionalField / NestedObject / NestedArray (apps/api/src/http/dto-decorators.ts): they refuse null and absent nested objects.',
        }],
        patterns: [testHelpers],
      }],
    },
  },
);
