import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AppConfig } from '../../config/app-config';
import { NotificationPreferencesService } from '../../modules/notifications/notification-preferences.service';
import { updateMeSchema } from '../../modules/users/users.module';
import { UsersService } from '../../modules/users/users.service';
import { formObject, readForm } from '../forms/form';
import { LOCALE_COOKIE, translatorFor, WEB_LOCALES } from '../i18n/locales';
import { WebPages } from '../render/web-pages.service';
import { SignedIn } from '../session/web-auth.decorators';
import { cookieOptions } from '../session/web-cookies';
import type { WebRequest, WebUser } from '../session/web-request';
import { WebController } from '../web-controller.decorator';

/** A checkbox per category and channel: `pref.orders.sms=on`; an unticked box is not sent. */
type Ticked = Partial<Record<string, Partial<Record<string, unknown>>>>;

/** "My account" and its settings: display name, language, notification channels per category. */
@WebController('account')
@SignedIn()
export class AccountController {
  constructor(
    private readonly pages: WebPages,
    private readonly users: UsersService,
    private readonly preferences: NotificationPreferencesService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  async home(@Req() request: WebRequest, @Res() reply: FastifyReply) {
    const user = await this.users.getById(this.actor(request).id);
    return this.pages.render(
      request,
      reply,
      'account/home',
      {
        me: {
          displayName: user.displayName,
          phone: user.phone,
          email: user.email,
          roleKeys: user.roles.map((role) => `account:roles.${role}`),
          createdAt: user.createdAt,
        },
      },
      { title: 'account:home.title' },
    );
  }

  @Get('settings')
  async settings(@Req() request: WebRequest, @Res() reply: FastifyReply, @Query('saved') saved?: string) {
    const id = this.actor(request).id;
    const user = await this.users.getById(id);
    return this.showSettings(request, reply, {
      form: { displayName: user.displayName ?? '', locale: user.locale },
      saved: saved === '1',
    });
  }

  @Post('settings')
  async saveSettings(@Req() request: WebRequest, @Res() reply: FastifyReply, @Body() body: unknown) {
    const id = this.actor(request).id;
    const t = translatorFor(request.web.locale, 'account');
    const values = formObject(body);
    // The same schema as PATCH /api/v1/me; a blank name clears it.
    const change = readForm(updateMeSchema, { displayName: values.displayName ?? null, locale: values.locale }, t);
    if (!change.ok) {
      return this.showSettings(
        request,
        reply,
        { form: values, ticked: values.pref ?? {} },
        { status: 400, errors: change.errors },
      );
    }
    await this.users.updateProfile(id, change.data);
    const ticked = (values.pref ?? {}) as Ticked;
    // Every category × channel the service knows, each on only when its box was ticked.
    const choices = await this.preferences.list(id);
    await this.preferences.update(
      id,
      choices.map(({ category, channel }) => ({ category, channel, enabled: Boolean(ticked[category]?.[channel]) })),
    );
    // The language switch's cookie too, so the pages keep the language after signing out.
    if (change.data.locale) {
      reply.setCookie(LOCALE_COOKIE, change.data.locale, cookieOptions(this.config, 365 * 86_400));
    }
    return this.pages.redirect(reply, '/account/settings?saved=1');
  }

  private async showSettings(
    request: WebRequest,
    reply: FastifyReply,
    data: { form: object; saved?: boolean; ticked?: unknown },
    options: { status?: number; errors?: Record<string, string[]> } = {},
  ) {
    const current = await this.preferences.list(this.actor(request).id);
    const ticked = data.ticked as Ticked | undefined;
    const categories: Array<{ category: string; label: string; channels: object[] }> = [];
    for (const { category, channel, enabled } of current) {
      let group = categories.find((c) => c.category === category);
      if (!group) {
        group = { category, label: `account:settings.categories.${category}`, channels: [] };
        categories.push(group);
      }
      group.channels.push({
        channel,
        label: `account:settings.channels.${channel}`,
        enabled: ticked ? Boolean(ticked[category]?.[channel]) : enabled,
      });
    }
    return this.pages.render(
      request,
      reply,
      'account/settings',
      { ...data, categories, locales: WEB_LOCALES.map((code) => ({ code, label: `account:locales.${code}` })) },
      { title: 'account:settings.title', ...options },
    );
  }

  private actor(request: WebRequest): WebUser {
    return request.web.user as WebUser;
  }
}
