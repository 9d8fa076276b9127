import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { TFunction } from 'i18next';
import { DomainError } from '../../common/errors/domain-error';
import { CARRIER_CODES, CARRIERS, type CarrierCode, shipSchema } from '../../modules/logistics/logistics.module';
import { ShipmentsService } from '../../modules/logistics/shipments.service';
import { orderNumberOf, READY_TO_SHIP, type OrderStatus } from '../../modules/orders/orders.module';
import { OrdersService } from '../../modules/orders/orders.service';
import { RegionsService } from '../../modules/regions/regions.service';
import { SellersService } from '../../modules/sellers/sellers.service';
import { formErrorsOf, readForm, type FormErrors } from '../forms/form';
import { translatorFor, type WebLocale } from '../i18n/locales';
import { WebPages } from '../render/web-pages.service';
import { SignedIn } from '../session/web-auth.decorators';
import type { WebRequest } from '../session/web-request';
import { WebController } from '../web-controller.decorator';
import { addressShown, storePath } from './store-pages';
import { actorOf, idParam } from '../session/page-actor';

/** The filters of the orders page: what is waiting to go out (the default), what has gone, everything. */
const SHOWS = {
  'to-ship': { statuses: READY_TO_SHIP },
  shipped: { statuses: ['shipped'] as OrderStatus[] },
  all: { statuses: undefined },
} as const;
type Show = keyof typeof SHOWS;
const showOf = (value: unknown): Show => (typeof value === 'string' && value in SHOWS ? (value as Show) : 'to-ship');

/** Once an order has left the farm it has a parcel to follow. */
const SHIPPED_STATUSES: readonly OrderStatus[] = ['shipped', 'delivered', 'completed', 'returned'];
const PAGE_SIZE = 20;

/** Where a service's refusal of a shipment belongs on the form. */
const SHIP_ERROR_FIELDS = {
  INVALID_TRACKING_NUMBER: 'trackingNumber',
  COLD_CHAIN_REQUIRED: 'service',
  CARRIER_HAS_NO_COLD_CHAIN: 'service',
};

const carriersFor = (locale: WebLocale) =>
  CARRIER_CODES.map((code) => ({
    code,
    name: locale === 'en' ? CARRIERS[code].nameEn : CARRIERS[code].name,
    coldChain: CARRIERS[code].coldChain,
  }));

/**
 * A store's orders for its owner and staff: the list to pack and send, one order with the
 * buyer's address, the ship form and the parcel's timeline, and cash on delivery collected.
 * Access is the services' own (SellerAccess): anyone else gets the "not found" page.
 */
@WebController('seller/stores/:storeId/orders')
@SignedIn()
export class StoreOrdersController {
  constructor(
    private readonly pages: WebPages,
    private readonly orders: OrdersService,
    private readonly shipments: ShipmentsService,
    private readonly sellers: SellersService,
    private readonly regions: RegionsService,
  ) {}

  @Get()
  async list(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('storeId') storeParam: string,
    @Query('show') showParam?: string,
    @Query('cursor') cursor?: string,
  ) {
    const storeId = idParam(storeParam);
    const actor = actorOf(request);
    const show = showOf(showParam);
    const store = await this.sellers.getManaged(actor, storeId);
    const page = await this.orders.listForStore(actor, storeId, {
      statuses: SHOWS[show].statuses,
      cursor: typeof cursor === 'string' && cursor ? cursor : undefined,
      limit: PAGE_SIZE,
    });
    const places = new Map<string, string>();
    const items = [];
    for (const order of page.items) {
      items.push({
        id: order.id,
        number: orderNumberOf(order),
        status: order.status,
        statusKey: `sales:status.${order.status}`,
        createdAt: order.createdAt,
        totalFen: order.totalFen,
        shipBy: READY_TO_SHIP.includes(order.status) ? order.shipBy : null,
        coldChain: order.coldChain,
        paid: order.paidAt !== null,
        address: addressShown(order.shippingAddress, await this.placeOf(order.shippingAddress.countyCode, places)),
      });
    }
    return this.pages.render(
      request,
      reply,
      'seller-orders/orders',
      {
        store: { id: store.id, name: store.displayName, path: storePath(store.id) },
        show,
        shows: Object.keys(SHOWS).map((key) => ({ key, labelKey: `sales:orders.show.${key}`, current: key === show })),
        emptyKey: `sales:orders.empty.${show}`,
        orders: items,
        more: page.nextCursor ? `?${new URLSearchParams({ show, cursor: page.nextCursor }).toString()}` : null,
      },
      { title: 'sales:orders.title' },
    );
  }

  @Get(':orderId')
  async detail(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('storeId') storeParam: string,
    @Param('orderId') orderParam: string,
    @Query('done') done?: string,
  ) {
    const storeId = idParam(storeParam);
    const orderId = idParam(orderParam);
    const notice = done === 'shipped' || done === 'cash' ? `sales:order.done.${done}` : null;
    return this.renderDetail(request, reply, storeId, orderId, { notice });
  }

