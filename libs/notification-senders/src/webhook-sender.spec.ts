import { createHmac } from 'node:crypto';
import { IncomingMessage, Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { OutboundMessage } from '@xj/application';
import { DingTalkSender, WeComSender, WebhookSender, verifyWebhookSignature } from './webhook-sender';

interface Received {
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** A real HTTP server on a free local port that records what it receives and answers as told. */
const receiver = async (answer: (r: Received) => { status: number; body: string }) => {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(r);
      const { status, body } = answer(r);
      res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

const MESSAGE: OutboundMessage = {
  deliveryId: '0b1d1f8e-6a55-8c1e-9b0d-3a6f2b4c5d6e',
  notificationId: 'n-1',
  kind: 'DeadlineMissed',
  deadlineRule: 'CommissionAcceptance',
  caseKind: 'referral',
  caseId: 'R-2026-7',
  at: '2026-03-10T09:30:00+08:00',
  audience: { orgId: 'dawa.ccdi', role: 'DisciplineCommission' },
};
const NOW = 1_773_100_000;
const SECRET = 'whsec-test';

describe('webhook sender (HMAC-SHA256 signed JSON), against a real local HTTP server', () => {
  it('posts the message as JSON with a timestamp and a signature the receiving side verifies', async () => {
    const server = await receiver(() => ({ status: 204, body: '' }));
    try {
      await new WebhookSender({ url: `${server.url}/hook`, secret: SECRET, now: () => NOW }).send(MESSAGE);
      const [r] = server.received;
      const headers = {
        timestamp: r?.headers['x-xj-timestamp'] as string,
        signature: r?.headers['x-xj-signature'] as string,
      };
      expect(verifyWebhookSignature(SECRET, headers, r?.body ?? '', NOW + 10)).toBe(true);
      expect(r?.headers['x-xj-delivery']).toBe(MESSAGE.deliveryId);
      expect(JSON.parse(r?.body ?? '')).toMatchObject({
        deliveryId: MESSAGE.deliveryId,
        caseId: 'R-2026-7',
        kind: 'DeadlineMissed',
      });
      // A changed body, another secret or a stale timestamp fails the check.
      expect(verifyWebhookSignature(SECRET, headers, `${r?.body ?? ''} `, NOW)).toBe(false);
      expect(verifyWebhookSignature('other', headers, r?.body ?? '', NOW)).toBe(false);
      expect(verifyWebhookSignature(SECRET, headers, r?.body ?? '', NOW + 301)).toBe(false);
    } finally {
      await server.close();
    }
  });

  it('fails on an answer other than 2xx, naming only the status', async () => {
    const server = await receiver(() => ({ status: 503, body: '{"detail":"down"}' }));
    try {
      await expect(new WebhookSender({ url: server.url, secret: SECRET }).send(MESSAGE)).rejects.toThrow(/^HTTP 503$/);
    } finally {
      await server.close();
    }
  });
});

describe('DingTalk robot sender (加签), against a real local HTTP server', () => {
  it('signs the URL with timestamp and sign as DingTalk verifies them, and sends a text message', async () => {
    const server = await receiver(() => ({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' }));
    try {
      const secret = 'SECabc';
      await new DingTalkSender({ url: `${server.url}/robot/send?access_token=t`, secret, now: () => NOW }).send(
        MESSAGE,
      );
      const [r] = server.received;
      const query = new URL(r?.url ?? '', server.url).searchParams;
      const timestamp = query.get('timestamp') ?? '';
      expect(timestamp).toBe(String(NOW * 1000));
      // The receiving side: HMAC-SHA256 over "timestamp\nsecret" keyed with the secret, base64.
      expect(query.get('sign')).toBe(createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64'));
      expect(query.get('access_token')).toBe('t');
      const body = JSON.parse(r?.body ?? '') as { msgtype: string; text: { content: string } };
      expect(body.msgtype).toBe('text');
      expect(body.text.content).toContain('R-2026-7');
    } finally {
      await server.close();
    }
  });

  it('fails when the robot answers 200 with a non-zero errcode', async () => {
    const server = await receiver(() => ({ status: 200, body: '{"errcode":310000,"errmsg":"sign not match"}' }));
    try {
      await expect(new DingTalkSender({ url: server.url, secret: 's' }).send(MESSAGE)).rejects.toThrow(
        'errcode 310000',
      );
    } finally {
      await server.close();
    }
  });
});

describe('WeCom robot sender, against a real local HTTP server', () => {
  it('sends a markdown message to the key URL', async () => {
    const server = await receiver(() => ({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' }));
    try {
      await new WeComSender({ url: `${server.url}/cgi-bin/webhook/send?key=k` }).send(MESSAGE);
      const body = JSON.parse(server.received[0]?.body ?? '') as { msgtype: string; markdown: { content: string } };
      expect(body.msgtype).toBe('markdown');
      expect(body.markdown.content).toContain('R-2026-7');
      expect(body.markdown.content).toContain(MESSAGE.deliveryId);
    } finally {
      await server.close();
    }
  });
});
