/**
 * The outbox end to end on the embedded stores: events appended → the outbox's own runner makes
 * the deliveries → the dispatcher sends them to a real local HTTP server (the signed webhook),
 * retrying with backoff and parking after N attempts; restarts and read-model rebuilds send nothing twice
 * (a re-delivered event finds its delivery made: the runner's `_position` guard).
 */
import { randomUUID } from 'node:crypto';
import { Server, createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CASE_PROJECTIONS,
  EventStore,
  FixedClock,
  NotificationOutbox,
  ProjectionRunner,
  createOutboxProjection,
} from '@xj/application';
import { WebhookSender } from '@xj/notification-senders';
import { SqliteEventStore } from '@xj/sqlite-event-store';
import { SqliteReadModelStore } from '@xj/sqlite-read-models';

const SECRET = 's3cret';
const by = { userId: 'u-office', role: 'RuleOfLawOffice', orgId: 'dawa.rol-office' };

const append = async (events: EventStore, streamId: string, type: string, data: object) =>
  events.append(
    streamId,
    [
      {
        eventId: randomUUID(),
        type,
        data: { at: '2026-03-02T09:00:00+08:00', by, ...data },
        metadata: {
          schemaVersion: 1,
          actor: by,
          commandId: randomUUID(),
          correlationId: randomUUID(),
          causationId: randomUUID(),
        },
      },
    ],
    'any',
  );

/** An item assigned to the agency (tells its head), with the confidential issue text in the event. */
const assignItem = (events: EventStore, itemId: string) =>
  append(events, `rectification-${itemId}`, 'RectificationItemAssigned', {
    itemId,
    clueId: 'k1',
    regionId: 'panjin/dawa',
    supervisorOrgId: 'dawa.rol-office',
    agencyOrgId: 'dawa.emergency',
    mode: 'Deadline',
    issue: '执法人员张某某收受财物',
    measures: 'm',
    owner: 'o',
    responsiblePerson: '李某',
    evidence: [],
  });

const webhookServer = async () => {
  const bodies: string[] = [];
  let failuresLeft = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        res.writeHead(500).end();
        return;
      }
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    bodies,
    failNext: (n: number) => (failuresLeft = n),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

describe('notification outbox (issue 15 §3)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'xj-outbox-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** One process's life: the stores over the same files, the outbox's runner and its dispatcher. */
  const process = async (url: string, clock: FixedClock) => {
    const events = new SqliteEventStore({ filename: join(dir, 'events.sqlite') });
    const readModels = new SqliteReadModelStore({ filename: join(dir, 'read-models.sqlite') });
    const outbox = new NotificationOutbox(readModels, [new WebhookSender({ url, secret: SECRET })], {
      clock,
      maxAttempts: 3,
      retryBaseMs: 60_000,
      pollMs: 3_600_000,
    });
    const since = await outbox.markStart();
    const runner = new ProjectionRunner(events, readModels, [createOutboxProjection(outbox.channels, since)], {
      batchDelayMs: 5,
    });
    await runner.start();
    return {
      events,
      readModels,
      outbox,
      caughtUp: async (position: bigint) => expect(await runner.waitFor(position, 20_000)).toBe(true),
      stop: async () => {
        await runner.stop();
        await readModels.close();
        await events.close();
      },
    };
  };

  it('sends each delivery once, with no case content; history before the first start is never sent', async () => {
    const server = await webhookServer();
    const clock = new FixedClock(new Date(0));
    try {
      const before = new SqliteEventStore({ filename: join(dir, 'events.sqlite') });
      await assignItem(before, 'old');
      await before.close();
      await new Promise((resolve) => setTimeout(resolve, 5));
      clock.set(new Date());
      const p = await process(server.url, clock);
      const { position } = await assignItem(p.events, 'i1');
      await p.caughtUp(position);
      clock.set(new Date(Date.now() + 1_000));
      expect(await p.outbox.tick()).toBe(1);
      expect(await p.outbox.tick()).toBe(0);
      expect(server.bodies).toHaveLength(1);
      const body = JSON.parse(server.bodies[0] ?? '{}') as Record<string, unknown>;
      expect(body).toMatchObject({ caseId: 'i1', kind: 'RectificationItemAssigned', caseKind: 'rectification' });
      expect(server.bodies[0]).not.toMatch(/张某某|李某|收受/);
      await p.stop();
    } finally {
      await server.close();
    }
  });

  it('retries a failing receiver with exponential backoff and parks the delivery after N attempts', async () => {
    const server = await webhookServer();
    const clock = new FixedClock(new Date(Date.now() - 1_000));
    try {
      const p = await process(server.url, clock);
      const { position } = await assignItem(p.events, 'i1');
      await p.caughtUp(position);
      clock.set(new Date(Date.now() + 1_000));
      server.failNext(10);
      expect(await p.outbox.tick()).toBe(1); // attempt 1 fails: next in 60 s
      clock.advance(59_000);
      expect(await p.outbox.tick()).toBe(0);
      clock.advance(1_000);
      expect(await p.outbox.tick()).toBe(1); // attempt 2 fails: next in 120 s
      clock.advance(119_000);
      expect(await p.outbox.tick()).toBe(0);
      clock.advance(1_000);
      expect(await p.outbox.tick()).toBe(1); // attempt 3 fails: parked
      clock.advance(3_600_000);
      expect(await p.outbox.tick()).toBe(0);
      expect(await p.outbox.parked()).toEqual([
        expect.objectContaining({ caseId: 'i1', channel: 'webhook', attempts: 3, lastError: 'HTTP 500' }),
      ]);
      expect(server.bodies).toHaveLength(0);
      await p.stop();
    } finally {
      await server.close();
    }
  });

  it('sends nothing again after a restart or a rebuild of the read models', async () => {
    const server = await webhookServer();
    const clock = new FixedClock(new Date(Date.now() - 1_000));
    try {
      const first = await process(server.url, clock);
      const { position } = await assignItem(first.events, 'i1');
      await first.caughtUp(position);
      clock.set(new Date(Date.now() + 1_000));
      expect(await first.outbox.tick()).toBe(1);
      await first.stop();

      const second = await process(server.url, clock);
      const rebuilt = new ProjectionRunner(second.events, second.readModels, CASE_PROJECTIONS, { batchDelayMs: 5 });
      await rebuilt.start();
      expect(await rebuilt.waitFor(position, 20_000)).toBe(true);
      await rebuilt.stop();
      await second.caughtUp(position);
      clock.advance(3_600_000);
      expect(await second.outbox.tick()).toBe(0);
      expect(server.bodies).toHaveLength(1);
      await second.stop();
    } finally {
      await server.close();
    }
  });
});
