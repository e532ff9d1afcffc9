/**
 * The benchmarks' server and replay children run compiled JavaScript, as production does (`npm run
 * start:prod` runs dist/), so that neither ts-node's compile time at boot nor the TypeScript
 * compiler's memory counts in their figures. This transpiles the sources they load, file by file
 * (what ts-node --transpile-only does, ahead of time), into a temp directory, and writes the
 * library stubs that resolve the @xj/* aliases there (as `npm run build` does in dist/), in the
 * main thread and in worker threads alike.
 */
import { copyFileSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import * as ts from 'typescript';
import { readLibraryAliases, writeLibraryStubs } from '../../scripts/library-stubs';

const ROOT = resolve(__dirname, '..', '..');
const SOURCES = ['apps/api/src', 'libs', 'bench/replay', 'bench/support'];
const SKIP = /(\.spec|-spec|\.d)\.ts$/;

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'testing') return [];
    if (statSync(path).isDirectory()) return walk(path);
    return (name.endsWith('.ts') && !SKIP.test(name)) || name.endsWith('.json') ? [path] : [];
  });

export interface CompiledTree {
  readonly outDir: string;
  /** Environment for the children: NODE_PATH finds the repository's node_modules from the temp directory. */
  readonly env: NodeJS.ProcessEnv;
  /** The compiled file of a source file of the repository. */
  file(source: string): string;
}

/** `extraSources`: more directories of the repository to compile (e.g. another app's sources). */
export const compileTree = (outDir: string, extraSources: readonly string[] = []): CompiledTree => {
  const config = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.convertCompilerOptionsFromJson(config.config.compilerOptions, ROOT);
  const compilerOptions: ts.CompilerOptions = {
    ...options,
    sourceMap: false,
    inlineSourceMap: true,
    inlineSources: false,
    declaration: false,
  };
  for (const source of [...SOURCES, ...extraSources].flatMap((dir) => walk(join(ROOT, dir)))) {
    const rel = relative(ROOT, source);
    if (source.endsWith('.json')) {
      // Data the sources import (resolveJsonModule: the document templates), copied as it is.
      mkdirSync(dirname(join(outDir, rel)), { recursive: true });
      copyFileSync(source, join(outDir, rel));
      continue;
    }
    const output = ts.transpileModule(readFileSync(source, 'utf8'), { compilerOptions, fileName: source });
    const target = join(outDir, rel.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, output.outputText);
  }
  writeLibraryStubs(readLibraryAliases(join(ROOT, 'tsconfig.json')), outDir);
  const env = { ...process.env, NODE_PATH: join(ROOT, 'node_modules') };
  return { outDir, env, file: (source) => join(outDir, source.replace(/\.ts$/, '.js')) };
};
