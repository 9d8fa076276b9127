import { z } from 'zod';
import { pageQuerySchema } from '../../../common/http/pagination';
import { NOTIFICATION_CATEGORIES, NOTIFICATION_CHANNELS } from '../notification-kinds';

export const inboxQuerySchema = pageQuerySchema.extend({
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .describe('true: only notifications not read yet'),
});
export type InboxQuery = z.infer<typeof inboxQuerySchema>;

export const notificationIdParamSchema = z.strictObject({ id: z.uuid() });
export type NotificationIdParam = z.infer<typeof notificationIdParamSchema>;

const preferenceSchema = z.strictObject({
  category: z.enum(NOTIFICATION_CATEGORIES),
  channel: z.enum(NOTIFICATION_CHANNELS),
  enabled: z.boolean(),
});

export const updatePreferencesSchema = z.strictObject({
  preferences: z
    .array(preferenceSchema)
    .min(1)
    .max(NOTIFICATION_CATEGORIES.length * NOTIFICATION_CHANNELS.length)
    .refine((list) => new Set(list.map((p) => `${p.category}/${p.channel}`)).size === list.length, {
      message: 'each category and channel at most once',
    })
    .describe('Only the choices to change; the others keep their value'),
});
export type UpdatePreferencesDto = z.infer<typeof updatePreferencesSchema>;
