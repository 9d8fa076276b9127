import { transitionTable } from '../../common/transition-table';

export const SELLER_STATUSES = ['pending_review', 'verified', 'rejected', 'suspended'] as const;
export type SellerStatus = (typeof SELLER_STATUSES)[number];

/** DESIGN.md §4: pending_review → verified | rejected; rejected → pending_review; verified ⇄ suspended. */
const TRANSITIONS: Record<SellerStatus, readonly SellerStatus[]> = {
  pending_review: ['verified', 'rejected'],
  rejected: ['pending_review'],
  verified: ['suspended'],
  suspended: ['verified'],
};

const table = transitionTable('store', 'INVALID_SELLER_TRANSITION', TRANSITIONS);
export const canTransition = table.can;
export const assertSellerTransition = table.assert;
