import { z } from 'zod';
import { Notification } from '../entities/notification.entity';
import {
  NOTIFICATION_CATEGORIES,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_KINDS,
  NotificationKind,
} from '../notification-kinds';
import type { PreferenceValue } from '../notification-preferences.service';

export const notificationResponseSchema = z.object({
  id: z.uuid(),
  kind: z.enum(Object.keys(NOTIFICATION_KINDS) as [NotificationKind, ...NotificationKind[]]),
  category: z.enum(NOTIFICATION_CATEGORIES),
  title: z.string().describe("In the recipient's language when it was sent"),
  body: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).describe('The values the text was made from'),
  createdAt: z.string().describe('ISO 8601'),
  readAt: z.string().nullable().describe('ISO 8601; null while unread'),
});
export type NotificationResponse = z.infer<typeof notificationResponseSchema>;

export const toNotificationResponse = (n: Notification): NotificationResponse => ({
  id: n.id,
  kind: n.kind,
  category: n.category,
  title: n.title,
  body: n.body,
  params: n.params,
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt?.toISOString() ?? null,
});

export const notificationPageSchema = z.object({
  items: z.array(notificationResponseSchema),
  nextCursor: z.string().nullable(),
});
export const unreadCountSchema = z.object({ unread: z.number().int() });
export const readAllResultSchema = z.object({ marked: z.number().int().describe('How many were unread') });

export const preferencesResponseSchema = z.object({
  preferences: z.array(
    z.object({
      category: z.enum(NOTIFICATION_CATEGORIES),
      channel: z.enum(NOTIFICATION_CHANNELS),
      enabled: z.boolean(),
    }),
  ),
});
export const toPreferencesResponse = (values: PreferenceValue[]): z.infer<typeof preferencesResponseSchema> => ({
  preferences: values,
});
