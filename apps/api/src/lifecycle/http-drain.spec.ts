import { createServer, Server, ServerResponse } from 'node:http';
import { AddressInfo, Socket, connect } from 'node:net';
import { HttpDrain } from './http-drain';

/** The drain on an in-process server; the whole API's stop is test/e2e/graceful-shutdown.e2e-spec.ts. */
describe('HttpDrain', () => {
  let server: Server;
  let drain: HttpDrain;
  let port: number;
  const held: ServerResponse[] = [];
  beforeEach(async () => {
    server = createServer((req, res) => {
      if (req.url === '/stream') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('first part;');
        held.push(res);
      } else if (req.url === '/slow') held.push(res);
      else res.end('ok');
    });
    drain = new HttpDrain(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterEach(() => {
    held.length = 0;
    server.closeAllConnections();
    if (server.listening) server.close();
  });

  const open = async (text: string): Promise<{ socket: Socket; received: Promise<string> }> => {
    const socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const received = new Promise<string>((resolve) => {
      let all = '';
      socket.on('data', (chunk: Buffer) => (all += chunk.toString()));
      socket.on('error', () => undefined);
      socket.once('close', () => resolve(all));
    });
    socket.write(text);
    return { socket, received };
  };
  const until = async (condition: () => boolean): Promise<void> => {
    while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
  };

  it('closes idle and half-sent connections at once and waits for the running requests', async () => {
    const idle = await open('GET /fast HTTP/1.1\r\nHost: x\r\n\r\n');
    const half = await open('GET /fa');
    const slow = await open('GET /slow HTTP/1.1\r\nHost: x\r\n\r\n');
    await until(() => held.length === 1);
    const drained = drain.drain(60_000);
    expect(await half.received).toBe('');
    expect(await idle.received).toMatch(/^HTTP\/1\.1 200/);
    held[0]?.end('done');
    expect(await slow.received).toMatch(/^HTTP\/1\.1 200 [\s\S]*connection: close[\s\S]*done$/i);
    expect(await drained).toEqual({ closedIdle: 2, inFlight: 1, forced: 0 });
    expect(server.listening).toBe(false);
  });

  it('ends a keep-alive connection whose response had begun before the drain, once that response is done', async () => {
    const stream = await open('GET /stream HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n');
    await until(() => held.length === 1);
    const drained = drain.drain(60_000);
    held[0]?.end('last part');
    const text = await stream.received;
    expect(text).toMatch(/first part;[\s\S]*last part/);
    expect(text).not.toMatch(/connection: close/i);
    expect(await drained).toEqual({ closedIdle: 0, inFlight: 1, forced: 0 });
  });

  it('force-closes what still runs when the grace is over', async () => {
    const slow = await open('POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc');
    await until(() => held.length === 1);
    expect(await drain.drain(50)).toEqual({ closedIdle: 0, inFlight: 1, forced: 1 });
    expect(await slow.received).toBe('');
  });
});
