/**
 * `npm run smoke:prod` (run by .ci/run after the tests): a production install runs (issue #14).
 * dist/ is built beforehand (the build needs the dev dependencies); a scratch directory gets dist/,
 * package.json and package-lock.json and `npm ci --omit=dev`, and from there plain node, with
 * nothing of the repository and no dev dependency:
 *   1. loads every compiled library (their production dependencies suffice);
 *   2. starts the API on a temp DATA_DIR and port, until /health/ready answers 200, then asks it
 *      for a token and for a case that does not exist (404 problem+json), and for the workbench
 *      (dist/web) at / and at a deep link (HTML under a CSP);
 *   3. runs the CLI's `verify` on the same DATA_DIR while the API runs (exit 0, ok);
 *   4. stops the API with SIGTERM (exit 0), then walks the store on a worker thread started from
 *      dist/ (the verifier's chain-segment worker);
 *   5. starts the worker app on the same DATA_DIR until it runs, and stops it with SIGTERM (exit 0).
 * Any failure exits 1 with the output of the process that failed. PROD_SMOKE_KEEP=1 keeps the
 * scratch directory.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;
/** Present in a full install, absent from a production one: the smoke would prove nothing with them. */
const DEV_ONLY = ['tsconfig-paths', 'ts-node', 'jest'];

class SmokeFailure extends Error {}

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));
const log = (line: string): void => void process.stdout.write(`prod-smoke: ${line}\n`);
const seconds = (since: number): string => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** The environment of every child: none of the repository's module resolution leaks in. */
const childEnv = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const key of Object.keys(env))
    if (key === 'NODE_PATH' || key === 'NODE_OPTIONS' || key.startsWith('TS_NODE_')) delete env[key];
  return env;
};

const freePort = (): Promise<number> =>
  new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => done(port));
    });
  });

interface Running {
  readonly child: ChildProcess;
  readonly exited: Promise<number | NodeJS.Signals | null>;
  output(): string;
}

const running = new Set<ChildProcess>();

/** `node <args>` in the scratch directory, its output kept for the failure message. */
const startNode = (cwd: string, args: readonly string[], env: NodeJS.ProcessEnv): Running => {
  const child = spawn(process.execPath, args, { cwd, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | NodeJS.Signals | null>((done) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      done(code ?? signal);
    }),
  );
  return { child, exited, output: () => output };
};

const failWith = (what: string, output: string): never => {
  throw new SmokeFailure(`${what}\n--- its output ---\n${output.trim()}\n---`);
};

/** Polls `ready` until it holds; fails when the process exits first or the time is up. */
const until = async (name: string, proc: Running, ready: () => Promise<boolean> | boolean): Promise<void> => {
  let exit: number | NodeJS.Signals | null | undefined;
  void proc.exited.then((code) => (exit = code));
  for (const deadline = Date.now() + READY_TIMEOUT_MS; Date.now() < deadline; await sleep(250)) {
    if (exit !== undefined) failWith(`${name} exited (${String(exit)}) before it was ready`, proc.output());
    if (await ready()) return;
  }
  failWith(`${name} was not ready within ${READY_TIMEOUT_MS / 1000} s`, proc.output());
};

const stop = async (name: string, proc: Running): Promise<void> => {
  proc.child.kill('SIGTERM');
  const code = await Promise.race([proc.exited, sleep(STOP_TIMEOUT_MS).then(() => 'timeout' as const)]);
  if (code !== 0) failWith(`${name} did not exit 0 after SIGTERM (${String(code)})`, proc.output());
};

/** `node <args>` to completion; fails unless it exits 0. */
const runNode = (cwd: string, name: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): string => {
  const result = spawnSync(process.execPath, args, {
    cwd,
    env: childEnv(env),
    encoding: 'utf8',
    timeout: READY_TIMEOUT_MS,
  });
  if (result.status !== 0)
    failWith(
      `${name} exited ${String(result.status ?? result.signal ?? result.error?.message)}`,
      `${result.stdout}${result.stderr}`,
    );
  return result.stdout;
};

const getOk = async (url: string): Promise<boolean> => {
  try {
    return (await fetch(url)).status === 200;
  } catch {
    return false;
  }
};

