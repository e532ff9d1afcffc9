import { ChildProcess } from 'node:child_process';
import { CompiledTree } from '../../bench/support/compile';
import { forkServer, ServerProcess } from '../../bench/support/server-process';

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));

/**
 * The API (compiled JavaScript, bench/support/server-child.ts) over one data directory, started
 * again and again and killed with SIGKILL: no shutdown hook runs, as when the machine loses power
 * or the kernel kills the process. Clients ask {@link url} for the running server and wait while
 * none runs.
 */
export class ChaosServer {
  private current: ServerProcess | undefined;
  private waiting: ((url: string) => void)[] = [];

  constructor(
    private readonly tree: CompiledTree,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  get running(): boolean {
    return this.current !== undefined;
  }

  /** The running server's base URL; waits for the next start while none runs. */
  url(): Promise<string> {
    const running = this.current;
    return running ? Promise.resolve(running.baseUrl) : new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Starts the server; fails when it cannot start (after a crash that would be a finding). */
  async start(): Promise<void> {
    this.serve(await forkServer(this.tree, this.env));
  }

  /**
   * Starts a server and kills it `afterMs` into its start-up (opening the store, catching the
   * projections up). True if it died starting; if it listened first it keeps running.
   */
  async killDuringStartUp(afterMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    let spawned: ChildProcess | undefined;
    try {
      const server = await forkServer(this.tree, this.env, {
        onSpawn: (child) => {
          spawned = child;
          timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
        },
      });
      clearTimeout(timer);
      this.serve(server);
      return false;
    } catch {
      clearTimeout(timer);
      if (spawned) await exited(spawned);
      return true;
    }
  }

  /** kill -9 of the running server; clients wait for the next start from now on. */
  async kill9(): Promise<void> {
    const server = this.current;
    this.current = undefined;
    if (!server) return;
    server.child.kill('SIGKILL');
    await exited(server.child);
  }

  /** Graceful shutdown of the running server. */
  async close(): Promise<void> {
    const server = this.current;
    this.current = undefined;
    await server?.close();
  }

  private serve(server: ServerProcess): void {
    this.current = server;
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve(server.baseUrl);
  }
}
