/**
 * `npm run test:browser` (called by .ci/run): the browser journeys of the workbench (issue 16) in
 * headless Chromium driven by playwright-core, against the real API serving dist/web. Apart from
 * `npm test` because they need a built web app (`npm run build:web` first) and a browser.
 */
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/test/browser'],
  testRegex: '\\.browser-spec\\.ts$',
  // Bounds on a hung browser, not speed targets: a loaded two-core machine renders slowly.
  testTimeout: 180_000,
  collectCoverageFrom: [],
  coverageThreshold: undefined,
};
