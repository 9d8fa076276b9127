import { formatYuan as formatMoney } from '../../../common/money';
import type { Locale } from '../../users/entities/user.entity';

/**
 * How values in notifications read in each language. Codes the text does not know are shown
 * as they are: a new cancellation reason must never stop a notification from going out.
 */

/** Integer fen as yuan, `¥1,234.50`, without floating point. */
export function formatYuan(fen: string | number | undefined): string {
  const value = typeof fen === 'number' ? fen : Number(fen);
  return Number.isSafeInteger(value) ? formatMoney(value) : String(fen ?? '');
}

const DATE_TIME: Record<Locale, Intl.DateTimeFormat> = {
  'zh-CN': new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Shanghai',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }),
};

/** An ISO time in Beijing time (DESIGN.md §3), e.g. `11月30日 14:00` / `30 Nov, 14:00 (Beijing time)`. */
export function formatBeijingTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const text = DATE_TIME[locale].format(date);
  return locale === 'en' ? `${text} (Beijing time)` : text;
}

const SHIPMENT_STATUS_WORDS: Record<string, Record<Locale, string>> = {
  awaiting_pickup: { 'zh-CN': '等待揽收', en: 'waiting for pickup' },
  picked_up: { 'zh-CN': '快递员已揽收', en: 'picked up by the courier' },
  in_transit: { 'zh-CN': '运输中', en: 'in transit' },
  out_for_delivery: { 'zh-CN': '派送中', en: 'out for delivery' },
  delivered: { 'zh-CN': '已签收', en: 'delivered' },
  exception: { 'zh-CN': '物流异常（快递公司正在处理）', en: 'held up (the courier is looking into it)' },
  returned: { 'zh-CN': '已退回寄件人', en: 'returned to the sender' },
};

const CANCEL_REASON_WORDS: Record<string, Record<Locale, string>> = {
  BUYER_CANCELLED: { 'zh-CN': '您取消了订单', en: 'you cancelled it' },
  PAYMENT_TIMEOUT: { 'zh-CN': '未在规定时间内付款', en: 'it was not paid in time' },
  SHIPPING_DEADLINE_MISSED: { 'zh-CN': '商家未在承诺时间内发货', en: 'the farm did not ship it in time' },
  PAID_AFTER_EXPIRY_OUT_OF_STOCK: {
    'zh-CN': '付款晚于期限，商品已售罄',
    en: 'the payment came after the deadline and the goods had sold out',
  },
  REFUNDED: { 'zh-CN': '订单已全额退款', en: 'it was refunded in full' },
};

export const shipmentStatusWords = (code: string, locale: Locale): string =>
  SHIPMENT_STATUS_WORDS[code]?.[locale] ?? code;

export const cancelReasonWords = (code: string, locale: Locale): string => CANCEL_REASON_WORDS[code]?.[locale] ?? code;

/**
 * The carrier's name in the reader's language, from what the sender passed (`carrier` in Chinese,
 * `carrierEn` in English). Requests recorded before `carrierEn` existed show the Chinese name.
 */
export const carrierWords = (params: Record<string, string | number>, locale: Locale): string =>
  String((locale === 'en' && params.carrierEn) || params.carrier || '');
