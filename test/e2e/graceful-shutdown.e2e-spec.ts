import { ChildProcess, fork } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { AddressInfo, Socket, connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@xj/sqlite-event-store';
import { CompiledTree, compileTree } from '../../bench/support/compile';

/**
 * Graceful shutdown (issue #13 item 5), on the real server in a child process running compiled
 * JavaScript as `npm run start:prod` does: after SIGTERM it stops accepting, closes idle and
 * half-sent connections at once, lets a request in flight finish within the grace, closes its
 * stores and exits with code 0. Asserts what happens, never how fast.
 */
jest.setTimeout(120_000);

let tree: CompiledTree;
let jsDir: string;
beforeAll(() => {
  jsDir = mkdtempSync(join(tmpdir(), 'xj-shutdown-js-'));
  tree = compileTree(jsDir, ['apps/worker/src']);
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

interface Child {
  readonly process: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

/** Forks a compiled entry point and resolves once its stdout shows `ready`. */
const start = async (entry: string, env: NodeJS.ProcessEnv, ready: RegExp): Promise<Child> => {
  const child = fork(tree.file(entry), [], {
    env: { ...tree.env, ...env },
    execArgv: [],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  await new Promise<void>((resolve, reject) => {
    const check = (): void => {
      if (ready.test(output)) resolve();
    };
    child.stdout?.on('data', check);
    void exited.then(({ code, signal }) =>
      reject(new Error(`${entry} exited (${code ?? signal}) before it was ready:\n${output}`)),
    );
  });
  return { process: child, exited, output: () => output };
};

/** Resolves true when the socket is closed, false if it is still open after `ms` (a bound, not a measurement). */
const closedWithin = (socket: Socket, ms: number): Promise<boolean> =>
  socket.destroyed || socket.readyState === 'closed'
    ? Promise.resolve(true)
    : new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), ms);
        socket.once('close', () => {
          clearTimeout(timer);
          resolve(true);
        });
      });

const open = (port: number): Promise<Socket> =>
  new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });

/** Everything the server sends on `socket` until it closes it. */
const received = (socket: Socket): Promise<string> =>
  new Promise((resolve) => {
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    socket.on('error', () => undefined);
    socket.once('close', () => resolve(text));
  });

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** SQLite deletes a database's -wal and -shm files when its last connection closes cleanly. */
const leftOpen = (dataDir: string): string[] =>
  ['events.sqlite', 'read-models.sqlite', 'login-attempts.sqlite']
    .flatMap((db) => ['-wal', '-shm'].map((suffix) => `${db}${suffix}`))
    .filter((file) => existsSync(join(dataDir, file)));

describe('graceful shutdown of the API on SIGTERM', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'xj-shutdown-data-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('closes idle and half-sent connections at once, finishes the request in flight, closes the stores and exits 0', async () => {
    const port = await freePort();
    const api = await start(
      'apps/api/src/main.ts',
      { DATA_DIR: dataDir, DEMO: '1', PORT: String(port), LOG_LEVEL: 'silent', SHUTDOWN_GRACE_SECONDS: '60' },
      /API on http/,
    );
    try {
      const credentials = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as {
        username: string;
        password: string;
      }[];
      const office = credentials.find((c) => c.username === 'office');

      // An idle keep-alive connection: one request answered, then nothing.
      const idle = await open(port);
      const idleText = received(idle);
      const answered = new Promise((resolve) => idle.once('data', resolve));
      idle.write(`GET /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n`);
      await answered;
      // A half-sent request: its headers never complete.
      const halfOpen = await open(port);
      const halfOpenText = received(halfOpen);
      halfOpen.write('POST /api/v1/auth/token HTTP/1.1\r\nHost: localhost\r\nContent-Ty');
      // A request in flight: headers complete, half of its body sent.
      const body = JSON.stringify({ username: office?.username, password: office?.password });
      const slow = await open(port);
      const slowText = received(slow);
      slow.write(
        `POST /api/v1/auth/token HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
      );
      slow.write(body.slice(0, 10));
      await sleep(500);

      api.process.kill('SIGTERM');
      expect(await closedWithin(idle, 30_000)).toBe(true);
      expect(await closedWithin(halfOpen, 30_000)).toBe(true);
      expect(await halfOpenText).toBe('');
      expect(await idleText).toMatch(/^HTTP\/1\.1 200 /);
      // No new connection is accepted while the one in flight finishes.
      await expect(open(port)).rejects.toThrow(/ECONNREFUSED/);

      slow.write(body.slice(10));
      const answer = await slowText;
      expect(answer).toMatch(/^HTTP\/1\.1 200 /);
      expect(answer).toMatch(/\r\nconnection: close\r\n/i);
      expect(answer).toContain('"accessToken"');

      expect(await api.exited).toEqual({ code: 0, signal: null });
    } finally {
      api.process.kill('SIGKILL');
    }
    expect(leftOpen(dataDir)).toEqual([]);
    const reopened = new SqliteEventStore({ filename: join(dataDir, 'events.sqlite') });
    await reopened.close();
  });

  it('force-closes a request still running when the grace is over, and still exits 0 with the stores closed', async () => {
    const port = await freePort();
    const api = await start(
      'apps/api/src/main.ts',
      { DATA_DIR: dataDir, DEMO: '1', PORT: String(port), LOG_LEVEL: 'silent', SHUTDOWN_GRACE_SECONDS: '1' },
      /API on http/,
    );
    try {
      const stuck = await open(port);
      const stuckText = received(stuck);
      stuck.write(
        `POST /api/v1/auth/token HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"user`,
      );
      await sleep(500);
      api.process.kill('SIGTERM');
      expect(await closedWithin(stuck, 30_000)).toBe(true);
      expect(await stuckText).toBe('');
      expect(await api.exited).toEqual({ code: 0, signal: null });
    } finally {
      api.process.kill('SIGKILL');
    }
    expect(leftOpen(dataDir)).toEqual([]);
  });
});

describe('graceful shutdown of the worker on SIGTERM', () => {
  it('stops its background work, closes the stores and exits 0', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'xj-shutdown-worker-'));
    const worker = await start('apps/worker/src/main.ts', { DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, /worker running/);
    try {
      worker.process.kill('SIGTERM');
      expect(await worker.exited).toEqual({ code: 0, signal: null });
      expect(leftOpen(dataDir)).toEqual([]);
    } finally {
      worker.process.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
