import type { LiveOffer } from '../../modules/catalog/entities/live-offer.entity';
import type { LiveShowcaseItem } from '../../modules/catalog/live-offers.service';
import type { LiveSession } from '../../modules/livestreams/entities/live-session.entity';

/** The quantities the viewer's buy button offers (the checkout takes any up to the limit). */
const MAX_QUANTITY_CHOICES = 20;

/** How a pinned item stands for a viewer now: only `selling` has a buy button. */
export type ItemState = 'selling' | 'waiting' | 'upcoming' | 'over' | 'soldOut';

/** A session as its pages show it: the status and platform as locale keys. */
export function sessionView(session: LiveSession) {
  return {
    id: session.id,
    sellerId: session.sellerId,
    title: session.title,
    platform: session.platform,
    platformKey: `live:platform.${session.platform}`,
    streamUrl: session.streamUrl,
    status: session.status,
    statusKey: `live:status.${session.status}`,
    scheduledStartAt: session.scheduledStartAt,
    scheduledEndAt: session.scheduledEndAt,
    startedAt: session.startedAt,
    endedAt: session.endedAt,
    practiceRoom: session.cohortId !== null,
    /** Items may still be pinned and unpinned; the stats still move. */
    open: session.status === 'scheduled' || session.status === 'live',
  };
}

/**
 * Where an item stands: the checkout sells it at the live price only while the session is live,
 * inside the item's own window, and while units are left (docs/livestreams.md).
 */
export function itemStateOf(session: LiveSession, offer: LiveOffer, now: Date): ItemState {
  if (session.status !== 'live') return 'waiting';
  if (offer.startsAt && offer.startsAt > now) return 'upcoming';
  if (offer.endsAt && offer.endsAt <= now) return 'over';
  if (offer.remaining <= 0) return 'soldOut';
  return 'selling';
}

/** A pinned item as the viewer's page and the checkout show it. */
export function viewerItem(session: LiveSession, item: LiveShowcaseItem, now: Date) {
  const { offer } = item;
  const state = itemStateOf(session, offer, now);
  const maxQuantity = Math.max(1, Math.min(offer.perBuyerLimit, offer.remaining));
  return {
    offerId: offer.id,
    productId: offer.productId,
    variantId: offer.variantId,
    title: item.productTitle,
    variantName: item.variantName,
    unitKey: `live:unit.${item.saleUnit}`,
    livePriceFen: offer.livePriceFen,
    regularPriceFen: item.regularPriceFen,
    discounted: offer.livePriceFen < item.regularPriceFen,
    remaining: Math.max(offer.remaining, 0),
    allocated: offer.allocated,
    perBuyerLimit: offer.perBuyerLimit,
    maxQuantity,
    quantities: Array.from({ length: Math.min(maxQuantity, MAX_QUANTITY_CHOICES) }, (_, i) => i + 1),
    state,
    stateKey: `live:viewer.state.${state}`,
    selling: state === 'selling',
    startsAt: offer.startsAt,
    /** When buying at the live price ends: the item's own end, else the session's scheduled end. */
    endsAt: offer.endsAt ?? session.scheduledEndAt,
    /** The item closes before the session does (the page counts down to it apart). */
    closesEarly: offer.endsAt !== null,
  };
}

export type ViewerItem = ReturnType<typeof viewerItem>;

/** The showcase's items for the viewer, in the host's display order. */
export function viewerItems(session: LiveSession, items: LiveShowcaseItem[], now = new Date()): ViewerItem[] {
  return items.map((item) => viewerItem(session, item, now));
}

/** The path a viewer opens (the host pastes it into the stream). */
export const viewerPath = (sessionId: string) => `/live/${sessionId}`;
