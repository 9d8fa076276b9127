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
};
