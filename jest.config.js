/**
 * One jest run covers every suite that needs no database server: unit (*.spec.ts),
 * port contracts (*.contract-spec.ts; the EventStoreDB / MongoDB variants switch themselves on
 * when ESDB_URL / MONGO_URL are set) and HTTP journeys (*.e2e-spec.ts).
 */
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test'],
  testRegex: '\\.(spec|contract-spec|e2e-spec)\\.ts$',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // A bound on a hung test, not a speed target: e2e specs start whole applications, which takes
  // seconds on a loaded two-core machine.
  testTimeout: 60_000,
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  collectCoverageFrom: ['libs/domain/src/**/*.ts', '!libs/domain/src/**/index.ts'],
  coverageThreshold: {
    './libs/domain/src/': { lines: 95, statements: 95 },
  },
  coverageReporters: ['text-summary', 'text'],
};
