import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { TFunction } from 'i18next';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DomainError } from '../../common/errors/domain-error';
import { AppConfig } from '../../config/app-config';
import { CartService } from '../../modules/orders/cart.service';
import { CheckoutService } from '../../modules/orders/checkout.service';
import { checkoutSchema, idempotencyKeySchema, MAX_CART_LINES } from '../../modules/orders/orders.module';
import { PaymentsService } from '../../modules/payments/payments.service';
import { SellersService } from '../../modules/sellers/sellers.service';
import { FORM_LEVEL, formErrorsOf, formObject, readForm, type FormErrors } from '../forms/form';
import { translatorFor } from '../i18n/locales';
import { RegionPicker } from '../regions/region-picker.service';
import { WebPages } from '../render/web-pages.service';
import { SignedIn } from '../session/web-auth.decorators';
import type { WebRequest, WebUser } from '../session/web-request';
import { WebController } from '../web-controller.decorator';
import { storeNamesOf } from './store-names';
import { withProblemKeys } from './cart-view';
import { parseGuestCart, serializeGuestCart } from './guest-cart';
import { stripeCheckoutCsp } from './stripe-csp';
import { LiveCheckout, liveCheckoutErrorsOf, liveChoiceOf, type LiveChoice } from './live-checkout';

type PaymentMethod = z.infer<typeof checkoutSchema>['paymentMethod'];
const METHODS: PaymentMethod[] = ['cash_on_delivery', 'bank_transfer', 'stripe'];

/** The checkout form as the browser sends it; `items` is the cart the page showed (`id:qty,…`). */
const checkoutForm = z.object({
  idempotencyKey: idempotencyKeySchema,
  items: z.string().min(1).max(4_000),
  shippingAddress: z.object({}).passthrough().optional(),
  paymentMethod: z.string().optional(),
});

/** The checkout form of one item bought in a live session: the item and its quantity instead of the cart. */
const liveCheckoutForm = checkoutForm.omit({ items: true }).extend({
  liveSessionId: z.uuid(),
  variantId: z.uuid(),
  quantity: z.coerce.number().int().min(1).max(100_000),
});

const COUNTY_FIELD = 'shippingAddress.countyCode';

/** What the buyer typed, to fill the form again (a refused checkout, the picker's refresh). */
function typedValues(raw: Record<string, unknown>) {
  const values = formObject(raw);
  return { shippingAddress: values.shippingAddress ?? {}, paymentMethod: values.paymentMethod };
}

/** What a checkout buys: the cart the page showed, or one item of a live session. */
interface Purchase {
  idempotencyKey: string;
  items: Array<{ variantId: string; quantity: number }>;
  liveSessionId?: string;
  shippingAddress?: object;
  paymentMethod?: string;
}

/** Reads the form of either checkout; a live one names its session, item and quantity. */
function readCheckout(body: unknown, t: TFunction) {
  const raw = (body ?? {}) as Record<string, unknown>;
  if (raw.liveSessionId === undefined) {
    const form = readForm(checkoutForm, body, t);
    if (!form.ok) return form;
    const { items, ...rest } = form.data;
    return { ok: true as const, data: { ...rest, items: parseGuestCart(items, MAX_CART_LINES) } as Purchase };
  }
  const form = readForm(liveCheckoutForm, body, t);
  if (!form.ok) return form;
  const { variantId, quantity, ...rest } = form.data;
  return { ok: true as const, data: { ...rest, items: [{ variantId, quantity }] } as Purchase };
}

/**
 * A refusal of the checkout service as form errors, in this area's words when it has them
 * (another area may word the same code for its own form).
 */
function shoppingErrorsOf(error: DomainError, t: TFunction): FormErrors {
  const key = `shopping:codes.${error.code}`;
  if (error.code === 'VALIDATION_FAILED' || !i18nHas(t, key)) return formErrorsOf(error, t, FIELD_OF_CODE);
  return { [FIELD_OF_CODE[error.code] ?? FORM_LEVEL]: [t(key)] };
}

