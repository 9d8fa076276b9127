import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { NotificationInboxService } from '../../modules/notifications/notification-inbox.service';
import { CartService } from '../../modules/orders/cart.service';
import { guestCartOf } from '../shopping/guest-cart';
import { translatorFor } from '../i18n/locales';
import type { WebRequest } from '../session/web-request';
import type { PageRoot } from './view-engine';

export interface RenderOptions {
  status?: number;
  /** `{ field: [message] }` for a form sent back with mistakes (see forms/form.ts). */
  errors?: Record<string, string[]>;
  /** The page title's locale key; the layout prints "title · Furrow". */
  title?: string;
  /** A title that is data, not a key (a product's name): printed as given. */
  titleText?: string;
  /** Extra Content-Security-Policy sources for this page only (Stripe's payment element). */
  csp?: string;
}

const MAIN_LAYOUT = 'layouts/main.hbs';

/**
 * Renders a page inside the layout with what every page needs: the language, the CSRF
 * token, who is signed in (and the unread and cart badges), and the caching rule of pages. Handlers
 * pass only their own data.
 */
@Injectable()
export class WebPages {
  constructor(
    private readonly inbox: NotificationInboxService,
    private readonly carts: CartService,
  ) {}

  async render(
    request: WebRequest,
    reply: FastifyReply,
    view: string,
    data: object,
    options: RenderOptions = {},
  ): Promise<FastifyReply> {
    const root = await this.rootOf(request, data, options);
    this.headers(reply, options);
    return reply
      .code(options.status ?? 200)
      .type('text/html; charset=utf-8')
      .view(`pages/${view}.hbs`, root, { layout: MAIN_LAYOUT });
  }

  /** A piece of a page (a partial) for htmx to swap in: no layout. */
  async fragment(
    request: WebRequest,
    reply: FastifyReply,
    partial: string,
    data: object,
    options: RenderOptions = {},
  ): Promise<FastifyReply> {
    const root = await this.rootOf(request, data, options, false);
    this.headers(reply, options);
    return reply
      .code(options.status ?? 200)
      .type('text/html; charset=utf-8')
      .view(`partials/${partial}.hbs`, root);
  }

  /** After a successful form: 303 to the next page (htmx follows it too). */
  redirect(reply: FastifyReply, to: string): FastifyReply {
    return reply.code(303).redirect(to);
  }

  private async rootOf(
    request: WebRequest,
    data: object,
    options: RenderOptions,
    withLayout = true,
  ): Promise<PageRoot & Record<string, unknown>> {
    const { user, locale, csrfToken } = request.web;
    const t = translatorFor(locale);
    const roles = user?.roles ?? [];
    return {
      ...data,
      locale,
      csrfToken,
      errors: options.errors,
      user,
      isSeller: roles.includes('seller'),
      isTrainer: roles.includes('trainer') || roles.includes('admin'),
      isFinance: roles.includes('finance') || roles.includes('admin'),
      isAdmin: roles.includes('admin'),
      unreadCount: withLayout && user ? await this.inbox.unreadCount(user.id) : 0,
      cartCount: withLayout ? await this.cartCount(request) : 0,
      pageTitle: options.titleText ?? (options.title ? t(options.title) : undefined),
      currentPath: request.url,
      otherLocale: locale === 'en' ? 'zh-CN' : 'en',
    };
  }

  /** Lines in the cart: the account's when signed in, else the guest's cookie. */
  private async cartCount(request: WebRequest): Promise<number> {
    const user = request.web.user;
    return user ? this.carts.count(user.id) : guestCartOf(request).length;
  }

  private headers(reply: FastifyReply, options: RenderOptions): void {
    // Pages carry the visitor's name and CSRF token: private, revalidated by ETag each time.
    reply.header('cache-control', 'private, no-cache');
    // A fragment for htmx and the whole page share a URL (more results): caches must tell them apart.
    reply.header('vary', 'Cookie, Accept-Language, HX-Request');
    if (options.csp) reply.header('content-security-policy', options.csp);
  }
}
