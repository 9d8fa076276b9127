import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../common/errors/domain-error';
import { PhoneLoginService } from '../../modules/auth/phone-login/phone-login.service';
import { safeNext } from '../errors/web-exception.filter';
import { formErrorsOf, FormErrors, formObject, readForm } from '../forms/form';
import { translatorFor } from '../i18n/locales';
import { WebPages } from '../render/web-pages.service';
import type { WebRequest } from '../session/web-request';
import { WebSessions } from '../session/web-sessions.service';
import { WebController } from '../web-controller.decorator';
import { nextField, nextQueryOf, phoneField } from './account-forms';

const codeRequestForm = z.object({ phone: phoneField, next: nextField });
const codeLoginForm = z.object({ phone: phoneField, code: z.string().max(20), next: nextField });

const VIEW = 'account/login-phone';
const TITLE = 'account:phoneLogin.title';

interface PhonePage {
  /** What the person typed, to show again. */
  phone?: unknown;
  next: string;
  /** The code was sent: show the code field. */
  codeSent: boolean;
}

/**
 * Signing in with a code sent by SMS: the phone number and "send code" first, then the code.
 * A number seen for the first time becomes a buyer account (PhoneLoginService decides).
 */
@WebController('login/phone')
export class PhoneLoginController {
  constructor(
    private readonly pages: WebPages,
    private readonly phoneLogin: PhoneLoginService,
    private readonly sessions: WebSessions,
  ) {}

  @Get()
  async page(@Req() request: WebRequest, @Res() reply: FastifyReply, @Query('next') next?: string) {
    if (request.web.user) return this.pages.redirect(reply, safeNext(next));
    return this.show(request, reply, { next: safeNext(next), codeSent: false });
  }

  @Post('code')
  async sendCode(@Req() request: WebRequest, @Res() reply: FastifyReply, @Body() body: unknown) {
    const t = translatorFor(request.web.locale, 'account');
    const form = readForm(codeRequestForm, body, t);
    if (!form.ok) {
      const next = safeNext(form.values.next);
      return this.show(request, reply, { phone: form.values.phone, next, codeSent: false }, form.errors);
    }
    const next = safeNext(form.data.next);
    // Shown again as typed (spaces and all), not as normalised.
    const typed = formObject(body).phone;
    try {
      await this.phoneLogin.requestCode(form.data.phone, request.ip);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return this.show(
        request,
        reply,
        { phone: typed, next, codeSent: false },
        this.errorsOf(request, error, 'phone'),
        error,
      );
    }
    return this.show(request, reply, { phone: typed, next, codeSent: true });
  }

  @Post()
  async signIn(@Req() request: WebRequest, @Res() reply: FastifyReply, @Body() body: unknown) {
    const t = translatorFor(request.web.locale, 'account');
    const form = readForm(codeLoginForm, body, t);
    if (!form.ok) {
      const next = safeNext(form.values.next);
      return this.show(request, reply, { phone: form.values.phone, next, codeSent: true }, form.errors);
    }
    const next = safeNext(form.data.next);
    const again = { phone: formObject(body).phone, next, codeSent: true };
    const code = form.data.code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(code)) {
      return this.show(request, reply, again, { code: [t('account:phoneLogin.codeFormat')] });
    }
    try {
      const { user } = await this.phoneLogin.verify(form.data.phone, code);
      await this.sessions.signIn(reply, user.id);
      return this.pages.redirect(reply, next);
    } catch (error) {
      // Caught here: an `unauthenticated` refusal would otherwise send the visitor to the login page.
      if (!(error instanceof DomainError)) throw error;
      return this.show(request, reply, again, this.errorsOf(request, error, 'code'), error);
    }
  }

  /** A refusal next to its field: too many codes next to the number, a wrong code next to the code. */
  private errorsOf(request: WebRequest, error: DomainError, field: 'phone' | 'code'): FormErrors {
    const t = translatorFor(request.web.locale, 'account');
    if (error.code === 'OTP_RATE_LIMITED') {
      const seconds = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      return { phone: [seconds ? t('account:phoneLogin.tooSoon', { seconds }) : t('account:codes.OTP_RATE_LIMITED')] };
    }
    const byCode: Record<string, string> = { INVALID_CODE: 'code', OTP_ATTEMPTS_EXHAUSTED: 'code' };
    return formErrorsOf(error, t, field === 'code' ? byCode : { SMS_NOT_SENT: 'phone' });
  }

  private show(request: WebRequest, reply: FastifyReply, data: PhonePage, errors?: FormErrors, cause?: DomainError) {
    const status = !errors ? 200 : cause?.kind === 'rate_limited' ? 429 : 400;
    return this.pages.render(
      request,
      reply,
      VIEW,
      { ...data, nextQuery: nextQueryOf(data.next) },
      { title: TITLE, status, errors },
    );
  }
}
