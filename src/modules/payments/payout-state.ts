import { transitionTable } from '../../common/transition-table';

export const PAYOUT_STATUSES = ['pending', 'paid', 'failed'] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

/**
 * pending → paid | failed. A payout is pending from the moment its amount leaves the seller's
 * available balance until the money is sent: finance marks a bank payout paid with its
 * reference; a Stripe Connect transfer is paid once Stripe accepts it (a transfer moves
 * balance between Stripe accounts at once, it has no later settlement), or failed when Stripe
 * refuses it for good (no connected account, no capability, no balance): the amount then goes
 * back to the seller's available balance for the next run. Both ends are final.
 */
const TRANSITIONS: Record<PayoutStatus, readonly PayoutStatus[]> = {
  pending: ['paid', 'failed'],
  paid: [],
  failed: [],
};

const table = transitionTable('payout', 'INVALID_PAYOUT_TRANSITION', TRANSITIONS);
export const canTransition = table.can;
export const assertPayoutTransition = table.assert;
