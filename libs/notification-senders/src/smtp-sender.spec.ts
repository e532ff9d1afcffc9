import { AddressInfo } from 'node:net';
import { OutboundMessage } from '@xj/application';
import { SMTPServer } from 'smtp-server';
import { SmtpSender } from './smtp-sender';

const MESSAGE: OutboundMessage = {
  deliveryId: '0b1d1f8e-6a55-8c1e-9b0d-3a6f2b4c5d6e',
  notificationId: 'n-1',
  kind: 'RectificationItemAssigned',
  caseKind: 'rectification',
  caseId: 'i-42',
  at: '2026-03-10T09:30:00+08:00',
  audience: { orgId: 'dawa.emergency', role: 'EnforcementAgency', position: 'Head' },
};

/** A real SMTP server (smtp-server) on a free local port; `reject` refuses every message. */
const smtp = async (reject = false) => {
  const mails: { from: string; to: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (raw += chunk));
      stream.on('end', () => {
        if (reject) return callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        return callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise<void>((r) => server.close(() => r())) };
};

describe('SMTP sender (nodemailer), against a real local SMTP server', () => {
  it('mails the one line to the address made from the audience, with the delivery id as Message-ID', async () => {
    const server = await smtp();
    const sender = new SmtpSender({
      url: server.url,
      from: 'notify@xj.example',
      to: '{orgId}.{position}@notify.example',
    });
    try {
      await sender.send(MESSAGE);
      const [mail] = server.mails;
      expect(mail?.from).toBe('notify@xj.example');
      expect(mail?.to).toEqual(['dawa.emergency.Head@notify.example']);
      expect(mail?.raw).toContain(`Message-ID: <${MESSAGE.deliveryId}@xingji-link>`);
      const [, body = ''] = (mail?.raw ?? '').split(/\r?\n\r?\n/);
      expect(Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')).toContain('整改事项 i-42');
    } finally {
      sender.close();
      await server.close();
    }
  });

  it('fails with the SMTP code when the server refuses the message', async () => {
    const server = await smtp(true);
    const sender = new SmtpSender({ url: server.url, from: 'notify@xj.example', to: 'office@notify.example' });
    try {
      await expect(sender.send(MESSAGE)).rejects.toThrow('SMTP 550');
    } finally {
      sender.close();
      await server.close();
    }
  });
});
