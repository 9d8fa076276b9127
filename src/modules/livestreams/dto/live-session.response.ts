import { z } from 'zod';
import type { LiveOffer } from '../../catalog/entities/live-offer.entity';
import type { LiveShowcaseItem } from '../../catalog/live-offers.service';
import type { LiveSessionStatusChange } from '../entities/live-session-status-change.entity';
import type { LiveSession } from '../entities/live-session.entity';
import type { LiveSessionReport } from '../live-sales.service';
import { LIVE_PLATFORMS, LIVE_SESSION_STATUSES } from '../live-session-state';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const liveSessionResponseSchema = z.object({
  id: z.uuid(),
  sellerId: z.uuid(),
  hostUserId: z.uuid(),
  title: z.string(),
  platform: z.enum(LIVE_PLATFORMS),
  streamUrl: z.string(),
  scheduledStartAt: z.string(),
  scheduledEndAt: z.string(),
  cohortId: z.uuid().nullable(),
  trainerId: z.uuid().nullable(),
  status: z.enum(LIVE_SESSION_STATUSES),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const toLiveSessionResponse = (s: LiveSession): z.infer<typeof liveSessionResponseSchema> => ({
  id: s.id,
  sellerId: s.sellerId,
  hostUserId: s.hostUserId,
  title: s.title,
  platform: s.platform,
  streamUrl: s.streamUrl,
  scheduledStartAt: s.scheduledStartAt.toISOString(),
  scheduledEndAt: s.scheduledEndAt.toISOString(),
  cohortId: s.cohortId,
  trainerId: s.trainerId,
  status: s.status,
  startedAt: iso(s.startedAt),
  endedAt: iso(s.endedAt),
  createdAt: s.createdAt.toISOString(),
});

export const liveItemResponseSchema = z.object({
  id: z.uuid(),
  variantId: z.uuid(),
  productId: z.uuid(),
  livePriceFen: z.number().int(),
  allocated: z.number().int(),
  remaining: z.number().int(),
  perBuyerLimit: z.number().int(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  displayOrder: z.number().int(),
  /** False once unpinned (or the session ended): what was unsold went back to stock. */
  pinned: z.boolean(),
});

export const toLiveItemResponse = (o: LiveOffer): z.infer<typeof liveItemResponseSchema> => ({
  id: o.id,
  variantId: o.variantId,
  productId: o.productId,
  livePriceFen: o.livePriceFen,
  allocated: o.allocated,
  remaining: o.remaining,
  perBuyerLimit: o.perBuyerLimit,
  startsAt: iso(o.startsAt),
  endsAt: iso(o.endsAt),
  displayOrder: o.displayOrder,
  pinned: o.unpinnedAt === null,
});

/** The viewer's page: what is pinned now, at what price, how many are left. */
export const liveShowcaseResponseSchema = z.object({
  session: liveSessionResponseSchema.omit({ hostUserId: true, trainerId: true }),
  items: z.array(
    liveItemResponseSchema.extend({
      productTitle: z.string(),
      variantName: z.string(),
      saleUnit: z.string(),
      regularPriceFen: z.number().int(),
    }),
  ),
});

export const toLiveShowcaseResponse = (
  session: LiveSession,
  items: LiveShowcaseItem[],
): z.infer<typeof liveShowcaseResponseSchema> => {
  const { hostUserId: _h, trainerId: _t, ...shown } = toLiveSessionResponse(session);
  return {
    session: shown,
    items: items.map((i) => ({
      ...toLiveItemResponse(i.offer),
      // What checkout charges: never above the regular price, should that have dropped since pinning.
      livePriceFen: Math.min(i.offer.livePriceFen, i.regularPriceFen),
      productTitle: i.productTitle,
      variantName: i.variantName,
      saleUnit: i.saleUnit,
      regularPriceFen: i.regularPriceFen,
    })),
  };
};

export const liveSessionDetailResponseSchema = liveSessionResponseSchema.extend({
  items: z.array(liveItemResponseSchema),
  history: z.array(
    z.object({
      from: z.enum(LIVE_SESSION_STATUSES).nullable(),
      to: z.enum(LIVE_SESSION_STATUSES),
      /** Null when the timer ended it. */
      actorId: z.uuid().nullable(),
      reason: z.string().nullable(),
      at: z.string(),
    }),
  ),
});

export const toLiveSessionDetailResponse = (
  session: LiveSession,
  items: LiveOffer[],
  history: LiveSessionStatusChange[],
): z.infer<typeof liveSessionDetailResponseSchema> => ({
  ...toLiveSessionResponse(session),
  items: items.map(toLiveItemResponse),
  history: history.map((h) => ({
    from: h.fromStatus,
    to: h.toStatus,
    actorId: h.actorId,
    reason: h.reason,
    at: h.createdAt.toISOString(),
  })),
});

export const liveSessionPageSchema = z.object({
  items: z.array(liveSessionResponseSchema),
  nextCursor: z.string().nullable(),
});

/** What a session sold (paid orders; cancelled or returned ones out; GMV with refunds out). */
export const liveSessionReportResponseSchema = z.object({
  session: liveSessionResponseSchema,
  orders: z.number().int(),
  units: z.number().int(),
  paidGmvFen: z.number().int(),
  buyers: z.number().int(),
  /** Per pinned item (also those unpinned since): its live lines in those orders. */
  items: z.array(
    liveItemResponseSchema.extend({
      orders: z.number().int(),
      unitsSold: z.number().int(),
      goodsFen: z.number().int(),
    }),
  ),
});

export const toLiveSessionReportResponse = (
  session: LiveSession,
  report: LiveSessionReport,
  offers: LiveOffer[],
): z.infer<typeof liveSessionReportResponseSchema> => ({
  session: toLiveSessionResponse(session),
  orders: report.orders,
  units: report.units,
  paidGmvFen: report.paidGmvFen,
  buyers: report.buyers,
  items: offers.map((o) => {
    const sold = report.items.find((i) => i.offerId === o.id);
    return {
      ...toLiveItemResponse(o),
      orders: sold?.orders ?? 0,
      unitsSold: sold?.units ?? 0,
      goodsFen: sold?.goodsFen ?? 0,
    };
  }),
});
