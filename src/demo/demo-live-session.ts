import { createLiveSessionSchema, pinItemSchema } from '../modules/livestreams/livestreams.module';

const HOUR = 3600_000;

/**
 * The mango co-op's livestream, tonight at 20:00 Beijing time (or tomorrow's, once that has
 * passed) for two hours, with its first box pinned at a live price: the host only has to go live.
 */
export function demoLiveSession(now: Date, sellerId: string, variant: { id: string; priceFen: number }) {
  let start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 12, 0);
  if (start + 2 * HOUR <= now.getTime()) start += 24 * HOUR;
  const session = createLiveSessionSchema.parse({
    sellerId,
    title: '田阳芒果产地直播：树上熟桂七现摘现发',
    platform: 'douyin',
    streamUrl: 'https://live.douyin.com/furrow-demo',
    scheduledStartAt: new Date(start).toISOString(),
    scheduledEndAt: new Date(start + 2 * HOUR).toISOString(),
  });
  const item = pinItemSchema.parse({
    variantId: variant.id,
    // A tenth off, rounded down to a whole yuan.
    livePriceFen: Math.floor((variant.priceFen * 0.9) / 100) * 100,
    allocation: 20,
    perBuyerLimit: 2,
  });
  return { session, item };
}
