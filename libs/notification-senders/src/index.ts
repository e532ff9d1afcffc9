/** `@xj/notification-senders` — the outbox's channels: the only importer of nodemailer. */
export {
  DELIVERY_HEADER,
  DingTalkSender,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  WeComSender,
  WebhookSender,
  verifyWebhookSignature,
  webhookSignature,
} from './webhook-sender';
export type { HttpSenderOptions } from './webhook-sender';
export { SmtpSender } from './smtp-sender';
export type { SmtpSenderOptions } from './smtp-sender';
