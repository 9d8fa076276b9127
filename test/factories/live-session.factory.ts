import type { Auth } from '../utils/marketplace';
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
