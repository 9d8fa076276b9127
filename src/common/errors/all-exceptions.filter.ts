import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { FRAMEWORK_CODES } from '../http/framework-errors';
import { DomainError } from './domain-error';
import { CODE_BY_STATUS, STATUS_BY_KIND } from './http-status';
import { isServiceUnavailable, RETRY_AFTER_SECONDS } from './service-unavailable';

export interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
  errorId?: string;
}

/**
 * Answers a request no route matched, when it wants a page rather than JSON (the web's
 * 404 page); returns false to leave it to the JSON answer.
 */
export type NoRoutePage = (exception: unknown, host: ArgumentsHost) => Promise<boolean>;

/** The one place errors become HTTP responses: `{ code, message, details? }`. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  constructor(private readonly noRoutePage?: NoRoutePage) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof NotFoundException && this.noRoutePage && (await this.noRoutePage(exception, host))) return;
    const { status, body } = this.toResponse(exception);
    if (reply.sent) return;
    if (status === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  private toResponse(exception: unknown): { status: number; body: ErrorBody } {
    if (exception instanceof DomainError) {
      const body: ErrorBody = { code: exception.code, message: exception.message };
      if (exception.details !== undefined) body.details = exception.details;
      return { status: STATUS_BY_KIND[exception.kind], body };
    }
    if (exception instanceof HttpException && exception.getStatus() === 503) {
      // Readiness checks answer 503 with what is down.
      return {
        status: 503,
        body: { code: 'NOT_READY', message: 'A dependency is unavailable', details: exception.getResponse() },
      };
    }
    if (isServiceUnavailable(exception)) {
      // A stall, not a bug: a warning without the error's bound values, and a quick "try again".
      this.logger.warn({ err: exception }, 'database unavailable');
      return {
        status: 503,
        body: { code: 'SERVICE_UNAVAILABLE', message: 'The service is busy or restarting; try again shortly' },
      };
    }
    const status = httpStatusOf(exception);
    if (status !== undefined && status < 500) {
      const message = exception instanceof Error ? exception.message : 'Request failed';
      const code = FRAMEWORK_CODES[frameworkCodeOf(exception)] ?? CODE_BY_STATUS[status];
      return { status, body: { code: code ?? 'BAD_REQUEST', message } };
    }
    const errorId = randomUUID();
    this.logger.error({ err: exception, errorId }, 'unhandled error');
    return {
      status: 500,
      body: { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side', errorId },
    };
  }
}

/** Fastify's own code (FST_ERR_…), which Nest keeps as the cause of the HttpException it wraps it in. */
function frameworkCodeOf(exception: unknown): string {
  const error = exception as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = error?.code ?? error?.cause?.code;
  return typeof code === 'string' ? code : '';
}

/** Status of Nest's HttpException or of a Fastify error (body too large, bad JSON, ...). */
function httpStatusOf(exception: unknown): number | undefined {
  if (exception instanceof HttpException) return exception.getStatus();
  const status = (exception as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}
