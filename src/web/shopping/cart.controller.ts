import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../common/errors/domain-error';
import { AppConfig } from '../../config/app-config';
import { CartService } from '../../modules/orders/cart.service';
import { MAX_CART_QUANTITY, type CartChoice } from '../../modules/orders/orders.module';
import { formErrorsOf, readForm } from '../forms/form';
import { translatorFor } from '../i18n/locales';
import { WebPages } from '../render/web-pages.service';
import type { WebRequest } from '../session/web-request';
import { WebController } from '../web-controller.decorator';
import { withProblemKeys } from './cart-view';
import { guestCartOf, MAX_GUEST_CART_LINES, saveGuestCart } from './guest-cart';

const addForm = z.object({
  variantId: z.uuid(),
  quantity: z.coerce.number().int().min(1).max(MAX_CART_QUANTITY).default(1),
});
const updateForm = z.object({
  quantity: z.coerce.number().int().min(0).max(MAX_CART_QUANTITY).default(0),
  remove: z.string().optional(),
});
const variantParam = z.uuid();

const isHtmx = (request: WebRequest) => request.headers['hx-request'] === 'true';

/**
 * The cart across farms. Signed in, it is the account's (CartService); a guest's lives in
 * the `furrow_cart` cookie and joins the account's at sign-in (WebSessions.signIn).
 */
@WebController('cart')
export class CartController {
  constructor(
    private readonly pages: WebPages,
    private readonly carts: CartService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  async cart(@Req() request: WebRequest, @Res() reply: FastifyReply) {
    return this.show(request, reply);
  }

  /** The product page's "加入购物车": back to the cart, or with htmx a small confirmation. */
  @Post('items')
  async add(@Req() request: WebRequest, @Res() reply: FastifyReply, @Body() body: unknown) {
    const t = translatorFor(request.web.locale);
    const form = readForm(addForm, body, t);
    if (!form.ok) return this.refused(request, reply, form.errors, 400);
    const { variantId, quantity } = form.data;
    try {
      const user = request.web.user;
      if (user) {
        await this.carts.add(user.id, variantId, quantity);
      } else {
        await this.carts.requireOnSale(variantId);
        const choices = guestCartOf(request);
        const line = choices.find((c) => c.variantId === variantId);
        if (line) line.quantity = Math.min(line.quantity + quantity, MAX_CART_QUANTITY);
        else if (choices.length >= MAX_GUEST_CART_LINES) {
          return this.refused(
            request,
            reply,
            { _form: [t('shopping:cart.guestFull', { max: MAX_GUEST_CART_LINES })] },
            409,
          );
        } else choices.push({ variantId, quantity });
        saveGuestCart(reply, this.config, choices);
      }
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return this.refused(request, reply, formErrorsOf(error, t), error.kind === 'not_found' ? 404 : 409);
    }
    if (isHtmx(request)) {
      const count = request.web.user ? await this.carts.count(request.web.user.id) : null;
      return this.pages.fragment(request, reply, 'shopping/added', { count });
    }
    return this.pages.redirect(reply, '/cart');
  }

  /** A line's new quantity; 0 or the remove button takes it out. */
  @Post('items/:variantId')
  async update(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('variantId') rawVariantId: string,
    @Body() body: unknown,
  ) {
    const t = translatorFor(request.web.locale);
    const variantId = variantParam.safeParse(rawVariantId);
    if (!variantId.success) throw new DomainError('not_found', 'NOT_FOUND', 'No such item');
    const form = readForm(updateForm, body, t);
    if (!form.ok)
      return this.refused(request, reply, { [`quantity-${variantId.data}`]: form.errors.quantity ?? [] }, 400);
    const quantity = form.data.remove ? 0 : form.data.quantity;
    const user = request.web.user;
    try {
      if (user) await this.carts.update(user.id, variantId.data, quantity);
      else this.updateGuest(request, reply, variantId.data, quantity);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return this.refused(request, reply, formErrorsOf(error, t), 409);
    }
    return this.pages.redirect(reply, '/cart');
  }

  private updateGuest(request: WebRequest, reply: FastifyReply, variantId: string, quantity: number): void {
    const choices: CartChoice[] = guestCartOf(request)
      .map((c) => (c.variantId === variantId ? { ...c, quantity } : c))
      .filter((c) => c.quantity > 0);
    saveGuestCart(reply, this.config, choices);
  }

  private refused(request: WebRequest, reply: FastifyReply, errors: Record<string, string[]>, status: number) {
    if (isHtmx(request)) return this.pages.fragment(request, reply, 'shopping/added', {}, { status, errors });
    return this.show(request, reply, { status, errors });
  }

  private async show(
    request: WebRequest,
    reply: FastifyReply,
    options: { status?: number; errors?: Record<string, string[]> } = {},
  ) {
    const user = request.web.user;
    const cart = user ? await this.carts.viewFor(user.id) : await this.carts.view(guestCartOf(request));
    return this.pages.render(
      request,
      reply,
      'shopping/cart',
      { cart: withProblemKeys(cart), guest: !user },
      { title: 'shopping:cart.title', ...options },
    );
  }
}
