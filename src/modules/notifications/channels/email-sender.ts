import { OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { ChannelError } from './channel-error';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Our id of the message (`<…@domain>`): a resent message keeps it, so mail clients can tell it is the same one. */
  messageId: string;
}

/** Sends e-mail. */
export abstract class EmailSender {
  abstract readonly enabled: boolean;
  /** The From: domain, for Message-IDs. */
  abstract readonly domain: string;
  /** Resolves with the server's answer (`250 … queued as …`); rejects with a ChannelError. */
  abstract send(message: EmailMessage): Promise<{ response: string }>;
}

/** Plain SMTP through nodemailer: STARTTLS when the server offers it on smtp://, TLS from the start on smtps://. */
export class SmtpEmailSender extends EmailSender implements OnApplicationShutdown {
  readonly enabled = true;
  readonly domain: string;
  private readonly transport: Transporter;

  constructor(private readonly config: { url: string; from: string }) {
    super();
    this.domain = /@([^>\s]+)>?\s*$/.exec(config.from)?.[1] ?? 'furrow.local';
    this.transport = createTransport({
      url: config.url,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  async send(message: EmailMessage): Promise<{ response: string }> {
    try {
      const info = await this.transport.sendMail({ from: this.config.from, ...message });
      return { response: String((info as { response?: unknown }).response ?? '') };
    } catch (error) {
      throw smtpError(error);
    }
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}

/** No SMTP_URL: nothing can be sent. */
export class DisabledEmailSender extends EmailSender {
  readonly enabled = false;
  readonly domain = 'furrow.local';

  send(): Promise<{ response: string }> {
    return Promise.reject(new ChannelError('no SMTP server is configured', true));
  }
}

/**
 * nodemailer's messages can quote the recipient (`Recipient address rejected: <…>`), so only
 * its error code and the SMTP reply code are kept. A 5xx on the envelope is the server saying
 * the address will never work: not retried.
 */
function smtpError(error: unknown): ChannelError {
  const { code, responseCode } = error as { code?: string; responseCode?: number };
  const permanent = code === 'EENVELOPE' && typeof responseCode === 'number' && responseCode >= 500;
  return new ChannelError(
    `SMTP server refused the message: ${code ?? 'unknown error'}${responseCode ? ` ${responseCode}` : ''}`,
    permanent,
  );
}
