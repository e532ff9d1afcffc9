import { ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompiledTree, compileTree } from '../../bench/support/compile';

/**
 * Issue 18: what the API's first start says on stdout, as `npm start` runs it (compiled main.js,
 * LOG_LEVEL info so that the structured log is written too): outside demo mode the system
 * administrator's one-time password, once, on a line of its own and in no JSON log record; in
 * demo mode where the demo passwords are, never a password.
 */
jest.setTimeout(120_000);

let tree: CompiledTree;
let jsDir: string;
beforeAll(() => {
  jsDir = mkdtempSync(join(tmpdir(), 'xj-first-start-js-'));
  tree = compileTree(jsDir);
});
afterAll(() => rmSync(jsDir, { recursive: true, force: true }));

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

/** Runs main.js until it listens; returns all it wrote to stdout and stderr, and stops it. */
const firstStart = async (
  dataDir: string,
  env: NodeJS.ProcessEnv,
): Promise<{ stdout: string; port: number; stop(): Promise<void> }> => {
  const port = await freePort();
  const child: ChildProcess = fork(tree.file('apps/api/src/main.ts'), [], {
    env: { ...tree.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'info', ...env },
    execArgv: [],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', () => /API on http/.test(stdout) && resolve());
    void exited.then(() => reject(new Error(`main.js exited before it listened:\n${stdout}`)));
  });
  return {
    stdout,
    port,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
};

describe('the first start of the API', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'xj-first-start-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('outside demo mode prints the system administrator’s one-time password once, in no log record', async () => {
    const api = await firstStart(dataDir, {});
    let password = '';
    try {
      password = /one-time password\s+(\S+)/.exec(api.stdout)?.[1] ?? '';
      expect(password).toMatch(/^.{16,}$/);
      const logRecords = api.stdout.split('\n').filter((line) => line.startsWith('{'));
      expect(logRecords.length).toBeGreaterThan(0);
      expect(logRecords.filter((line) => line.includes(password))).toEqual([]);
      const res = await fetch(`http://127.0.0.1:${api.port}/api/v1/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'sysadmin', password }),
      });
      expect(res.status).toBe(200);
    } finally {
      await api.stop();
    }
    const again = await firstStart(dataDir, {});
    await again.stop();
    expect(again.stdout).not.toContain('one-time password');
    expect(again.stdout).not.toContain(password);
  });

  it('in demo mode (DEMO=1) writes the demo passwords to the owner-readable file only', async () => {
    const api = await firstStart(dataDir, { DEMO: '1' });
    await api.stop();
    const credentials = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as {
      password: string;
    }[];
    expect(credentials.length).toBeGreaterThan(10);
    expect(api.stdout).toContain('demo-credentials.json');
    expect(credentials.filter((c) => api.stdout.includes(c.password))).toEqual([]);
    expect(api.stdout).not.toContain('one-time password');
  });
});
