import { z } from 'zod';
import { pageQuerySchema } from '../../../common/http/pagination';
import { patchSchema } from '../../../common/http/patch';
import { LIVE_PLATFORMS } from '../live-session-state';

const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

const sessionFields = {
  title: z.string().trim().min(1).max(120),
  platform: z.enum(LIVE_PLATFORMS),
  streamUrl: z.url({ protocol: /^https$/ }).max(500),
  scheduledStartAt: instant,
  scheduledEndAt: instant,
};

/** POST /live-sessions: a store's session; `cohortId` makes it a practice room of that cohort. */
export const createLiveSessionSchema = z.strictObject({
  sellerId: z.uuid(),
  ...sessionFields,
  cohortId: z.uuid().nullable().default(null),
});
export type CreateLiveSessionDto = z.infer<typeof createLiveSessionSchema>;

/** PATCH /live-sessions/:id while scheduled: only the fields it names change. */
export const patchLiveSessionSchema = patchSchema(sessionFields);
export type PatchLiveSessionDto = z.infer<typeof patchLiveSessionSchema>;

/** POST /live-sessions/:id/items: pin a variant of the store. */
export const pinItemSchema = z.strictObject({
  variantId: z.uuid(),
  /** Fen; never above the variant's regular price. */
  livePriceFen: z.number().int().min(1).max(100_000_000),
  /** Units set aside from the variant's stock. */
  allocation: z.number().int().min(1).max(100_000),
  perBuyerLimit: z.number().int().min(1).max(1_000),
  startsAt: instant.nullable().default(null),
  endsAt: instant.nullable().default(null),
  displayOrder: z.number().int().min(0).max(1_000).default(0),
});
export type PinItemDto = z.infer<typeof pinItemSchema>;

export const liveSessionIdParamSchema = z.strictObject({ id: z.uuid() });
export const liveItemParamSchema = z.strictObject({ id: z.uuid(), itemId: z.uuid() });
export const liveSessionListQuerySchema = pageQuerySchema;
