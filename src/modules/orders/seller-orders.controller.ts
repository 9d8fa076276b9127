import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor, CurrentActor } from '../../common/auth/auth.decorators';
import { ApiResult } from '../../common/http/openapi';
import {
  orderListQuerySchema,
  RefundDto,
  refundSchema,
  shippingPolicySchema,
  ShippingPolicyDto,
  storeOrderParamSchema,
  storeParamSchema,
} from './dto/orders.dto';
import {
  orderDetailSchema,
  orderPageSchema,
  paymentSchema,
  refundResponseSchema,
  toOrderDetail,
  toOrderSummary,
  toPaymentResponse,
  toRefundResponse,
} from './dto/order.response';
import { ShippingPolicy } from './entities/shipping-policy.entity';
import { OrderRefundsService } from './order-refunds.service';
import { OrdersService } from './orders.service';
import { ShippingPoliciesService } from './shipping-policies.service';

type OrderParam = z.infer<typeof storeOrderParamSchema>;
type StoreParam = z.infer<typeof storeParamSchema>;
const policyResponseSchema = z.object({
  baseFeeFen: z.number().int(),
  perKgFen: z.number().int(),
  freeAboveFen: z.number().int().nullable(),
  coldChain: z.boolean(),
  coldChainSurchargeFen: z.number().int(),
});
const toPolicy = (p: ShippingPolicy): z.infer<typeof policyResponseSchema> => ({
  baseFeeFen: p.baseFeeFen,
  perKgFen: p.perKgFen,
  freeAboveFen: p.freeAboveFen,
  coldChain: p.coldChain,
  coldChainSurchargeFen: p.coldChainSurchargeFen,
});

/** A store's orders and shipping fees, for its members (or the trainer its owner consented to). */
@ApiTags('seller')
@ApiBearerAuth()
@Controller('seller/stores/:sellerId')
export class SellerOrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly policies: ShippingPoliciesService,
    private readonly refunds: OrderRefundsService,
  ) {}

  @Get('orders')
  @ApiResult(200, orderPageSchema, [400, 401, 404])
  async list(
    @CurrentActor() actor: Actor,
    @Param({ schema: storeParamSchema }) p: StoreParam,
    @Query({ schema: orderListQuerySchema }) q: z.infer<typeof orderListQuerySchema>,
  ) {
    const page = await this.orders.listForStore(actor, p.sellerId, q);
    return { items: page.items.map(toOrderSummary), nextCursor: page.nextCursor };
  }

  @Get('orders/:orderId')
  @ApiResult(200, orderDetailSchema, [400, 401, 404])
  async get(@CurrentActor() actor: Actor, @Param({ schema: storeOrderParamSchema }) p: OrderParam) {
    return toOrderDetail(await this.orders.detailForStore(actor, p.sellerId, p.orderId));
  }

  /** Cash on delivery: the store confirms it received the cash; the order becomes paid. */
  @Post('orders/:orderId/confirm-cash')
  @ApiResult(201, paymentSchema, [400, 401, 404, 409])
  async confirmCash(@CurrentActor() actor: Actor, @Param({ schema: storeOrderParamSchema }) p: OrderParam) {
    return toPaymentResponse(await this.orders.confirmCash(actor, p.sellerId, p.orderId));
  }

  /** Give money back for the order (all that is left by default), optionally restocking an unshipped order. */
  @Post('orders/:orderId/refunds')
  @ApiResult(201, refundResponseSchema, [400, 401, 404, 409])
  async refund(
    @CurrentActor() actor: Actor,
    @Param({ schema: storeOrderParamSchema }) p: OrderParam,
    @Body({ schema: refundSchema }) body: RefundDto,
  ) {
    return toRefundResponse(await this.refunds.byStore(actor, p.sellerId, p.orderId, body));
  }

  @Get('shipping-policy')
  @ApiResult(200, policyResponseSchema, [400, 401, 404])
  async policy(@CurrentActor() actor: Actor, @Param({ schema: storeParamSchema }) p: StoreParam) {
    return toPolicy(await this.policies.get(actor, p.sellerId));
  }

  @Put('shipping-policy')
  @ApiResult(200, policyResponseSchema, [400, 401, 404])
  async setPolicy(
    @CurrentActor() actor: Actor,
    @Param({ schema: storeParamSchema }) p: StoreParam,
    @Body({ schema: shippingPolicySchema }) body: ShippingPolicyDto,
  ) {
    return toPolicy(await this.policies.set(actor, p.sellerId, body));
  }
}