const i18nHas = (t: TFunction, key: string) => t(key, { defaultValue: '' }) !== '';

/** Where a refusal of the checkout service shows on the form. */
const FIELD_OF_CODE: Record<string, string> = {
  NOT_A_COUNTY: COUNTY_FIELD,
  REGION_NOT_FOUND: COUNTY_FIELD,
  PAYMENT_METHOD_UNAVAILABLE: 'paymentMethod',
};

/**
 * Checkout from the cart: the address, how to pay, then one order per farm placed by
 * CheckoutService exactly as the JSON API does. A hidden random key per form is the
 * Idempotency-Key, so a double tap (or a reload of the answer) places the orders once.
 */
@WebController('checkout')
export class CheckoutPageController {
  constructor(
    private readonly pages: WebPages,
    private readonly carts: CartService,
    private readonly checkout: CheckoutService,
    private readonly payments: PaymentsService,
    private readonly sellers: SellersService,
    private readonly config: AppConfig,
    private readonly regions: RegionPicker,
    private readonly live: LiveCheckout,
  ) {}

  /** The form; the region picker's no-JS refresh sends it back here by GET with what was typed. */
  @Get()
  @SignedIn()
  async form(@Req() request: WebRequest, @Res() reply: FastifyReply, @Query() query: Record<string, unknown>) {
    const live = liveChoiceOf(formObject(query));
    if (live === 'invalid') throw new DomainError('not_found', 'LIVE_SESSION_NOT_FOUND', 'Live session not found');
    return this.showForm(request, reply, { values: typedValues(query), raw: query, live });
  }

  @Post()
  @SignedIn()
  async place(@Req() request: WebRequest, @Res() reply: FastifyReply, @Body() body: unknown) {
    const user = request.web.user as WebUser;
    const t = translatorFor(request.web.locale);
    const raw = (body ?? {}) as Record<string, unknown>;
    const chosen = liveChoiceOf(formObject(raw));
    const live = chosen === 'invalid' ? null : chosen;
    const form = readCheckout(body, t);
    if (!form.ok)
      return this.showForm(request, reply, { errors: form.errors, status: 400, values: typedValues(raw), raw, live });
    const purchase = form.data;
    const input = checkoutSchema.safeParse({
      items: purchase.items,
      shippingAddress: purchase.shippingAddress ?? {},
      paymentMethod: purchase.paymentMethod,
      ...(purchase.liveSessionId ? { liveSessionId: purchase.liveSessionId } : {}),
    });
    const values = { shippingAddress: purchase.shippingAddress ?? {}, paymentMethod: purchase.paymentMethod };
    const again = (errors: FormErrors, status: number) =>
      this.showForm(request, reply, { errors, status, values, raw, live });
    // A method the page does not offer (Stripe without a publishable key): it could not be paid. A bank
    // transfer for a live item goes on, for checkout to say why it is not offered.
    if (input.success && !this.methods().includes(input.data.paymentMethod)) {
      return again({ paymentMethod: [t('errors:form.choose')] }, 400);
    }
    if (!input.success) {
      const errors: FormErrors = {};
      for (const issue of input.error.issues) {
        const field = issue.path[0] === 'items' ? FORM_LEVEL : issue.path.map(String).join('.');
        const message = issue.path[0] === 'paymentMethod' ? t('errors:form.choose') : t('errors:form.invalid');
        (errors[field] ??= []).push(field === FORM_LEVEL ? t('shopping:codes.CART_EMPTY') : message);
      }
      return again(errors, 400);
    }
    if (live) {
      // Bought as a live item or not at all: checkout would sell it at the regular price once the stream moved on.
      const item = await this.live.view(live);
      if (!item.open) return again({ [FORM_LEVEL]: [t(item.reasonKey)] }, 409);
    }
    try {
      const result = await this.checkout.checkout(user.id, purchase.idempotencyKey, input.data);
      // A replay (the placed page reloaded) leaves what was put in the cart since alone; a live item was never in it.
      if (!result.replayed && !live) {
        await this.carts.remove(
          user.id,
          purchase.items.map((i) => i.variantId),
        );
      }
      return this.placed(request, reply, result, live);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const errors = (live && liveCheckoutErrorsOf(error, t)) || shoppingErrorsOf(error, t);
      return again(errors, error.kind === 'not_found' ? 404 : error.kind === 'validation' ? 400 : 409);
    }
  }

