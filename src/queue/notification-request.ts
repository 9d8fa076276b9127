/**
 * The contract of `notification.requested`: how any module asks for a message to a person
 * without importing the notifications module (DESIGN.md §2). It lives here, below every module,
 * so senders and notifications both depend on it and not on each other.
 *
 * A sender passes the display values it knows (order numbers, amounts in fen, carrier names in
 * both languages, ISO times, status and reason codes), so notifications renders them without
 * asking the sender's module again. Never a phone number, an address or an e-mail (payloads
 * are stored and logged). One delivery per (event, recipient, channel).
 */
export interface NotificationParams {
  /** To the buyer: the payment for an order arrived. */
  'order.paid': { orderNumber: string; amountFen: number };
  /**
   * To the store's owner and staff: a new order, paid or not (`paymentMethod`: stripe,
   * bank_transfer, or cash_on_delivery, which is to ship at once and be paid at the door).
   */
  'order.new': { orderNumber: string; amountFen: number; paymentMethod: string };
  /** To the store's owner and staff: the parcel was refused at the door and came back; its units are on sale again. */
  'order.returned': { orderNumber: string };
  /** To the store owner: a paid order is waiting to be shipped (`shipBy` ISO time, or empty). */
  'order.to-ship': { orderNumber: string; shipBy: string };
  /** To the buyer: the order was cancelled (`reason` is a code such as SHIPPING_DEADLINE_MISSED). */
  'order.cancelled': { orderNumber: string; reason: string };
  /** To the buyer: money went back. */
  'order.refunded': { orderNumber: string; amountFen: number };
  /** To the store owner: half the shipping window of a perishable order has passed. */
  'order.ship-reminder': { orderNumber: string; shipBy: string };
  /** To the store owner: a perishable order was not shipped in time and was cancelled and refunded. */
  'order.shipping-deadline-missed': { orderNumber: string };
  /**
   * To the store owner: a cash-on-delivery order was delivered `deliveredAt` (ISO time) and its
   * cash is still not recorded (COD_CASH_REMINDER_DAYS later; once).
   */
  'order.cash-uncollected': { orderNumber: string; amountFen: number; deliveredAt: string };
  /** To the buyer: the order left the farm (`carrier` in Chinese, `carrierEn` in English). */
  'shipment.shipped': ShipmentParams;
  /** To the buyer: a new step of the parcel (`status`: picked_up, in_transit, out_for_delivery, exception, returned). */
  'shipment.progress': ShipmentParams & { status: string };
  /** To the buyer: the parcel was delivered. */
  'shipment.delivered': ShipmentParams;
  /** To the trainee: a seat in the cohort is theirs (`startsAt` ISO time of the cohort's start). */
  'cohort.enrolled': { cohortTitle: string; startsAt: string };
  /** To the trainee: the cohort is full; they are `position` in the queue for a seat. */
  'cohort.waitlisted': { cohortTitle: string; position: number };
  /** To the trainee: someone withdrew and the seat they waited for is theirs. */
  'cohort.promoted': { cohortTitle: string; startsAt: string };
  /** To everyone enrolled or waitlisted: the trainer cancelled the cohort (`reason` in the trainer's words). */
  'cohort.cancelled': { cohortTitle: string; reason: string };
  /** To the enrolled trainee: a session starts `startsAt` (ISO time) at `where` (a place or a link). */
  'cohort.session-reminder': { cohortTitle: string; topic: string; startsAt: string; where: string };
  /** To the graduate: the certificate is issued; `code` is its verification code. */
  'certificate.issued': { cohortTitle: string; code: string };
  /** To the trainee: a seat of a cohort with a fee is held for them until `heldUntil` (ISO time) while they pay. */
  'cohort.seat-held': { cohortTitle: string; amountFen: number; heldUntil: string };
  /** To the trainee: the held seat was not paid in time and went back (to the waitlist, if anyone waits). */
  'cohort.seat-expired': { cohortTitle: string };
  /** To the trainee: the seat fee came back (withdrawn before the start, by the trainer, or the cohort cancelled). */
  'cohort.seat-refunded': { cohortTitle: string; amountFen: number };
}

type ShipmentParams = { orderNumber: string; carrier: string; carrierEn: string; trackingNumber: string };

export type NotificationKind = keyof NotificationParams;

/** The payload of `notification.requested`: one kind, its recipient, and that kind's params. */
export type NotificationRequest = {
  [K in NotificationKind]: { kind: K; recipientUserId: string; params: NotificationParams[K] };
}[NotificationKind];
