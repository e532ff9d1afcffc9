import { createHmac, timingSafeEqual } from 'node:crypto';
import { NotificationSender, OutboundMessage, messageJson, messageText } from '@xj/application';

export const SIGNATURE_HEADER = 'x-xj-signature';
export const TIMESTAMP_HEADER = 'x-xj-timestamp';
export const DELIVERY_HEADER = 'x-xj-delivery';

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`: the timestamp is signed with the body, so a replay is dated. */
export const webhookSignature = (secret: string, timestamp: string, body: string): string =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;

/**
 * The receiving side's check: the signature over the timestamp and the raw body, and a timestamp
 * within `toleranceSeconds` of the receiver's clock (default 5 minutes).
 */
export const verifyWebhookSignature = (
  secret: string,
  headers: { readonly timestamp?: string; readonly signature?: string },
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean => {
  const { timestamp, signature } = headers;
  if (timestamp === undefined || signature === undefined || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(webhookSignature(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
};

export interface HttpSenderOptions {
  readonly url: string;
  readonly secret?: string;
  readonly timeoutMs?: number;
  /** Seconds since the epoch (tests fix it). */
  readonly now?: () => number;
}

const post = async (url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<string> => {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    // The URL may carry a robot's token: the reason names the failure, never the address.
    throw new Error(`request failed: ${error instanceof Error ? error.name : 'error'}`);
  }
  const text = await response.text();
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return text;
};

/** DingTalk and WeCom robots answer 200 with `errcode` ≠ 0 when they refuse a message. */
const requireErrcodeZero = (answer: string): void => {
  let errcode: unknown;
  try {
    errcode = (JSON.parse(answer) as { errcode?: unknown }).errcode;
  } catch {
    throw new Error('robot answered no JSON');
  }
  if (errcode !== 0) throw new Error(`robot refused: errcode ${String(errcode)}`);
};

/**
 * The generic webhook: the message as JSON, signed with HMAC-SHA256 over the timestamp and the body
 * (headers X-Xj-Timestamp, X-Xj-Signature; X-Xj-Delivery carries the id to dedupe on).
 */
export class WebhookSender implements NotificationSender {
  readonly channel = 'webhook';
  constructor(private readonly options: HttpSenderOptions & { readonly secret: string }) {}

  async send(message: OutboundMessage): Promise<void> {
    const body = JSON.stringify(messageJson(message));
    const timestamp = String(Math.floor(this.options.now?.() ?? Date.now() / 1000));
    await post(
      this.options.url,
      body,
      {
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: webhookSignature(this.options.secret, timestamp, body),
        [DELIVERY_HEADER]: message.deliveryId,
      },
      this.options.timeoutMs ?? 10_000,
    );
  }
}

/**
 * 钉钉 / 政务钉钉 custom group robot: a text message; with a secret (加签), the URL carries
 * `timestamp` (ms) and `sign` = URL-encoded base64 of HMAC-SHA256 over "<timestamp>\n<secret>",
 * keyed with the secret (DingTalk's custom robot security settings).
 */
export class DingTalkSender implements NotificationSender {
  readonly channel = 'dingtalk';
  constructor(private readonly options: HttpSenderOptions) {}

  signedUrl(timestampMs: number): string {
    const { url, secret } = this.options;
    if (secret === undefined) return url;
    const sign = createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
    return `${url}${url.includes('?') ? '&' : '?'}timestamp=${timestampMs}&sign=${encodeURIComponent(sign)}`;
  }

  async send(message: OutboundMessage): Promise<void> {
    const timestampMs = Math.floor((this.options.now?.() ?? Date.now() / 1000) * 1000);
    const body = JSON.stringify({
      msgtype: 'text',
      text: { content: `${messageText(message)}\n${message.deliveryId}` },
    });
    requireErrcodeZero(await post(this.signedUrl(timestampMs), body, {}, this.options.timeoutMs ?? 10_000));
  }
}

/** 企业微信 group robot (the webhook URL with its key): a markdown message. */
export class WeComSender implements NotificationSender {
  readonly channel = 'wecom';
  constructor(private readonly options: HttpSenderOptions) {}

  async send(message: OutboundMessage): Promise<void> {
    const content = `**${messageText(message)}**\n> ${message.at}\n> ${message.deliveryId}`;
    const body = JSON.stringify({ msgtype: 'markdown', markdown: { content } });
    requireErrcodeZero(await post(this.options.url, body, {}, this.options.timeoutMs ?? 10_000));
  }
}
