import { Body, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../common/errors/domain-error';
import { AppConfig } from '../../config/app-config';
import { AuthService } from '../../modules/auth/auth.service';
import { UsersService } from '../../modules/users/users.service';
import { safeNext } from '../errors/web-exception.filter';
import { formErrorsOf, readForm } from '../forms/form';
import { isWebLocale, LOCALE_COOKIE, translatorFor } from '../i18n/locales';
import { WebPages } from '../render/web-pages.service';
import { cookieOptions } from '../session/web-cookies';
import type { WebRequest } from '../session/web-request';
import { WebSessions } from '../session/web-sessions.service';
import { WebController } from '../web-controller.decorator';
import { contactOf, nextQueryOf } from './account-forms';

const nextOf = (value: unknown) => ({ next: safeNext(value), nextQuery: nextQueryOf(safeNext(value)) });

const passwordLoginForm = z.object({
  account: z.string().min(1).max(200),
  password: z.string().min(1).max(128),
  next: z.string().max(2000).optional(),
});

/** Signing in with a password, signing out, and the language switch. */
@WebController()
export class LoginController {
  constructor(
    private readonly pages: WebPages,
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly config: AppConfig,
    private readonly sessions: WebSessions,
  ) {}

  @Get('login')
  async loginPage(@Req() request: WebRequest, @Res() reply: FastifyReply, @Query('next') next?: string) {
    if (request.web.user) return this.pages.redirect(reply, safeNext(next));
    return this.pages.render(request, reply, 'account/login', nextOf(next), { title: 'common:login.title' });
  }

  @Post('login')
  async login(@Req() request: WebRequest, @Res() reply: FastifyReply, @Body() body: unknown) {
    const t = translatorFor(request.web.locale, 'account');
    const form = readForm(passwordLoginForm, body, t);
    const again = (errors: Record<string, string[]>, values: object) =>
      this.pages.render(
        request,
        reply,
        'account/login',
        { form: values, ...nextOf((values as { next?: string }).next) },
        {
          status: 400,
          errors,
          title: 'common:login.title',
        },
      );
    if (!form.ok) return again(form.errors, form.values);
    const login = contactOf(form.data.account);
    if (!login) return again({ account: [t('common:login.accountInvalid')] }, form.data);
    try {
      const user = await this.auth.checkPassword({ ...login, password: form.data.password }, request.ip);
      await this.sessions.signIn(reply, user.id);
      return this.pages.redirect(reply, safeNext(form.data.next));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return again(formErrorsOf(error, t, { INVALID_CREDENTIALS: 'password' }), {
        account: form.data.account,
        next: form.data.next,
      });
    }
  }

  @Post('logout')
  async logout(@Req() request: WebRequest, @Res() reply: FastifyReply) {
    await this.sessions.signOut(request, reply);
    return this.pages.redirect(reply, '/');
  }

  /** The language switch: remembered in a cookie, and in the account of a signed-in person. */
  @Post('language')
  @HttpCode(303)
  async language(@Req() request: WebRequest, @Res() reply: FastifyReply, @Body() body: Record<string, unknown>) {
    const locale = body?.locale;
    if (isWebLocale(locale)) {
      reply.setCookie(LOCALE_COOKIE, locale, cookieOptions(this.config, 365 * 86_400));
      if (request.web.user) await this.users.setLocale(request.web.user.id, locale);
    }
    return this.pages.redirect(reply, safeNext(body?.next ?? request.headers.referer));
  }
}
