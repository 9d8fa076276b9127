import type { Locale } from '../../users/entities/user.entity';
import type { NotificationKind } from '../notification-kinds';
import { cancelReasonWords, carrierWords, formatBeijingTime, formatYuan, shipmentStatusWords } from './formatting';

export interface RenderedNotification {
  title: string;
  body: string;
}

type Params = Record<string, string | number>;
type Template = (p: (name: string) => string, raw: Params) => RenderedNotification;

/** A missing parameter renders as empty text rather than `undefined`. */
const reader = (params: Params) => (name: string) => (params[name] === undefined ? '' : String(params[name]));

/** The in-app title and body of every kind, per language. E-mail wraps the same text (see email-layout). */
const TEMPLATES: Record<NotificationKind, Record<Locale, Template>> = {
  'order.paid': {
    'zh-CN': (p, raw) => ({
      title: '订单已付款',
      body: `订单 ${p('orderNumber')} 已收到付款 ${formatYuan(raw.amountFen)}，商家会尽快为您发货。`,
    }),
    en: (p, raw) => ({
      title: 'Payment received',
      body: `We received ${formatYuan(raw.amountFen)} for order ${p('orderNumber')}. The farm will ship it soon.`,
    }),
  },
  'order.new': {
    'zh-CN': (p, raw) => ({
      title: '新订单',
      body:
        p('paymentMethod') === 'cash_on_delivery'
          ? `新订单 ${p('orderNumber')}（货到付款 ${formatYuan(raw.amountFen)}），请尽快发货，送达时收款。`
          : `新订单 ${p('orderNumber')}（${formatYuan(raw.amountFen)}），买家付款后即可发货。`,
    }),
    en: (p, raw) => ({
      title: 'New order',
      body:
        p('paymentMethod') === 'cash_on_delivery'
          ? `New order ${p('orderNumber')} (cash on delivery, ${formatYuan(raw.amountFen)}). Please ship it soon; the cash is collected at the door.`
          : `New order ${p('orderNumber')} (${formatYuan(raw.amountFen)}). Ship it once the buyer has paid.`,
    }),
  },
  'order.returned': {
    'zh-CN': (p) => ({
      title: '包裹被拒收退回',
      body: `订单 ${p('orderNumber')} 的包裹被买家拒收并退回，订单已关闭，库存已恢复。`,
    }),
    en: (p) => ({
      title: 'Parcel refused and returned',
      body: `The parcel of order ${p('orderNumber')} was refused at the door and came back. The order is closed and its units are on sale again.`,
    }),
  },
  'order.to-ship': {
    'zh-CN': (p) => ({
      title: '新订单待发货',
      body: p('shipBy')
        ? `订单 ${p('orderNumber')} 已付款，请在 ${formatBeijingTime(p('shipBy'), 'zh-CN')} 前发货。`
        : `订单 ${p('orderNumber')} 已付款，请尽快发货。`,
    }),
    en: (p) => ({
      title: 'New order to ship',
      body: p('shipBy')
        ? `Order ${p('orderNumber')} is paid. Please ship it by ${formatBeijingTime(p('shipBy'), 'en')}.`
        : `Order ${p('orderNumber')} is paid. Please ship it soon.`,
    }),
  },
  'order.cancelled': {
    'zh-CN': (p) => ({
      title: '订单已取消',
      body: `订单 ${p('orderNumber')} 已取消，原因：${cancelReasonWords(p('reason'), 'zh-CN')}。如已付款，款项将原路退回。`,
    }),
    en: (p) => ({
      title: 'Order cancelled',
      body: `Order ${p('orderNumber')} was cancelled: ${cancelReasonWords(p('reason'), 'en')}. Any money you paid goes back the way it came.`,
    }),
  },
  'order.refunded': {
    'zh-CN': (p, raw) => ({
      title: '退款已完成',
      body: `订单 ${p('orderNumber')} 已退款 ${formatYuan(raw.amountFen)}，将原路退回您的付款账户。`,
    }),
    en: (p, raw) => ({
      title: 'Refund sent',
      body: `${formatYuan(raw.amountFen)} for order ${p('orderNumber')} was refunded to the account you paid with.`,
    }),
  },
  'order.ship-reminder': {
    'zh-CN': (p) => ({
      title: '生鲜订单请尽快发货',
      body: `订单 ${p('orderNumber')} 需在 ${formatBeijingTime(p('shipBy'), 'zh-CN')} 前发货，逾期将自动取消并退款给买家。`,
    }),
    en: (p) => ({
      title: 'Reminder: perishable order to ship',
      body: `Order ${p('orderNumber')} must ship by ${formatBeijingTime(p('shipBy'), 'en')}, or it is cancelled and the buyer refunded.`,
    }),
  },
  'order.shipping-deadline-missed': {
    'zh-CN': (p) => ({
      title: '订单因超时未发货已取消',
      body: `订单 ${p('orderNumber')} 未在发货期限内发货，已自动取消，买家已付的款项全额退回（货到付款订单无需退款）。`,
    }),
    en: (p) => ({
      title: 'Order cancelled: not shipped in time',
      body: `Order ${p('orderNumber')} was not shipped before its deadline. It was cancelled; whatever the buyer paid goes back in full (cash on delivery: nothing was paid).`,
    }),
  },
  'order.cash-uncollected': {
    'zh-CN': (p, raw) => ({
      title: '货到付款尚未登记收款',
      body: `订单 ${p('orderNumber')} 已于 ${formatBeijingTime(p('deliveredAt'), 'zh-CN')} 签收，货款 ${formatYuan(raw.amountFen)} 仍未登记。收到现金或快递公司代收款后，请在订单中登记收款。`,
    }),
    en: (p, raw) => ({
      title: 'Cash on delivery not yet recorded',
      body: `Order ${p('orderNumber')} was delivered ${formatBeijingTime(p('deliveredAt'), 'en')} and its ${formatYuan(raw.amountFen)} cash is still not recorded. Once you or the courier have the cash, record it on the order.`,
    }),
  },
  'shipment.shipped': {
    'zh-CN': (p) => ({
      title: '订单已发货',
      body: `订单 ${p('orderNumber')} 已由${p('carrier')}发出，运单号 ${p('trackingNumber')}。`,
    }),
    en: (p, raw) => ({
      title: 'Your order is on its way',
      body: `Order ${p('orderNumber')} has shipped with ${carrierWords(raw, 'en')}, tracking number ${p('trackingNumber')}.`,
    }),
  },
  'shipment.progress': {
    'zh-CN': (p) => ({
      title: `物流更新：${shipmentStatusWords(p('status'), 'zh-CN')}`,
      body: `订单 ${p('orderNumber')}（${p('carrier')} ${p('trackingNumber')}）最新状态：${shipmentStatusWords(p('status'), 'zh-CN')}。`,
    }),
    en: (p, raw) => ({
      title: `Shipping update: ${shipmentStatusWords(p('status'), 'en')}`,
      body: `Order ${p('orderNumber')} (${carrierWords(raw, 'en')} ${p('trackingNumber')}) is ${shipmentStatusWords(p('status'), 'en')}.`,
    }),
  },
  'shipment.delivered': {
    'zh-CN': (p) => ({
      title: '订单已签收',
      body: `订单 ${p('orderNumber')}（${p('carrier')} ${p('trackingNumber')}）已签收。如有问题，请在订单页联系商家。`,
    }),
    en: (p, raw) => ({
      title: 'Delivered',
      body: `Order ${p('orderNumber')} (${carrierWords(raw, 'en')} ${p('trackingNumber')}) was delivered. Any problem? Contact the farm from the order page.`,
    }),
  },
  'cohort.enrolled': {
    'zh-CN': (p) => ({
      title: '报名成功',
      body: `您已报名「${p('cohortTitle')}」，名额已确认。课程 ${formatBeijingTime(p('startsAt'), 'zh-CN')} 开始。`,
    }),
    en: (p) => ({
      title: 'You are enrolled',
      body: `Your seat in "${p('cohortTitle')}" is confirmed. It starts ${formatBeijingTime(p('startsAt'), 'en')}.`,
    }),
  },
  'cohort.waitlisted': {
    'zh-CN': (p) => ({
      title: '已进入候补名单',
      body: `「${p('cohortTitle')}」名额已满，您在候补名单第 ${p('position')} 位。有人退出时会按顺序递补并通知您。`,
    }),
    en: (p) => ({
      title: 'You are on the waitlist',
      body: `"${p('cohortTitle')}" is full. You are number ${p('position')} on the waitlist; when someone withdraws, the next in line gets the seat and is told.`,
    }),
  },
  'cohort.promoted': {
    'zh-CN': (p) => ({
      title: '候补成功',
      body: `有学员退出，「${p('cohortTitle')}」的名额已转给您。课程 ${formatBeijingTime(p('startsAt'), 'zh-CN')} 开始。`,
    }),
    en: (p) => ({
      title: 'A seat is yours',
      body: `Someone withdrew: your seat in "${p('cohortTitle')}" is confirmed. It starts ${formatBeijingTime(p('startsAt'), 'en')}.`,
    }),
  },
  'cohort.cancelled': {
    'zh-CN': (p) => ({
      title: '课程已取消',
      body: `「${p('cohortTitle')}」已取消，原因：${p('reason')}。`,
    }),
    en: (p) => ({
      title: 'Cohort cancelled',
      body: `"${p('cohortTitle')}" was cancelled: ${p('reason')}.`,
    }),
  },
  'cohort.session-reminder': {
    'zh-CN': (p) => ({
      title: '上课提醒',
      body: `「${p('cohortTitle')}」${p('topic')} 将于 ${formatBeijingTime(p('startsAt'), 'zh-CN')} 开始，地点：${p('where')}。`,
    }),
    en: (p) => ({
      title: 'Class reminder',
      body: `"${p('cohortTitle')}": ${p('topic')} starts ${formatBeijingTime(p('startsAt'), 'en')} at ${p('where')}.`,
    }),
  },
  'certificate.issued': {
    'zh-CN': (p) => ({
      title: '结业证书已发放',
      body: `恭喜您完成「${p('cohortTitle')}」！证书验证码：${p('code')}，可在“我的培训”中查看和打印。`,
    }),
    en: (p) => ({
      title: 'Your certificate is issued',
      body: `Congratulations on completing "${p('cohortTitle')}"! Verification code: ${p('code')}. See and print it under My training.`,
    }),
  },
  'cohort.seat-held': {
    'zh-CN': (p, raw) => ({
      title: '名额已为您保留',
      body: `「${p('cohortTitle')}」的名额为您保留至 ${formatBeijingTime(p('heldUntil'), 'zh-CN')}，请在此之前支付报名费 ${formatYuan(raw.amountFen)}（在“我的培训”中支付），逾期名额将释放。`,
    }),
    en: (p, raw) => ({
      title: 'A seat is held for you',
      body: `A seat in "${p('cohortTitle')}" is held for you until ${formatBeijingTime(p('heldUntil'), 'en')}. Pay the ${formatYuan(raw.amountFen)} seat fee under My training before then, or the seat goes to the next person.`,
    }),
  },
  'cohort.seat-expired': {
    'zh-CN': (p) => ({
      title: '保留名额已释放',
      body: `「${p('cohortTitle')}」的报名费未在保留期内支付，名额已释放。如仍想参加，可重新报名。`,
    }),
    en: (p) => ({
      title: 'Your held seat was released',
      body: `The seat fee for "${p('cohortTitle')}" was not paid in time, so the seat went back. You may enrol again.`,
    }),
  },
  'cohort.seat-refunded': {
    'zh-CN': (p, raw) => ({
      title: '报名费已退还',
      body: `「${p('cohortTitle')}」的报名费 ${formatYuan(raw.amountFen)} 已原路退还。`,
    }),
    en: (p, raw) => ({
      title: 'Seat fee refunded',
      body: `The ${formatYuan(raw.amountFen)} seat fee for "${p('cohortTitle')}" went back the way you paid it.`,
    }),
  },
};

/** The title and body of a kind in the recipient's language. */
export function renderNotification(kind: NotificationKind, locale: Locale, params: Params): RenderedNotification {
  const byLocale = TEMPLATES[kind];
  return (byLocale[locale] ?? byLocale['zh-CN'])(reader(params), params);
}
