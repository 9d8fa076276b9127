import { createHash } from 'node:crypto';
import { CARRIERS, CarrierCode } from '../carriers';
import { TrackingProvider, TrackingProviderError, TrackingStep } from '../tracking-provider';

export interface Kuaidi100Config {
  customer: string;
  key: string;
  apiBase: string;
}

interface Kuaidi100Answer {
  message?: string;
  status?: string;
  state?: string;
  result?: boolean;
  returnCode?: string;
  data?: Array<{ time: string; context: string; location?: string; areaName?: string; statusCode?: string }>;
}

/**
 * Kuaidi100's real-time query API (`POST /poll/query.do`, form fields `customer`, `param` and
 * `sign` = upper-case MD5 of param + key + customer). Its times are Beijing time without a zone.
 */
export class Kuaidi100TrackingProvider extends TrackingProvider {
  readonly enabled = true;

  constructor(private readonly config: Kuaidi100Config) {
    super();
  }

  async track(carrier: CarrierCode, trackingNumber: string, phoneTail: string): Promise<TrackingStep[]> {
    const param = JSON.stringify({
      com: CARRIERS[carrier].kuaidi100,
      num: trackingNumber,
      phone: phoneTail,
      resultv2: '4',
      show: '0',
      order: 'asc',
    });
    const sign = createHash('md5')
      .update(param + this.config.key + this.config.customer)
      .digest('hex')
      .toUpperCase();
    const response = await fetch(`${this.config.apiBase}/poll/query.do`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ customer: this.config.customer, sign, param }).toString(),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new TrackingProviderError(`Kuaidi100 answered HTTP ${response.status}`);
    const answer = (await response.json()) as Kuaidi100Answer;
    if (answer.result === false || answer.status !== '200') {
      throw new TrackingProviderError(
        `Kuaidi100 refused the query: ${answer.returnCode ?? answer.status} ${answer.message ?? ''}`,
      );
    }
    const steps = answer.data ?? [];
    return steps.map((step, i) => ({
      // Older answers carry no per-step code: the newest step has the parcel's state, the rest were in transit.
      state: step.statusCode ?? (i === steps.length - 1 ? (answer.state ?? '0') : '0'),
      description: step.context,
      location: step.location || step.areaName || null,
      occurredAt: new Date(`${step.time.replace(' ', 'T')}+08:00`),
    }));
  }
}
