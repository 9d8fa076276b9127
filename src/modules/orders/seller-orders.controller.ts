import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor, CurrentActor } from '../../common/auth/auth.decorators';
import { ApiResult } from '../../common/http/openapi';
import {
  RefundDto,
  refundSchema,
  shippingPolicySchema,
  ShippingPolicyDto,
  storeOrderListQuerySchema,
  storeOrderParamSchema,
  storeParamSchema,
} from './dto/orders.dto';
import {
  orderPageSchema,
  paymentSchema,
  refundResponseSchema,
  storeOrderDetailSchema,
  toStoreOrderDetail,
  toOrderSummary,
  toPaymentResponse,
  toRefundResponse,
} from './dto/order.response';
import { ShippingPolicy } from './entities/shipping-policy.entity';
import { OrderRefundsService } from './order-refunds.service';
import { OrdersService } from './orders.service';
import { READY_TO_SHIP } from './order-state';
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
    @Query({ schema: storeOrderListQuerySchema }) q: z.infer<typeof storeOrderListQuerySchema>,
  ) {
    const { readyToShip, ...query } = q;
    const page = await this.orders.listForStore(actor, p.sellerId, {
      ...query,
      statuses: readyToShip ? READY_TO_SHIP : undefined,
    });
    return { items: page.items.map(toOrderSummary), nextCursor: page.nextCursor };
  }

  @Get('orders/:orderId')
  @ApiResult(200, storeOrderDetailSchema, [400, 401, 404])
  async get(@CurrentActor() actor: Actor, @Param({ schema: storeOrderParamSchema }) p: OrderParam) {
    return toStoreOrderDetail(await this.orders.detailForStore(actor, p.sellerId, p.orderId));
  }

  /**
   * Cash on delivery: the store records the cash collected at or after delivery (409
   * CASH_BEFORE_DELIVERY before); the order then becomes paid and completed. Twice is harmless.
   */
  @Post('orders/:orderId/cash-collected')
  @ApiResult(201, paymentSchema, [400, 401, 404, 409])
  async cashCollected(@CurrentActor() actor: Actor, @Param({ schema: storeOrderParamSchema }) p: OrderParam) {
    return toPaymentResponse(await this.orders.collectCash(actor, p.sellerId, p.orderId));
  }

  /** The former name of `cash-collected`, kept for existing clients. */
  @Post('orders/:orderId/confirm-cash')
  @ApiOperation({ deprecated: true, summary: 'Use cash-collected' })
  @ApiResult(201, paymentSchema, [400, 401, 404, 409])
  async confirmCash(@CurrentActor() actor: Actor, @Param({ schema: storeOrderParamSchema }) p: OrderParam) {
    return this.cashCollected(actor, p);
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