  /** The parcel is with the courier: the same service, and so the same checks, as the API's ship route. */
  @Post(':orderId/ship')
  async ship(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('storeId') storeParam: string,
    @Param('orderId') orderParam: string,
    @Body() body: unknown,
  ) {
    const storeId = idParam(storeParam);
    const orderId = idParam(orderParam);
    const t = translatorFor(request.web.locale, 'sales');
    const form = readForm(shipSchema, body, t);
    if (!form.ok) {
      return this.renderDetail(request, reply, storeId, orderId, { errors: form.errors, form: form.values }, 400);
    }
    try {
      await this.shipments.ship(actorOf(request), storeId, orderId, form.data);
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'not_found') throw error;
      const errors = this.shipErrors(error, t, form.data.carrier);
      const status = error.kind === 'validation' ? 400 : error.kind === 'unprocessable' ? 422 : 409;
      return this.renderDetail(request, reply, storeId, orderId, { errors, form: form.data }, status);
    }
    return this.pages.redirect(reply, `${storePath(storeId)}/orders/${orderId}?done=shipped`);
  }

  /** Cash on delivery: the store has the cash (OrdersService.collectCash, as the API's route). */
  @Post(':orderId/cash-collected')
  async cashCollected(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('storeId') storeParam: string,
    @Param('orderId') orderParam: string,
  ) {
    const storeId = idParam(storeParam);
    const orderId = idParam(orderParam);
    try {
      await this.orders.collectCash(actorOf(request), storeId, orderId);
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'not_found') throw error;
      const errors = formErrorsOf(error, translatorFor(request.web.locale, 'sales'), { CASH_BEFORE_DELIVERY: 'cash' });
      return this.renderDetail(request, reply, storeId, orderId, { errors }, 409);
    }
    return this.pages.redirect(reply, `${storePath(storeId)}/orders/${orderId}?done=cash`);
  }

  private shipErrors(error: DomainError, t: TFunction, carrier: CarrierCode): FormErrors {
    if (error.code === 'INVALID_TRACKING_NUMBER') {
      return {
        trackingNumber: [
          t('sales:ship.numberInvalid', {
            carrier: t(`sales:carriers.${carrier}`),
            format: t(`sales:ship.formats.${carrier}`),
          }),
        ],
      };
    }
    return formErrorsOf(error, t, SHIP_ERROR_FIELDS);
  }

  private async renderDetail(
    request: WebRequest,
    reply: FastifyReply,
    storeId: string,
    orderId: string,
    extra: { errors?: FormErrors; form?: object; notice?: string | null },
    status = 200,
  ) {
    const actor = actorOf(request);
    const { order, lines, payments, history } = await this.orders.detailForStore(actor, storeId, orderId);
    const store = await this.sellers.getManaged(actor, storeId);
    const payment = payments[0] ?? null;
    const shipped = SHIPPED_STATUSES.includes(order.status);
    const shipment = shipped ? await this.shipments.forStore(actor, storeId, orderId).catch(() => null) : null;
    const cashOnDelivery = payment?.method === 'cash_on_delivery';
    const place = await this.placeOf(order.shippingAddress.countyCode, new Map());
    return this.pages.render(
      request,
      reply,
      'seller-orders/order',
      {
        store: { id: store.id, name: store.displayName, path: storePath(store.id) },
        order: {
          id: order.id,
          number: orderNumberOf(order),
          status: order.status,
          statusKey: `sales:status.${order.status}`,
          createdAt: order.createdAt,
          goodsFen: order.goodsFen,
          shippingFen: order.shippingFen,
          commissionFen: order.commissionFen,
          totalFen: order.totalFen,
          receivesFen: order.goodsFen + order.shippingFen - order.commissionFen,
          coldChain: order.coldChain,
          shipBy: order.shipBy,
          paidAt: order.paidAt,
          receiptConfirmedAt: order.receiptConfirmedAt,
          shippedAt: order.shippedAt,
          deliveredAt: order.deliveredAt,
          cancelReason: order.cancelReason,
          address: addressShown(order.shippingAddress, place),
          path: `${storePath(store.id)}/orders/${order.id}`,
        },
        lines,
        payment: payment && {
          methodKey: `sales:payment.${payment.method}`,
          statusKey: `sales:paymentStatus.${payment.status}`,
          amountFen: payment.amountFen,
        },
        history: history.map((h) => ({ statusKey: `sales:status.${h.toStatus}`, at: h.createdAt })),
        canShip: READY_TO_SHIP.includes(order.status),
        carriers: carriersFor(request.web.locale),
        form: extra.form ?? { service: order.coldChain ? 'cold_chain' : 'standard' },
        shipment: shipment && {
          carrierKey: `sales:carriers.${shipment.shipment.carrier}`,
          trackingNumber: shipment.shipment.trackingNumber,
          serviceKey: `sales:ship.service.${shipment.shipment.service}`,
          statusKey: `sales:shipmentStatus.${shipment.shipment.status}`,
          // Newest first: what the farmer wants to know is where the parcel is now.
          timeline: [...shipment.timeline].reverse().map((e) => ({
            description: e.description,
            location: e.location,
            at: e.occurredAt,
          })),
        },
        cashOnDelivery,
        canCollectCash: cashOnDelivery && order.deliveredAt !== null && order.paidAt === null,
        awaitingDelivery: cashOnDelivery && order.deliveredAt === null && order.paidAt === null && shipped,
        notice: extra.notice ?? null,
      },
      { title: 'sales:order.title', errors: extra.errors, status },
    );
  }

  /** "广东省 广州市 天河区" from a county code, once per code per page. */
  private async placeOf(countyCode: string, cache: Map<string, string>): Promise<string> {
    let place = cache.get(countyCode);
    if (place === undefined) {
      place = await this.regions.placeName(countyCode);
      cache.set(countyCode, place);
    }
    return place;
  }
}
