import { Body, Controller, Headers, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor, CurrentActor } from '../../common/auth/auth.decorators';
import { ApiResult } from '../../common/http/openapi';
import { CheckoutService } from './checkout.service';
import { CheckoutDto, checkoutSchema, idempotencyKeySchema } from './dto/checkout.dto';
import { checkoutResponseSchema, toCheckoutResponse } from './dto/order.response';
import { OrdersErrors } from './orders.errors';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('checkout')
export class CheckoutController {
  constructor(private readonly checkout: CheckoutService) {}

  /**
   * Places one order per store for the cart and the payment(s) to collect. Prices, tiers,
   * shipping and commission are computed here. Repeat with the same Idempotency-Key and body
   * to get the same checkout back (200).
   */
  @Post()
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'Unique per checkout, 1–100 characters' })
  @ApiResult(201, checkoutResponseSchema, [400, 401, 404, 409, 422, 429])
  async place(
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') key: string | undefined,
    @Body({ schema: checkoutSchema }) body: CheckoutDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const parsedKey = idempotencyKeySchema.safeParse(key);
    if (!parsedKey.success) throw OrdersErrors.idempotencyKeyRequired();
    const result = await this.checkout.checkout(actor.id, parsedKey.data, body);
    reply.status(result.replayed ? 200 : 201);
    return toCheckoutResponse(
      result.group,
      result.orders,
      await this.checkout.paymentsOf(result),
      this.checkout.bankTransferAccount,
    );
  }
}
