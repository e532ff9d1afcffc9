#!/usr/bin/env node
// Runs a compiled entry point from dist/ with the @xj/* path aliases resolved to dist/libs/*.
// Usage: node scripts/run.js apps/api/src/main.js
const path = require('node:path');
const tsConfigPaths = require('tsconfig-paths');
const { compilerOptions } = require('../tsconfig.json');

const dist = path.join(__dirname, '..', 'dist');
tsConfigPaths.register({ baseUrl: dist, paths: compilerOptions.paths });
const entry = process.argv[2];
if (!entry) {
  process.stderr.write('usage: node scripts/run.js <entry relative to dist/>\n');
  process.exit(2);
}
process.argv.splice(1, 2, path.join(dist, entry));
require(path.join(dist, entry));
