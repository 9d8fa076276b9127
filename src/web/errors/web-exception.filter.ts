import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../../common/errors/domain-error';
import { chooseLocale, LOCALE_COOKIE, translatorFor } from '../i18n/locales';
import { errorMessage } from '../forms/form';
import type { WebRequest } from '../session/web-request';
import { WebPages } from '../render/web-pages.service';

const STATUS_OF: Record<DomainError['kind'], number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unprocessable: 422,
};

/**
 * Errors of the pages, as pages: a stranger on a signed-in page goes to the login page
 * (and comes back after); every other error is a page in the visitor's language with
 * the error's code, and a 500 carries an id that is also in the log.
 */
@Catch()
export class WebExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Web');

  constructor(private readonly pages: WebPages) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const request = host.switchToHttp().getRequest<WebRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof DomainError && exception.kind === 'unauthenticated' && !request.web?.user) {
      const next = request.method === 'GET' ? request.url : (request.headers.referer ?? '/');
      const to = `/login?next=${encodeURIComponent(safeNext(next))}`;
      if (request.headers['hx-request']) {
        await reply.header('hx-redirect', to).code(204).send();
        return;
      }
      await reply.code(303).redirect(to);
      return;
    }
    request.web ??= {
      user: null,
      csrfToken: '',
      locale: chooseLocale({
        cookie: request.cookies?.[LOCALE_COOKIE],
        acceptLanguage: request.headers['accept-language'],
      }),
    };
    const t = translatorFor(request.web.locale);
    let status = 500;
    let code = 'INTERNAL_ERROR';
    let errorId: string | undefined;
    if (exception instanceof DomainError) {
      status = STATUS_OF[exception.kind];
      code = exception.code;
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      code = status === 404 ? 'NOT_FOUND' : 'HTTP_ERROR';
    } else {
      errorId = randomUUID();
      this.logger.error({ err: exception, errorId }, 'page failed');
    }
    await this.pages.render(
      request,
      reply,
      'error',
      { status, code, errorId, message: errorMessage(t, code, status) },
      { status, title: 'common:error.title' },
    );
  }
}

/** Only a path on this site: `next` (or a Referer) never sends someone elsewhere after login. */
export function safeNext(value: unknown): string {
  if (typeof value !== 'string' || value.length > 2000) return '/';
  try {
    // The host is dropped: whatever was given, the result is a path here.
    const url = new URL(value, 'http://furrow.invalid');
    const path = url.pathname + url.search;
    return path.startsWith('/') && !path.startsWith('//') ? path : '/';
  } catch {
    return '/';
  }
}
