/**
 * runWorker from compiled JavaScript, as `npm run start:prod` and the CLI on dist/ run it after
 * `npm ci --omit=dev` (issue #14): the thread finds `@xj/*` (a library and a module of one) through
 * the library stubs, with no dev dependency. The tree is compiled into a temp directory and run by
 * plain node with no NODE_PATH, where tsconfig-paths and ts-node cannot be found.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import * as ts from 'typescript';
import { readLibraryAliases, writeLibraryStubs } from '../../../scripts/library-stubs';

jest.setTimeout(60_000);

const ROOT = resolve(__dirname, '..', '..', '..');
// What the echo worker loads: this library, the domain, and one module of the application.
const LIBRARIES = ['libs/worker-threads/src', 'libs/domain/src', 'libs/application/src'];

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !/(spec|\.d)\.ts$/.test(name) ? [path] : [];
  });

let out: string;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'xj-compiled-worker-'));
  const aliases = readLibraryAliases(join(ROOT, 'tsconfig.json'));
  const { options } = ts.convertCompilerOptionsFromJson(
    (ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile).config as { compilerOptions: object })
      .compilerOptions,
    ROOT,
  );
  for (const source of LIBRARIES.flatMap((dir) => sources(join(ROOT, dir)))) {
    const target = join(out, relative(ROOT, source).replace(/\.ts$/, '.js'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(
      target,
      ts.transpileModule(readFileSync(source, 'utf8'), {
        compilerOptions: { ...options, sourceMap: false },
        fileName: source,
      }).outputText,
    );
  }
  writeLibraryStubs(aliases, out);
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

const runCompiled = (task: object): unknown => {
  const script = [
    `const { runWorker } = require(${JSON.stringify(join(out, 'libs/worker-threads/src/index.js'))});`,
    `runWorker(${JSON.stringify(join(out, 'libs/worker-threads/src/testing/echo.worker.js'))}, ${JSON.stringify(task)}, { name: 'The echo thread' })`,
    '  .then((answer) => console.log(JSON.stringify({ answer })), (error) => console.log(JSON.stringify({ error: error.message })));',
  ].join('\n');
  return JSON.parse(
    execFileSync(process.execPath, ['-e', script], { cwd: out, env: { PATH: process.env.PATH }, encoding: 'utf8' }),
  );
};

describe('runWorker, compiled', () => {
  it('runs the handler in a thread where @xj/* resolves through the library stubs, with no dev dependency', () => {
    expect(() =>
      execFileSync(process.execPath, ['-e', "require.resolve('tsconfig-paths')"], {
        cwd: out,
        env: { PATH: process.env.PATH },
        stdio: 'ignore',
      }),
    ).toThrow();
    expect(runCompiled({ mode: 'answer', n: 21 })).toEqual({
      answer: { doubled: 42, category: 'clue', genesis: '0'.repeat(64) },
    });
  });

  it("rejects with the handler's failure, named", () => {
    expect(runCompiled({ mode: 'fail', n: 7 })).toEqual({ error: 'The echo thread failed: TypeError: cannot echo 7' });
  });
});
