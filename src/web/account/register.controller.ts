import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../../common/errors/domain-error';
import { registerSchema } from '../../modules/auth/auth.module';
import { AuthService } from '../../modules/auth/auth.service';
import { safeNext } from '../errors/web-exception.filter';
import { formErrorsOf, FormErrors, formObject, readForm } from '../forms/form';
import { translatorFor } from '../i18n/locales';
import { WebPages } from '../render/web-pages.service';
import type { WebRequest } from '../session/web-request';
import { WebSessions } from '../session/web-sessions.service';
import { WebController } from '../web-controller.decorator';
import { contactOf, nextQueryOf } from './account-forms';

/** The API's fields named `email` or `phone` are the page's one `account` field. */
const FIELD_OF: Record<string, string> = { email: 'account', phone: 'account' };

/**
 * A new buyer account with a phone number or an e-mail and a password, through the same
 * schema and service as POST /api/v1/auth/register; signed in at once.
 */
@WebController('register')
export class RegisterController {
  constructor(
    private readonly pages: WebPages,
    private readonly auth: AuthService,
    private readonly sessions: WebSessions,
  ) {}

  @Get()
  async page(@Req() request: WebRequest, @Res() reply: FastifyReply, @Query('next') next?: string) {
    if (request.web.user) return this.pages.redirect(reply, safeNext(next));
    return this.show(request, reply, {}, safeNext(next));
  }

  @Post()
  async register(@Req() request: WebRequest, @Res() reply: FastifyReply, @Body() body: unknown) {
    const t = translatorFor(request.web.locale, 'account');
    const values = formObject(body);
    const next = safeNext(values.next);
    const shown = { account: values.account, displayName: values.displayName };
    const account = typeof values.account === 'string' ? values.account : '';
    const contact = account ? contactOf(account) : null;
    const errors: FormErrors = {};
    if (!contact) errors.account = [t(account ? 'common:login.accountInvalid' : 'errors:form.required')];
    const form = readForm(
      registerSchema,
      {
        ...(contact ?? {}),
        password: values.password,
        displayName: values.displayName,
        locale: request.web.locale,
      },
      t,
    );
    if (!form.ok) {
      for (const [field, messages] of Object.entries(form.errors)) errors[FIELD_OF[field] ?? field] ??= messages;
    }
    if (!form.ok || Object.keys(errors).length) return this.show(request, reply, shown, next, errors);
    try {
      const user = await this.auth.register(form.data, request.ip);
      await this.sessions.signIn(reply, user.id);
      return this.pages.redirect(reply, next === '/' ? '/account' : next);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const refused = formErrorsOf(error, t, { PHONE_TAKEN: 'account', EMAIL_TAKEN: 'account' });
      return this.show(request, reply, shown, next, refused, error.kind === 'conflict' ? 409 : undefined);
    }
  }

  private show(
    request: WebRequest,
    reply: FastifyReply,
    form: object,
    next: string,
    errors?: FormErrors,
    status?: number,
  ) {
    return this.pages.render(
      request,
      reply,
      'account/register',
      { form, next, nextQuery: nextQueryOf(next) },
      { title: 'account:register.title', errors, status: status ?? (errors ? 400 : 200) },
    );
  }
}
