import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  NOTIFICATION_CATEGORIES,
  NOTIFICATION_CHANNELS,
  NotificationCategory,
  NotificationChannel,
} from './notification-kinds';
import { NotificationsRepository } from './notifications.repository';

export interface PreferenceValue {
  category: NotificationCategory;
  channel: NotificationChannel;
  enabled: boolean;
}

/** Everything is on until the person switches it off. */
const DEFAULT_ENABLED = true;

/** Which categories a person hears about on which channel. */
@Injectable()
export class NotificationPreferencesService {
  constructor(private readonly repository: NotificationsRepository) {}

  /** A lookup of the person's effective choices, read inside `em` when given. */
  async effectiveFor(
    userId: string,
    em?: EntityManager,
  ): Promise<(category: NotificationCategory, channel: NotificationChannel) => boolean> {
    const overrides = await this.repository.preferencesOf(userId, em);
    return (category, channel) =>
      overrides.find((o) => o.category === category && o.channel === channel)?.enabled ?? DEFAULT_ENABLED;
  }

  /** Every category × channel with its effective value. */
  async list(userId: string): Promise<PreferenceValue[]> {
    const enabled = await this.effectiveFor(userId);
    return NOTIFICATION_CATEGORIES.flatMap((category) =>
      NOTIFICATION_CHANNELS.map((channel) => ({ category, channel, enabled: enabled(category, channel) })),
    );
  }

  /** Applies a partial list of choices; a choice equal to the default removes its override. */
  async update(userId: string, changes: PreferenceValue[]): Promise<PreferenceValue[]> {
    await this.repository.transaction(async (em) => {
      const overrides = changes.filter((c) => c.enabled !== DEFAULT_ENABLED);
      const defaults = changes.filter((c) => c.enabled === DEFAULT_ENABLED);
      await this.repository.upsertPreferences(
        em,
        overrides.map((c) => ({ userId, ...c })),
      );
      await this.repository.deletePreferences(
        em,
        userId,
        defaults.map(({ category, channel }) => ({ category, channel })),
      );
    });
    return this.list(userId);
  }
}
