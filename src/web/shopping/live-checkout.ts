import { Injectable } from '@nestjs/common';
import type { TFunction } from 'i18next';
import { z } from 'zod';
import type { DomainError } from '../../common/errors/domain-error';
import { LiveSessionViews } from '../../modules/livestreams/live-session-views.service';
import { SellersService } from '../../modules/sellers/sellers.service';
import { FORM_LEVEL, type FormErrors } from '../forms/form';
import { viewerItem, viewerPath } from '../live/live-views';

/** What the viewer's buy button sends (by GET, so a signed-out viewer comes back after login). */
const liveChoiceSchema = z.object({
  liveSessionId: z.uuid(),
  variantId: z.uuid(),
  quantity: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type LiveChoice = z.infer<typeof liveChoiceSchema>;

/** The live item of a query or form (`liveSessionId`, `variantId`, `quantity`); null for a checkout of the cart. */
export function liveChoiceOf(values: Record<string, unknown>): LiveChoice | null | 'invalid' {
  if (values.liveSessionId === undefined) return null;
  const parsed = liveChoiceSchema.safeParse(values);
  return parsed.success ? parsed.data : 'invalid';
}

/** Where a refusal of a live checkout shows, and the words it is said in (live namespace). */
const LIVE_FIELDS: Record<string, string> = {
  LIVE_ALLOCATION_EXHAUSTED: FORM_LEVEL,
  LIVE_PURCHASE_LIMIT_EXCEEDED: 'quantity',
  LIVE_PAYMENT_METHOD_UNAVAILABLE: 'paymentMethod',
  QUANTITY_OUT_OF_RANGE: 'quantity',
};

/** A refusal of a live checkout in the buyer's words, or null when the cart's wording applies. */
export function liveCheckoutErrorsOf(error: DomainError, t: TFunction): FormErrors | null {
  const field = LIVE_FIELDS[error.code];
  if (!field) return null;
  const details = (error.details ?? {}) as Record<string, unknown>;
  return { [field]: [t(`live:codes.${error.code}`, { limit: details.perBuyerLimit ?? '' })] };
}

/**
 * The item a live checkout buys, as the checkout shows it: from the session's public showcase
 * (the price is the live one only while the session is live, the item pinned and inside its
 * window; checkout would otherwise sell at the regular price, so the page offers the form only then).
 */
@Injectable()
export class LiveCheckout {
  constructor(
    private readonly views: LiveSessionViews,
    private readonly sellers: SellersService,
  ) {}

  async view(choice: LiveChoice) {
    const { session, items } = await this.views.showcase(choice.liveSessionId);
    const pinned = items.find((i) => i.offer.variantId === choice.variantId);
    const item = pinned ? viewerItem(session, pinned, new Date()) : null;
    const quantity = item ? Math.min(Math.max(choice.quantity, 1), item.perBuyerLimit) : choice.quantity;
    const store = await this.sellers.getById(session.sellerId).catch(() => null);
    return {
      sessionId: session.id,
      sessionTitle: session.title,
      livePath: viewerPath(session.id),
      storeName: store?.displayName ?? '',
      variantId: choice.variantId,
      item,
      quantity,
      lineTotalFen: item ? item.livePriceFen * quantity : 0,
      buyable: item?.selling === true,
      /**
       * Live now (sold out or not): checkout decides on the units, and a form sent twice after it
       * took the last one is answered with the orders it placed the first time.
       */
      open: item !== null && (item.state === 'selling' || item.state === 'soldOut'),
      /** Why it cannot be bought live now, as a locale key. */
      reasonKey: item ? item.stateKey : 'live:checkout.notPinned',
    };
  }
}

export type LiveCheckoutView = Awaited<ReturnType<LiveCheckout['view']>>;
