import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor, CurrentActor, Roles } from '../../common/auth/auth.decorators';
import { ApiResult } from '../../common/http/openapi';
import { orderIdParamSchema, RefundDto, refundSchema } from './dto/orders.dto';
import { refundResponseSchema, toRefundResponse } from './dto/order.response';
import { OrderRefundsService } from './order-refunds.service';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/orders')
export class AdminOrdersController {
  constructor(private readonly refunds: OrderRefundsService) {}

  @Post(':id/refunds')
  @ApiResult(201, refundResponseSchema, [400, 401, 403, 404, 409])
  async refund(
    @CurrentActor() actor: Actor,
    @Param({ schema: orderIdParamSchema }) p: z.infer<typeof orderIdParamSchema>,
    @Body({ schema: refundSchema }) body: RefundDto,
  ) {
    return toRefundResponse(await this.refunds.byAdmin(actor.id, p.id, body));
  }
}