/** The API answers through its whole stack: a token for a demo account, then a 404 problem for a missing case. */
const askTheApi = async (base: string, dataDir: string, api: Running): Promise<void> => {
  const [account] = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as {
    username: string;
    password: string;
  }[];
  if (!account) return failWith('the API wrote no demo account', api.output());
  const token = await fetch(`${base}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: account.username, password: account.password }),
  });
  const answer = (await token.json()) as { accessToken?: string };
  if (token.status !== 200 || !answer.accessToken)
    failWith(`POST /api/v1/auth/token answered ${token.status} ${JSON.stringify(answer)}`, api.output());
  const missing = await fetch(`${base}/api/v1/clues/prod-smoke-missing`, {
    headers: { authorization: `Bearer ${answer.accessToken}` },
  });
  const problem = (await missing.json()) as { code?: unknown };
  if (
    missing.status !== 404 ||
    !missing.headers.get('content-type')?.startsWith('application/problem+json') ||
    typeof problem.code !== 'string'
  ) {
    failWith(`GET of a missing clue answered ${missing.status} ${JSON.stringify(problem)}`, api.output());
  }
};

/** The workbench is served from dist/web: `/` and a deep link answer its page; an unknown API route stays a problem. */
const askForTheWorkbench = async (base: string, api: Running): Promise<void> => {
  for (const path of ['/', '/cases/clue/prod-smoke-missing']) {
    const page = await fetch(`${base}${path}`);
    const html = await page.text();
    if (
      page.status !== 200 ||
      !page.headers.get('content-type')?.startsWith('text/html') ||
      !html.includes('<div id="root">') ||
      !page.headers.get('content-security-policy')?.includes("script-src 'self'")
    )
      failWith(
        `GET ${path} answered ${page.status} ${page.headers.get('content-type')} without the workbench`,
        api.output(),
      );
  }
  const unknown = await fetch(`${base}/api/v1/prod-smoke-unknown`);
  if (unknown.status !== 404 || !unknown.headers.get('content-type')?.startsWith('application/problem+json'))
    failWith(`an unknown API route answered ${unknown.status} ${unknown.headers.get('content-type')}`, api.output());
};

const smoke = async (scratch: string): Promise<void> => {
  const started = Date.now();
  if (
    !existsSync(join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js')) ||
    !existsSync(join(ROOT, 'dist', 'node_modules')) ||
    !existsSync(join(ROOT, 'dist', 'web', 'index.html'))
  ) {
    throw new SmokeFailure('no build in dist/: run `npm run build` first (`npm run smoke:prod` does)');
  }
  cpSync(join(ROOT, 'dist'), join(scratch, 'dist'), { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) cpSync(join(ROOT, file), join(scratch, file));

  const installing = Date.now();
  const install = spawnSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd: scratch,
    env: childEnv(),
    encoding: 'utf8',
  });
  if (install.status !== 0)
    failWith(`npm ci --omit=dev exited ${String(install.status)}`, `${install.stdout}${install.stderr}`);
  const present = DEV_ONLY.filter((name) => existsSync(join(scratch, 'node_modules', name)));
  if (present.length > 0)
    throw new SmokeFailure(
      `the production install holds dev dependencies (${present.join(', ')}): it would prove nothing`,
    );
  log(`npm ci --omit=dev: ${seconds(installing)}`);

  runNode(scratch, 'loading every library', [
    '-e',
    "const { createRequire } = require('node:module'); const from = createRequire(require.resolve('./dist/apps/api/src/main.js'));" +
      "for (const name of require('node:fs').readdirSync('dist/node_modules/@xj')) from('@xj/' + name);",
  ]);
  log('every compiled library loads');

  const dataDir = join(scratch, 'data');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = { DATA_DIR: dataDir, DEMO: '1', PORT: String(port), LOG_LEVEL: 'warn' };
  const api = startNode(scratch, ['dist/apps/api/src/main.js'], env);
  await until('the API', api, () => getOk(`${base}/health/ready`));
  await askTheApi(base, dataDir, api);
  await askForTheWorkbench(base, api);
  log('the API is ready and answers, the workbench included');

  const report = JSON.parse(runNode(scratch, 'the CLI (verify)', ['dist/apps/cli/src/main.js', 'verify'], env)) as {
    ok?: boolean;
  };
  if (report.ok !== true) throw new SmokeFailure(`the CLI's verify reported ${JSON.stringify(report)}`);
  log('the CLI verifies the store');

  await stop('the API', api);
  const walk = JSON.parse(
    runNode(scratch, 'a worker thread', [
      '-e',
      "const { runWorker } = require('./dist/libs/worker-threads/src/index.js');" +
        `runWorker(require.resolve('./dist/libs/sqlite-event-store/src/chain-segment.worker.js'), { filename: ${JSON.stringify(join(dataDir, 'events.sqlite'))}, after: 0, through: Number.MAX_SAFE_INTEGER, openStart: false, pageSize: 1000 }, { name: 'The smoke thread' })` +
        '.then((r) => console.log(JSON.stringify({ eventsChecked: r.eventsChecked, failure: r.failure ?? null })), (e) => { console.error(e); process.exitCode = 1; });',
    ]),
  ) as { eventsChecked: number; failure: unknown };
  if (walk.failure !== null) throw new SmokeFailure(`the worker thread found a problem: ${JSON.stringify(walk)}`);
  log(`the API stopped (exit 0); a worker thread walked its ${walk.eventsChecked} events`);

  const worker = startNode(scratch, ['dist/apps/worker/src/main.js'], env);
  await until('the worker', worker, () => /xingji-link worker running/.test(worker.output()));
  await stop('the worker', worker);
  log(`the worker ran and stopped (exit 0); ok in ${seconds(started)}`);
};

const main = async (): Promise<void> => {
  const scratch = mkdtempSync(join(tmpdir(), 'xingji-prod-'));
  try {
    await smoke(scratch);
  } finally {
    for (const child of running) child.kill('SIGKILL');
    if (process.env.PROD_SMOKE_KEEP === '1') log(`kept ${scratch}`);
    else rmSync(scratch, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  process.stderr.write(
    `prod-smoke: FAILED: ${error instanceof SmokeFailure ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
