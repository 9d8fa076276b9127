import { ShipmentStatus } from './shipment-state';

/**
 * Kuaidi100's parcel states (its documented `state` / `statusCode` values, the de-facto
 * vocabulary of Chinese courier tracking) → our shipment statuses. Its sub-states belong to
 * a main state: 1001–1003 to 0 (in transit), 101–103 to 1, 201–210 to 2, 301–304 to 3, 401
 * to 4, 501 to 5. Our own status names are accepted as they are.
 */
const KUAIDI100_STATES: Record<string, ShipmentStatus> = {
  '0': 'in_transit', // 在途
  '1': 'picked_up', // 揽收
  '2': 'exception', // 疑难
  '3': 'delivered', // 签收
  '4': 'exception', // 退签
  '5': 'out_for_delivery', // 派件
  '6': 'returned', // 退回
  '7': 'in_transit', // 转投
  '8': 'in_transit', // 清关
  '10': 'in_transit', // 待清关
  '11': 'in_transit', // 清关中
  '12': 'in_transit', // 已清关
  '13': 'exception', // 清关异常
  '14': 'exception', // 拒签
};

export function normaliseTrackingState(raw: string): ShipmentStatus | null {
  const own = ['picked_up', 'in_transit', 'out_for_delivery', 'delivered', 'exception', 'returned'];
  if (own.includes(raw)) return raw as ShipmentStatus;
  if (KUAIDI100_STATES[raw]) return KUAIDI100_STATES[raw];
  if (/^100\d$/.test(raw)) return 'in_transit';
  if (/^[1-5]\d\d$/.test(raw)) return KUAIDI100_STATES[raw[0]];
  return null;
}
