import { DomainError } from '../../common/errors/domain-error';

export const PaymentsErrors = {
  notFound: () => new DomainError('not_found', 'PAYMENT_NOT_FOUND', 'Payment not found'),
  transferReferenceNotFound: () =>
    new DomainError('not_found', 'TRANSFER_REFERENCE_NOT_FOUND', 'No bank transfer payment has this reference'),
  wrongMethod: () => new DomainError('conflict', 'PAYMENT_METHOD_MISMATCH', 'This payment is not made that way'),
  methodUnavailable: () =>
    new DomainError(
      'unprocessable',
      'PAYMENT_METHOD_UNAVAILABLE',
      'Online card, Alipay and WeChat Pay payment is not configured here; choose cash on delivery or bank transfer',
    ),
  refundNotFound: () => new DomainError('not_found', 'REFUND_NOT_FOUND', 'Refund not found'),
  refundSentByProvider: () =>
    new DomainError(
      'conflict',
      'REFUND_SENT_BY_STRIPE',
      'This refund goes back through the payment provider, which reports it itself',
    ),
  transferAlreadyConfirmed: (bankReference: string | null) =>
    new DomainError(
      'conflict',
      'TRANSFER_ALREADY_CONFIRMED',
      'This payment is already confirmed by another bank statement line',
      { bankReference },
    ),
  refundAlreadySettled: (status: string) =>
    new DomainError('conflict', 'REFUND_ALREADY_SETTLED', `This refund is already ${status}`, { status }),
};
