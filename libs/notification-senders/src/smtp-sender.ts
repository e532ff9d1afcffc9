import { NotificationSender, OutboundMessage, messageText } from '@xj/application';
import { createTransport, Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';

export interface SmtpSenderOptions {
  /** `smtp://user:pass@host:587` or `smtps://…` (nodemailer's connection URL). */
  readonly url: string;
  readonly from: string;
  /**
   * The recipient, from the audience: `{orgId}`, `{role}` and `{position}` are replaced (an
   * audience without a role or position gives `any`), e.g. `{orgId}.{position}@notify.example.gov.cn`.
   */
  readonly to: string;
  readonly timeoutMs?: number;
}

const recipientOf = (template: string, message: OutboundMessage): string =>
  template
    .replaceAll('{orgId}', message.audience.orgId)
    .replaceAll('{role}', message.audience.role ?? 'any')
    .replaceAll('{position}', message.audience.position ?? 'any');

/** Mail through an SMTP relay (nodemailer): the subject is the message's one line, the Message-ID its delivery id. */
export class SmtpSender implements NotificationSender {
  readonly channel = 'smtp';
  private readonly transport: Transporter;

  constructor(private readonly options: SmtpSenderOptions) {
    const timeout = options.timeoutMs ?? 10_000;
    const transport: SMTPTransport.Options = {
      url: options.url,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    };
    this.transport = createTransport(transport);
  }

  async send(message: OutboundMessage): Promise<void> {
    const text = messageText(message);
    try {
      await this.transport.sendMail({
        from: this.options.from,
        to: recipientOf(this.options.to, message),
        subject: text,
        text: `${text}\n${message.at}\n${message.deliveryId}\n`,
        messageId: `<${message.deliveryId}@xingji-link>`,
        headers: { 'X-Xj-Delivery': message.deliveryId },
      });
    } catch (error) {
      const code =
        (error as { responseCode?: unknown; code?: unknown }).responseCode ?? (error as { code?: unknown }).code;
      throw new Error(`SMTP ${String(code ?? 'error')}`);
    }
  }

  close(): void {
    this.transport.close();
  }
}
