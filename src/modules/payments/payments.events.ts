declare module '../../queue/event-map' {
  interface EventMap {
    'payment.succeeded': { paymentId: string; purpose: string; referenceId: string };
    'payment.cancelled': { paymentId: string; purpose: string; referenceId: string };
  }
}
export {};
