/**
 * Compiled code finds `@xj/*` through the library stubs that the build writes (scripts/library-stubs.ts)
 * with Node's own resolution, as a production install must (issue #14: `npm ci --omit=dev` has no
 * tsconfig-paths). The compiled files run in a child process with no NODE_PATH, from a temp
 * directory where no node_modules but the stubs can be found.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { readLibraryAliases, writeLibraryStubs } from '../../scripts/library-stubs';

const ROOT = resolve(__dirname, '..', '..');

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'xj-stubs-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const write = (path: string, text: string): void => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};

/** Runs a compiled file of the tree with plain node, as production does, and parses what it prints. */
const run = (path: string): unknown =>
  JSON.parse(
    execFileSync(process.execPath, [join(root, path)], {
      cwd: root,
      env: { PATH: process.env.PATH },
      encoding: 'utf8',
    }),
  );

const PATHS = {
  '@xj/a': ['./libs/a/src'],
  '@xj/a/*': ['./libs/a/src/*'],
  '@xj/b': ['./libs/b/src'],
  '@xj/test-only': ['./libs/test-only/src'],
};

/** A compiled tree of two libraries and an app, in out/ (rootDir: the temp directory). */
const compiledTree = (): void => {
  write('out/libs/a/src/index.js', "exports.name = 'a'; exports.b = require('@xj/b').name;");
  write('out/libs/a/src/deep/module.js', "exports.sameModule = require('@xj/a') === require('../index.js');");
  write('out/libs/b/src/index.js', "exports.name = 'b';");
  write(
    'out/apps/x/src/main.js',
    "console.log(JSON.stringify({ a: require('@xj/a'), deep: require('@xj/a/deep/module'), once: require('@xj/a/deep/module') === require('../../../libs/a/src/deep/module.js') }));",
  );
};

describe('writeLibraryStubs', () => {
  it('makes every alias, its subpaths included, resolve to the compiled module itself from anywhere in the tree, without tsconfig-paths', () => {
    compiledTree();
    const stubs = writeLibraryStubs({ paths: PATHS, pathsBase: root, rootDir: root }, join(root, 'out'));
    expect(stubs).toEqual({ written: ['@xj/a/*', '@xj/a', '@xj/b'], skipped: ['@xj/test-only'] });
    expect(run('out/apps/x/src/main.js')).toEqual({ a: { name: 'a', b: 'b' }, deep: { sameModule: true }, once: true });
  });

  it('replaces the stubs of an earlier run: a module gone from the tree no longer resolves', () => {
    compiledTree();
    const out = join(root, 'out');
    writeLibraryStubs({ paths: PATHS, pathsBase: root, rootDir: root }, out);
    expect(existsSync(join(out, 'node_modules/@xj/a/deep/module.js'))).toBe(true);
    rmSync(join(out, 'libs/a/src/deep'), { recursive: true });
    writeLibraryStubs({ paths: PATHS, pathsBase: root, rootDir: root }, out);
    expect(existsSync(join(out, 'node_modules/@xj/a/deep/module.js'))).toBe(false);
    expect(existsSync(join(out, 'node_modules/@xj/a/index.js'))).toBe(true);
  });

  it('refuses what it cannot map faithfully: a wildcard not at the end, a target outside rootDir', () => {
    compiledTree();
    const out = join(root, 'out');
    expect(() =>
      writeLibraryStubs({ paths: { '@xj/*/x': ['./libs/*/src'] }, pathsBase: root, rootDir: root }, out),
    ).toThrow('only a trailing /* is supported');
    expect(() =>
      writeLibraryStubs({ paths: { '@xj/a': ['../elsewhere'] }, pathsBase: root, rootDir: root }, out),
    ).toThrow('is outside rootDir');
  });
});

describe('readLibraryAliases', () => {
  it("reads the build's aliases from tsconfig.json through tsconfig.build.json: a new library needs no list kept by hand", () => {
    const declared = (
      JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8')) as {
        compilerOptions: { paths: Record<string, string[]> };
      }
    ).compilerOptions.paths;
    const aliases = readLibraryAliases(join(ROOT, 'tsconfig.build.json'));
    expect(aliases.paths).toEqual(declared);
    expect(aliases.pathsBase).toBe(ROOT);
    expect(aliases.rootDir).toBe(ROOT);
    expect(aliases.outDir).toBe(join(ROOT, 'dist'));
  });
});
