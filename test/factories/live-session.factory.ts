import { randomUUID } from 'node:crypto';
import { type Auth, BUYER_ADDRESS } from '../utils/marketplace';
import type { TestApi } from '../utils/test-api';

const MINUTE = 60_000;

/** The body of POST /live-sessions: a Douyin stream of `sellerId` from now for two hours. */
export function liveSessionBody(sellerId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Date.now();
  return {
    sellerId,
    title: '田阳芒果产地直播',
    platform: 'douyin',
    streamUrl: 'https://live.douyin.com/123456789',
    scheduledStartAt: new Date(now - MINUTE).toISOString(),
    scheduledEndAt: new Date(now + 120 * MINUTE).toISOString(),
    ...overrides,
  };
}

/**
 * A session of the store, scheduled by `host`, with `variantId` pinned at `livePriceFen`
 * (`allocation` units, `perBuyerLimit` each), and gone live. Returns the session and item ids.
 */
export async function liveSessionSelling(
  api: TestApi,
  host: Auth,
  sellerId: string,
  item: { variantId: string; livePriceFen: number; allocation: number; perBuyerLimit: number },
): Promise<{ sessionId: string; itemId: string }> {
  const session = await api.http().post('/api/v1/live-sessions').set(host).send(liveSessionBody(sellerId)).expect(201);
  const sessionId = session.body.id as string;
  const pinned = await api.http().post(`/api/v1/live-sessions/${sessionId}/items`).set(host).send(item).expect(201);
  await api.http().post(`/api/v1/live-sessions/${sessionId}/start`).set(host).expect(201);
  return { sessionId, itemId: pinned.body.id as string };
}

/** Pins `item` in the session as `host` (201); the item as the api answers it. */
export async function pinLiveItem(
  api: TestApi,
  host: Auth,
  sessionId: string,
  item: Record<string, unknown>,
): Promise<{ id: string; remaining: number; allocated: number; pinned: boolean }> {
  const res = await api.http().post(`/api/v1/live-sessions/${sessionId}/items`).set(host).send(item).expect(201);
  return res.body;
}

/**
 * `buyer` checks out `items` to BUYER_ADDRESS in the live session `liveSessionId` (none: a
 * regular checkout), paying by `paymentMethod` (cash on delivery unless told). The request,
 * for the caller to expect what it should answer.
 */
export function liveCheckout(
  api: TestApi,
  buyer: Auth,
  liveSessionId: string | undefined,
  items: Array<{ variantId: string; quantity: number }>,
  paymentMethod: 'stripe' | 'bank_transfer' | 'cash_on_delivery' = 'cash_on_delivery',
) {
  return api
    .http()
    .post('/api/v1/checkout')
    .set(buyer)
    .set('idempotency-key', randomUUID())
    .send({ items, shippingAddress: BUYER_ADDRESS, paymentMethod, ...(liveSessionId ? { liveSessionId } : {}) });
}

/** Runs `tasks` with at most `limit` of them in flight at once; their results in order. */
export async function inFlight<T>(limit: number, tasks: Array<() => Promise<T>>): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, lane));
  return results;
}
