import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../common/errors/domain-error';
import { CARRIERS } from '../../modules/logistics/logistics.module';
import { ShipmentsService } from '../../modules/logistics/shipments.service';
import { BUYER_CANCELLABLE } from '../../modules/orders/orders.module';
import { OrdersService } from '../../modules/orders/orders.service';
import { SellersService } from '../../modules/sellers/sellers.service';
import { WebPages } from '../render/web-pages.service';
import { SignedIn } from '../session/web-auth.decorators';
import type { WebRequest, WebUser } from '../session/web-request';
import { WebController } from '../web-controller.decorator';
import { storeNamesOf } from './store-names';

const orderId = z.uuid();
const cursorSchema = z.string().max(200).optional();
const PAGE_SIZE = 20;

/** An order id that is no uuid is as unknown as someone else's order. */
function idOf(raw: string): string {
  const parsed = orderId.safeParse(raw);
  if (!parsed.success) throw new DomainError('not_found', 'ORDER_NOT_FOUND', 'Order not found');
  return parsed.data;
}

/** The buyer's orders, through OrdersService like the JSON API: someone else's order is a 404. */
@WebController('orders')
@SignedIn()
export class OrdersPageController {
  constructor(
    private readonly pages: WebPages,
    private readonly orders: OrdersService,
    private readonly shipments: ShipmentsService,
    private readonly sellers: SellersService,
  ) {}

  @Get()
  async list(@Req() request: WebRequest, @Res() reply: FastifyReply, @Query('cursor') rawCursor?: string) {
    const user = request.web.user as WebUser;
    const cursor = cursorSchema.safeParse(rawCursor);
    const page = await this.orders.listForBuyer(user.id, {
      limit: PAGE_SIZE,
      cursor: cursor.success ? cursor.data : undefined,
    });
    const names = await storeNamesOf(
      this.sellers,
      page.items.map((o) => o.sellerId),
    );
    return this.pages.render(
      request,
      reply,
      'shopping/orders',
      {
        orders: page.items.map((o) => ({
          ...o,
          storeName: names.get(o.sellerId) ?? '',
          statusKey: `shopping:status.${o.status}`,
        })),
        nextCursor: page.nextCursor,
      },
      { title: 'shopping:orders.title' },
    );
  }

  @Get(':id')
  async detail(@Req() request: WebRequest, @Res() reply: FastifyReply, @Param('id') rawId: string) {
    const user = request.web.user as WebUser;
    const detail = await this.orders.detailForBuyer(user.id, idOf(rawId));
    const { order, lines, payments, history, bankTransferAccount } = detail;
    const shipment = await this.shipments.forBuyer(user.id, order.id).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === 'SHIPMENT_NOT_FOUND') return null;
      throw error;
    });
    const transfer = payments.find((p) => p.method === 'bank_transfer' && p.transferReference);
    const names = await storeNamesOf(this.sellers, [order.sellerId]);
    const carrier = shipment ? CARRIERS[shipment.shipment.carrier] : undefined;
    return this.pages.render(
      request,
      reply,
      'shopping/order',
      {
        order: { ...order, storeName: names.get(order.sellerId) ?? '', statusKey: `shopping:status.${order.status}` },
        lines,
        paymentMethodKey: payments[0] ? `shopping:checkout.${payments[0].method}` : null,
        transfer:
          order.status === 'awaiting_offline_payment' && transfer && bankTransferAccount
            ? { ...bankTransferAccount, amountFen: transfer.amountFen, reference: transfer.transferReference }
            : null,
        shipment: shipment
          ? {
              carrierName: request.web.locale === 'en' ? carrier?.nameEn : carrier?.name,
              trackingNumber: shipment.shipment.trackingNumber,
              timeline: [...shipment.timeline].reverse(),
            }
          : null,
        history: history.map((h) => ({ ...h, statusKey: `shopping:status.${h.toStatus}` })),
        cancellable: BUYER_CANCELLABLE.includes(order.status),
        // Delivered cash on delivery too: the buyer's word is kept until the store records the cash.
        receivable: order.status === 'shipped' || (order.status === 'delivered' && order.receiptConfirmedAt === null),
        receiptConfirmed: order.status === 'delivered' && order.receiptConfirmedAt !== null,
      },
      { title: 'shopping:orders.detailTitle' },
    );
  }

  @Post(':id/cancel')
  async cancel(@Req() request: WebRequest, @Res() reply: FastifyReply, @Param('id') rawId: string) {
    const user = request.web.user as WebUser;
    const order = await this.orders.cancelByBuyer(user.id, idOf(rawId));
    return this.pages.redirect(reply, `/orders/${order.id}`);
  }

  @Post(':id/confirm-receipt')
  async confirmReceipt(@Req() request: WebRequest, @Res() reply: FastifyReply, @Param('id') rawId: string) {
    const user = request.web.user as WebUser;
    const order = await this.orders.confirmReceipt(user.id, idOf(rawId));
    return this.pages.redirect(reply, `/orders/${order.id}`);
  }
}
