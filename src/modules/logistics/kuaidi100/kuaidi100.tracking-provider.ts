import { CARRIERS, CarrierCode } from '../carriers';
import { TrackingProvider, TrackingProviderError, TrackingStep } from '../tracking-provider';
import { Kuaidi100Step, kuaidi100Sign, stepsOfKuaidi100 } from './kuaidi100-format';

export interface Kuaidi100Config {
  customer: string;
  key: string;
  apiBase: string;
  /** Unset: parcels are not subscribed, so they are polled. */
  push: { callbackUrl: string; salt: string } | undefined;
}

interface Kuaidi100Answer {
  message?: string;
  status?: string;
  state?: string;
  result?: boolean;
  returnCode?: string;
  data?: Kuaidi100Step[];
}

/** Subscription answers that mean "Kuaidi100 is following the parcel": accepted, or already subscribed. */
const SUBSCRIBED = new Set(['200', '501']);

/**
 * Kuaidi100: the real-time query API (`POST /poll/query.do`, form fields `customer`, `param` and
 * `sign` = upper-case MD5 of param + key + customer) and the subscription API (`POST /poll`, form
 * fields `schema=json` and `param` with our `callbackurl` and `salt`, which then signs each push).
 * Its times are Beijing time without a zone.
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
    const sign = kuaidi100Sign(param, this.config.key, this.config.customer);
    const answer = await this.post('/poll/query.do', { customer: this.config.customer, sign, param });
    if (answer.result === false || answer.status !== '200') {
      throw new TrackingProviderError(
        `Kuaidi100 refused the query: ${answer.returnCode ?? answer.status} ${answer.message ?? ''}`,
      );
    }
    return stepsOfKuaidi100(answer.data ?? [], answer.state);
  }

  async subscribe(carrier: CarrierCode, trackingNumber: string, phoneTail: string): Promise<boolean> {
    const push = this.config.push;
    if (!push) return false;
    const param = JSON.stringify({
      company: CARRIERS[carrier].kuaidi100,
      number: trackingNumber,
      key: this.config.key,
      parameters: { callbackurl: push.callbackUrl, salt: push.salt, resultv2: '4', phone: phoneTail },
    });
    const answer = await this.post('/poll', { schema: 'json', param });
    if (answer.result === false && !SUBSCRIBED.has(answer.returnCode ?? '')) {
      throw new TrackingProviderError(
        `Kuaidi100 refused the subscription: ${answer.returnCode} ${answer.message ?? ''}`,
      );
    }
    return true;
  }

  private async post(path: string, form: Record<string, string>): Promise<Kuaidi100Answer> {
    const response = await fetch(`${this.config.apiBase}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new TrackingProviderError(`Kuaidi100 answered HTTP ${response.status}`);
    return (await response.json()) as Kuaidi100Answer;
  }
}
