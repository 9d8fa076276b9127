import { DomainError } from '../../common/errors/domain-error';

export const OrdersErrors = {
  notFound: () => new DomainError('not_found', 'ORDER_NOT_FOUND', 'Order not found'),
  idempotencyKeyRequired: () =>
    new DomainError('validation', 'IDEMPOTENCY_KEY_REQUIRED', 'Send an Idempotency-Key header (1–100 characters)'),
  idempotencyKeyReused: () =>
    new DomainError(
      'conflict',
      'IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was used for a different checkout; use a new key for a new checkout',
    ),
  checkoutInProgress: () =>
    new DomainError('conflict', 'CHECKOUT_IN_PROGRESS', 'A checkout with this Idempotency-Key is still running; retry'),
  variantNotFound: (variantIds: string[]) =>
    new DomainError('not_found', 'VARIANT_NOT_FOUND', 'Some items do not exist', { variantIds }),
  unavailable: (variantIds: string[]) =>
    new DomainError('conflict', 'PRODUCT_UNAVAILABLE', 'Some items are not on sale', { variantIds }),
  quantityOutOfRange: (variantId: string, min: number, max: number | null) =>
    new DomainError('validation', 'QUANTITY_OUT_OF_RANGE', 'The quantity is below the minimum or above the maximum', {
      variantId,
      min,
      max,
    }),
  liveNeedsQuickPayment: () =>
    new DomainError(
      'conflict',
      'LIVE_PAYMENT_METHOD_UNAVAILABLE',
      'Items bought live are paid online or on delivery, not by bank transfer',
      { field: 'paymentMethod' },
    ),
  outOfStock: (variantId: string) =>
    new DomainError('conflict', 'OUT_OF_STOCK', 'Not enough stock for an item', { variantId }),
  shippingNotConfigured: (sellerId: string) =>
    new DomainError('conflict', 'SHIPPING_NOT_CONFIGURED', 'A store in the cart has not set its shipping fees', {
      sellerId,
    }),
  coldChainUnavailable: (sellerId: string) =>
    new DomainError('conflict', 'COLD_CHAIN_UNAVAILABLE', 'A store cannot ship chilled or frozen goods', { sellerId }),
  notCancellable: () =>
    new DomainError(
      'conflict',
      'ORDER_NOT_CANCELLABLE',
      'Only an order that is unpaid and not yet shipped can be cancelled here',
    ),
  bankTransferUnavailable: () =>
    new DomainError(
      'unprocessable',
      'PAYMENT_METHOD_UNAVAILABLE',
      'Bank transfer is not offered here (no receiving account is configured); choose another method',
    ),
  cashBeforeDelivery: () =>
    new DomainError(
      'conflict',
      'CASH_BEFORE_DELIVERY',
      'Cash on delivery is collected at or after delivery; this order has not been delivered',
    ),
  notShippedForReturn: () =>
    new DomainError('conflict', 'ORDER_NOT_SHIPPED', 'Only a shipped order can come back undelivered'),
  wrongPaymentMethod: () => new DomainError('conflict', 'PAYMENT_METHOD_MISMATCH', 'This order is not paid that way'),
  cartFull: (maxLines: number) =>
    new DomainError('conflict', 'CART_FULL', `A cart holds at most ${maxLines} different items`, { maxLines }),
  cartEmpty: () => new DomainError('validation', 'CART_EMPTY', 'The cart is empty'),
};
