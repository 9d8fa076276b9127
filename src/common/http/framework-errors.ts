import http from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Errors Fastify answers before a route (and so Nest's filter) is reached, in our
 * `{ code, message }` shape: a path with a malformed %-escape or an over-long parameter
 * (`frameworkErrors`), and a request line Node's parser refuses, such as raw
 * un-percent-encoded UTF-8 (`clientErrorHandler`, which only has the socket).
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = typeof error.statusCode === 'number' && error.statusCode < 500 ? error.statusCode : 400;
  const code = FRAMEWORK_CODES[error.code] ?? 'BAD_REQUEST';
  const message = code === 'BAD_URL' ? 'The URL is not valid: percent-encode it as UTF-8' : error.message;
  void reply.status(status).header('content-type', 'application/json; charset=utf-8').send({ code, message });
}

/** Our codes for Fastify's own errors, where the status alone says too little. */
export const FRAMEWORK_CODES: Record<string, string> = {
  FST_ERR_BAD_URL: 'BAD_URL',
  FST_ERR_MAX_PARAM_LENGTH: 'URL_TOO_LONG',
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
};

export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, body]: [number, { code: string; message: string }] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, { code: 'REQUEST_TIMEOUT', message: 'The request took too long to arrive' }]
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, { code: 'HEADERS_TOO_LARGE', message: 'The request headers are too large' }]
        : [400, { code: 'BAD_URL', message: 'The request is not valid HTTP: percent-encode the URL as UTF-8' }];
  const json = JSON.stringify(body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(json)}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${json}`,
    );
  }
  socket.destroy(error);
}
