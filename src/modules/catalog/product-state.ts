import { DomainError } from '../../common/errors/domain-error';

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

export function canTransition(from: ProductStatus, to: ProductStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertProductTransition(from: ProductStatus, to: ProductStatus): void {
  if (!canTransition(from, to)) {
    throw new DomainError('conflict', 'INVALID_PRODUCT_TRANSITION', `A ${from} product cannot become ${to}`, {
      from,
      to,
    });
  }
}

/** A change to an active product's text, attributes or images waits here for review. */
export type RevisionState = 'pending_review' | 'rejected';
