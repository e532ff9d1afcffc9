import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Each entry point, started as `npm run cli` starts the CLI (ts-node), with bad values: it stops
 * before opening anything, with a message naming every bad variable and a failing exit code.
 */
const ROOT = join(__dirname, '..', '..');

interface Exit {
  readonly code: number | null;
  readonly stderr: string;
}

const start = (main: string, args: readonly string[], env: Record<string, string>): Promise<Exit> =>
  new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', main, ...args],
      // A fixed port: were the values accepted, the API would listen there until the timeout kills it.
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', PORT: '39871', ...env }, timeout: 50_000 },
      (_error, _stdout, stderr) => resolve({ code: child.exitCode, stderr }),
    );
  });

describe('a bad configuration stops every entry point at start', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'xj-config-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  // RUN_PROJECTIONS=no was read as true before the schema; READ_BURST=lots was refused.
  const bad = { RUN_PROJECTIONS: 'no', READ_BURST: 'lots' };
  const named = [
    'READ_BURST must be a positive integer, got "lots"',
    'RUN_PROJECTIONS must be true or false, got "no"',
  ].join('; ');

  it.each([
    ['the API', 'apps/api/src/main.ts', [], 1, `Failed to start: ${named}\n`],
    ['the worker', 'apps/worker/src/main.ts', [], 1, `Worker failed to start: ${named}\n`],
    ['the CLI', 'apps/cli/src/main.ts', ['verify'], 2, `error: ${named}\n`],
  ])(
    '%s (%s %j) exits %i, naming each bad variable, and opens nothing',
    async (_name, main, args, code, message) => {
      const exit = await start(main, args, { DATA_DIR: dataDir, ...bad });
      expect(exit).toEqual({ code, stderr: message });
      expect(readdirSync(dataDir)).toEqual([]);
    },
    60_000,
  );
});