  private async placed(
    request: WebRequest,
    reply: FastifyReply,
    result: Awaited<ReturnType<CheckoutService['checkout']>>,
    live: LiveChoice | null,
  ) {
    const payments = await this.checkout.paymentsOf(result);
    const account = this.checkout.bankTransferAccount;
    const transfer = payments.find((p) => p.payment.method === 'bank_transfer' && p.payment.transferReference);
    const card = payments.find((p) => p.payment.method === 'stripe' && p.clientSecret);
    const names = await storeNamesOf(
      this.sellers,
      result.orders.map((o) => o.sellerId),
    );
    return this.pages.render(
      request,
      reply,
      'shopping/placed',
      {
        group: result.group,
        orders: result.orders.map((o) => ({
          ...o,
          storeName: names.get(o.sellerId) ?? '',
          statusKey: `shopping:status.${o.status}`,
        })),
        transfer:
          transfer && account
            ? { ...account, amountFen: transfer.payment.amountFen, reference: transfer.payment.transferReference }
            : null,
        stripe: card ? { clientSecret: card.clientSecret, publishableKey: this.config.stripe?.publishableKey } : null,
        livePath: live ? `/live/${live.liveSessionId}` : null,
      },
      {
        title: 'shopping:checkout.placedTitle',
        status: result.replayed ? 200 : 201,
        ...(card ? { csp: stripeCheckoutCsp() } : {}),
      },
    );
  }

  private async showForm(
    request: WebRequest,
    reply: FastifyReply,
    options: {
      errors?: FormErrors;
      status?: number;
      values?: object;
      raw?: Record<string, unknown>;
      live?: LiveChoice | null;
    },
  ) {
    const user = request.web.user as WebUser;
    const t = translatorFor(request.web.locale);
    const live = options.live ? await this.live.view(options.live) : null;
    const cart = live ? null : await this.carts.viewFor(user.id);
    const choices = cart?.stores.flatMap((s) => s.lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity })));
    const methods = this.methods(live !== null);
    const chosen = (options.values as { paymentMethod?: string })?.paymentMethod ?? methods[0];
    return this.pages.render(
      request,
      reply,
      'shopping/checkout',
      {
        cart: cart ? withProblemKeys(cart) : null,
        live,
        items: choices ? serializeGuestCart(choices, MAX_CART_LINES) : '',
        // A new key for each form shown: a refused checkout left nothing under the old one.
        idempotencyKey: randomUUID(),
        methods: methods.map((method) => ({
          method,
          labelKey: `shopping:checkout.${method}`,
          hintKey: `shopping:checkout.${method}Hint`,
          checked: method === chosen,
        })),
        form: options.values ?? {},
        picker: await this.regions.build(options.raw ?? {}, {
          name: COUNTY_FIELD,
          mode: 'county',
          label: t('shopping:checkout.region'),
          required: true,
          refreshAction: '/checkout',
        }),
      },
      { title: 'shopping:checkout.title', status: options.status, errors: options.errors },
    );
  }

  /**
   * What Furrow offers: cash on delivery, a bank transfer when an account is configured (never
   * for a live item, whose units wait minutes for their money), Stripe when set up.
   */
  private methods(live = false): PaymentMethod[] {
    return METHODS.filter((method) => {
      if (!this.payments.accepts(method)) return false;
      if (method === 'bank_transfer') return !live && this.checkout.bankTransferAccount !== null;
      if (method === 'stripe') return Boolean(this.config.stripe?.publishableKey);
      return true;
    });
  }
}
