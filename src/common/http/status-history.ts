import { z } from 'zod';

/** The recorded changes of a lifecycle (a store's, a product's), as admins read them. */
export const statusHistorySchema = z.array(
  z.object({
    from: z.string().nullable(),
    to: z.string(),
    actorId: z.string(),
    reason: z.string().nullable(),
    at: z.string(),
  }),
);

export interface StatusChangeRow {
  fromStatus: string | null;
  toStatus: string;
  actorId: string;
  reason: string | null;
  createdAt: Date;
}

export const toStatusHistory = (rows: StatusChangeRow[]): z.infer<typeof statusHistorySchema> =>
  rows.map((h) => ({
    from: h.fromStatus,
    to: h.toStatus,
    actorId: h.actorId,
    reason: h.reason,
    at: h.createdAt.toISOString(),
  }));
