import { DomainError } from '../../common/errors/domain-error';

export const SELLER_STATUSES = ['pending_review', 'verified', 'rejected', 'suspended'] as const;
export type SellerStatus = (typeof SELLER_STATUSES)[number];

/** DESIGN.md §4: pending_review → verified | rejected; rejected → pending_review; verified ⇄ suspended. */
const TRANSITIONS: Record<SellerStatus, readonly SellerStatus[]> = {
  pending_review: ['verified', 'rejected'],
  rejected: ['pending_review'],
  verified: ['suspended'],
  suspended: ['verified'],
};

export function canTransition(from: SellerStatus, to: SellerStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertSellerTransition(from: SellerStatus, to: SellerStatus): void {
  if (!canTransition(from, to)) {
    throw new DomainError('conflict', 'INVALID_SELLER_TRANSITION', `A ${from} store cannot become ${to}`, {
      from,
      to,
    });
  }
}
