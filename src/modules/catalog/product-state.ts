import { transitionTable } from '../../common/transition-table';

export const PRODUCT_STATUSES = ['draft', 'pending_review', 'active', 'rejected', 'paused', 'archived'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/**
 * DESIGN.md §4: draft → pending_review → active | rejected; rejected → pending_review;
 * active ⇄ paused; active | paused → archived (terminal).
 */
const TRANSITIONS: Record<ProductStatus, readonly ProductStatus[]> = {
  draft: ['pending_review'],
  pending_review: ['active', 'rejected'],
  rejected: ['pending_review'],
  active: ['paused', 'archived'],
  paused: ['active', 'archived'],
  archived: [],
};

const table = transitionTable('product', 'INVALID_PRODUCT_TRANSITION', TRANSITIONS);
export const canTransition = table.can;
export const assertProductTransition = table.assert;

/** A change to an active product's text, attributes or images waits here for review. */
export type RevisionState = 'pending_review' | 'rejected';
