import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface DrainReport {
  /** Connections closed at once: idle keep-alive ones and ones whose request headers had not all arrived. */
  readonly closedIdle: number;
  /** Requests that were running when the drain began. */
  readonly inFlight: number;
  /** Connections still open when the grace ran out, closed by force. */
  readonly forced: number;
}

/**
 * Stops an HTTP server gracefully. Node's `server.close()` alone waits for every connection: an
 * idle keep-alive client, or one that sent half a request line and went quiet (headers not
 * complete, so Node does not count it as idle), kept the API from exiting for minutes (issue #13
 * item 5). So the drain keeps its own account of which connections have a request running (a
 * request exists once its headers are complete; its body may still be arriving) and:
 *   1. stops accepting, and closes every connection without a running request at once;
 *   2. lets the running requests finish within the grace, answering them with
 *      `Connection: close` and closing each connection when its last response is done;
 *   3. closes whatever is left when the grace is over.
 * Create it before the server listens, so that it sees every connection.
 */
export class HttpDrain {
  private readonly running = new Map<Socket, Set<ServerResponse>>();
  private draining = false;

  constructor(private readonly server: Server) {
    server.on('connection', (socket: Socket) => {
      this.running.set(socket, new Set());
      socket.once('close', () => this.running.delete(socket));
    });
    server.on('request', (request: IncomingMessage, response: ServerResponse) => this.track(request.socket, response));
  }

  /** Runs the three steps; resolves when every connection is closed. */
  async drain(graceMs: number): Promise<DrainReport> {
    this.draining = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    let closedIdle = 0;
    let inFlight = 0;
    for (const [socket, responses] of this.running) {
      if (responses.size === 0) {
        socket.destroy();
        closedIdle += 1;
      }
      for (const response of responses) {
        inFlight += 1;
        if (!response.headersSent) response.setHeader('connection', 'close');
      }
    }
    let timer: NodeJS.Timeout | undefined;
    const graceOver = await Promise.race([
      closed.then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), graceMs))),
    ]);
    clearTimeout(timer);
    const forced = graceOver ? this.running.size : 0;
    if (graceOver) {
      this.server.closeAllConnections();
      for (const socket of this.running.keys()) socket.destroy();
    }
    await closed;
    return { closedIdle, inFlight, forced };
  }

  private track(socket: Socket, response: ServerResponse): void {
    const responses = this.running.get(socket) ?? new Set<ServerResponse>();
    this.running.set(socket, responses);
    responses.add(response);
    if (this.draining) response.setHeader('connection', 'close');
    response.once('close', () => {
      responses.delete(response);
      // A response whose headers went out before the drain began promised keep-alive: end the
      // connection once it is done (end, not destroy: what is still buffered gets written).
      if (this.draining && responses.size === 0 && !socket.destroyed) socket.end();
    });
  }
}
