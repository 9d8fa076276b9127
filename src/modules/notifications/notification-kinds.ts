import type { NotificationKind } from '../../queue/notification-request';

export type { NotificationKind };

/**
 * What Furrow tells people, and the category a recipient can switch off per channel. The kinds
 * and their params are the `notification.requested` contract (src/queue/notification-request.ts);
 * each kind has zh-CN and en templates; `params` are the values its SMS template receives.
 */
export const NOTIFICATION_KINDS = {
  /** To the buyer: the payment for an order arrived. */
  'order.paid': { category: 'orders', params: ['orderNumber', 'amountFen'] },
  /**
   * To the store's owner and staff: a new order, paid or not (`paymentMethod`: stripe,
   * bank_transfer, or cash_on_delivery, which is to ship at once and be paid at the door).
   */
  'order.new': { category: 'orders', params: ['orderNumber', 'amountFen', 'paymentMethod'] },
  /** To the store's owner and staff: the parcel was refused at the door and came back; its units are on sale again. */
  'order.returned': { category: 'orders', params: ['orderNumber'] },
  /** To the store owner: a paid order is waiting to be shipped (`shipBy` ISO time, or empty). */
  'order.to-ship': { category: 'orders', params: ['orderNumber', 'shipBy'] },
  /** To the buyer: the order was cancelled (`reason` is a code such as SHIPPING_DEADLINE_MISSED). */
  'order.cancelled': { category: 'orders', params: ['orderNumber', 'reason'] },
  /** To the buyer: money went back. */
  'order.refunded': { category: 'payments', params: ['orderNumber', 'amountFen'] },
  /** To the store owner: half the shipping window of a perishable order has passed. */
  'order.ship-reminder': { category: 'orders', params: ['orderNumber', 'shipBy'] },
  /** To the store owner: a perishable order was not shipped in time and was cancelled and refunded. */
  'order.shipping-deadline-missed': { category: 'orders', params: ['orderNumber'] },
  /** To the store owner: a delivered cash-on-delivery order's cash is still not recorded, days later. */
  'order.cash-uncollected': { category: 'payments', params: ['orderNumber', 'amountFen', 'deliveredAt'] },
  /** To the buyer: the order left the farm. */
  'shipment.shipped': { category: 'shipping', params: ['orderNumber', 'carrier', 'trackingNumber'] },
  /** To the buyer: a new step of the parcel (`status`: picked_up, in_transit, out_for_delivery, exception, returned). */
  'shipment.progress': { category: 'shipping', params: ['orderNumber', 'carrier', 'trackingNumber', 'status'] },
  /** To the buyer: the parcel was delivered. */
  'shipment.delivered': { category: 'shipping', params: ['orderNumber', 'carrier', 'trackingNumber'] },
  /** To the trainee: a seat in the cohort is theirs. */
  'cohort.enrolled': { category: 'training', params: ['cohortTitle', 'startsAt'] },
  /** To the trainee: the cohort is full; they are `position` in the queue for a seat. */
  'cohort.waitlisted': { category: 'training', params: ['cohortTitle', 'position'] },
  /** To the trainee: promoted from the waitlist to a seat. */
  'cohort.promoted': { category: 'training', params: ['cohortTitle', 'startsAt'] },
  /** To everyone enrolled or waitlisted: the cohort was cancelled. */
  'cohort.cancelled': { category: 'training', params: ['cohortTitle', 'reason'] },
  /** To the enrolled trainee: a session starts soon (a day and an hour before). */
  'cohort.session-reminder': { category: 'training', params: ['cohortTitle', 'topic', 'startsAt', 'where'] },
  /** To the graduate: the certificate is issued. */
  'certificate.issued': { category: 'training', params: ['cohortTitle', 'code'] },
  /** To the trainee: a seat with a fee is held for them until `heldUntil` while they pay. */
  'cohort.seat-held': { category: 'training', params: ['cohortTitle', 'amountFen', 'heldUntil'] },
  /** To the trainee: the held seat was not paid in time and went back. */
  'cohort.seat-expired': { category: 'training', params: ['cohortTitle'] },
  /** To the trainee: the seat fee was refunded. */
  'cohort.seat-refunded': { category: 'payments', params: ['cohortTitle', 'amountFen'] },
} as const satisfies Record<NotificationKind, { category: string; params: readonly string[] }>;
export type NotificationCategory = (typeof NOTIFICATION_KINDS)[NotificationKind]['category'];
export const NOTIFICATION_CATEGORIES = ['orders', 'payments', 'shipping', 'training'] as const;
export const NOTIFICATION_CHANNELS = ['in_app', 'sms', 'email'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
