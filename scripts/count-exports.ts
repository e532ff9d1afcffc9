/**
 * `npx ts-node --transpile-only scripts/count-exports.ts` — how many names each library's entry
 * points publish (values and types, re-exports followed), as the type checker sees them. A seam is
 * only as narrow as its entry: this is the figure to watch when a library's index.ts grows.
 * (libs/testing's files are each an entry, `@xj/testing/<file>`, for specs; only its index is counted.)
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';

const root = join(__dirname, '..');
const libs = join(root, 'libs');

/** `src/index.ts` and the named entries next to it (`src/*-kit.ts`, e.g. `@xj/application/event-store-kit`). */
const entriesOf = (lib: string): string[] => {
  const src = join(libs, lib, 'src');
  const named = readdirSync(src).filter((name) => name.endsWith('-kit.ts') && statSync(join(src, name)).isFile());
  return [join(src, 'index.ts'), ...named.map((name) => join(src, name))];
};

const all = readdirSync(libs).flatMap(entriesOf);
const { config } = ts.readConfigFile(join(root, 'tsconfig.json'), (file) => ts.sys.readFile(file));
const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
const program = ts.createProgram(all, { ...options, noEmit: true });
const checker = program.getTypeChecker();
let total = 0;
for (const file of all) {
  const source = program.getSourceFile(file);
  const symbol = source && checker.getSymbolAtLocation(source);
  const count = symbol ? checker.getExportsOfModule(symbol).length : 0;
  total += count;
  console.log(`${relative(root, file).padEnd(56)} ${String(count).padStart(5)}`);
}
console.log(`${'total'.padEnd(56)} ${String(total).padStart(5)}`);
