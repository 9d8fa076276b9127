/**
 * The assignments every cohort tracks. Each completes itself from an outbox event with its
 * evidence (ids and time), never by hand; a cohort names which of them its certificate needs.
 * Trainers' own assignments (cohort_assignments) are marked by the trainer instead.
 */
export const BUILTIN_ASSIGNMENTS = [
  /** `seller.status-changed` to verified, for a store the trainee owns. */
  'store_verified',
  /** `product.status-changed` to active from review: a rejection leaves it open. */
  'first_product_approved',
  /** `live-session.status-changed` to ended, for a session the trainee hosted with an item pinned. */
  'first_livestream_held',
  /** `order.paid` for an order whose seller is a store the trainee owns. */
  'first_order_paid',
  /** `order.shipped` for such an order. */
  'first_order_shipped',
] as const;
export type BuiltinAssignment = (typeof BUILTIN_ASSIGNMENTS)[number];

export function isBuiltinAssignment(key: string): key is BuiltinAssignment {
  return (BUILTIN_ASSIGNMENTS as readonly string[]).includes(key);
}

/** What a cohort's certificate may require: every built-in assignment. */
export const REQUIRABLE_ASSIGNMENTS = BUILTIN_ASSIGNMENTS;
