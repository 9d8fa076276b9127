import { Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor, CurrentActor } from '../../common/auth/auth.decorators';
import { ApiResult } from '../../common/http/openapi';
import { orderIdParamSchema, orderListQuerySchema } from './dto/orders.dto';
import {
  orderDetailSchema,
  orderPageSchema,
  orderSummarySchema,
  toOrderDetail,
  toOrderSummary,
} from './dto/order.response';
import { OrdersService } from './orders.service';

type IdParam = z.infer<typeof orderIdParamSchema>;

/** A buyer's own orders. */
@ApiTags('orders')
@ApiBearerAuth()
@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Get()
  @ApiResult(200, orderPageSchema, [400, 401])
  async list(
    @CurrentActor() actor: Actor,
    @Query({ schema: orderListQuerySchema }) q: z.infer<typeof orderListQuerySchema>,
  ) {
    const page = await this.orders.listForBuyer(actor.id, q);
    return { items: page.items.map(toOrderSummary), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiResult(200, orderDetailSchema, [400, 401, 404])
  async get(@CurrentActor() actor: Actor, @Param({ schema: orderIdParamSchema }) p: IdParam) {
    return toOrderDetail(await this.orders.detailForBuyer(actor.id, p.id));
  }

  /** Cancel an unpaid order; its units go back on sale. */
  @Post(':id/cancel')
  @ApiResult(201, orderSummarySchema, [400, 401, 404, 409])
  async cancel(@CurrentActor() actor: Actor, @Param({ schema: orderIdParamSchema }) p: IdParam) {
    return toOrderSummary(await this.orders.cancelByBuyer(actor.id, p.id));
  }

  @Post(':id/confirm-receipt')
  @ApiResult(201, orderSummarySchema, [400, 401, 404, 409])
  async confirmReceipt(@CurrentActor() actor: Actor, @Param({ schema: orderIdParamSchema }) p: IdParam) {
    return toOrderSummary(await this.orders.confirmReceipt(actor.id, p.id));
  }
}
