import type { CarrierCode } from './carriers';

/** One step of a parcel as a tracking provider reports it. */
export interface TrackingStep {
  /** The provider's state code or word (normalised by `normaliseTrackingState`). */
  state: string;
  description: string;
  location: string | null;
  occurredAt: Date;
}

/** Asks a courier aggregator where a parcel is (for shipments that get no pushed updates). */
export abstract class TrackingProvider {
  abstract readonly enabled: boolean;
  /**
   * The parcel's steps so far. `phoneTail` is the last 4 digits of the recipient's phone,
   * which SF Express requires before it shows a route.
   */
  abstract track(carrier: CarrierCode, trackingNumber: string, phoneTail: string): Promise<TrackingStep[]>;
  /**
   * Asks the provider to push the parcel's steps to us from now on. False: this provider is not
   * set up to push, so the parcel stays polled.
   */
  abstract subscribe(carrier: CarrierCode, trackingNumber: string, phoneTail: string): Promise<boolean>;
}

export class TrackingProviderError extends Error {}

export class DisabledTrackingProvider extends TrackingProvider {
  readonly enabled = false;

  track(): Promise<TrackingStep[]> {
    return Promise.reject(new TrackingProviderError('no tracking provider is configured'));
  }

  subscribe(): Promise<boolean> {
    return Promise.resolve(false);
  }
}
