import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { CommonErrors } from '../../common/errors/domain-error';
import { AppConfig } from '../../config/app-config';
import { AuthService } from '../../modules/auth/auth.service';
import { chooseLocale, LOCALE_COOKIE } from '../i18n/locales';
import { WebErrors } from '../errors/web.errors';
import {
  CSRF_COOKIE,
  CSRF_FIELD,
  CSRF_HEADER,
  csrfKeyFrom,
  csrfToken,
  csrfTokenMatches,
  isCsrfSecret,
  newCsrfSecret,
} from './csrf';
import { WEB_ACCESS, type WebAccess } from './web-auth.decorators';
import { SESSION_COOKIE, type WebRequest, type WebUser } from './web-request';
import { cookieOptions } from './web-cookies';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The guard of every page: who is signed in (the session cookie), which language to
 * speak, the CSRF token of the visitor, and the check of that token on every write.
 * Pages marked `@SignedIn()` send a stranger to the login page; a missing role is a 403.
 */
@Injectable()
export class WebSessionGuard implements CanActivate {
  private readonly csrfKey: Buffer;

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {
    this.csrfKey = csrfKeyFrom(config.auth.jwtSecret);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<WebRequest>();
    const reply = http.getResponse<FastifyReply>();
    const user = await this.signedInUser(request);
    let secret = request.cookies[CSRF_COOKIE];
    const session = (request.cookies[SESSION_COOKIE] ?? '').slice(0, 100);
    const writes = !SAFE_METHODS.has(request.method);
    if (!isCsrfSecret(secret)) {
      // Also on a refused write: the error page's own forms (language, sign-out) then work.
      secret = newCsrfSecret();
      reply.setCookie(CSRF_COOKIE, secret, cookieOptions(this.config, 365 * 86_400));
      if (writes) this.refuse(request, user, secret, session);
    }
    if (writes && !csrfTokenMatches(this.csrfKey, secret, session, this.presentedToken(request))) {
      this.refuse(request, user, secret, session);
    }
    request.web = { user, locale: this.localeOf(request, user), csrfToken: csrfToken(this.csrfKey, secret, session) };

    const access = this.reflector.getAllAndOverride<WebAccess | undefined>(WEB_ACCESS, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (access?.signedIn && !user) throw WebErrors.signInRequired();
    if (access?.roles.length && !access.roles.some((role) => user?.roles.includes(role))) {
      throw CommonErrors.forbidden();
    }
    return true;
  }

  private refuse(request: WebRequest, user: WebUser | null, secret: string, session: string): never {
    request.web = { user, locale: this.localeOf(request, user), csrfToken: csrfToken(this.csrfKey, secret, session) };
    throw WebErrors.csrfFailed();
  }

  private async signedInUser(request: WebRequest): Promise<WebUser | null> {
    const token = request.cookies[SESSION_COOKIE];
    if (!token || token.length > 100) return null;
    const found = await this.auth.authenticateWebSession(token);
    if (!found) return null;
    const { user } = found;
    return { id: user.id, displayName: user.displayName, roles: user.roles, locale: user.locale };
  }

  private localeOf(request: WebRequest, user: WebUser | null) {
    return chooseLocale({
      userLocale: user?.locale,
      cookie: request.cookies[LOCALE_COOKIE],
      acceptLanguage: request.headers['accept-language'],
    });
  }

  /** The token from the form field, the htmx header, or (multipart uploads) the query string. */
  private presentedToken(request: WebRequest): unknown {
    const header = request.headers[CSRF_HEADER];
    if (typeof header === 'string') return header;
    const body = request.body as Record<string, unknown> | undefined;
    if (body && typeof body === 'object' && typeof body[CSRF_FIELD] === 'string') return body[CSRF_FIELD];
    return (request.query as Record<string, unknown> | undefined)?.[CSRF_FIELD];
  }
}
