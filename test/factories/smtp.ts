import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

/** One message the test SMTP server accepted: the envelope and the parsed mail. */
export interface ReceivedMail {
  envelopeFrom: string;
  envelopeTo: string[];
  mail: ParsedMail;
}

export interface TestSmtpServer {
  /** `smtp://127.0.0.1:<port>`, for CAIRN_SMTP_URL */
  url: string;
  received: ReceivedMail[];
  /** answer the next `count` messages with this SMTP error (e.g. 451) instead of accepting them */
  failNext(count: number, code?: number): void;
  /** hold each message this long before answering (to overlap two senders) */
  delayMs: number;
  /** messages answered with an error */
  refused: number;
  close(): Promise<void>;
}

/** A real SMTP server (smtp-server) on loopback, without TLS or authentication, that keeps what it accepts. */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  let failures: { count: number; code: number } = { count: 0, code: 451 };
  const state = {} as TestSmtpServer;
  state.received = [];
  state.delayMs = 0;
  state.refused = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        void (async () => {
          if (state.delayMs) await new Promise((resolve) => setTimeout(resolve, state.delayMs));
          if (failures.count > 0) {
            failures.count--;
            state.refused++;
            const error = Object.assign(new Error('Mailbox temporarily unavailable, try again later'), {
              responseCode: failures.code,
            });
            return callback(error);
          }
          const mail = await simpleParser(Buffer.concat(chunks));
          const envelope = session.envelope;
          state.received.push({
            envelopeFrom: envelope.mailFrom ? envelope.mailFrom.address : '',
            envelopeTo: envelope.rcptTo.map((rcpt) => rcpt.address),
            mail,
          });
          callback();
        })();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  state.url = `smtp://127.0.0.1:${port}`;
  state.failNext = (count, code = 451) => {
    failures = { count, code };
  };
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}
