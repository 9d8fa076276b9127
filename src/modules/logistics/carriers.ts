/**
 * The couriers a store can ship with, the shape of their tracking numbers (checked before a
 * shipment is accepted, so a typo is caught at the farm, not by the buyer), their code at the
 * Kuaidi100 tracking aggregator, and whether they run a cold-chain service for chilled and
 * frozen goods.
 */
export const CARRIERS = {
  sf: { name: '顺丰速运', nameEn: 'SF Express', number: /^SF\d{12,13}$/, kuaidi100: 'shunfeng', coldChain: true },
  jd: { name: '京东物流', nameEn: 'JD Logistics', number: /^JD[A-Z0-9]{11,14}$/, kuaidi100: 'jd', coldChain: true },
  ems: {
    name: '邮政EMS',
    nameEn: 'EMS / China Post',
    number: /^(1\d{12}|9\d{12}|[A-Z]{2}\d{9}CN)$/,
    kuaidi100: 'ems',
    coldChain: true,
  },
  zto: {
    name: '中通快递',
    nameEn: 'ZTO Express',
    number: /^[3567]\d{11}(\d{2})?$/,
    kuaidi100: 'zhongtong',
    coldChain: true,
  },
  yto: { name: '圆通速递', nameEn: 'YTO Express', number: /^YT\d{13}$/, kuaidi100: 'yuantong', coldChain: false },
  sto: { name: '申通快递', nameEn: 'STO Express', number: /^77\d{11}$/, kuaidi100: 'shentong', coldChain: false },
  yunda: {
    name: '韵达快递',
    nameEn: 'Yunda Express',
    number: /^(31|43|46|33|10|12|19)\d{11}$/,
    kuaidi100: 'yunda',
    coldChain: false,
  },
  jt: { name: '极兔速递', nameEn: 'J&T Express', number: /^JT\d{13}$/, kuaidi100: 'jtexpress', coldChain: false },
  deppon: {
    name: '德邦快递',
    nameEn: 'Deppon',
    number: /^(DPK\d{12}|\d{10})$/,
    kuaidi100: 'debangkuaidi',
    coldChain: false,
  },
} as const;

export type CarrierCode = keyof typeof CARRIERS;
export const CARRIER_CODES = Object.keys(CARRIERS) as CarrierCode[];

export const SHIPPING_SERVICES = ['standard', 'cold_chain'] as const;
export type ShippingService = (typeof SHIPPING_SERVICES)[number];

/** Upper-cases and drops spaces and dashes people type into tracking numbers. */
export const normaliseTrackingNumber = (raw: string): string => raw.replace(/[\s-]/g, '').toUpperCase();
