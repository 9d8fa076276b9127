import { DomainError } from '../../common/errors/domain-error';

export const LogisticsErrors = {
  invalidTrackingNumber: (carrier: string) =>
    new DomainError('validation', 'INVALID_TRACKING_NUMBER', `This is not a ${carrier} tracking number`, {
      issues: [{ path: 'trackingNumber', message: `does not match the ${carrier} number format` }],
    }),
  coldChainRequired: () =>
    new DomainError('unprocessable', 'COLD_CHAIN_REQUIRED', 'Chilled or frozen goods must go by a cold-chain service'),
  noColdChain: (carrier: string) =>
    new DomainError('unprocessable', 'CARRIER_HAS_NO_COLD_CHAIN', `${carrier} offers no cold-chain service`),
  shipmentNotFound: () => new DomainError('not_found', 'SHIPMENT_NOT_FOUND', 'The order has not been shipped'),
  unknownProvider: () =>
    new DomainError('not_found', 'UNKNOWN_TRACKING_PROVIDER', 'No tracking provider of this name is configured'),
  badSignature: () =>
    new DomainError(
      'unauthenticated',
      'INVALID_TRACKING_SIGNATURE',
      'The signature of the tracking update is not valid',
    ),
  staleSignature: () =>
    new DomainError(
      'unauthenticated',
      'TRACKING_SIGNATURE_EXPIRED',
      'The timestamp of the tracking update is outside the accepted window',
    ),
};
