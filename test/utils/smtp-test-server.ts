import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The SMTP envelope: who the client asked the server to deliver to. */
  envelopeTo: string[];
  envelopeFrom: string | undefined;
  /** The logged-in user, when the client authenticated. */
  user: string | undefined;
  parsed: ParsedMail;
}

/**
 * A real SMTP server on 127.0.0.1 (random port, plain SMTP: no STARTTLS) that keeps every
 * message it accepts, parsed by mailparser, so the real nodemailer transport and its wire
 * protocol run in tests. With `auth` it demands that login (AUTH PLAIN/LOGIN); without, it
 * accepts anyone.
 */
export async function startSmtpTestServer(options: { auth?: { user: string; pass: string } } = {}) {
  const received: ReceivedMail[] = [];
  /** SMTP reply codes the next DATA commands answer with instead of accepting (e.g. 451). */
  const failNext: number[] = [];
  const { auth } = options;

  const server = new SMTPServer({
    secure: false,
    disabledCommands: auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !auth,
    allowInsecureAuth: true,
    logger: false,
    onAuth(credentials, _session, callback) {
      if (auth && credentials.username === auth.user && credentials.password === auth.pass) {
        return callback(null, { user: credentials.username });
      }
      return callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const failure = failNext.shift();
        if (failure) {
          return callback(Object.assign(new Error('Refused by the test'), { responseCode: failure }));
        }
        simpleParser(Buffer.concat(chunks))
          .then((parsed) => {
            received.push({
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
              user: typeof session.user === 'string' ? session.user : undefined,
              parsed,
            });
            callback(null, `Message queued as ${received.length}`);
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const credentials = auth ? `${encodeURIComponent(auth.user)}:${encodeURIComponent(auth.pass)}@` : '';

  return {
    port,
    /** SMTP_URL for Furrow. */
    url: `smtp://${credentials}127.0.0.1:${port}`,
    received,
    failNext,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
