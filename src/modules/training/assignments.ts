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
  /** A live session held with a pinned item (the livestream selling issue records it). */
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

/**
 * What a cohort's certificate may require: the built-in assignments something completes today.
 * `first_livestream_held` waits for the live sessions of the livestream selling issue, which
 * records it; until then a cohort requiring it could graduate nobody.
 */
export const REQUIRABLE_ASSIGNMENTS = [
  'store_verified',
  'first_product_approved',
  'first_order_paid',
  'first_order_shipped',
] as const satisfies readonly BuiltinAssignment[];
