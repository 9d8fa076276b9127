import { Injectable } from '@nestjs/common';
import { Sema } from 'async-sema';
import { LRUCache } from 'lru-cache';
import { AppConfig } from '../../config/app-config';

/**
 * How many live checkouts of one session this api instance runs at once
 * (LIVE_CHECKOUT_CONCURRENCY); the rest wait here, in memory, for their turn. Under a burst
 * they all want the same offer row, which lets one at a time through anyway: waiting in the
 * database's pool instead would starve every other request of a connection and answer 503.
 */
@Injectable()
export class LiveCheckoutGate {
  private readonly gates = new LRUCache<string, Sema>({ max: 1_000 });

  constructor(private readonly config: AppConfig) {}

  async run<T>(sessionId: string, work: () => Promise<T>): Promise<T> {
    let gate = this.gates.get(sessionId);
    if (!gate) {
      gate = new Sema(this.config.livestreams.checkoutConcurrency);
      this.gates.set(sessionId, gate);
    }
    await gate.acquire();
    try {
      return await work();
    } finally {
      gate.release();
    }
  }
}
