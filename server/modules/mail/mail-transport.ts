import nodemailer, { type Transporter } from 'nodemailer';
import type { Config, SmtpConfig } from '../../config';

/** What the senders need of a nodemailer transport (tests may wrap one). */
export type MailTransport = Pick<Transporter, 'sendMail' | 'close'>;

export interface MailTransportOptions {
  /** connect, greeting and socket timeout of one attempt */
  timeoutMs: number;
}

/** A nodemailer SMTP transport for the configured server; null when email is off. */
export function createMailTransport(config: Pick<Config, 'smtp'>, options: MailTransportOptions): MailTransport | null {
  const smtp: SmtpConfig | null = config.smtp;
  if (!smtp) return null;
  const timeouts = {
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
  };
  if ('url' in smtp) {
    const url = new URL(smtp.url);
    return nodemailer.createTransport({
      host: url.hostname,
      port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
      secure: url.protocol === 'smtps:',
      auth: url.username
        ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
        : undefined,
      ...timeouts,
    });
  }
  return nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.user ? { user: smtp.user, pass: smtp.pass ?? '' } : undefined,
    ...timeouts,
  });
}
