import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';
import { scrubText, serializeError } from './log-scrub';

/** Paths never written to a log line: credentials and personal data. */
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'password',
  'phone',
  'email',
  '*.password',
  '*.passwordHash',
  '*.phone',
  '*.email',
  '*.refreshToken',
  '*.accessToken',
  // Bound values and row detail of a failed query, wherever an error object ends up.
  '*.parameters',
  '*.detail',
  '*.where',
  '*.driverError',
];

/** JSON logs; in the api every line of a request carries its id (`x-request-id`, or a new uuid). */
export function loggerParams(config: AppConfig, processName: 'api' | 'worker'): Params {
  return {
    // Every path, prefixed or not, once (the default mounts excluded paths a second time on Fastify).
    forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.logLevel,
      base: { process: processName },
      redact: { paths: REDACT, censor: '[redacted]' },
      genReqId: (req: IncomingMessage) => {
        const given = req.headers['x-request-id'];
        return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
      },
      customAttributeKeys: { reqId: 'requestId' },
      serializers: {
        // Headers and bodies are never logged; a URL may carry an e-mail or a phone in its query.
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: scrubText(req.url),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        err: serializeError,
      },
      // Messages too: a module that writes an error's text or an address into its message.
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((arg: unknown) => (typeof arg === 'string' ? scrubText(arg) : arg));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
      customSuccessMessage: () => 'request completed',
      customErrorMessage: () => 'request failed',
    },
  };
}
